namespace ChangeGate.Core.Ledger;

/// <summary>Why the state machine refused a command: the reason and how to get past it.</summary>
public sealed record Refusal(string Reason, string? Fix)
{
    /// <summary>True when the command named something that does not exist (a typo): bad input, not a refused transition.</summary>
    public bool IsBadInput { get; init; }
}

/// <summary>What a command decided given the current state: events to append, or a refusal.</summary>
public sealed record WriteDecision(IReadOnlyList<LedgerEvent> Events, Refusal? Refusal)
{
    /// <summary>Append these events (one commit each, atomically).</summary>
    public static WriteDecision Append(params LedgerEvent[] events) => new(events, null);

    /// <summary>Append nothing and tell the user why.</summary>
    public static WriteDecision Refuse(string reason, string? fix = null) => new([], new Refusal(reason, fix));

    /// <summary>Append nothing: the command named something neither the policy nor the rollout knows (exit 2, like other bad input).</summary>
    public static WriteDecision BadInput(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new([], new Refusal(problem.Message, problem.Fix) { IsBadInput = true });
    }
}

/// <summary>How an append ended.</summary>
public enum WriteStatus
{
    /// <summary>The events are in the ledger (and on the remote, when there is one).</summary>
    Written,

    /// <summary>The state machine refused; nothing was written.</summary>
    Refused,

    /// <summary>
    /// Nothing was written because of a problem (remote unreachable, damaged ledger, ...); or, when a
    /// push failed and the remote could then not be read, a problem says it cannot be told whether it was.
    /// </summary>
    Failed,
}

/// <summary>The result of an append.</summary>
public sealed record WriteResult(WriteStatus Status, IReadOnlyList<LedgerEvent> Events, LedgerState State, Refusal? Refusal, IReadOnlyList<Problem> Problems, int Attempts)
{
    /// <summary>What went wrong after the events were recorded (a witness that was not updated); the write stands.</summary>
    public IReadOnlyList<Problem> Warnings { get; init; } = [];
}
