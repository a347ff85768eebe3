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
            var links = Read(Commits(tip, start), start, readSignatures: _trust is not null || checkEverySignature);

            // Parsing is independent per event: spread it over the cores. Failures are raised in chain order below.
            var parsed = new (LedgerEvent? Event, LedgerFormatException? Error)[links.Count];
            Parallel.For(0, links.Count, i =>
            {
                try
                {
                    parsed[i] = (LedgerJson.DeserializeEvent(links[i].Event, links[i].Where), null);
                }
                catch (LedgerFormatException e)
                {
                    parsed[i] = (null, e);
                }
            });

            var recorded = resumed?.Recorded ?? LedgerState.Empty;
            var pastCutoff = cutoff.Value is not { } cut || (start is not null && IsAncestor(cut, start));
            var seen = new HashSet<Guid>();
            var needed = new bool[links.Count];
            using var snapshots = new SnapshotWriter();
            for (var i = 0; i < links.Count; i++)
            {
                var link = links[i];
                var e = parsed[i].Event ?? throw parsed[i].Error!;
                if (!seen.Add(e.Id))
                {
                    throw new LedgerFormatException($"{link.Where}: event {e.Id} appears twice in the ledger");
                }

                try
                {
                    recorded = LedgerFold.Apply(recorded, e);
                }
                catch (LedgerFormatException problem)
                {
                    throw new LedgerFormatException($"{link.Where} ({e.Kind} by {e.Actor}): {problem.Message}");
                }

                CheckSnapshot(snapshots, recorded, link, e);
                needed[i] = _trust is not null && pastCutoff && LedgerTrust.Loosens(e);
                if (cutoff.Value is { } c && link.Commit == c)
                {
                    pastCutoff = true;
                }
            }

            var signatures = CheckSignatures(links, parsed, i => needed[i] || (checkEverySignature && (links[i].Signature is not null || _trust is not null)));
            var trusted = _trust is null ? null : resumed?.Trusted ?? TrustedView.Empty;
            var entries = new List<LedgerEntry>(links.Count);
            for (var i = 0; i < links.Count; i++)
            {
                var e = parsed[i].Event!;
                string? notCounted = null;
                if (trusted is not null)
                {
                    notCounted = needed[i] ? _trust!.WhyNotCounted(e, signatures[i]!, trusted.State) : null;
                    try
                    {
                        trusted = TrustedFold.Apply(trusted, e, notCounted, links[i].Sha);
                    }
                    catch (LedgerFormatException problem)
                    {
                        throw new LedgerFormatException($"{links[i].Where} ({e.Kind} by {e.Actor}), folded as the gate counts it: {problem.Message}");
                    }
                }

                entries.Add(new LedgerEntry(links[i].Commit, e) { Signature = signatures[i], NotCounted = notCounted, SignatureRequired = needed[i] });
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

    /// <summary>One commit of the chain as read from git: its files' contents and ids.</summary>
    private sealed record Link(ObjectId Commit, string? Parent, string Where, byte[] Event, ObjectId State, byte[]? Signature)
    {
        public string Sha => Commit.Sha;
    }

    // Reads every commit's event (and signature) once. A long chain is read by several threads, each
    // through its own repository handle (libgit2 is safe that way, not with one handle shared); the
    // first problem in chain order is the one reported.
    private List<Link> Read(List<Commit> commits, ObjectId? start, bool readSignatures)
    {
        var count = commits.Count;
        var links = new Link?[count];
        var errors = new Exception?[count];
        var ids = commits.Select(c => c.Id).ToArray();
        var workers = count < 512 ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
        var chunk = (count + workers - 1) / Math.Max(1, workers);
        Parallel.For(0, workers, worker =>
        {
            using var own = worker == 0 ? null : new Repository(_repository.Info.Path);
            var repository = own ?? _repository;
            for (var i = worker * chunk; i < Math.Min(count, (worker + 1) * chunk); i++)
            {
                try
                {
                    var commit = repository.Lookup<Commit>(ids[i]);
                    var where = $"ledger commit {commit.Sha[..12]}";
                    var files = Files(commit, where);
                    var signature = readSignatures && files.Signature is not null ? Content(files.Signature, where, EventSignatures.FileName, EventSignatures.MaxBytes) : null;
                    links[i] = new Link(commit.Id, i == 0 ? start?.Sha : ids[i - 1].Sha, where, Content(files.Event, where, EventFile), files.State.Target.Id, signature);
                }
                catch (Exception e) when (e is LedgerFormatException or LibGit2SharpException)
                {
                    errors[i] = e;
                    return;
                }
            }
        });

        for (var i = 0; i < count; i++)
        {
            if (errors[i] is { } error)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
        }

        return [.. links.Select(l => l!)];
    }

    // Signature checks are pure cryptography, independent per event: spread over the cores, each
    // thread with its own copy of the public keys (an ECDsa instance is not for concurrent use).
    private SignatureCheck?[] CheckSignatures(List<Link> links, (LedgerEvent? Event, LedgerFormatException? Error)[] parsed, Func<int, bool> wanted)
    {
        var checks = new SignatureCheck?[links.Count];
        var indices = Enumerable.Range(0, links.Count).Where(wanted).ToList();
        if (indices.Count == 0)
        {
            return checks;
        }

        using var policies = new ThreadLocal<LedgerPolicy>(() => _ledgerPolicy with
        {
            Signers = [.. _ledgerPolicy.Signers.Select(s => s with { Key = TrustedKey.FromPem(s.Key.Pem, s.Key.Id, s.Key.Name, "the key " + s.Key.Id).Value })],
        });
        Parallel.ForEach(indices, i =>
        {
            var link = links[i];
            string? text = null;
            if (link.Signature is { } bytes)
            {
                try
                {
                    text = StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    checks[i] = new SignatureCheck(SignatureVerdict.Invalid, null, $"{EventSignatures.FileName} is not UTF-8 text");
                    return;
                }
            }

            checks[i] = EventSignatures.Check(text, _service, link.Parent, link.Event, parsed[i].Event!.Actor, policies.Value!);
        });
        return checks;
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
    public static ObjectId StateBlobId(LedgerState state)
    {
        using var writer = new SnapshotWriter();
        return writer.BlobId(state);
    }

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

    private static byte[] Content(TreeEntry entry, string where, string name, long max = MaxFileBytes) => Content((Blob)entry.Target, where, name, max);

    private static byte[] Content(Blob blob, string where, string name, long max = MaxFileBytes)
    {
        if (blob.Size > max)
        {
            throw new LedgerFormatException($"{where}: {name} is {blob.Size} bytes, more than the {max} a ledger file may be");
        }

        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
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
    private void CheckSnapshot(SnapshotWriter snapshots, LedgerState folded, Link link, LedgerEvent e)
    {
        var snapshot = link.State;
        if (snapshots.BlobId(folded) == snapshot)
        {
            // Equal by name; the object must still be there for git (a push, an older reader) to read it.
            if (!_repository.ObjectDatabase.Contains(snapshot))
            {
                throw new LedgerFormatException($"{link.Where}: its state.json ({snapshot.Sha}) is missing from the repository (a disk error or an interrupted copy)");
            }

            return;
        }

        var foldedText = LedgerJson.Serialize(folded);
        var storedText = Decode(Content(_repository.Lookup<Blob>(snapshot), link.Where, StateFile), link.Where, StateFile);
        var stored = LedgerJson.DeserializeState(storedText, link.Where);
        var normalized = LedgerJson.Serialize(stored);
        if (normalized != foldedText)
        {
            throw new LedgerFormatException(
                $"{link.Where} ({e.Kind} by {e.Actor}): state.json differs from the state folded from its parent and event.json: {SnapshotDiff.Describe(normalized, foldedText)}");
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
