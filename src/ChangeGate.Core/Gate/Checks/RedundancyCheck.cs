using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>
/// Blocks a deploy that would leave fewer than <c>redundancy.min-serving-sites</c> sites serving the
/// known-good version, and any deploy while no failover test passed within
/// <c>redundancy.failover-test-max-age</c> (the 2022-10-15 fire: redundancy on paper only). Passes,
/// saying so, when the policy declares no sites.
/// </summary>
public sealed class RedundancyCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.Redundancy;

    /// <inheritdoc />
    public string Description => "enough sites keep serving the known-good version, and failover was tested recently";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        var policy = context.Policy;
        if (!policy.Sites.IsDeclared)
        {
            return CheckResult.Pass("not checked: the policy declares no sites");
        }

        var serving = RedundancyRules.Serving(policy, context.Ledger, context.Now, Deploying(context));
        var failover = RedundancyRules.Failover(policy, context.Ledger, context.Now);
        var details = serving.Details.Concat(failover.Details).ToList();
        if (serving.Holds && failover.Holds)
        {
            return CheckResult.Pass($"{serving.Reason}; {failover.Reason}", details);
        }

        var failing = new[] { serving, failover }.Where(v => !v.Holds).ToList();
        return CheckResult.Block(string.Join("; and ", failing.Select(v => v.Reason)), string.Join("; also ", failing.Select(v => v.Fix).OfType<string>()), details);
    }

    // What this gate run is about to deploy: the target, else every target of the stage, else nothing (the fleet as it stands).
    private static IReadOnlyList<string> Deploying(GateContext context)
    {
        if (context.Target is { } target)
        {
            return [target];
        }

        if (context.Stage is { } stage)
        {
            var targets = context.Rollout is { } rollout && rollout.StageIndexByName(stage) is var index and >= 0
                ? rollout.Stages[index].Targets
                : context.Policy.Stages.FirstOrDefault(s => s.Name == stage)?.Targets;
            return targets ?? [];
        }

        return [];
    }
}
