using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;

namespace ChangeGate.Core.Rollouts;

/// <summary>
/// Target and stage names a user types (gate --target/--stage, deploy record --target, approve --stage)
/// checked against the policy and the active rollout. A name that neither knows is a typo, bad input
/// with the closest name suggested; a name the policy knows but the rollout does not cover is a real
/// refusal or block, decided by the rollout's rules.
/// </summary>
public static class StageNames
{
    /// <summary>The problem with <paramref name="target"/>, or null when the policy's or the rollout's stages list it.</summary>
    public static Problem? UnknownTarget(GatePolicy policy, Rollout? rollout, string target, string option = "--target")
    {
        ArgumentNullException.ThrowIfNull(policy);
        var known = policy.Stages.SelectMany(s => s.Targets).Concat(rollout?.Stages.SelectMany(s => s.Targets) ?? []).Distinct(StringComparer.Ordinal).ToList();
        return known.Contains(target, StringComparer.Ordinal) ? null : Unknown("target", target, known, policy, rollout, option);
    }

    /// <summary>The problem with <paramref name="stage"/>, or null when the policy or the rollout has a stage of that name.</summary>
    public static Problem? UnknownStage(GatePolicy policy, Rollout? rollout, string stage, string option = "--stage")
    {
        ArgumentNullException.ThrowIfNull(policy);
        var known = policy.Stages.Select(s => s.Name).Concat(rollout?.Stages.Select(s => s.Name) ?? []).Distinct(StringComparer.Ordinal).ToList();
        return known.Contains(stage, StringComparer.Ordinal) ? null : Unknown("stage", stage, known, policy, rollout, option);
    }

    /// <summary>
    /// The stage a decision about <paramref name="target"/> or <paramref name="stage"/> concerns: the given
    /// stage, else the target's stage in the rollout, else in the policy; with neither, the rollout's current stage.
    /// </summary>
    public static string? StageFor(GatePolicy policy, Rollout? rollout, string? target, string? stage)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (stage is not null)
        {
            return stage;
        }

        if (target is null)
        {
            return rollout?.CurrentStage.Name;
        }

        return rollout?.Stages.FirstOrDefault(s => s.Targets.Contains(target, StringComparer.Ordinal))?.Name
            ?? policy.Section<StagesPolicy>().StageOf(target)?.Name;
    }

    private static Problem Unknown(string what, string name, IReadOnlyList<string> known, GatePolicy policy, Rollout? rollout, string option)
    {
        var suggestion = PolicyParseContext.Suggest(name, known);
        var where = $"the policy ({policy.SourcePath})" + (rollout is null ? "" : $" or of rollout {rollout.Id}");
        return new Problem(
            $"{what} '{name}' is in no stage of {where}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"),
            $"pass {option} with one of the {what}s: {string.Join(", ", known)}");
    }
}
