using System.Text.Json;
using System.Text.Json.Serialization;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>What this clone verified of a service's ledger: the tip, its event count and the digest of its state.</summary>
/// <param name="Tip">The verified tip.</param>
/// <param name="Sequence">Events up to it.</param>
/// <param name="StateBlob">The git blob id of the state folded up to it, serialized as a snapshot.</param>
/// <param name="Trust">The trusted state at the tip and the fingerprint of the trust it was folded under; null when signed events were not required.</param>
public sealed record VerifiedTip(ObjectId Tip, long Sequence, string StateBlob, TrustedCache? Trust);

/// <summary>A trusted state folded under the trust with <paramref name="Fingerprint"/>.</summary>
public sealed record TrustedCache(string Fingerprint, TrustedView View);

/// <summary>
/// The clone's record of the ledger tip it verified, per service: a small file in the git directory,
/// <c>changegate/verified/&lt;service&gt;</c>, never a ref (refs can be fetched and pushed over, for
/// instance by a mirror fetch of <c>+refs/*:refs/*</c>). A warm clone folds forward from it, reading
/// only what is new; a ledger that is not a fast-forward of it is a rewind. Written atomically (a
/// temporary file renamed over it) and only forward, under the ledger's lock.
/// </summary>
public sealed class VerifiedTipStore
{
    private const int Format = 1;
    private const int MaxBytes = 4 * 1024 * 1024;
    private readonly Repository _repository;

    /// <summary>The store of <paramref name="service"/>'s record in <paramref name="repository"/>.</summary>
    public VerifiedTipStore(Repository repository, string service)
    {
        ArgumentNullException.ThrowIfNull(repository);
        _repository = repository;
        Service = service;
        Path = System.IO.Path.Combine(RefLock.CommonDirectory(repository.Info.Path), "changegate", "verified", service);
    }

    /// <summary>The service.</summary>
    public string Service { get; }

    /// <summary>The record's file.</summary>
    public string Path { get; }

    /// <summary>The record; null when this clone never verified the ledger; a problem when the file is unreadable.</summary>
    public Result<VerifiedTip?> Read()
    {
        string text;
        try
        {
            var info = new FileInfo(Path);
            if (!info.Exists)
            {
                return Result<VerifiedTip?>.Ok(null);
            }

            if (info.Length > MaxBytes)
            {
                return Unreadable($"it is {info.Length} bytes");
            }

            text = File.ReadAllText(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unreadable(e.Message);
        }

        RecordFile? file;
        try
        {
            file = JsonSerializer.Deserialize(text, VerifiedTipJsonContext.Default.RecordFile);
        }
        catch (JsonException e)
        {
            return Unreadable($"it does not parse ({e.Message.Split(". ")[0]})");
        }

        if (file is null || file.Format != Format || file.Service != Service || !ObjectId.TryParse(file.Tip, out var tip) || file.State is null)
        {
            return Unreadable(file is { Format: not Format } ? $"it has format {file.Format}; this changegate reads format {Format}" : "it is not a verified-tip record of this service");
        }

        TrustedCache? trust = null;
        if (file.Trust is { Fingerprint: { } fingerprint, State: { } stateJson } cache)
        {
            try
            {
                var state = LedgerJson.DeserializeState(stateJson, "the verified-tip record");
                var voided = cache.VoidRollout is null ? null : new VoidedRollout(cache.VoidRollout, cache.VoidReason ?? "");
                trust = new TrustedCache(fingerprint, new TrustedView(state, voided, cache.Uncounted ?? []));
            }
            catch (LedgerFormatException e)
            {
                return Unreadable(e.Message);
            }
        }

        return Result<VerifiedTip?>.Ok(new VerifiedTip(tip, file.Sequence, file.State, trust));
    }

    /// <summary>
    /// Records <paramref name="verified"/> unless the record already holds a tip it does not descend
    /// from (another changegate process of this clone recorded a later tip meanwhile): the record only
    /// moves forward. A record that cannot be written is left as it was; the next run verifies more.
    /// </summary>
    public void Save(VerifiedTip verified)
    {
        ArgumentNullException.ThrowIfNull(verified);
        var file = new RecordFile
        {
            Format = Format,
            Service = Service,
            Tip = verified.Tip.Sha,
            Sequence = verified.Sequence,
            State = verified.StateBlob,
            Trust = verified.Trust is not { } trust ? null : new TrustFile
            {
                Fingerprint = trust.Fingerprint,
                State = LedgerJson.Serialize(trust.View.State),
                VoidRollout = trust.View.Void?.RolloutId,
                VoidReason = trust.View.Void?.Reason,
                Uncounted = [.. trust.View.Uncounted],
            },
        };

        try
        {
            using var guard = RefLock.Acquire(_repository);
            if (Read() is { IsSuccess: true, Value: { } current } && current.Tip != verified.Tip
                && (!_repository.ObjectDatabase.Contains(current.Tip) || _repository.ObjectDatabase.FindMergeBase(
                    _repository.Lookup<Commit>(current.Tip), _repository.Lookup<Commit>(verified.Tip))?.Id != current.Tip))
            {
                return;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(file, VerifiedTipJsonContext.Default.RecordFile) + "\n");
            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LibGit2SharpException)
        {
            // Only a cache of work done: without it the next run verifies from further back.
        }
    }

    /// <summary>Forgets the record: the next run verifies the whole chain and accepts whatever tip it finds (used on purpose only).</summary>
    public void Delete()
    {
        using var guard = RefLock.Acquire(_repository);
        File.Delete(Path);
    }

    private Result<VerifiedTip?> Unreadable(string what) => Result<VerifiedTip?>.Fail(new Problem(
        $"this clone's record of the verified ledger tip ({Path}) is unreadable: {what}",
        $"it is changegate's own file, not something to edit. Remove it (`rm {Path}`) to verify the whole ledger again; note that this also forgets which tip this clone had verified, so a rewind since then would go unnoticed here"));

    /// <summary>The record as written.</summary>
    internal sealed class RecordFile
    {
        [JsonPropertyName("format")]
        public int Format { get; set; }

        [JsonPropertyName("service")]
        public string? Service { get; set; }

        [JsonPropertyName("tip")]
        public string? Tip { get; set; }

        [JsonPropertyName("sequence")]
        public long Sequence { get; set; }

        [JsonPropertyName("state")]
        public string? State { get; set; }

        [JsonPropertyName("trust")]
        public TrustFile? Trust { get; set; }
    }

    /// <summary>The trusted state as written.</summary>
    internal sealed class TrustFile
    {
        [JsonPropertyName("fingerprint")]
        public string? Fingerprint { get; set; }

        [JsonPropertyName("state")]
        public string? State { get; set; }

        [JsonPropertyName("voidRollout")]
        public string? VoidRollout { get; set; }

        [JsonPropertyName("voidReason")]
        public string? VoidReason { get; set; }

        [JsonPropertyName("uncounted")]
        public List<UncountedEvent>? Uncounted { get; set; }
    }
}

/// <summary>Source-generated JSON for the verified-tip record (no reflection: the CLI is published Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(VerifiedTipStore.RecordFile))]
internal sealed partial class VerifiedTipJsonContext : JsonSerializerContext;
