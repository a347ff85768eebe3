using ChangeGate.Core.Ledger;

namespace ChangeGate.Core.Gate;

/// <summary>The gate's overall decision.</summary>
public enum GateDecision
{
    /// <summary>Deploy may go ahead (exit 0).</summary>
    Allow,

    /// <summary>A check blocks (exit 1).</summary>
    Block,

    /// <summary>A check could not be evaluated because of bad or missing input (exit 2); blocks.</summary>
    Error,

    /// <summary>A check failed with a bug (exit 3); blocks.</summary>
    InternalError,
}

/// <summary>How one check ended, including an override it relied on.</summary>
/// <param name="Name">The check.</param>
/// <param name="Description">What it checks.</param>
/// <param name="Result">The check's own verdict.</param>
/// <param name="Override">The override that turns its block into a pass, if any; shown on every run that relies on it.</param>
/// <param name="IsInternalError">True when the check threw (a bug).</param>
public sealed record CheckReport(string Name, string Description, CheckResult Result, OverrideRecord? Override, bool IsInternalError = false)
{
    /// <summary>True when this check does not stop the deploy.</summary>
    public bool Allows => Result.Outcome == CheckOutcome.Pass || Overridden;

    /// <summary>True when a block was turned into a pass by an override.</summary>
    public bool Overridden => Result.Outcome == CheckOutcome.Block && Override is not null;
}

/// <summary>The result of a gate run.</summary>
public sealed record GateReport(IReadOnlyList<CheckReport> Checks, IReadOnlyList<string> Skipped)
{
    /// <summary>The decision: internal error over error over block over allow. Nothing checked is not an allow.</summary>
    public GateDecision Decision =>
        Checks.Any(c => c.IsInternalError) ? GateDecision.InternalError
        : Checks.Any(c => c.Result.Outcome == CheckOutcome.Error) ? GateDecision.Error
        : Checks.Count == 0 || Checks.Any(c => !c.Allows) ? GateDecision.Block
        : GateDecision.Allow;

    /// <summary>The process exit code for <see cref="Decision"/>.</summary>
    public int ExitCode => Decision switch
    {
        GateDecision.Allow => 0,
        GateDecision.Block => 1,
        GateDecision.Error => 2,
        _ => 3,
    };

    /// <summary>The overrides this run relied on.</summary>
    public IReadOnlyList<OverrideRecord> OverridesRelied => Checks.Where(c => c.Overridden).Select(c => c.Override!).ToList();
}
