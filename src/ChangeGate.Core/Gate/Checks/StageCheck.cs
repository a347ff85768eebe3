using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>
/// Blocks a deploy outside the rollout's approved stages (the 2024-05-20 rule): the rollout must be
/// active, running, for this commit, and the target's stage must be the current one or an earlier one.
/// </summary>
public sealed class StageCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.Stage;

    /// <inheritdoc />
    public string Description => "the target is in an approved stage of a running rollout of this commit";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        if (context.Rollout is not { } rollout)
        {
            return context.Ledger.Rollout is { } last
                ? CheckResult.Block($"no rollout is active (the last one, {last.Id}, is {RolloutMachine.Status(last.Status)})", "start one: `changegate rollout start --rollback-plan \"...\"`")
                : CheckResult.Block("no rollout has been started for this service", "start one: `changegate rollout start --rollback-plan \"...\"`");
        }

        var position = $"{rollout.CurrentStage.Name} ({rollout.StageIndex + 1}/{rollout.Stages.Count})";
        var details = rollout.Stages.Select((s, i) => $"{i + 1}. {s.Name}: {string.Join(", ", s.Targets)}" + (i == rollout.StageIndex ? "   ← current" : "")).ToList();
        if (!string.Equals(rollout.Commit, context.Commit.Sha, StringComparison.OrdinalIgnoreCase))
        {
            return CheckResult.Block($"the active rollout {rollout.Id} is for commit {rollout.Commit[..12]}, not {context.Commit.ShortSha}",
                $"deploy {rollout.Commit[..12]}, or finish {rollout.Id} and start a rollout of {context.Commit.ShortSha}", details);
        }

        if (rollout.Status == RolloutStatus.Paused)
        {
            return CheckResult.Block($"rollout {rollout.Id} is paused at {position}" + (rollout.StatusReason is null ? "" : $": {rollout.StatusReason}"),
                "resolve the cause, then `changegate rollout resume`", details);
        }

        if (context.Target is { } target)
        {
            var index = rollout.StageIndexOf(target);
            if (index < 0)
            {
                return CheckResult.Block($"target {target} is in no stage of rollout {rollout.Id}",
                    "check the target name; known targets: " + string.Join(", ", rollout.Stages.SelectMany(s => s.Targets)), details);
            }

            if (context.Stage is { } stageName && rollout.Stages[index].Name != stageName)
            {
                return CheckResult.Block($"target {target} is in stage {rollout.Stages[index].Name}, not {stageName}", "pass the target's own stage, or leave out --stage", details);
            }

            return Skewed(rollout, target, details) ?? Judge(rollout, index, $"target {target} (stage {rollout.Stages[index].Name})", position, details);
        }

        if (context.Stage is { } stage)
        {
            var index = rollout.StageIndexByName(stage);
            return index < 0
                ? CheckResult.Block($"rollout {rollout.Id} has no stage {stage}", "stages: " + string.Join(", ", rollout.Stages.Select(s => s.Name)), details)
                : Skewed(rollout, null, details) ?? Judge(rollout, index, $"stage {stage}", position, details);
        }

        return Skewed(rollout, null, details) ?? CheckResult.Pass($"rollout {rollout.Id} is running at {position}", details);
    }

    // Knight Capital (2012): a target of a stage already promoted through still runs another commit.
    // Nothing else goes out until it is fixed; deploying that target itself is the fix, so it passes.
    private static CheckResult? Skewed(Rollout rollout, string? target, IReadOnlyList<string> details)
    {
        if (rollout.StageIndex == 0)
        {
            return null;
        }

        var skew = VersionRules.Skew(rollout, rollout.StageIndex - 1, currentStageMayBePending: false, except: target);
        return skew.Holds ? null : CheckResult.Block(skew.Reason, skew.Fix, [.. details, .. skew.Details]);
    }

    private static CheckResult Judge(Rollout rollout, int index, string what, string position, IReadOnlyList<string> details)
    {
        if (index > rollout.StageIndex)
        {
            var through = string.Join(", ", rollout.Stages.Skip(rollout.StageIndex + 1).Take(index - rollout.StageIndex).Select(s => s.Name));
            return CheckResult.Block($"{what} is not approved yet: rollout {rollout.Id} is at {position}",
                $"promote the rollout through to {rollout.Stages[index].Name} first ({through}): `changegate rollout promote`", details);
        }

        return CheckResult.Pass(index == rollout.StageIndex
            ? $"{what} is the current stage of {rollout.Id}"
            : $"{what} was already rolled out; {rollout.Id} is at {position}", details);
    }
}
