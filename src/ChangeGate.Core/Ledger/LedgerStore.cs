using ChangeGate.Core.Ledger.Integrity;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Text;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger;

/// <summary>The ledger's tip and the state decisions are made on (the trusted state when signed events are required).</summary>
public sealed record LedgerHead(ObjectId? Tip, LedgerState State)
{
    /// <summary>The state the events fold to (every snapshot's); equals <see cref="State"/> unless signed events are required and some do not count.</summary>
    public LedgerState Recorded { get; init; } = State;

    /// <summary>The verification that produced this head, when it came from one: the events it read, the events that do not count.</summary>
    public VerifiedLedger? Verified { get; init; }

    /// <summary>How each witness remote of the policy compares with <see cref="Tip"/> (empty without witnesses).</summary>
    public IReadOnlyList<WitnessReport> Witnesses { get; init; } = [];
}

/// <summary>One event with the commit that holds it.</summary>
public sealed record LedgerEntry(ObjectId Commit, LedgerEvent Event)
{
    /// <summary>The check of the event's signature, when it was checked (signed events, or every event for the audit log); null otherwise.</summary>
    public SignatureCheck? Signature { get; init; }

    /// <summary>True when the policy requires this event to be signed (it loosens the gate and signed events are required).</summary>
    public bool SignatureRequired { get; init; }

    /// <summary>Why the event does not count for the gate, or null when it counts.</summary>
    public string? NotCounted { get; init; }
}

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

    /// <summary>Writes one commit per event on top of <paramref name="parent"/> and returns the new tip. Moves no ref.</summary>
    /// <param name="parent">The tip to build on, or null for the first event.</param>
    /// <param name="state">The state recorded at <paramref name="parent"/>.</param>
    /// <param name="events">The events, one commit each.</param>
    /// <param name="signer">The actor's key: each event commit then carries <c>signature.json</c> over the event, its parent commit and the service.</param>
    public ObjectId Write(ObjectId? parent, LedgerState state, IReadOnlyList<LedgerEvent> events, SigningKey? signer = null)
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
            if (signer is not null)
            {
                // Signed on top of this exact parent: a retry on a new tip signs again.
                tree.Add(EventSignatures.FileName, Blob(EventSignatures.Sign(signer, Service, parentCommit?.Sha, System.Text.Encoding.UTF8.GetBytes(eventJson))), Mode.NonExecutableFile);
            }

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

    private static Problem Damaged(string refName, string what) => LedgerDamage.Problem(refName, what);
}
