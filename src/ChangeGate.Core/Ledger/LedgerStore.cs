using ChangeGate.Core.Text;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger;

/// <summary>The ledger's tip and the state folded up to it.</summary>
public sealed record LedgerHead(ObjectId? Tip, LedgerState State);

/// <summary>One event with the commit that holds it.</summary>
public sealed record LedgerEntry(ObjectId Commit, LedgerEvent Event);

/// <summary>
/// The ledger in the local repository: one commit per event, whose tree holds <c>event.json</c> and
/// <c>state.json</c> (the folded state after the event), authored by the event's actor.
/// </summary>
public sealed class LedgerStore
{
    private const string EventFile = "event.json";
    private const string StateFile = "state.json";

    // Far above any real event or state; a bigger blob (pushed by someone with write access to the
    // refs) is damage, and is never read into memory.
    private const long MaxFileBytes = 64L * 1024 * 1024;
    private readonly Repository _repository;

    /// <summary>Creates the store of <paramref name="service"/>'s ledger in <paramref name="repository"/>.</summary>
    public LedgerStore(Repository repository, string service)
    {
        _repository = repository;
        Service = service;
    }

    /// <summary>The service.</summary>
    public string Service { get; }

    /// <summary>The local ledger ref.</summary>
    public string LocalRef => LedgerRefs.Local(Service);

    /// <summary>The commit <paramref name="refName"/> points at; null when the ref does not exist; a problem when it is damaged.</summary>
    public Result<ObjectId?> ReadTarget(string refName)
    {
        Reference? reference;
        try
        {
            reference = _repository.Refs[refName];
        }
        catch (LibGit2SharpException e)
        {
            return Result<ObjectId?>.Fail(Damaged(refName, $"the ref cannot be read ({e.Message})"));
        }

        if (reference is null)
        {
            return Result<ObjectId?>.Ok(null);
        }

        if (reference is not DirectReference direct)
        {
            return Result<ObjectId?>.Fail(Damaged(refName, "it is a symbolic ref, not a ledger commit"));
        }

        if (!ObjectId.TryParse(direct.TargetIdentifier, out var target))
        {
            return Result<ObjectId?>.Fail(Damaged(refName, $"it holds '{direct.TargetIdentifier}', which is not an object id"));
        }

        if (_repository.ObjectDatabase.Contains(target) is false)
        {
            return Result<ObjectId?>.Fail(Damaged(refName, $"it points at {target}, which is not in this repository"));
        }

        return _repository.Lookup(target) is Commit
            ? Result<ObjectId?>.Ok(target)
            : Result<ObjectId?>.Fail(Damaged(refName, $"it points at {target}, which is not a commit"));
    }

    /// <summary>
    /// Reads the state at <paramref name="tip"/> from its snapshot (empty for a null tip), checked
    /// against the parent's snapshot and the tip's event: a snapshot that does not follow from them
    /// (hand-edited or corrupted) is damage, so the gate never decides on it. Two commits are read
    /// however long the ledger is; <see cref="ReadChain"/> checks every link.
    /// </summary>
    public Result<LedgerHead> ReadHead(ObjectId? tip, string refName)
    {
        if (tip is null)
        {
            return Result<LedgerHead>.Ok(new LedgerHead(null, LedgerState.Empty));
        }

        return Guarded(refName, () =>
        {
            var commit = _repository.Lookup<Commit>(tip);
            var where = $"ledger commit {commit.Sha[..12]}";
            var state = LedgerJson.DeserializeState(ReadFile(commit, StateFile), where);
            var lastEvent = LedgerJson.DeserializeEvent(ReadFile(commit, EventFile), where);
            var parents = commit.Parents.ToList();
            if (parents.Count > 1)
            {
                throw new LedgerFormatException($"{where} is a merge; the ledger is a single chain");
            }

            var before = parents.Count == 0 ? LedgerState.Empty : LedgerJson.DeserializeState(ReadFile(parents[0], StateFile), $"ledger commit {parents[0].Sha[..12]}");
            if (LedgerJson.Serialize(LedgerFold.Apply(before, lastEvent)) != LedgerJson.Serialize(state))
            {
                throw new LedgerFormatException($"{where}: state.json differs from the state folded from its parent and event.json");
            }

            return new LedgerHead(tip, state);
        });
    }

    /// <summary>Every event from the first to <paramref name="tip"/>, checked: one parent each, events parse, ids unique, snapshots agree with the fold.</summary>
    public Result<IReadOnlyList<LedgerEntry>> ReadChain(ObjectId? tip, string refName)
    {
        var entries = new List<LedgerEntry>();
        if (tip is null)
        {
            return Result<IReadOnlyList<LedgerEntry>>.Ok(entries);
        }

        return Guarded<IReadOnlyList<LedgerEntry>>(refName, () =>
        {
            var commits = new List<Commit>();
            for (var commit = _repository.Lookup<Commit>(tip); commit is not null;)
            {
                commits.Add(commit);
                var parents = commit.Parents.ToList();
                if (parents.Count > 1)
                {
                    throw new LedgerFormatException($"ledger commit {commit.Sha[..12]} is a merge; the ledger is a single chain");
                }

                commit = parents.Count == 1 ? parents[0] : null;
            }

            commits.Reverse();
            var seen = new HashSet<Guid>();
            var state = LedgerState.Empty;
            foreach (var commit in commits)
            {
                var where = $"ledger commit {commit.Sha[..12]}";
                var e = LedgerJson.DeserializeEvent(ReadFile(commit, EventFile), where);
                if (!seen.Add(e.Id))
                {
                    throw new LedgerFormatException($"{where}: event {e.Id} appears twice in the ledger");
                }

                state = LedgerFold.Apply(state, e);
                var snapshot = LedgerJson.DeserializeState(ReadFile(commit, StateFile), where);
                if (LedgerJson.Serialize(snapshot) != LedgerJson.Serialize(state))
                {
                    throw new LedgerFormatException($"{where}: state.json differs from the state folded from the events");
                }

                entries.Add(new LedgerEntry(commit.Id, e));
            }

            return entries;
        });
    }

    /// <summary>Writes one commit per event on top of <paramref name="parent"/> and returns the new tip. Moves no ref.</summary>
    public ObjectId Write(ObjectId? parent, LedgerState state, IReadOnlyList<LedgerEvent> events)
    {
        var parentCommit = parent is null ? null : _repository.Lookup<Commit>(parent);
        foreach (var e in events)
        {
            state = LedgerFold.Apply(state, e);
            var eventJson = LedgerJson.Serialize(e);
            var stateJson = LedgerJson.Serialize(state);

            // Never publish what we could not read back.
            if (LedgerJson.Serialize(LedgerJson.DeserializeEvent(eventJson, "new event")) != eventJson ||
                LedgerJson.Serialize(LedgerJson.DeserializeState(stateJson, "new state")) != stateJson)
            {
                throw new InvalidOperationException($"Event {e.Id} does not survive a JSON round trip; refusing to write it.");
            }

            var tree = new TreeDefinition();
            tree.Add(EventFile, Blob(eventJson), Mode.NonExecutableFile);
            tree.Add(StateFile, Blob(stateJson), Mode.NonExecutableFile);
            var signature = new Signature(e.Actor, e.Actor.Contains('@', StringComparison.Ordinal) ? e.Actor : e.Actor + "@changegate", e.At);
            // The message is for people reading `git log`; event.json keeps the exact text. Untrusted text
            // is escaped onto one line, so a title or reason can add no line: no second subject line,
            // and no trailer that FindEvents would take for another event's.
            var message = $"{e.Kind}: {InertText.Escape(e.Describe())}\n\n" + (e.Reason is null ? "" : $"{InertText.Escape(e.Reason)}\n\n") + $"Changegate-Event: {e.Id}\nChangegate-Service: {Service}\n";
            parentCommit = _repository.ObjectDatabase.CreateCommit(signature, signature, message, _repository.ObjectDatabase.CreateTree(tree),
                parentCommit is null ? [] : [parentCommit], prettifyMessage: false);
        }

        return parentCommit?.Id ?? throw new ArgumentException("No events to write.", nameof(events));
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors.</summary>
    public Result<bool> IsAncestor(ObjectId ancestor, ObjectId descendant, string refName)
    {
        if (ancestor == descendant)
        {
            return Result<bool>.Ok(true);
        }

        return Guarded(refName, () =>
        {
            var a = _repository.Lookup<Commit>(ancestor);
            var d = _repository.Lookup<Commit>(descendant);
            return _repository.ObjectDatabase.FindMergeBase(a, d)?.Id == ancestor;
        });
    }

    /// <summary>The events with one of <paramref name="ids"/> between <paramref name="tip"/> and <paramref name="stopAt"/> (exclusive), oldest first.</summary>
    public Result<IReadOnlyList<LedgerEvent>> FindEvents(ObjectId tip, ObjectId? stopAt, IReadOnlyCollection<Guid> ids, string refName) =>
        Guarded<IReadOnlyList<LedgerEvent>>(refName, () =>
        {
            var found = new List<LedgerEvent>();
            for (var commit = _repository.Lookup<Commit>(tip); commit is not null && commit.Id != stopAt; commit = commit.Parents.FirstOrDefault())
            {
                if (ids.Any(id => commit.Message.Contains($"Changegate-Event: {id}", StringComparison.Ordinal)))
                {
                    found.Add(LedgerJson.DeserializeEvent(ReadFile(commit, EventFile), $"ledger commit {commit.Sha[..12]}"));
                }
            }

            found.Reverse();
            return found;
        });

    /// <summary>Moves <paramref name="refName"/> from <paramref name="expected"/> (null: must not exist) to <paramref name="target"/>; false when it had moved.</summary>
    public bool TryCompareAndSwap(string refName, ObjectId? expected, ObjectId target, string logMessage)
    {
        using var guard = RefLock.Acquire(_repository);
        var current = _repository.Refs[refName] as DirectReference;
        if ((current is null ? null : new ObjectId(current.TargetIdentifier)) != expected)
        {
            return false;
        }

        if (current is null)
        {
            _repository.Refs.Add(refName, target, logMessage, allowOverwrite: false);
        }
        else
        {
            _repository.Refs.UpdateTarget(current, target, logMessage);
        }

        return true;
    }

    private Blob Blob(string text)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return _repository.ObjectDatabase.CreateBlob(stream);
    }

    private static string ReadFile(Commit commit, string name)
    {
        if (commit.Tree[name]?.Target is not Blob blob)
        {
            throw new LedgerFormatException($"ledger commit {commit.Sha[..12]} has no {name}; it is not a changegate ledger commit");
        }

        if (blob.Size > MaxFileBytes)
        {
            throw new LedgerFormatException($"ledger commit {commit.Sha[..12]}: {name} is {blob.Size} bytes, more than the {MaxFileBytes} a ledger file may be");
        }

        return blob.GetContentText();
    }

    // A ledger that does not parse, or whose objects git cannot read (missing, corrupt), is damage
    // the user must look at: a problem (exit 2), never an internal error and never a reset.
    private static Result<T> Guarded<T>(string refName, Func<T> read)
    {
        try
        {
            return Result<T>.Ok(read());
        }
        catch (LedgerFormatException e)
        {
            return Result<T>.Fail(Damaged(refName, e.Message));
        }
        catch (LibGit2SharpException e)
        {
            return Result<T>.Fail(Damaged(refName, $"git cannot read it: {e.Message}"));
        }
    }

    private static Problem Damaged(string refName, string what) =>
        new($"the ledger at {refName} is damaged: {what}",
            $"nothing was changed. Inspect it with `git log -p {refName}`; if the remote holds a good copy, delete the local ref with `git update-ref -d {refName}` and run again");
}
