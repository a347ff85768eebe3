using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>
/// Blocks a rollout without a rollback plan when the policy requires one; under
/// <c>rollback-plan: rehearsed</c> also a deploy beyond the first stage until a rollback was tried
/// on a first-stage target and that target deployed forward again.
/// </summary>
public sealed class RollbackPlanCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.RollbackPlan;

    /// <inheritdoc />
    public string Description => "the rollout has a rollback plan (rehearsed on the first stage where the policy says so)";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        if (context.Rollout is not { } rollout)
        {
            return CheckResult.Block("no active rollout, so no rollback plan", "start the rollout with `changegate rollout start --rollback-plan \"...\"`");
        }

        var plan = RolloutRules.RollbackPlan(context.Policy, rollout);
        if (!plan.Holds || !context.Policy.RollbackPlan.Rehearsed)
        {
            return CheckResult.From(plan);
        }

        var rehearsal = VersionRules.Rehearsal(context.Policy, rollout);
        if (rehearsal.Holds)
        {
            return CheckResult.Pass($"{plan.Reason}; {rehearsal.Reason}", rehearsal.Details);
        }

        // The first stage is where the rehearsal happens; beyond it, the rollback must have been tried.
        return context.StageIndex > 0
            ? CheckResult.Block(rehearsal.Reason, rehearsal.Fix, rehearsal.Details)
            : CheckResult.Pass($"{plan.Reason}; to be rehearsed on {rollout.Stages[0].Name} before promotion ({rehearsal.Reason})", rehearsal.Details);
    }
}
