using ChangeGate.Core.Gate.Checks;
using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate;

/// <summary>The registered gate checks, in the order they are reported.</summary>
public static class GateChecks
{
    /// <summary>Every check this version knows. Register a new check here (one line).</summary>
    public static IReadOnlyList<IGateCheck> CreateDefault() =>
    [
        new IncidentsCheck(),
        new StageCheck(),
        new ApprovalsCheck(),
        new FreezeCheck(),
        new RollbackPlanCheck(),
        new RedundancyCheck(),
        new EvidenceCheck(),
        new AnalyzersCheck(),
    ];

    /// <summary>Names of the default checks, for validating the policy.</summary>
    public static IReadOnlyList<string> Names { get; } = CreateDefault().Select(c => c.Name).ToList();

    /// <summary>What <c>changegate override --check</c> accepts: every check plus the promotion-only rules.</summary>
    public static IReadOnlyList<string> Overridable { get; } = [.. Names, RuleNames.Bake];
}
