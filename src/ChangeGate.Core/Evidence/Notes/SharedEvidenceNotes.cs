using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Sync;
using LibGit2Sharp;

namespace ChangeGate.Core.Evidence.Notes;

/// <summary>
/// Evidence notes shared through a git remote, the way the ledger is: fetch the remote's
/// <c>refs/notes/changegate</c> before reading, push after writing. A rejected push (another job
/// pushed first) is answered by fetching again, merging the notes line by line
/// (<see cref="EvidenceNoteStore.MergeFrom"/>, the <c>cat_sort_uniq</c> union) and pushing the
/// merge, which is a fast-forward for the remote. Records are never lost and never doubled.
/// </summary>
public sealed class SharedEvidenceNotes
{
    private readonly Repository _repository;
    private readonly EvidenceNoteStore _store;
    private readonly GitRemoteSync? _sync;
    private readonly RetryPolicy _retry;

    private SharedEvidenceNotes(Repository repository, string? remote, RetryPolicy retry, TimeSpan? timeout)
    {
        _repository = repository;
        _store = new EvidenceNoteStore(repository);
        _sync = remote is null ? null : new GitRemoteSync(repository.Info.WorkingDirectory ?? repository.Info.Path, remote, Ledger.RepositoryLocator.RemoteUrl(repository, remote), timeout);
        _retry = retry;
    }

    /// <summary>The remote the notes are shared through, or null when they stay local.</summary>
    public string? Remote => _sync?.Remote;

    /// <summary>The local notes ref.</summary>
    public string NotesRef => _store.NotesRef;

    /// <summary>Where the copy fetched from <paramref name="remote"/> is kept (never pushed, never read by <c>git notes</c>).</summary>
    /// <remarks>"_notes" cannot be a service name, so the ledger's pruning fetch of
    /// <c>refs/changegate-remotes/REMOTE/SERVICE/*</c> never touches it.</remarks>
    public static string TrackingRef(string remote) => $"refs/changegate-remotes/{remote}/_notes/changegate";

    /// <summary>Shares the notes of <paramref name="repository"/> through <paramref name="remote"/> (null: local only).</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="remote">The remote, or null to keep the notes local.</param>
    /// <param name="retry">Retry policy for lost races; <see cref="RetryPolicy.Default"/> when null.</param>
    /// <param name="timeout">How long one fetch or push may take; <see cref="GitTimeout.Default"/> when null.</param>
    /// <returns>The notes, or a problem when the remote does not exist.</returns>
    public static Result<SharedEvidenceNotes> Open(Repository repository, string? remote, RetryPolicy? retry = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (remote is not null && !Ledger.RepositoryLocator.HasRemote(repository, remote))
        {
            var known = repository.Network.Remotes.Select(r => r.Name).ToList();
            return Result<SharedEvidenceNotes>.Fail(new Problem($"there is no git remote named '{remote}'",
                known.Count == 0 ? "add one with `git remote add origin URL`, or leave out --remote to keep evidence local" : $"known remotes: {string.Join(", ", known)}"));
        }

        return Result<SharedEvidenceNotes>.Ok(new SharedEvidenceNotes(repository, remote, retry ?? RetryPolicy.Default, timeout));
    }

    /// <summary>Fetches the remote's notes into <see cref="TrackingRef"/> (nothing to do without a remote).</summary>
    public Result<bool> Fetch()
    {
        if (_sync is null)
        {
            return Result<bool>.Ok(false);
        }

        // A glob, so a remote without any notes yet is not an error.
        return _sync.Fetch([$"+refs/notes/*:refs/changegate-remotes/{_sync.Remote}/_notes/*"], prune: true);
    }

    /// <summary>
    /// The evidence note of <paramref name="commitSha"/>: the union of the local note and the copy
    /// last fetched from the remote, without writing anything. Call <see cref="Fetch"/> first.
    /// </summary>
    public EvidenceResult<EvidenceNote> Read(string commitSha)
    {
        var local = _store.Read(commitSha);
        if (!local.Succeeded || _sync is null)
        {
            return local;
        }

        var fetched = new EvidenceNoteStore(_repository, TrackingRef(_sync.Remote)).Read(commitSha);
        if (!fetched.Succeeded)
        {
            return fetched;
        }

        var text = NoteLines.Join(local.Value.Lines.Select(l => l.Text).Concat(fetched.Value.Lines.Select(l => l.Text)));
        return EvidenceNote.Parse(local.Value.Commit, text);
    }

    /// <summary>
    /// Appends <paramref name="record"/> to its commit's note and publishes it: fetch and merge the
    /// remote's notes, append, push; on a rejected push, start again from the fetch.
    /// </summary>
    /// <param name="record">The record to add.</param>
    /// <param name="author">Who writes the notes commits (the actor).</param>
    /// <returns>The commit's note as published, or the problem that stopped it.</returns>
    public Result<EvidenceNote> Append(EvidenceRecord record, Signature author)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(author);
        return Publish(author, () => _store.Append(record, author));
    }

    /// <summary>
    /// Sets the note of <paramref name="commitSha"/> to exactly <paramref name="lines"/> and publishes
    /// it: fetch and merge, replace, push (a fast-forward, so lines only the remote had are gone too).
    /// </summary>
    public Result<EvidenceNote> Replace(string commitSha, IReadOnlyList<string> lines, Signature author, string message)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(author);
        return Publish(author, () => _store.Replace(commitSha, lines, author, message));
    }

    /// <summary>Fetch and merge the remote's notes, change the local ref, push; on a rejected push, start again from the fetch.</summary>
    private Result<EvidenceNote> Publish(Signature author, Func<EvidenceResult<EvidenceNote>> change)
    {
        var watch = new System.Diagnostics.Stopwatch();
        for (var attempt = 1; attempt <= _retry.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                Thread.Sleep(_retry.DelayBefore(attempt, watch.Elapsed));
            }

            watch.Restart();
            var merged = PullInto(author);
            if (!merged.IsSuccess)
            {
                return Result<EvidenceNote>.Fail(merged.Problems);
            }

            var changed = change();
            if (!changed.Succeeded)
            {
                return Result<EvidenceNote>.Fail(changed.Error.ToProblem());
            }

            if (_sync is null)
            {
                return Result<EvidenceNote>.Ok(changed.Value);
            }

            var push = _sync.Push([$"{NotesRef}:{NotesRef}"]);
            if (!push.IsSuccess)
            {
                // Said, so that nobody takes the error for "nothing was recorded".
                return Result<EvidenceNote>.Fail(push.Problems.Select(p => p with { Fix = $"{p.Fix}; the note is kept locally and is pushed by the next `changegate evidence record` (or `changegate evidence restore`)" }).ToList());
            }

            var answer = push.Value.FirstOrDefault(p => p.Destination == NotesRef);
            switch (answer?.Outcome)
            {
                case PushOutcome.Updated or PushOutcome.UpToDate:
                    RecordPushed();
                    return Result<EvidenceNote>.Ok(changed.Value);
                case PushOutcome.Stale:
                    continue;
                default:
                    return Result<EvidenceNote>.Fail(new Problem(
                        $"remote {_sync.Described} refused the evidence notes: {answer?.Summary ?? "no answer for " + NotesRef}",
                        $"check the remote's hooks and your permission to push {NotesRef}; the note is kept locally and is pushed by the next `changegate evidence record` (or `changegate evidence restore`)"));
            }
        }

        return Result<EvidenceNote>.Fail(new Problem(
            $"gave up after {_retry.MaxAttempts} attempts: other jobs kept pushing evidence notes first",
            "the note is kept locally; run the command again to publish it"));
    }

    /// <summary>Fetches and merges the remote's notes into the local ref.</summary>
    private Result<bool> PullInto(Signature author)
    {
        var fetched = Fetch();
        if (!fetched.IsSuccess || _sync is null)
        {
            return fetched;
        }

        var tracking = TrackingRef(_sync.Remote);
        if (_repository.Refs[tracking] is null)
        {
            return Result<bool>.Ok(false); // the remote has no evidence yet
        }

        var merge = _store.MergeFrom(tracking, author);
        return merge.Succeeded ? Result<bool>.Ok(true) : Result<bool>.Fail(merge.Error.ToProblem());
    }

    // The remote holds our tip now; remember it, so the next read needs no merge. Only a cache.
    private void RecordPushed()
    {
        try
        {
            if (_repository.Refs[NotesRef]?.ResolveToDirectReference()?.Target is Commit tip)
            {
                _repository.Refs.Add(TrackingRef(_sync!.Remote), tip.Id, "changegate: pushed evidence", allowOverwrite: true);
            }
        }
        catch (LibGit2SharpException)
        {
        }
    }
}
