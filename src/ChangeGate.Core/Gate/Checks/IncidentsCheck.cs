using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>Blocks every target while any incident of the service is unresolved (the 2024-05-21 rule).</summary>
public sealed class IncidentsCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.Incidents;

    /// <inheritdoc />
    public string Description => "no unresolved incident for the service";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context) => CheckResult.From(RolloutRules.Incidents(context.Ledger));
}
