using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>Blocks until the stage being deployed has its approvals (distinct approvers, never the commit's author).</summary>
public sealed class ApprovalsCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.Approvals;

    /// <inheritdoc />
    public string Description => "the stage has its required approvals";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        if (context.Rollout is not { } rollout)
        {
            return CheckResult.Block("no active rollout, so no approvals", "start one with `changegate rollout start`");
        }

        var index = context.StageIndex;
        return index < 0
            ? CheckResult.Block("the target or stage is in no stage of the rollout, so it has no approvals", "see the stage check")
            : CheckResult.From(RolloutRules.Approvals(rollout, index));
    }
}
