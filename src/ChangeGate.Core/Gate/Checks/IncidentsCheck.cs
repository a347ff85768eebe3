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
    private const int MaxListed = 5;

    /// <inheritdoc />
    public string Name => RuleNames.Incidents;

    /// <inheritdoc />
    public string Description => "no unresolved incident or firing alert for the service";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        var ledger = RolloutRules.Incidents(context.Ledger);
        var monitoring = context.Policy.Monitoring;
        if (!monitoring.IsConfigured)
        {
            const string NotConfigured = "alerts not checked: no monitoring configured (the policy has no `monitoring` section; see docs/policy.md)";
            return ledger.Holds
                ? CheckResult.Pass($"{ledger.Reason}; alerts not checked (no monitoring configured)", [.. ledger.Details, NotConfigured])
                : CheckResult.Block(ledger.Reason, ledger.Fix, [.. ledger.Details, NotConfigured]);
        }

        var query = new AlertQuery(monitoring.Alertmanager!, monitoring.MatchersFor(context.Policy.Service), monitoring.Timeout);
        var source = $"Alertmanager {query.Alertmanager} ({string.Join(", ", query.Matchers)})";
        if (context.Alerts is not { } alerts)
        {
            return CheckResult.Error($"the policy names an Alertmanager ({query.Alertmanager}) but this host gave the gate no way to read it; alerts cannot be checked",
                "run the gate with `changegate gate`, which reads the policy's Alertmanager; or take `monitoring` out of the policy", [.. ledger.Details]);
        }

        var read = alerts.FiringAlerts(query);
        if (!read.IsSuccess)
        {
            // Unknown alert state blocks even without an incident in the ledger; an override cannot cover it.
            var problem = read.Problems[0];
            return CheckResult.Error(
                $"cannot read firing alerts: {problem.Message}" + (ledger.Holds ? "" : $"; also {ledger.Reason}"),
                problem.Fix,
                [.. ledger.Details, .. read.Problems.Skip(1).Select(p => p.ToString())]);
        }

        var firing = read.Value;
        var alertDetails = firing.Select(Describe).ToList();
        if (firing.Count == 0)
        {
            return ledger.Holds
                ? CheckResult.Pass($"{ledger.Reason}; no firing alert in {source}", [.. ledger.Details, $"checked {source}: no firing alert"])
                : CheckResult.Block($"{ledger.Reason}; no firing alert in {source}", ledger.Fix, [.. ledger.Details, $"checked {source}: no firing alert"]);
        }

        var matched = query.Matchers.Select(m => m[..m.IndexOfAny(['=', '!'])].Trim()).Distinct(StringComparer.Ordinal).ToList();
        var listed = string.Join("; ", firing.Take(MaxListed).Select(a =>
            $"{(a.Name.Length == 0 ? "(no alertname)" : a.Name)} {Labels(a.Labels.Where(l => matched.Contains(l.Key)))} since {a.StartsAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"));
        var alertReason = $"{firing.Count} firing alert{(firing.Count == 1 ? "" : "s")} in {source}: {listed}{(firing.Count > MaxListed ? "; ..." : "")}";
        const string AlertFix = "resolve the cause so the alert stops firing, or silence it in Alertmanager with a comment; an override of the incidents check is recorded";
        return ledger.Holds
            ? CheckResult.Block(alertReason, AlertFix, alertDetails)
            : CheckResult.Block($"{ledger.Reason}; and {alertReason}", $"{ledger.Fix}; for the alerts: {AlertFix}", [.. ledger.Details, .. alertDetails]);
    }

    private static string Describe(FiringAlert alert) =>
        $"alert {(alert.Name.Length == 0 ? "(no alertname)" : alert.Name)} firing since {alert.StartsAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, labels {Labels(alert.Labels)}";

    private static string Labels(IEnumerable<KeyValuePair<string, string>> labels) =>
        "{" + string.Join(", ", labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
