using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>Blocks a rollout without a rollback plan when the policy requires one.</summary>
public sealed class RollbackPlanCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.RollbackPlan;

    /// <inheritdoc />
    public string Description => "the rollout has a rollback plan";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context) => context.Rollout is { } rollout
        ? CheckResult.From(RolloutRules.RollbackPlan(context.Policy, rollout))
        : CheckResult.Block("no active rollout, so no rollback plan", "start the rollout with `changegate rollout start --rollback-plan \"...\"`");
}
