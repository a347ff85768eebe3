namespace ChangeGate.Core.Policy;

/// <summary>The <c>service</c> section: the ledger is kept per service.</summary>
public sealed record ServicePolicy(string Name);

/// <summary>One stage of a rollout: a ring or data-centre.</summary>
/// <param name="Name">Stage name, e.g. <c>canary</c>.</param>
/// <param name="Targets">Hosts or clusters of the stage, in order.</param>
/// <param name="Bake">How long the stage must run healthy after its last successful deploy before promotion.</param>
/// <param name="Approvals">Distinct approvals needed before the rollout may enter (or, for the first stage, deploy to) this stage.</param>
public sealed record StagePolicy(string Name, IReadOnlyList<string> Targets, TimeSpan Bake, int Approvals);

/// <summary>The <c>stages</c> section: the ordered stages of every rollout.</summary>
public sealed record StagesPolicy(IReadOnlyList<StagePolicy> Stages)
{
    /// <summary>The stage that lists <paramref name="target"/>, or null.</summary>
    public StagePolicy? StageOf(string target) => Stages.FirstOrDefault(s => s.Targets.Contains(target, StringComparer.Ordinal));
}

/// <summary>The <c>approvers</c> section: who may approve. Empty means anyone but the commit's author.</summary>
public sealed record ApproversPolicy(IReadOnlyList<string> Approvers)
{
    /// <summary>True when <paramref name="actor"/> may approve.</summary>
    public bool Allows(string actor) => Approvers.Count == 0 || Approvers.Contains(actor, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The <c>overrides</c> section: who may override a check, and for how long at most.</summary>
public sealed record OverridePolicy(IReadOnlyList<string> Actors, TimeSpan MaxDuration)
{
    /// <summary>The default: nobody may override; 4 hours would be the longest override.</summary>
    public static OverridePolicy Default { get; } = new([], TimeSpan.FromHours(4));

    /// <summary>True when <paramref name="actor"/> may grant an override.</summary>
    public bool Allows(string actor) => Actors.Contains(actor, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The <c>rollback-plan</c> section.</summary>
public sealed record RollbackPlanPolicy(bool Required);

/// <summary>The <c>checks</c> section: the gate checks to run. Null means every known check.</summary>
public sealed record ChecksPolicy(IReadOnlyList<string>? Enabled)
{
    /// <summary>True when the check named <paramref name="name"/> runs.</summary>
    public bool IsEnabled(string name) => Enabled is null || Enabled.Contains(name, StringComparer.Ordinal);
}

/// <summary>The <c>freeze</c> section: windows in which nothing is promoted or deployed.</summary>
public sealed record FreezePolicy(IReadOnlyList<Time.FreezeWindow> Windows);
