using ChangeGate.Core.Policy.Sections;

namespace ChangeGate.Core.Policy;

/// <summary>The sections <c>changegate.yml</c> may hold. Register a new section here.</summary>
public static class PolicySections
{
    /// <summary>Every known section parser, in the order they are documented.</summary>
    public static IReadOnlyList<PolicySectionParser> All { get; } =
    [
        new ServiceSectionParser(),
        new StagesSectionParser(),
        new SitesSectionParser(),
        new RedundancySectionParser(),
        new ApproversSectionParser(),
        new OverridesSectionParser(),
        new RollbackPlanSectionParser(),
        new FreezeSectionParser(),
        new ChecksSectionParser(),
        new EvidenceSectionParser(),
        new LedgerSectionParser(),
        new AnalyzersSectionParser(),
        new MonitoringSectionParser(),
        new RemoteSectionParser(),
    ];
}
