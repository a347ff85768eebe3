namespace ChangeGate.Core.Gate;

/// <summary>
/// One check of <c>changegate gate</c>. A check is one small class with one job; it reads what it
/// needs from the <see cref="GateContext"/> and says pass, block or error with the reason and fix.
/// Add a check by writing the class and registering it in <see cref="GateChecks.CreateDefault"/>.
/// </summary>
public interface IGateCheck
{
    /// <summary>The check's name as used in the policy's <c>checks</c> list and in <c>override --check</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what it checks.</summary>
    string Description { get; }

    /// <summary>Evaluates the check. Throwing counts as an internal error and blocks.</summary>
    CheckResult Evaluate(GateContext context);
}

/// <summary>What a check decided.</summary>
public enum CheckOutcome
{
    /// <summary>The check holds.</summary>
    Pass,

    /// <summary>The check does not hold; the deploy is blocked.</summary>
    Block,

    /// <summary>The check could not be evaluated (missing or bad input); blocks.</summary>
    Error,
}

/// <summary>A check's verdict, with the reason, the fix and what it looked at.</summary>
public sealed record CheckResult(CheckOutcome Outcome, string Reason, string? Fix, IReadOnlyList<string> Details)
{
    /// <summary>False when no override may turn this block into a pass (an emergency freeze: only lifting it ends it).</summary>
    public bool Overridable { get; init; } = true;

    /// <summary>The check holds.</summary>
    public static CheckResult Pass(string reason, IReadOnlyList<string>? details = null) => new(CheckOutcome.Pass, reason, null, details ?? []);

    /// <summary>The check blocks.</summary>
    public static CheckResult Block(string reason, string? fix, IReadOnlyList<string>? details = null) => new(CheckOutcome.Block, reason, fix, details ?? []);

    /// <summary>The check could not be evaluated.</summary>
    public static CheckResult Error(string reason, string? fix, IReadOnlyList<string>? details = null) => new(CheckOutcome.Error, reason, fix, details ?? []);

    /// <summary>Turns a shared rule's verdict into a check result.</summary>
    public static CheckResult From(Rules.RuleVerdict verdict) =>
        verdict.Holds ? Pass(verdict.Reason, verdict.Details) : Block(verdict.Reason, verdict.Fix, verdict.Details);
}
