using System.Text;
using System.Text.Json;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Signing;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>
/// Verifies a ledger chain: every commit has one parent (the one before it), holds
/// <c>event.json</c> and <c>state.json</c> (and, when signed, <c>signature.json</c>) and nothing else,
/// its event parses and appears once, and its snapshot equals the state folded from its parent's
/// verified state and its event. Fast: each event is read and folded once, and each snapshot is
/// checked by comparing the git blob id of the folded state (serialized as a snapshot) with the id in
/// the commit's tree, without reading the snapshot. Snapshots written by an older changegate (members
/// added since) are read and compared as parsed state when the ids differ.
/// </summary>
public sealed class ChainVerifier
{
    private const string EventFile = "event.json";
    private const string StateFile = "state.json";

    // Far above any real event or state; a bigger blob (pushed by someone with write access to the
    // refs) is damage, and is never read into memory.
    private const long MaxFileBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Repository _repository;
    private readonly string _service;
    private readonly LedgerPolicy _ledgerPolicy;
    private readonly LedgerTrust? _trust;
    private readonly string _refName;

    /// <summary>Creates a verifier of <paramref name="service"/>'s ledger.</summary>
    /// <param name="repository">The repository holding the ledger.</param>
    /// <param name="service">The service (bound into event signatures).</param>
    /// <param name="ledgerPolicy">The policy's signers (to show signatures even when they are not required).</param>
    /// <param name="trust">With signed events required, the trust the trusted state is folded under; else null.</param>
    /// <param name="refName">The ledger ref, for messages.</param>
    public ChainVerifier(Repository repository, string service, LedgerPolicy ledgerPolicy, LedgerTrust? trust, string refName)
    {
        _repository = repository;
        _service = service;
        _ledgerPolicy = ledgerPolicy;
        _trust = trust;
        _refName = refName;
    }

    /// <summary>
    /// Verifies the chain ending at <paramref name="tip"/>. With <paramref name="from"/> (a tip this
    /// clone verified before, which must be <paramref name="tip"/> or an ancestor of it) only the
    /// commits after it are read; a record that does not match the repository, or whose trusted state
    /// was folded under another trust, is ignored and the whole chain is read.
    /// </summary>
    /// <param name="tip">The tip to verify.</param>
    /// <param name="from">What this clone verified before, or null to read the whole chain.</param>
    /// <param name="checkEverySignature">Check the signature of every event (for the audit log), not only of those that need one.</param>
    public Result<VerifiedLedger> Verify(ObjectId tip, VerifiedTip? from, bool checkEverySignature = false)
    {
        ArgumentNullException.ThrowIfNull(tip);
        try
        {
            var resumed = from is null ? null : Resume(from);
            var cutoff = Cutoff(tip);
            if (!cutoff.IsSuccess)
            {
                return Result<VerifiedLedger>.Fail(cutoff.Problems);
            }

            var start = resumed?.Tip;
            var commits = Commits(tip, start);
            var recorded = resumed?.Recorded ?? LedgerState.Empty;
            var trusted = _trust is null ? null : resumed?.Trusted ?? TrustedView.Empty;
            var pastCutoff = cutoff.Value is not { } cut || (start is not null && IsAncestor(cut, start));
            var seen = new HashSet<Guid>();
            var entries = new List<LedgerEntry>(commits.Count);
            string? parent = start?.Sha;
            foreach (var commit in commits)
            {
                var where = $"ledger commit {commit.Sha[..12]}";
                var files = Files(commit, where);
                var eventBytes = Content(files.Event, where, EventFile);
                var e = LedgerJson.DeserializeEvent(Decode(eventBytes, where, EventFile), where);
                if (!seen.Add(e.Id))
                {
                    throw new LedgerFormatException($"{where}: event {e.Id} appears twice in the ledger");
                }

                try
                {
                    recorded = LedgerFold.Apply(recorded, e);
                }
                catch (LedgerFormatException problem)
                {
                    throw new LedgerFormatException($"{where} ({e.Kind} by {e.Actor}): {problem.Message}");
                }

                CheckSnapshot(_repository, recorded, files.State, where, e);

                var needed = _trust is not null && pastCutoff && LedgerTrust.Loosens(e);
                SignatureCheck? signature = null;
                if (needed || (checkEverySignature && (files.Signature is not null || _trust is not null)))
                {
                    var signatureJson = files.Signature is null ? null : Decode(Content(files.Signature, where, EventSignatures.FileName, EventSignatures.MaxBytes), where, EventSignatures.FileName);
                    signature = EventSignatures.Check(signatureJson, _service, parent, eventBytes, e.Actor, _ledgerPolicy);
                }

                string? notCounted = null;
                if (trusted is not null)
                {
                    notCounted = needed ? _trust!.WhyNotCounted(e, signature!, trusted.State) : null;
                    try
                    {
                        trusted = TrustedFold.Apply(trusted, e, notCounted, commit.Sha);
                    }
                    catch (LedgerFormatException problem)
                    {
                        throw new LedgerFormatException($"{where} ({e.Kind} by {e.Actor}), folded as the gate counts it: {problem.Message}");
                    }
                }

                entries.Add(new LedgerEntry(commit.Id, e) { Signature = signature, NotCounted = notCounted, SignatureRequired = needed });
                if (cutoff.Value is { } c && commit.Id == c)
                {
                    pastCutoff = true;
                }

                parent = commit.Sha;
            }

            return Result<VerifiedLedger>.Ok(new VerifiedLedger(tip, recorded, trusted, start, entries));
        }
        catch (LedgerFormatException e)
        {
            return Damaged(e.Message);
        }
        catch (LibGit2SharpException e)
        {
            return Damaged($"git cannot read it: {e.Message}");
        }
    }

    /// <summary>The record of <paramref name="verified"/>: what a later run folds forward from.</summary>
    public static VerifiedTip Record(VerifiedLedger verified, LedgerTrust? trust)
    {
        ArgumentNullException.ThrowIfNull(verified);
        return new VerifiedTip(
            verified.Tip ?? throw new ArgumentException("An empty ledger has no tip to record.", nameof(verified)),
            verified.Recorded.Sequence,
            StateBlobId(verified.Recorded).Sha,
            trust is null || verified.Trusted is null ? null : new TrustedCache(trust.Fingerprint, verified.Trusted));
    }

    /// <summary>The git blob id of <paramref name="state"/> written as a snapshot.</summary>
    public static ObjectId StateBlobId(LedgerState state) => GitBlobId.Of(JsonSerializer.SerializeToUtf8Bytes(state, LedgerJson.Options));

    // Where the previous verification ended, when the record still describes this repository and trust.
    private (ObjectId Tip, LedgerState Recorded, TrustedView? Trusted)? Resume(VerifiedTip from)
    {
        if (!_repository.ObjectDatabase.Contains(from.Tip) || _repository.Lookup(from.Tip) is not Commit commit)
        {
            return null;
        }

        if (_trust is not null && (from.Trust is null || from.Trust.Fingerprint != _trust.Fingerprint))
        {
            return null;
        }

        if (commit.Tree[StateFile]?.Target is not Blob blob)
        {
            return null;
        }

        var state = LedgerJson.DeserializeState(blob.GetContentText(), $"ledger commit {commit.Sha[..12]}");
        return StateBlobId(state).Sha == from.StateBlob && state.Sequence == from.Sequence
            ? (commit.Id, state, _trust is null ? null : from.Trust!.View)
            : null;
    }

    // ledger.unsigned-until must name a commit of this chain: otherwise every event would count unsigned.
    private Result<ObjectId?> Cutoff(ObjectId tip)
    {
        if (_trust?.Policy.UnsignedUntil is not { } text)
        {
            return Result<ObjectId?>.Ok(null);
        }

        var cutoff = new ObjectId(text);
        return _repository.ObjectDatabase.Contains(cutoff) && _repository.Lookup(cutoff) is Commit && IsAncestor(cutoff, tip)
            ? Result<ObjectId?>.Ok(cutoff)
            : Result<ObjectId?>.Fail(new Problem(
                $"ledger.unsigned-until names {text}, which is not a commit of the ledger at {_refName} (tip {tip.Sha[..12]})",
                "name the ledger commit up to which unsigned events count (the tip when signing was turned on, from `changegate ledger verify`), or remove unsigned-until so every event needs its signature"));
    }

    // The commits after `stop` up to `tip`, oldest first, each with exactly one parent: the one before it.
    private List<Commit> Commits(ObjectId tip, ObjectId? stop)
    {
        var commits = new List<Commit>();
        for (var commit = _repository.Lookup<Commit>(tip); commit.Id != stop;)
        {
            commits.Add(commit);
            Commit? parent = null;
            var count = 0;
            foreach (var p in commit.Parents)
            {
                parent = p;
                if (++count > 1)
                {
                    throw new LedgerFormatException($"ledger commit {commit.Sha[..12]} is a merge; the ledger is a single chain");
                }
            }

            if (parent is null)
            {
                if (stop is not null)
                {
                    throw new LedgerFormatException($"the chain does not contain {stop.Sha[..12]}, the tip this clone verified before");
                }

                break;
            }

            commit = parent;
        }

        commits.Reverse();
        return commits;
    }

    private static (TreeEntry Event, TreeEntry State, TreeEntry? Signature) Files(Commit commit, string where)
    {
        TreeEntry? eventEntry = null;
        TreeEntry? stateEntry = null;
        TreeEntry? signatureEntry = null;
        var others = new List<string>();
        foreach (var entry in commit.Tree)
        {
            switch (entry.Name)
            {
                case EventFile:
                    eventEntry = entry;
                    break;
                case StateFile:
                    stateEntry = entry;
                    break;
                case EventSignatures.FileName:
                    signatureEntry = entry;
                    break;
                default:
                    others.Add(entry.Name);
                    break;
            }
        }

        if (stateEntry is null || eventEntry is null)
        {
            throw new LedgerFormatException($"{where} has no {(stateEntry is null ? StateFile : EventFile)}; it is not a changegate ledger commit");
        }

        if (others.Count > 0)
        {
            throw new LedgerFormatException($"{where} holds {string.Join(", ", others)} besides the event; a ledger commit holds {EventFile}, {StateFile} and, when signed, {EventSignatures.FileName} only");
        }

        foreach (var entry in new[] { eventEntry, stateEntry, signatureEntry })
        {
            if (entry is not null && (entry.TargetType != TreeEntryTargetType.Blob || entry.Mode != Mode.NonExecutableFile))
            {
                throw new LedgerFormatException($"{where}: {entry.Name} is not a plain file");
            }
        }

        return (eventEntry, stateEntry, signatureEntry);
    }

    private static byte[] Content(TreeEntry entry, string where, string name, long max = MaxFileBytes)
    {
        var blob = (Blob)entry.Target;
        if (blob.Size > max)
        {
            throw new LedgerFormatException($"{where}: {name} is {blob.Size} bytes, more than the {max} a ledger file may be");
        }

        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream((int)blob.Size);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string Decode(byte[] bytes, string where, string name)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new LedgerFormatException($"{where}: {name} is not UTF-8 text");
        }
    }

    // The snapshot must be the folded state: by blob id (a hash, no read) and, for snapshots written
    // before members were added, by parsed content.
    private static void CheckSnapshot(Repository repository, LedgerState folded, TreeEntry snapshot, string where, LedgerEvent e)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(folded, LedgerJson.Options);
        if (GitBlobId.Of(bytes) == snapshot.Target.Id)
        {
            // Equal by name; the object must still be there for git (a push, an older reader) to read it.
            if (!repository.ObjectDatabase.Contains(snapshot.Target.Id))
            {
                throw new LedgerFormatException($"{where}: its state.json ({snapshot.Target.Sha}) is missing from the repository (a disk error or an interrupted copy)");
            }

            return;
        }

        var foldedText = Encoding.UTF8.GetString(bytes);
        var storedText = Decode(Content(snapshot, where, StateFile), where, StateFile);
        var stored = LedgerJson.DeserializeState(storedText, where);
        var normalized = LedgerJson.Serialize(stored);
        if (normalized != foldedText)
        {
            throw new LedgerFormatException(
                $"{where} ({e.Kind} by {e.Actor}): state.json differs from the state folded from its parent and event.json: {SnapshotDiff.Describe(normalized, foldedText)}");
        }
    }

    private bool IsAncestor(ObjectId ancestor, ObjectId descendant) =>
        ancestor == descendant || _repository.ObjectDatabase.FindMergeBase(_repository.Lookup<Commit>(ancestor), _repository.Lookup<Commit>(descendant))?.Id == ancestor;

    private Result<VerifiedLedger> Damaged(string what) => Result<VerifiedLedger>.Fail(LedgerDamage.Problem(_refName, what));
}

/// <summary>The one message for a damaged ledger: what is wrong, that nothing was changed, how to inspect it.</summary>
internal static class LedgerDamage
{
    public static Problem Problem(string refName, string what) =>
        new($"the ledger at {refName} is damaged: {what}",
            $"nothing was changed. Inspect it with `git log -p {refName}`; if the remote holds a good copy, delete the local ref with `git update-ref -d {refName}` and run again");
}
