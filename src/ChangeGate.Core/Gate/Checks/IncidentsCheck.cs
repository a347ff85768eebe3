using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>
/// Blocks every target while any incident of the service is unresolved in the ledger or any alert
/// for it fires in the policy's Alertmanager (the 2024-05-21 rule). Monitoring it cannot read is an
/// error: the gate fails closed.
/// </summary>
public sealed class IncidentsCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.Incidents;

    /// <inheritdoc />
    public string Description => "no unresolved incident or firing alert for the service";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        var ledger = RolloutRules.Incidents(context.Ledger);
        var alerts = FiringAlertsRule.Evaluate(context.Policy.Monitoring, context.Policy.Service, context.Alerts);
        if (!alerts.IsSuccess)
        {
            // Unknown alert state blocks even without an incident in the ledger; an override cannot cover an error.
            var problem = alerts.Problems[0];
            return CheckResult.Error(
                $"cannot read firing alerts: {problem.Message}" + (ledger.Holds ? "" : $"; also {ledger.Reason}"),
                problem.Fix,
                [.. ledger.Details, .. alerts.Problems.Skip(1).Select(p => p.ToString())]);
        }

        return CheckResult.From(RolloutRules.Incidents(context.Ledger, alerts.Value));
    }
}
