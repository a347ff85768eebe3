namespace ChangeGate.Core.Policy;

/// <summary>
/// A parsed and validated <c>changegate.yml</c>. Each top-level section is a model object, looked up
/// by its type; the common ones have typed accessors.
/// </summary>
public sealed class GatePolicy
{
    private readonly IReadOnlyDictionary<Type, object> _sections;

    internal GatePolicy(string sourcePath, IReadOnlyDictionary<Type, object> sections)
    {
        SourcePath = sourcePath;
        _sections = sections;
    }

    /// <summary>The file the policy was read from.</summary>
    public string SourcePath { get; }

    /// <summary>The model of a section; every registered section has one (its default when absent).</summary>
    public T Section<T>() where T : class =>
        _sections.TryGetValue(typeof(T), out var value) ? (T)value : throw new InvalidOperationException($"No policy section of type {typeof(T).Name} is registered.");

    /// <summary>The service the ledger is kept for.</summary>
    public string Service => Section<ServicePolicy>().Name;

    /// <summary>The ordered stages.</summary>
    public IReadOnlyList<StagePolicy> Stages => Section<StagesPolicy>().Stages;

    /// <summary>Who may approve.</summary>
    public ApproversPolicy Approvers => Section<ApproversPolicy>();

    /// <summary>Who may override, and for how long.</summary>
    public OverridePolicy Overrides => Section<OverridePolicy>();

    /// <summary>Freeze windows.</summary>
    public FreezePolicy Freeze => Section<FreezePolicy>();

    /// <summary>Whether a rollout needs a rollback plan.</summary>
    public RollbackPlanPolicy RollbackPlan => Section<RollbackPlanPolicy>();

    /// <summary>Which gate checks run.</summary>
    public ChecksPolicy Checks => Section<ChecksPolicy>();

    /// <summary>What the evidence check demands.</summary>
    public EvidencePolicy Evidence => Section<EvidencePolicy>();

    /// <summary>What protects the ledger: signed events, witnesses, a pinned tip.</summary>
    public LedgerPolicy Ledger => Section<LedgerPolicy>();

    /// <summary>What the analyzers check analyzes.</summary>
    public AnalyzersPolicy Analyzers => Section<AnalyzersPolicy>();

    /// <summary>Where the incidents check looks for firing alerts.</summary>
    public MonitoringPolicy Monitoring => Section<MonitoringPolicy>();

    /// <summary>The sites (data centres) targets run in; empty when none are declared.</summary>
    public SitesPolicy Sites => Section<SitesPolicy>();

    /// <summary>What the redundancy check demands.</summary>
    public RedundancyPolicy Redundancy => Section<RedundancyPolicy>();

    /// <summary>How long git may take to talk to the remote.</summary>
    public RemotePolicy Remote => Section<RemotePolicy>();
}
