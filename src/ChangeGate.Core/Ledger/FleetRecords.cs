namespace ChangeGate.Core.Ledger;

/// <summary>What one target runs as far as the ledger knows: its last recorded deploy, in whichever rollout.</summary>
/// <param name="Target">The target.</param>
/// <param name="Commit">The commit it runs (for a failed deploy: the commit tried); null after a rollback to a version the ledger does not know.</param>
/// <param name="Status">Whether that deploy went ok.</param>
/// <param name="Rollback">True when it went back to the previous version (a rollback deploy, or the rollout was rolled back).</param>
/// <param name="RolloutId">The rollout of that deploy.</param>
/// <param name="At">When it was recorded.</param>
public sealed record TargetVersion(string Target, string? Commit, DeployStatus Status, bool Rollback, string RolloutId, DateTimeOffset At);

/// <summary>A successful rollback on a target during a rollout: half of a rehearsal (the forward deploy again is the other half).</summary>
public sealed record RollbackRecord(string Target, DateTimeOffset At, string Actor);

/// <summary>A failover test between two sites.</summary>
/// <param name="From">The site taken out.</param>
/// <param name="To">The site that took over.</param>
/// <param name="Result">Passed or failed.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Detail">What was observed.</param>
public sealed record FailoverTestRecord(string From, string To, FailoverResult Result, DateTimeOffset At, string Actor, string? Detail);

/// <summary>An emergency freeze (stop-the-line).</summary>
/// <param name="Id">Freeze id, e.g. <c>FRZ-1</c>.</param>
/// <param name="Actor">Who stopped the line.</param>
/// <param name="At">Since when.</param>
/// <param name="Reason">Why.</param>
/// <param name="Until">When it ends by itself; null: only lifting ends it.</param>
public sealed record EmergencyFreezeRecord(string Id, string Actor, DateTimeOffset At, string Reason, DateTimeOffset? Until)
{
    /// <summary>True while it stops the line at <paramref name="now"/>.</summary>
    public bool InForceAt(DateTimeOffset now) => Until is not { } until || now < until;
}
