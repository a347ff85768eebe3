namespace ChangeGate.Core.Rules;

/// <summary>
/// What a rule found: whether it holds, the reason, how to fix it, and what it looked at (for
/// <c>--explain</c>). Rules are shared by the gate checks and by the rollout state machine, so a
/// promotion and a gate run judge the same way.
/// </summary>
public sealed record RuleVerdict(bool Holds, string Reason, string? Fix, IReadOnlyList<string> Details)
{
    /// <summary>The rule holds.</summary>
    public static RuleVerdict Pass(string reason, params string[] details) => new(true, reason, null, details);

    /// <summary>The rule does not hold.</summary>
    public static RuleVerdict Fail(string reason, string? fix, params string[] details) => new(false, reason, fix, details);
}

/// <summary>Names of the rules, as used by <c>changegate override --check</c> and the gate's checks.</summary>
public static class RuleNames
{
    /// <summary>No unresolved incident.</summary>
    public const string Incidents = "incidents";

    /// <summary>The target belongs to the approved stages of the active rollout.</summary>
    public const string Stage = "stage";

    /// <summary>The stage's approvals are in.</summary>
    public const string Approvals = "approvals";

    /// <summary>No freeze window is in force.</summary>
    public const string Freeze = "freeze";

    /// <summary>The rollout has a rollback plan where the policy requires one.</summary>
    public const string RollbackPlan = "rollback-plan";

    /// <summary>The current stage is fully deployed and baked (promotion only).</summary>
    public const string Bake = "bake";

    /// <summary>The evidence check: tests ran and passed on this commit.</summary>
    public const string Evidence = "evidence";

    /// <summary>The analyzers check: no ChangeGate finding of error severity in the change.</summary>
    public const string Analyzers = "analyzers";

    /// <summary>Enough sites keep serving the known-good version, and failover was tested recently.</summary>
    public const string Redundancy = "redundancy";
}
