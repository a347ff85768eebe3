using ChangeGate.Core.Ledger.Integrity;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Sync;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger;

/// <summary>
/// A service's ledger in a repository, shared through a git remote when one is given: fetch
/// before read, push after write, and on a lost race re-decide on the new tip and try again.
/// Every read verifies the chain since the tip this clone verified before (the whole chain in a
/// fresh clone) and refuses a ledger that is not a fast-forward of it (a rewind), one that a
/// witness remote knows to be longer, and one that lacks the policy's pinned tip.
/// </summary>
public sealed class SharedLedger : IDisposable
{
    private readonly Repository _repository;
    private readonly LedgerStore _store;
    private readonly GitRemoteSync? _sync;
    private readonly TimeProvider _clock;
    private readonly RetryPolicy _retry;
    private readonly VerifiedTipStore _verified;
    private readonly TimeSpan? _timeout;

    private SharedLedger(Repository repository, string service, string? remote, TimeProvider clock, RetryPolicy retry, TimeSpan? timeout)
    {
        _repository = repository;
        _store = new LedgerStore(repository, service);
        _timeout = timeout;
        _sync = remote is null ? null : SyncWith(remote);
        _clock = clock;
        _retry = retry;
        _verified = new VerifiedTipStore(repository, service);
    }

    /// <summary>The repository the ledger lives in.</summary>
    public Repository Repository => _repository;

    /// <summary>The remote the ledger is shared through, or null for a local-only ledger.</summary>
    public string? Remote => _sync?.Remote;

    /// <summary>The service.</summary>
    public string Service => _store.Service;

    /// <summary>The local ledger ref.</summary>
    public string RefName => _store.LocalRef;

    /// <summary>
    /// What protects the ledger (from the policy's <c>ledger</c> section): signed events, witnesses,
    /// the pinned tip. <see cref="LedgerGuards.None"/> until set.
    /// </summary>
    public LedgerGuards Guards { get; set; } = LedgerGuards.None;

    /// <summary>The actor's private key: every event written is signed with it (<c>signature.json</c>); null writes unsigned events.</summary>
    public SigningKey? Signer { get; set; }

    /// <summary>Where this clone keeps its record of the verified tip.</summary>
    public string VerifiedRecordPath => _verified.Path;

    /// <summary>Opens the ledger of <paramref name="service"/> in the repository that contains <paramref name="path"/>.</summary>
    /// <param name="path">A path inside the repository.</param>
    /// <param name="service">The service from the policy.</param>
    /// <param name="remote">The remote to share through (must exist), or null for none.</param>
    /// <param name="clock">The clock that stamps events.</param>
    /// <param name="retry">Retry policy for lost races; <see cref="RetryPolicy.Default"/> when null.</param>
    /// <param name="timeout">How long one fetch or push may take; <see cref="GitTimeout.Default"/> when null.</param>
    public static Result<SharedLedger> Open(string path, string service, string? remote, TimeProvider clock, RetryPolicy? retry = null, TimeSpan? timeout = null)
    {
        var repository = RepositoryLocator.Open(path);
        if (!repository.IsSuccess)
        {
            return Result<SharedLedger>.Fail(repository.Problems);
        }

        if (remote is not null && !RepositoryLocator.HasRemote(repository.Value, remote))
        {
            var known = repository.Value.Network.Remotes.Select(r => r.Name).ToList();
            repository.Value.Dispose();
            return Result<SharedLedger>.Fail(new Problem($"there is no git remote named '{remote}'",
                known.Count == 0 ? "add one with `git remote add origin URL`, or leave out --remote to keep the ledger local" : $"known remotes: {string.Join(", ", known)}"));
        }

        return Result<SharedLedger>.Ok(new SharedLedger(repository.Value, service, remote, clock, retry ?? RetryPolicy.Default, timeout));
    }

    /// <summary>The current state (after fetching from the remote and the witnesses, verified since the last verified tip).</summary>
    public Result<LedgerHead> Read()
    {
        var sync = Synchronise(full: false);
        return sync.IsSuccess ? Result<LedgerHead>.Ok(sync.Value.Verified.Head with { Witnesses = sync.Value.Witnesses }) : Result<LedgerHead>.Fail(sync.Problems);
    }

    /// <summary>Every event, oldest first, checked end to end, each with its signature's check (after fetching from the remote).</summary>
    public Result<IReadOnlyList<LedgerEntry>> History()
    {
        var verified = Verify();
        return verified.IsSuccess ? Result<IReadOnlyList<LedgerEntry>>.Ok(verified.Value.Ledger.Entries) : Result<IReadOnlyList<LedgerEntry>>.Fail(verified.Problems);
    }

    /// <summary>
    /// Verifies the whole chain from its first event (not only what is new since the last verified
    /// tip), every signature included, and the rewind, witness and pin checks; for <c>changegate ledger verify</c> and the audit log.
    /// </summary>
    public Result<LedgerVerification> Verify()
    {
        var sync = Synchronise(full: true);
        return sync.IsSuccess
            ? Result<LedgerVerification>.Ok(new LedgerVerification(sync.Value.Verified, sync.Value.Witnesses, sync.Value.Previous))
            : Result<LedgerVerification>.Fail(sync.Problems);
    }

    /// <summary>
    /// Decides on the current state and appends the resulting events. When another writer got in
    /// first, fetches the new tip, decides again on it (so a move that has become illegal is
    /// refused), and retries with back-off. Event ids stay the same across attempts, so an event
    /// that reached the remote on an attempt that looked failed is recognised, not written twice.
    /// </summary>
    public WriteResult Append(Func<LedgerState, DateTimeOffset, WriteDecision> decide) =>
        AppendOnHead((head, now) => decide(head.State, now));

    /// <summary>
    /// Like <see cref="Append"/>, for decisions that read the chain itself (such as the last
    /// evidence anchor of a commit): they get the tip they are decided on, with its state, and are
    /// decided again on each new tip. The state is the one decisions are made on (the trusted state
    /// when signed events are required); the events are recorded on top of the recorded state.
    /// </summary>
    public WriteResult AppendOnHead(Func<LedgerHead, DateTimeOffset, WriteDecision> decide)
    {
        var ids = new List<Guid>();
        ObjectId? previousBase = null;
        LedgerState state = LedgerState.Empty;
        var watch = new System.Diagnostics.Stopwatch();
        for (var attempt = 1; attempt <= _retry.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                Thread.Sleep(_retry.DelayBefore(attempt, watch.Elapsed));
            }

            watch.Restart();
            var sync = Synchronise(full: false);
            if (!sync.IsSuccess)
            {
                return Failed(sync.Problems, state, attempt);
            }

            var baseTip = sync.Value.Base;
            var local = sync.Value.Local;
            var head = sync.Value.Verified.Head;
            state = head.State;
            if (ids.Count > 0 && baseTip is not null)
            {
                var landed = _store.FindEvents(baseTip, previousBase, ids, RefName);
                if (!landed.IsSuccess)
                {
                    return Failed(landed.Problems, state, attempt);
                }

                if (landed.Value.Count > 0)
                {
                    // An earlier attempt reached the remote although its answer was lost: done, not twice.
                    return new WriteResult(WriteStatus.Written, landed.Value, state, null, [], attempt);
                }
            }

            var decision = decide(head, _clock.GetUtcNow());
            if (decision.Refusal is not null)
            {
                return new WriteResult(WriteStatus.Refused, [], state, decision.Refusal, [], attempt);
            }

            // An id chosen by the caller is kept; otherwise one is made on the first attempt and reused.
            while (ids.Count < decision.Events.Count)
            {
                var chosen = decision.Events[ids.Count].Id;
                ids.Add(chosen == Guid.Empty ? Guid.NewGuid() : chosen);
            }

            var events = decision.Events.Select((e, i) => e with { Id = ids[i] }).ToList();
            if (Unsignable(events) is { } unsigned)
            {
                return Failed([unsigned], state, attempt);
            }

            // Decided on the trusted state, recorded on the recorded one: a step the recorded chain
            // cannot take (a rollout that is void for the gate but still active in the record) stops here.
            var recorded = head.Recorded;
            LedgerState after;
            try
            {
                after = events.Aggregate(recorded, LedgerFold.Apply);
            }
            catch (LedgerFormatException e)
            {
                return Failed([Conflict(e.Message, sync.Value.Verified)], state, attempt);
            }

            var tip = _store.Write(baseTip, recorded, events, Signer);
            if (_sync is null)
            {
                if (TryMoveLocal(baseTip, tip))
                {
                    return Written(events, after, attempt, tip);
                }

                previousBase = baseTip;
                continue;
            }

            var push = _sync.Push([$"{tip.Sha}:{RefName}"]);
            if (!push.IsSuccess)
            {
                return Unanswered(baseTip, ids, push.Problems, state, attempt);
            }

            var answer = push.Value.FirstOrDefault(p => p.Destination == RefName);
            switch (answer?.Outcome)
            {
                case PushOutcome.Updated or PushOutcome.UpToDate:
                    RecordPushed(tip, local);
                    return Written(events, after, attempt, tip);
                case PushOutcome.Stale:
                    previousBase = baseTip;
                    continue;
                default:
                    return Failed([new Problem($"remote {_sync.Described} refused the ledger update: {answer?.Summary ?? "no answer for " + RefName}",
                        "check the remote's hooks and your permission to push refs/changegate/*")], state, attempt);
            }
        }

        return Failed([new Problem($"gave up after {_retry.MaxAttempts} attempts: other writers kept moving the ledger first", "nothing was written; run the command again")], state, _retry.MaxAttempts);
    }

    /// <summary>
    /// Restores a rewound ledger without force: takes the longest history this clone knows (its
    /// verified tip, its local copy, the remote's and each witness's, all on one line), verifies it
    /// from the first event, and pushes it to the remote and the witnesses that lack events of it, as
    /// fast-forwards. Histories that diverged are not merged: that needs people to decide.
    /// </summary>
    public Result<LedgerRepair> Repair()
    {
        var warnings = new List<Problem>();
        if (_sync is not null)
        {
            var fetched = _sync.Fetch([LedgerRefs.FetchRefspec(_sync.Remote, Service)], prune: true);
            if (!fetched.IsSuccess)
            {
                return Result<LedgerRepair>.Fail(fetched.Problems);
            }
        }

        var candidates = new List<(string Source, ObjectId Tip)>();
        void Add(string source, Result<ObjectId?> tip)
        {
            if (tip.IsSuccess && tip.Value is { } value && _repository.ObjectDatabase.Contains(value))
            {
                candidates.Add((source, value));
            }
        }

        Add("the local copy", _store.ReadTarget(RefName));
        if (_verified.Read() is { IsSuccess: true, Value: { } record })
        {
            Add("the tip this clone verified", Result<ObjectId?>.Ok(record.Tip));
        }

        if (_sync is not null)
        {
            Add($"'{_sync.Remote}'", _store.ReadTarget(LedgerRefs.Tracking(_sync.Remote, Service)));
        }

        foreach (var witness in Guards.Witnesses.Where(w => w != _sync?.Remote && RepositoryLocator.HasRemote(_repository, w)))
        {
            var fetched = SyncWith(witness).Fetch([LedgerRefs.FetchRefspec(witness, Service)], prune: true);
            if (fetched.IsSuccess)
            {
                Add($"witness '{witness}'", _store.ReadTarget(LedgerRefs.Tracking(witness, Service)));
            }
            else
            {
                warnings.Add(fetched.Problems[0]);
            }
        }

        if (candidates.Count == 0)
        {
            return Result<LedgerRepair>.Fail(new Problem($"there is no copy of the ledger {RefName} to restore from: not here, not on the remote, not on a witness",
                "restore it from another clone: run `changegate ledger repair` there"));
        }

        var best = candidates[0];
        foreach (var candidate in candidates.Skip(1))
        {
            switch (Ancestry(best.Tip, candidate.Tip))
            {
                case Relation.Ancestor:
                    best = candidate;
                    break;
                case Relation.Same or Relation.Descendant:
                    break;
                default:
                    return Result<LedgerRepair>.Fail(new Problem(
                        $"{best.Source} (tip {best.Tip.Sha[..12]}) and {candidate.Source} (tip {candidate.Tip.Sha[..12]}) hold different histories; repair only restores events by fast-forward, it never chooses between histories",
                        $"compare them with `git log --oneline {best.Tip.Sha[..12]}...{candidate.Tip.Sha[..12]}` and decide as a team; then push the history you keep by hand (`git push --force-with-lease`), and run `changegate ledger verify --accept-rewind` in clones that had the other one"));
            }
        }

        var verified = Verifier().Verify(best.Tip, null);
        if (!verified.IsSuccess)
        {
            return Result<LedgerRepair>.Fail(verified.Problems);
        }

        if (CheckPin(best.Tip) is { } pinProblem)
        {
            return Result<LedgerRepair>.Fail(pinProblem);
        }

        var pushed = new List<string>();
        var targets = (_sync is null ? [] : new[] { _sync.Remote }).Concat(Guards.Witnesses.Where(w => w != _sync?.Remote && RepositoryLocator.HasRemote(_repository, w)));
        foreach (var target in targets)
        {
            var held = _store.ReadTarget(LedgerRefs.Tracking(target, Service));
            if (held.IsSuccess && held.Value == best.Tip)
            {
                continue;
            }

            var push = SyncWith(target).Push([$"{best.Tip.Sha}:{RefName}"]);
            var answer = push.IsSuccess ? push.Value.FirstOrDefault(p => p.Destination == RefName) : null;
            if (answer?.Outcome is PushOutcome.Updated or PushOutcome.UpToDate)
            {
                pushed.Add(target);
                _repository.Refs.Add(LedgerRefs.Tracking(target, Service), best.Tip, "changegate: repaired", allowOverwrite: true);
            }
            else
            {
                warnings.Add(new Problem(
                    $"'{target}' did not take the restored ledger: {(push.IsSuccess ? answer?.Summary ?? "no answer" : push.Problems[0].Message)}",
                    $"it holds events that {best.Source} does not (written after the rewind?): compare with `git log -p {LedgerRefs.Tracking(target, Service)}` and decide by hand"));
            }
        }

        var local = _store.ReadTarget(RefName);
        if (local.IsSuccess && local.Value != best.Tip)
        {
            try
            {
                _store.TryCompareAndSwap(RefName, local.Value, best.Tip, "changegate: repaired");
            }
            catch (LibGit2SharpException)
            {
            }
        }

        _verified.Save(ChainVerifier.Record(verified.Value, Guards.Trust));
        return Result<LedgerRepair>.Ok(new LedgerRepair(best.Tip, best.Source, verified.Value.Recorded.Sequence, pushed, warnings));
    }

    /// <summary>
    /// Forgets what this clone verified, on purpose (the team rewound the ledger and agreed the
    /// vanished events are wrong): deletes the record of the verified tip and moves the local copy
    /// aside to <c>refs/changegate-backup/&lt;service&gt;/&lt;sha&gt;</c> (kept, never pushed), so
    /// the next read accepts the remote's ledger after verifying all of it.
    /// </summary>
    /// <returns>The forgotten record's tip and the backup ref, when there were any.</returns>
    public Result<(ObjectId? Forgotten, string? Backup)> ForgetVerified()
    {
        var record = _verified.Read();
        var local = _store.ReadTarget(RefName);
        string? backup = null;
        try
        {
            if (local.IsSuccess && local.Value is { } tip)
            {
                backup = $"refs/changegate-backup/{Service}/{tip.Sha}";
                _repository.Refs.Add(backup, tip, "changegate: kept before accepting a rewind", allowOverwrite: true);
                _repository.Refs.Remove(RefName);
            }

            _verified.Delete();
        }
        catch (Exception e) when (e is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            return Result<(ObjectId?, string?)>.Fail(new Problem($"could not forget the verified ledger: {e.Message}", $"remove {_verified.Path} and the ref {RefName} by hand"));
        }

        return Result<(ObjectId?, string?)>.Ok((record.IsSuccess ? record.Value?.Tip : null, backup));
    }

    /// <inheritdoc />
    public void Dispose() => _repository.Dispose();

    // The one place a remote is opened, for the ledger's remote and its witnesses alike.
    // The ledger's own remote and every witness get the same bound on each fetch and push.
    private GitRemoteSync SyncWith(string remote) =>
        new(_repository.Info.WorkingDirectory ?? _repository.Info.Path, remote, RepositoryLocator.RemoteUrl(_repository, remote), _timeout);

    // With signed events required, an event that needs a signature and cannot get a valid one would
    // be recorded and never count: refuse it up front, saying how to sign.
    private Problem? Unsignable(IReadOnlyList<LedgerEvent> events)
    {
        // Events that only make the gate more restrictive count unsigned: anyone may stop the line.
        if (Guards.Trust is not { } trust || events.FirstOrDefault(LedgerTrust.Loosens) is not { } needs)
        {
            return null;
        }

        if (Signer is null)
        {
            return new Problem(
                $"{needs.Kind} by {needs.Actor} must be signed (ledger.require-signed-events), and no signing key was given: unsigned, it would be recorded but never count",
                $"pass --actor-key FILE (your private key, whose public key ledger.signers lists for {needs.Actor}) or set CHANGEGATE_ACTOR_KEY to its PEM text");
        }

        return MismatchedKey(trust, needs.Actor);
    }

    private Problem? MismatchedKey(LedgerTrust trust, string actor)
    {
        var keyId = Signer!.KeyId;
        if (trust.Policy.RevocationOf(keyId) is { } revoked)
        {
            return new Problem($"the signing key {KeyIds.Short(keyId)} is revoked in ledger.revoked-keys ({revoked.Describe()})",
                $"make a new key pair and have it listed under ledger.signers for {actor} in a reviewed change");
        }

        if (trust.Policy.SignerOf(keyId) is not { } signer || !string.Equals(signer.Actor, actor, StringComparison.OrdinalIgnoreCase))
        {
            var listed = trust.Policy.KeysOf(actor).Select(s => s.Key.Name ?? KeyIds.Short(s.Key.Id)).ToList();
            return new Problem(
                $"the signing key {KeyIds.Short(keyId)} is not listed under ledger.signers for {actor}" + (trust.Policy.SignerOf(keyId) is { } other ? $" (it is {other.Actor}'s)" : ""),
                listed.Count == 0
                    ? $"ledger.signers lists no key for {actor}: add `- actor: {actor}` with the id and public key of your key pair in a reviewed change"
                    : $"sign with a key listed for {actor} ({string.Join(", ", listed)})");
        }

        return null;
    }

    private Problem Conflict(string what, VerifiedLedger verified)
    {
        var voided = verified.Trusted?.Void;
        return new Problem(
            $"the ledger's recorded state cannot take this step ({what})" + (voided is null ? "" : $"; for the gate, rollout {voided.RolloutId} is {voided.Reason}"),
            voided is null
                ? "see `changegate log` for the events that do not count"
                : $"end it as recorded with `changegate rollout abort --reason \"...\"`, then start a new rollout, signed");
    }

    private WriteResult Written(IReadOnlyList<LedgerEvent> events, LedgerState after, int attempt, ObjectId tip)
    {
        var warnings = new List<Problem>();
        if (_sync is not null || Guards.Witnesses.Count > 0)
        {
            // The remote holds the events; the witnesses get them next. A witness that missed them is
            // caught up by the next write (or `changegate ledger repair`) and reads report it behind.
            warnings.AddRange(PushToWitnesses(tip));
        }

        Remember(tip);
        return new WriteResult(WriteStatus.Written, events, after, null, [], attempt) { Warnings = warnings };
    }

    private List<Problem> PushToWitnesses(ObjectId tip)
    {
        var warnings = new List<Problem>();
        foreach (var witness in Guards.Witnesses)
        {
            if (witness == _sync?.Remote || !RepositoryLocator.HasRemote(_repository, witness))
            {
                continue;
            }

            var pushed = SyncWith(witness).Push([$"{tip.Sha}:{RefName}"]);
            var outcome = pushed.IsSuccess ? pushed.Value.FirstOrDefault(p => p.Destination == RefName) : null;
            if (!pushed.IsSuccess || outcome is null || outcome.Outcome == PushOutcome.Refused)
            {
                // Stale: another writer's later tip got there first, which contains ours.
                warnings.Add(new Problem(
                    $"witness '{witness}' was not updated: {(pushed.IsSuccess ? outcome?.Summary ?? "no answer" : pushed.Problems[0].Message)}",
                    $"the events are recorded on {(_sync is null ? "the local ledger" : $"'{_sync.Remote}'")}; the next write brings the witness up to date, or run `changegate ledger repair`"));
            }
        }

        return warnings;
    }

    // After a write: fold the new events into this clone's record (a few events; the chain below was verified).
    private void Remember(ObjectId tip)
    {
        if (_verified.Read() is not { IsSuccess: true } record)
        {
            return;
        }

        var from = record.Value is { } previous && Ancestry(previous.Tip, tip) == Relation.Ancestor ? previous : null;
        if (from is null && record.Value is not null)
        {
            return;
        }

        var verified = Verifier().Verify(tip, from);
        if (verified.IsSuccess)
        {
            _verified.Save(ChainVerifier.Record(verified.Value, Guards.Trust));
        }
    }

    // The remote holds the events now; moving the local copies is only a cache update. If another
    // process in this clone holds a ref lock, leave it: the next read fetches and fast-forwards.
    private void RecordPushed(ObjectId tip, ObjectId? local)
    {
        try
        {
            _repository.Refs.Add(LedgerRefs.Tracking(_sync!.Remote, Service), tip, "changegate: pushed", allowOverwrite: true);
            _store.TryCompareAndSwap(RefName, local, tip, "changegate: append");
        }
        catch (LibGit2SharpException)
        {
        }
    }

    private bool TryMoveLocal(ObjectId? expected, ObjectId tip)
    {
        try
        {
            return _store.TryCompareAndSwap(RefName, expected, tip, "changegate: append");
        }
        catch (LibGit2SharpException)
        {
            // git itself holds the ref's lock for a moment: a lost race like any other.
            return false;
        }
    }

    // A push can fail after the remote took the events (the connection dropped before its answer).
    // Look before reporting "nothing was written", or the user repeats a promote that went through.
    private WriteResult Unanswered(ObjectId? baseTip, IReadOnlyCollection<Guid> ids, IReadOnlyList<Problem> problems, LedgerState state, int attempt)
    {
        var sync = Synchronise(full: false);
        if (sync.IsSuccess)
        {
            var tip = sync.Value.Base;
            var landed = tip is null || tip == baseTip ? Result<IReadOnlyList<LedgerEvent>>.Ok([]) : _store.FindEvents(tip, baseTip, ids, RefName);
            if (landed.IsSuccess)
            {
                return landed.Value.Count > 0
                    ? new WriteResult(WriteStatus.Written, landed.Value, sync.Value.Verified.State, null, [], attempt) { Warnings = PushToWitnesses(tip!) }
                    : Failed(problems, state, attempt);
            }
        }

        return Failed([.. problems, new Problem($"could not tell whether remote '{_sync!.Remote}' took the events before the push failed",
            "run `changegate rollout status` to see the ledger before repeating the command")], state, attempt);
    }

    private static WriteResult Failed(IReadOnlyList<Problem> problems, LedgerState state, int attempts) =>
        new(WriteStatus.Failed, [], state, null, problems, attempts);

    private ChainVerifier Verifier() => new(_repository, Service, Guards.Ledger, Guards.Trust, RefName);

    /// <summary>
    /// Fetches the ledger and the witnesses, picks the tip to decide on and verifies it: the remote's
    /// when the local copy is behind or equal; a remote behind the local copy, or one that diverged
    /// from it, is a rewind and an error, as is a tip that is not a fast-forward of what this clone
    /// verified before, a witness holding events the tip lacks, and a tip without the pinned commit.
    /// </summary>
    private Result<Synchronised> Synchronise(bool full)
    {
        if (_sync is not null)
        {
            var fetched = _sync.Fetch([LedgerRefs.FetchRefspec(_sync.Remote, Service)], prune: true);
            if (!fetched.IsSuccess)
            {
                return Result<Synchronised>.Fail(fetched.Problems);
            }
        }

        var witnessesFetched = FetchWitnesses();
        if (!witnessesFetched.IsSuccess)
        {
            return Result<Synchronised>.Fail(witnessesFetched.Problems);
        }

        var local = _store.ReadTarget(RefName);
        if (!local.IsSuccess)
        {
            return Result<Synchronised>.Fail(local.Problems);
        }

        var chosen = ChooseBase(local.Value);
        if (!chosen.IsSuccess)
        {
            return Result<Synchronised>.Fail(chosen.Problems);
        }

        var basis = chosen.Value;
        var record = _verified.Read();
        if (!record.IsSuccess)
        {
            return Result<Synchronised>.Fail(record.Problems);
        }

        try
        {
            var verified = VerifyAgainst(basis, record.Value, full);
            if (!verified.IsSuccess)
            {
                return Result<Synchronised>.Fail(verified.Problems);
            }

            var pinned = CheckPin(basis);
            if (pinned is not null)
            {
                return Result<Synchronised>.Fail(pinned);
            }

            var witnesses = CheckWitnesses(basis, verified.Value);
            if (!witnesses.IsSuccess)
            {
                return Result<Synchronised>.Fail(witnesses.Problems);
            }

            if (basis is not null)
            {
                _verified.Save(ChainVerifier.Record(verified.Value, Guards.Trust));

                // Only a verified tip moves the local copy forward.
                if (local.Value != basis)
                {
                    try
                    {
                        _store.TryCompareAndSwap(RefName, local.Value, basis, $"changegate: fast-forward from {_sync?.Remote}");
                    }
                    catch (LibGit2SharpException)
                    {
                        // Only the local copy lags; the decision uses the verified tip either way.
                    }
                }
            }

            return Result<Synchronised>.Ok(new Synchronised(basis, local.Value, verified.Value, witnesses.Value, record.Value));
        }
        catch (LibGit2SharpException e)
        {
            return Result<Synchronised>.Fail(LedgerDamage.Problem(RefName, $"git cannot read it: {e.Message}"));
        }
    }

    private Result<bool> FetchWitnesses()
    {
        foreach (var witness in Guards.Witnesses)
        {
            if (witness == _sync?.Remote)
            {
                return Result<bool>.Fail(new Problem(
                    $"ledger.witnesses names '{witness}', the remote the ledger is read from; a witness must be another remote",
                    "name a remote on another host or with other push rights (`git remote add backup URL`), or read the ledger through another remote with --remote"));
            }

            if (!RepositoryLocator.HasRemote(_repository, witness))
            {
                return Result<bool>.Fail(new Problem(
                    $"the policy names the witness '{witness}' (ledger.witnesses), but this clone has no git remote of that name",
                    $"add it with `git remote add {witness} URL` (the URL every clone of the team uses for it); a CI job must add it before running changegate"));
            }

            var fetched = SyncWith(witness).Fetch([LedgerRefs.FetchRefspec(witness, Service)], prune: true);
            if (!fetched.IsSuccess)
            {
                var problem = fetched.Problems[0];
                return Result<bool>.Fail(new Problem(
                    $"witness '{witness}' cannot be read, so a rewind of the ledger could go unnoticed: {problem.Message}",
                    problem.Fix + "; changegate fails closed while a witness the policy names is unreachable"));
            }
        }

        return Result<bool>.Ok(true);
    }

    // The tip to decide on, from the local copy and the fetched one.
    private Result<ObjectId?> ChooseBase(ObjectId? local)
    {
        if (_sync is null)
        {
            return Result<ObjectId?>.Ok(local);
        }

        var trackingRef = LedgerRefs.Tracking(_sync.Remote, Service);
        var tracking = _store.ReadTarget(trackingRef);
        if (!tracking.IsSuccess)
        {
            return Result<ObjectId?>.Fail(tracking.Problems);
        }

        if (tracking.Value is not { } remote)
        {
            return local is null
                ? Result<ObjectId?>.Ok(null)
                : Result<ObjectId?>.Fail(new Problem(
                    $"remote '{_sync.Remote}' holds no ledger for {Service}, but this clone holds {Count(local, null)} events (tip {local.Sha[..12]}): the remote's ledger ref was deleted, or this ledger was never pushed",
                    $"nothing was changed. Put it back with `git push {_sync.Remote} {local.Sha}:{RefName}` (no force needed), then run again; `changegate ledger verify` shows what this clone holds"));
        }

        if (local is null || local == remote)
        {
            return Result<ObjectId?>.Ok(remote);
        }

        return Ancestry(local, remote) switch
        {
            Relation.Ancestor => Result<ObjectId?>.Ok(remote),
            Relation.Descendant => Result<ObjectId?>.Fail(Rewound(
                $"the ledger on '{_sync.Remote}' (tip {remote.Sha[..12]}) is behind this clone's copy (tip {local.Sha[..12]}): {Count(local, remote)} events vanished from the remote, which was rewound (force-pushed back)",
                local, remote)),
            _ => Result<ObjectId?>.Fail(Rewound(
                $"the local ledger {RefName} and the one on '{_sync.Remote}' have diverged (local {local.Sha[..12]}, remote {remote.Sha[..12]}): {Count(local, remote)} events of this clone's copy are not on the remote, which holds {Count(remote, local)} others: the remote was rewritten, or this copy was written without it",
                local, remote)),
        };
    }

    // The chosen tip must extend what this clone verified before; only what is new is verified.
    private Result<VerifiedLedger> VerifyAgainst(ObjectId? basis, VerifiedTip? record, bool full)
    {
        if (basis is null)
        {
            return record is null
                ? Result<VerifiedLedger>.Ok(VerifiedLedger.Empty)
                : Result<VerifiedLedger>.Fail(new Problem(
                    $"the ledger {RefName} is gone{(_sync is null ? "" : $" here and on '{_sync.Remote}'")}, but this clone verified {record.Sequence} events of it before (tip {record.Tip.Sha[..12]}): it was deleted",
                    RestoreFix(record.Tip)));
        }

        if (record is null)
        {
            return Verifier().Verify(basis, null);
        }

        return Ancestry(record.Tip, basis) switch
        {
            Relation.Same or Relation.Ancestor => Verifier().Verify(basis, full ? null : record, checkEverySignature: full),
            Relation.Descendant => Result<VerifiedLedger>.Fail(Rewound(
                $"the ledger {Source()} (tip {basis.Sha[..12]}) is behind the tip this clone verified before ({record.Tip.Sha[..12]}): {record.Sequence - Sequence(basis)} events vanished: it was rewound (force-pushed back)",
                record.Tip, basis)),
            Relation.Unknown => Result<VerifiedLedger>.Fail(Rewound(
                $"the ledger {Source()} (tip {basis.Sha[..12]}) does not contain the tip this clone verified before ({record.Tip.Sha[..12]}, {record.Sequence} events), whose commits are no longer in this repository: it was rewritten",
                record.Tip, basis)),
            _ => Result<VerifiedLedger>.Fail(Rewound(
                $"the ledger {Source()} (tip {basis.Sha[..12]}) is not a fast-forward of the tip this clone verified before ({record.Tip.Sha[..12]}): {VanishedSince(record, basis)}: it was rewritten (force-pushed, or deleted and recreated)",
                record.Tip, basis)),
        };
    }

    private string VanishedSince(VerifiedTip record, ObjectId basis)
    {
        var mergeBase = MergeBase(record.Tip, basis);
        var kept = mergeBase is null ? 0 : Sequence(mergeBase);
        return $"{record.Sequence - kept} of its {record.Sequence} events vanished and {Count(basis, mergeBase)} others were written in their place";
    }

    private Problem? CheckPin(ObjectId? basis)
    {
        if (Guards.PinnedTip is not { } pin)
        {
            return null;
        }

        var pinned = new ObjectId(pin);
        if (basis is not null && _repository.ObjectDatabase.Contains(pinned) && Ancestry(pinned, basis) is Relation.Same or Relation.Ancestor)
        {
            return null;
        }

        return new Problem(
            $"the ledger {Source()}{(basis is null ? " is empty" : $" (tip {basis.Sha[..12]})")} does not contain {pin[..12]}, the ledger commit the policy pins (ledger.pinned-tip): the ledger was rewound past it or replaced",
            "nothing was changed. Find a copy that contains it (another clone, a witness) and push it back without force; if the policy names the wrong commit, fix ledger.pinned-tip in a reviewed change");
    }

    private Result<IReadOnlyList<WitnessReport>> CheckWitnesses(ObjectId? basis, VerifiedLedger verified)
    {
        var reports = new List<WitnessReport>();
        foreach (var witness in Guards.Witnesses)
        {
            var read = _store.ReadTarget(LedgerRefs.Tracking(witness, Service));
            if (!read.IsSuccess)
            {
                return Result<IReadOnlyList<WitnessReport>>.Fail(read.Problems);
            }

            if (read.Value is not { } held)
            {
                if (basis is null)
                {
                    reports.Add(new WitnessReport(witness, null, 0));
                    continue;
                }

                return Result<IReadOnlyList<WitnessReport>>.Fail(new Problem(
                    $"witness '{witness}' holds no ledger for {Service}, while the ledger {Source()} holds {verified.Recorded.Sequence} events: a witness that is not written cannot tell a rewind",
                    $"bring it up to date once with `git push {witness} {basis.Sha}:{RefName}` (or `changegate ledger repair`); every write keeps it up to date after that"));
            }

            if (basis is not null && Ancestry(held, basis) is Relation.Same or Relation.Ancestor)
            {
                reports.Add(new WitnessReport(witness, held, held == basis ? 0 : Count(basis, held)));
                continue;
            }

            var mergeBase = basis is null ? null : MergeBase(held, basis);
            var ahead = Count(held, mergeBase);
            return Result<IReadOnlyList<WitnessReport>>.Fail(new Problem(
                $"witness '{witness}' holds {ahead} events that the ledger {Source()} does not (witness tip {held.Sha[..12]}, ledger tip {basis?.Sha[..12] ?? "none"}): the ledger was rewound or rewritten",
                $"nothing was changed. Check the witness's history (`git log -p {LedgerRefs.Tracking(witness, Service)}`); if it is the good one, restore it with `changegate ledger repair` (a fast-forward push, never forced)"));
        }

        return Result<IReadOnlyList<WitnessReport>>.Ok(reports);
    }

    private Problem Rewound(string message, ObjectId kept, ObjectId seen) =>
        new(message, $"nothing was changed. Compare with `git log --oneline {seen.Sha[..12]}..{kept.Sha[..12]}`. {RestoreFix(kept)}");

    private string RestoreFix(ObjectId kept) =>
        (_sync is null ? "" : $"If the rewind was not intended, restore the events with `changegate ledger repair` (or `git push {_sync.Remote} {kept.Sha}:{RefName}`, a fast-forward when nothing was written since); ")
        + $"if the team rewound the ledger on purpose, make this clone forget what it verified: `changegate ledger verify --accept-rewind`";

    private string Source() => _sync is null ? RefName : $"on '{_sync.Remote}'";

    private enum Relation
    {
        Same,
        Ancestor,
        Descendant,
        Diverged,
        Unknown,
    }

    // How `a` relates to `b`: Ancestor means `a` is an ancestor of `b`. Unknown: `a` is not in the repository.
    private Relation Ancestry(ObjectId a, ObjectId b)
    {
        if (a == b)
        {
            return Relation.Same;
        }

        if (!_repository.ObjectDatabase.Contains(a) || _repository.Lookup(a) is not Commit)
        {
            return Relation.Unknown;
        }

        var mergeBase = MergeBase(a, b);
        return mergeBase == a ? Relation.Ancestor : mergeBase == b ? Relation.Descendant : Relation.Diverged;
    }

    private ObjectId? MergeBase(ObjectId a, ObjectId b) =>
        _repository.ObjectDatabase.FindMergeBase(_repository.Lookup<Commit>(a), _repository.Lookup<Commit>(b))?.Id;

    // Commits reachable from `from` but not from `exclude`: events one tip holds that the other does not.
    private int Count(ObjectId from, ObjectId? exclude) =>
        _repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = from, ExcludeReachableFrom = exclude }).Count();

    private long Sequence(ObjectId commit) => Count(commit, null);

    private sealed record Synchronised(ObjectId? Base, ObjectId? Local, VerifiedLedger Verified, IReadOnlyList<WitnessReport> Witnesses, VerifiedTip? Previous);
}

/// <summary>A witness remote compared with the ledger: its tip, and how many events it lags behind (0: up to date).</summary>
/// <param name="Remote">The witness remote.</param>
/// <param name="Tip">Its tip; null when it holds no ledger (only while the ledger itself is empty).</param>
/// <param name="Behind">Events the ledger holds that the witness does not yet.</param>
public sealed record WitnessReport(string Remote, ObjectId? Tip, int Behind);

/// <summary>What <c>changegate ledger repair</c> did.</summary>
/// <param name="Tip">The tip restored (the longest verified history found).</param>
/// <param name="Source">Where it came from (the local copy, a witness...).</param>
/// <param name="Events">Its number of events.</param>
/// <param name="Pushed">The remotes it was pushed to (those that lacked events of it).</param>
/// <param name="Warnings">Remotes that could not be read or did not take it.</param>
public sealed record LedgerRepair(ObjectId Tip, string Source, long Events, IReadOnlyList<string> Pushed, IReadOnlyList<Problem> Warnings);

/// <summary>A full verification of the ledger (<c>changegate ledger verify</c>).</summary>
/// <param name="Ledger">The verified ledger; its entries are every event.</param>
/// <param name="Witnesses">How each witness compares.</param>
/// <param name="Previous">What this clone had verified before, or null for a fresh clone.</param>
public sealed record LedgerVerification(VerifiedLedger Ledger, IReadOnlyList<WitnessReport> Witnesses, VerifiedTip? Previous);
