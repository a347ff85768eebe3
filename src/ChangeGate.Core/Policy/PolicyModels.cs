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

/// <summary>Which test projects must have results in a commit's evidence.</summary>
public enum RequiredTestProjects
{
    /// <summary>
    /// The test projects affected by the change since the commit of the last completed rollout
    /// (every test project when no rollout has completed yet).
    /// </summary>
    Affected,

    /// <summary>Every test project in the repository.</summary>
    All,

    /// <summary>None by name: only that tests ran and passed (for repositories without .NET projects).</summary>
    None,
}

/// <summary>The <c>evidence</c> section: what the <c>evidence</c> gate check demands.</summary>
/// <param name="Required">False turns the check into a pass that says so (like <c>rollback-plan: optional</c>).</param>
/// <param name="RequireSignature">Every record must be signed with the key the gate has (CHANGEGATE_SIGNING_KEY).</param>
/// <param name="RequireCleanTree">Every record must come from a clean working tree.</param>
/// <param name="TestProjects">Which test projects must have results.</param>
public sealed record EvidencePolicy(bool Required, bool RequireSignature, bool RequireCleanTree, RequiredTestProjects TestProjects)
{
    /// <summary>Fail closed: evidence required, clean tree, affected test projects; signing is opt-in because it needs a key in CI.</summary>
    public static EvidencePolicy Default { get; } = new(true, false, true, RequiredTestProjects.Affected);
}

/// <summary>Which documents the <c>analyzers</c> gate check analyzes.</summary>
public enum AnalysisScope
{
    /// <summary>Documents changed since the commit of the last completed rollout (all when none has completed).</summary>
    Changed,

    /// <summary>Every document.</summary>
    All,
}

/// <summary>The <c>analyzers</c> section: what the <c>analyzers</c> gate check analyzes when no SARIF file is given.</summary>
/// <param name="Solution">The solution or project to open, relative to the repository root; null: the one .sln/.slnx (or project) at the root.</param>
/// <param name="Scope">Changed documents or all of them.</param>
public sealed record AnalyzersPolicy(string? Solution, AnalysisScope Scope)
{
    /// <summary>The solution at the root, changed documents.</summary>
    public static AnalyzersPolicy Default { get; } = new(null, AnalysisScope.Changed);
}

/// <summary>The <c>monitoring</c> section: where the <c>incidents</c> check looks for firing alerts.</summary>
/// <param name="Alertmanager">The Alertmanager's base URL (http or https); null when the policy has no <c>monitoring</c> section.</param>
/// <param name="Matchers">Alertmanager filter matchers such as <c>service="talk-message"</c>; null: <c>service="&lt;service&gt;"</c>.</param>
/// <param name="Timeout">How long the gate waits for the Alertmanager before it errs (fails closed).</param>
public sealed record MonitoringPolicy(Uri? Alertmanager, IReadOnlyList<string>? Matchers, TimeSpan Timeout)
{
    /// <summary>The default wait for an answer.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait the policy may ask for: the gate must not hang a pipeline.</summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>No monitoring configured.</summary>
    public static MonitoringPolicy None { get; } = new(null, null, DefaultTimeout);

    /// <summary>True when an Alertmanager is configured.</summary>
    public bool IsConfigured => Alertmanager is not null;

    /// <summary>The matchers to query with: the configured ones, else <c>service="<paramref name="service"/>"</c>.</summary>
    public IReadOnlyList<string> MatchersFor(string service) => Matchers ?? [$"service=\"{service}\""];
}

/// <summary>The <c>remote</c> section: how changegate talks to the git remote the ledger and the evidence notes are shared through.</summary>
/// <param name="Timeout">How long one fetch or push may take; null: <see cref="Sync.GitTimeout.Default"/> (the <c>CHANGEGATE_GIT_TIMEOUT</c> variable overrides both).</param>
public sealed record RemotePolicy(TimeSpan? Timeout)
{
    /// <summary>No section: the default limit.</summary>
    public static RemotePolicy Default { get; } = new((TimeSpan?)null);
}
