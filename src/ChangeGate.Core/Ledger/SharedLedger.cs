using ChangeGate.Core.Sync;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger;

/// <summary>
/// A service's ledger in a repository, shared through a git remote when one is given: fetch
/// before read, push after write, and on a lost race re-decide on the new tip and try again.
/// </summary>
public sealed class SharedLedger : IDisposable
{
    private readonly Repository _repository;
    private readonly LedgerStore _store;
    private readonly GitRemoteSync? _sync;
    private readonly TimeProvider _clock;
    private readonly RetryPolicy _retry;

    private SharedLedger(Repository repository, string service, string? remote, TimeProvider clock, RetryPolicy retry, TimeSpan? timeout)
    {
        _repository = repository;
        _store = new LedgerStore(repository, service);
        _sync = remote is null ? null : new GitRemoteSync(repository.Info.WorkingDirectory ?? repository.Info.Path, remote, RepositoryLocator.RemoteUrl(repository, remote), timeout);
        _clock = clock;
        _retry = retry;
    }

    /// <summary>The repository the ledger lives in.</summary>
    public Repository Repository => _repository;

    /// <summary>The remote the ledger is shared through, or null for a local-only ledger.</summary>
    public string? Remote => _sync?.Remote;

    /// <summary>The service.</summary>
    public string Service => _store.Service;

    /// <summary>The local ledger ref.</summary>
    public string RefName => _store.LocalRef;

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

    /// <summary>The current state (after fetching from the remote).</summary>
    public Result<LedgerHead> Read()
    {
        var sync = Synchronise();
        return sync.IsSuccess ? _store.ReadHead(sync.Value.Base, RefName) : Result<LedgerHead>.Fail(sync.Problems);
    }

    /// <summary>Every event, oldest first, checked end to end (after fetching from the remote).</summary>
    public Result<IReadOnlyList<LedgerEntry>> History()
    {
        var sync = Synchronise();
        return sync.IsSuccess ? _store.ReadChain(sync.Value.Base, RefName) : Result<IReadOnlyList<LedgerEntry>>.Fail(sync.Problems);
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
    /// decided again on each new tip.
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
            var sync = Synchronise();
            if (!sync.IsSuccess)
            {
                return Failed(sync.Problems, state, attempt);
            }

            var (baseTip, local) = sync.Value;
            var head = _store.ReadHead(baseTip, RefName);
            if (!head.IsSuccess)
            {
                return Failed(head.Problems, state, attempt);
            }

            state = head.Value.State;
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

            var decision = decide(head.Value, _clock.GetUtcNow());
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
            var tip = _store.Write(baseTip, state, events);
            var after = events.Aggregate(state, LedgerFold.Apply);
            if (_sync is null)
            {
                if (TryMoveLocal(baseTip, tip))
                {
                    return new WriteResult(WriteStatus.Written, events, after, null, [], attempt);
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
                    return new WriteResult(WriteStatus.Written, events, after, null, [], attempt);
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

    /// <inheritdoc />
    public void Dispose() => _repository.Dispose();

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
        var sync = Synchronise();
        if (sync.IsSuccess)
        {
            var tip = sync.Value.Base;
            var landed = tip is null || tip == baseTip ? Result<IReadOnlyList<LedgerEvent>>.Ok([]) : _store.FindEvents(tip, baseTip, ids, RefName);
            var head = _store.ReadHead(tip, RefName);
            if (landed.IsSuccess && head.IsSuccess)
            {
                return landed.Value.Count > 0
                    ? new WriteResult(WriteStatus.Written, landed.Value, head.Value.State, null, [], attempt)
                    : Failed(problems, state, attempt);
            }
        }

        return Failed([.. problems, new Problem($"could not tell whether remote '{_sync!.Remote}' took the events before the push failed",
            "run `changegate rollout status` to see the ledger before repeating the command")], state, attempt);
    }

    private static WriteResult Failed(IReadOnlyList<Problem> problems, LedgerState state, int attempts) =>
        new(WriteStatus.Failed, [], state, null, problems, attempts);

    /// <summary>Fetches, then picks the tip to build on: the remote's when the local copy is behind or equal, the local one when it is ahead.</summary>
    private Result<(ObjectId? Base, ObjectId? Local)> Synchronise()
    {
        if (_sync is not null)
        {
            var fetched = _sync.Fetch([LedgerRefs.FetchRefspec(_sync.Remote, Service)], prune: true);
            if (!fetched.IsSuccess)
            {
                return Result<(ObjectId?, ObjectId?)>.Fail(fetched.Problems);
            }
        }

        var local = _store.ReadTarget(RefName);
        if (!local.IsSuccess)
        {
            return Result<(ObjectId?, ObjectId?)>.Fail(local.Problems);
        }

        if (_sync is null)
        {
            return Result<(ObjectId?, ObjectId?)>.Ok((local.Value, local.Value));
        }

        var trackingRef = LedgerRefs.Tracking(_sync.Remote, Service);
        var tracking = _store.ReadTarget(trackingRef);
        if (!tracking.IsSuccess)
        {
            return Result<(ObjectId?, ObjectId?)>.Fail(tracking.Problems);
        }

        if (tracking.Value is null)
        {
            return Result<(ObjectId?, ObjectId?)>.Ok((local.Value, local.Value));
        }

        var localBehind = local.Value is null ? Result<bool>.Ok(true) : _store.IsAncestor(local.Value, tracking.Value, RefName);
        if (!localBehind.IsSuccess)
        {
            return Result<(ObjectId?, ObjectId?)>.Fail(localBehind.Problems);
        }

        if (localBehind.Value)
        {
            if (local.Value != tracking.Value)
            {
                try
                {
                    _store.TryCompareAndSwap(RefName, local.Value, tracking.Value, $"changegate: fast-forward from {_sync.Remote}");
                }
                catch (LibGit2SharpException)
                {
                    // Only the local copy lags; the decision uses the fetched tip either way.
                }
            }

            return Result<(ObjectId?, ObjectId?)>.Ok((tracking.Value, tracking.Value));
        }

        var localAhead = _store.IsAncestor(tracking.Value, local.Value!, RefName);
        if (!localAhead.IsSuccess)
        {
            return Result<(ObjectId?, ObjectId?)>.Fail(localAhead.Problems);
        }

        if (localAhead.Value)
        {
            return Result<(ObjectId?, ObjectId?)>.Ok((local.Value, local.Value));
        }

        return Result<(ObjectId?, ObjectId?)>.Fail(new Problem(
            $"the local ledger {RefName} and the one on '{_sync.Remote}' have diverged (local {local.Value!.Sha[..12]}, remote {tracking.Value.Sha[..12]})",
            $"nothing was changed. Compare them with `git log {RefName} {trackingRef}`; to take the remote's, run `git update-ref {RefName} {trackingRef}`"));
    }
}
