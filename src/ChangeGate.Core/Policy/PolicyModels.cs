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
public sealed record RollbackPlanPolicy(bool Required)
{
    /// <summary>
    /// <c>rollback-plan: rehearsed</c>: besides a plan, promotion beyond the first stage needs a
    /// successful rollback recorded on a first-stage target in the rollout, then its forward deploy again.
    /// </summary>
    public bool Rehearsed { get; init; }
}

/// <summary>The <c>checks</c> section: the gate checks to run. Null means every known check.</summary>
public sealed record ChecksPolicy(IReadOnlyList<string>? Enabled)
{
    /// <summary>True when the check named <paramref name="name"/> runs.</summary>
    public bool IsEnabled(string name) => Enabled is null || Enabled.Contains(name, StringComparer.Ordinal);
}

/// <summary>The <c>freeze</c> section: windows in which nothing is promoted or deployed.</summary>
public sealed record FreezePolicy(IReadOnlyList<Time.FreezeWindow> Windows)
{
    /// <summary>Who may lift an emergency freeze (<c>changegate freeze lift</c>) besides the override actors.</summary>
    public IReadOnlyList<string> EmergencyActors { get; init; } = [];
}

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
/// <param name="RequireSignature">Every record must be signed by one of <see cref="Keys"/>' trusted keys (default); false also accepts unsigned records.</param>
/// <param name="RequireCleanTree">Every record must come from a clean working tree.</param>
/// <param name="TestProjects">Which test projects must have results.</param>
public sealed record EvidencePolicy(bool Required, bool RequireSignature, bool RequireCleanTree, RequiredTestProjects TestProjects)
{
    /// <summary>Fail closed: evidence required and signed, clean tree, affected test projects.</summary>
    public static EvidencePolicy Default { get; } = new(true, true, true, RequiredTestProjects.Affected);

    /// <summary>The public keys trusted to sign evidence (<c>trusted-keys</c>) and the revoked ones (<c>revoked-keys</c>).</summary>
    public Signing.KeyTrust Keys { get; init; } = Signing.KeyTrust.None;
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

/// <summary>One site (data centre, region or zone) and the targets it hosts.</summary>
/// <param name="Name">The site's name, e.g. <c>pangyo</c>; unique ignoring case.</param>
/// <param name="Targets">The targets that run in it; each target is in exactly one site.</param>
public sealed record SitePolicy(string Name, IReadOnlyList<string> Targets);

/// <summary>The <c>sites</c> section: where each target runs. A stage may span sites.</summary>
public sealed record SitesPolicy(IReadOnlyList<SitePolicy> Sites)
{
    /// <summary>No sites declared.</summary>
    public static SitesPolicy None { get; } = new([]);

    /// <summary>True when the policy declares sites.</summary>
    public bool IsDeclared => Sites.Count > 0;

    /// <summary>The site that hosts <paramref name="target"/>, or null.</summary>
    public SitePolicy? SiteOf(string target) => Sites.FirstOrDefault(s => s.Targets.Contains(target, StringComparer.Ordinal));

    /// <summary>The site named <paramref name="name"/> (ignoring case), or null.</summary>
    public SitePolicy? Named(string name) => Sites.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The <c>redundancy</c> section: what the <c>redundancy</c> gate check demands when sites are declared.</summary>
/// <param name="MinServingSites">Sites that must keep serving the known-good version during a deploy; null: every site but one.</param>
/// <param name="FailoverTestMaxAge">How old the last passed failover test may be.</param>
public sealed record RedundancyPolicy(int? MinServingSites, TimeSpan FailoverTestMaxAge)
{
    /// <summary>The default age limit of the last passed failover test: 90 days.</summary>
    public static TimeSpan DefaultFailoverTestMaxAge { get; } = TimeSpan.FromDays(90);

    /// <summary>Every site but one keeps serving; a failover test within 90 days.</summary>
    public static RedundancyPolicy Default { get; } = new(null, DefaultFailoverTestMaxAge);

    /// <summary>The sites that must keep serving under <paramref name="sites"/>: the configured number, else all but one (at least 1).</summary>
    public int MinServingSitesFor(SitesPolicy sites) => MinServingSites ?? Math.Max(1, sites.Sites.Count - 1);
}

/// <summary>The <c>remote</c> section: how changegate talks to the git remote the ledger and the evidence notes are shared through.</summary>
/// <param name="Timeout">How long one fetch or push may take; null: <see cref="Sync.GitTimeout.Default"/> (the <c>CHANGEGATE_GIT_TIMEOUT</c> variable overrides both).</param>
public sealed record RemotePolicy(TimeSpan? Timeout)
{
    /// <summary>No section: the default limit.</summary>
    public static RemotePolicy Default { get; } = new((TimeSpan?)null);
}
