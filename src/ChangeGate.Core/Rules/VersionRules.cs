using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;

namespace ChangeGate.Core.Rules;

/// <summary>
/// Which version each target runs: no target left behind on another commit (Knight Capital, 2012:
/// one server of eight ran old code), and a rollback that was tried before it is needed.
/// </summary>
public static class VersionRules
{
    /// <summary>
    /// Every target of the stages up to <paramref name="throughStage"/> runs the rollout's commit,
    /// deployed ok and forward. Targets of the current stage that were not deployed yet are allowed
    /// when <paramref name="currentStageMayBePending"/> (the bake rule asks for them); a failed,
    /// rolled-back or other-commit target never is. <paramref name="except"/> is left out: the target
    /// about to be deployed, whose deploy is the fix.
    /// </summary>
    public static RuleVerdict Skew(Rollout rollout, int throughStage, bool currentStageMayBePending, string? except = null)
    {
        var problems = new List<string>();
        var first = (string?)null;
        for (var i = 0; i <= throughStage && i < rollout.Stages.Count; i++)
        {
            var stage = rollout.Stages[i];
            foreach (var target in stage.Targets.Where(t => t != except))
            {
                var deploy = rollout.Deploys.FirstOrDefault(d => d.Target == target);
                var problem = deploy switch
                {
                    null when i == rollout.StageIndex && currentStageMayBePending => null,
                    null => $"{target} ({stage.Name}) was never deployed in {rollout.Id}: it runs the previous version",
                    { Status: DeployStatus.Failed } => $"{target} ({stage.Name}) failed its last deploy",
                    { Rollback: true } => $"{target} ({stage.Name}) was rolled back to {(deploy.Commit is null ? "the previous version" : Short(deploy.Commit))}",
                    _ when !deploy.RunsOk(rollout.Commit) => $"{target} ({stage.Name}) runs {Short(deploy.Commit!)}, not {Short(rollout.Commit)}",
                    _ => null,
                };
                if (problem is not null)
                {
                    problems.Add(problem);
                    first ??= target;
                }
            }
        }

        var through = rollout.Stages[Math.Min(throughStage, rollout.Stages.Count - 1)].Name;
        if (problems.Count == 0)
        {
            return RuleVerdict.Pass($"every deployed target through {through} runs {Short(rollout.Commit)}");
        }

        return RuleVerdict.Fail(
            $"version skew: {string.Join("; ", problems)}",
            $"deploy {Short(rollout.Commit)} to {first} again and record it: `changegate deploy record --target {first} --status ok`",
            [.. problems]);
    }

    /// <summary>
    /// Under <c>rollback-plan: rehearsed</c>: a target of the first stage was rolled back successfully
    /// in this rollout and then deployed forward again, ok, with the rollout's commit.
    /// </summary>
    public static RuleVerdict Rehearsal(GatePolicy policy, Rollout rollout)
    {
        if (!policy.RollbackPlan.Rehearsed)
        {
            return RuleVerdict.Pass("the policy does not require a rehearsed rollback");
        }

        var stage = rollout.Stages[0];
        var rollbacks = rollout.Rollbacks.Where(r => stage.Targets.Contains(r.Target, StringComparer.Ordinal)).ToList();
        var details = rollbacks.Select(r => $"{r.Target} rolled back at {r.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {r.Actor}").ToArray();
        var example = rollbacks.Count > 0 ? rollbacks[^1].Target : stage.Targets[0];
        if (rollbacks.Count == 0)
        {
            return RuleVerdict.Fail(
                $"rollback not rehearsed: no successful rollback is recorded on a target of {stage.Name} ({string.Join(", ", stage.Targets)}) in {rollout.Id}",
                $"roll {example} back with the rollback plan and record it: `changegate deploy record --target {example} --rollback --status ok`; then deploy {Short(rollout.Commit)} again and record `changegate deploy record --target {example} --status ok`",
                details);
        }

        var done = rollbacks.FirstOrDefault(r => rollout.Deploys.FirstOrDefault(d => d.Target == r.Target)?.RunsOk(rollout.Commit) == true);
        if (done is null)
        {
            return RuleVerdict.Fail(
                $"rollback rehearsal unfinished: {example} was rolled back but not deployed forward again",
                $"deploy {Short(rollout.Commit)} to {example} again and record it: `changegate deploy record --target {example} --status ok`",
                details);
        }

        var forward = rollout.Deploys.First(d => d.Target == done.Target);
        return RuleVerdict.Pass($"rollback rehearsed on {done.Target}: rolled back at {done.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, deployed forward again at {forward.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", details);
    }

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];
}
