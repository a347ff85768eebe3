using ChangeGate.Core.Policy;
using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Monitoring;

/// <summary>
/// "No alert fires for the service": the monitoring half of the 2024-05-21 rule, shared by the gate's
/// <c>incidents</c> check and by <c>rollout promote</c>/<c>resume</c>. Alerts that cannot be read
/// are a problem, never a pass: the caller fails closed.
/// </summary>
public static class FiringAlertsRule
{
    private const int MaxListed = 5;

    /// <summary>What the pass says when the policy has no <c>monitoring</c> section.</summary>
    public const string NotConfigured = "alerts not checked (no monitoring configured)";

    /// <summary>The fix for a firing alert.</summary>
    public const string Fix = "resolve the cause so the alert stops firing, or silence it in Alertmanager with a comment; an override of the incidents check is recorded";

    /// <summary>
    /// Reads the firing alerts the policy's monitoring names through <paramref name="source"/> and
    /// judges them; a pass that says so when the policy has no monitoring; problems when they
    /// cannot be read (including when monitoring is configured but <paramref name="source"/> is null).
    /// </summary>
    public static Result<RuleVerdict> Evaluate(MonitoringPolicy monitoring, string service, IAlertSource? source, CancellationToken cancellationToken = default)
    {
        if (monitoring.Alertmanager is not { } alertmanager)
        {
            return Result<RuleVerdict>.Ok(RuleVerdict.Pass(NotConfigured, "alerts not checked: no monitoring configured (the policy has no `monitoring` section; see docs/policy.md)"));
        }

        var query = new AlertQuery(alertmanager, monitoring.MatchersFor(service), monitoring.Timeout);
        if (source is null)
        {
            return Result<RuleVerdict>.Fail(new Problem($"the policy names an Alertmanager ({alertmanager}) but this host gave the gate no way to read it; alerts cannot be checked",
                "run the gate with `changegate gate`, which reads the policy's Alertmanager; or take `monitoring` out of the policy"));
        }

        var read = source.FiringAlerts(query, cancellationToken);
        return read.IsSuccess ? Result<RuleVerdict>.Ok(Judge(query, read.Value)) : Result<RuleVerdict>.Fail(read.Problems);
    }

    /// <summary>Blocks on any of <paramref name="firing"/>, naming each alert, the labels the matchers looked at, and when it started.</summary>
    public static RuleVerdict Judge(AlertQuery query, IReadOnlyList<FiringAlert> firing)
    {
        var source = $"Alertmanager {query.Alertmanager} ({string.Join(", ", query.Matchers)})";
        if (firing.Count == 0)
        {
            return RuleVerdict.Pass($"no firing alert in {source}", $"checked {source}: no firing alert");
        }

        var matched = query.Matchers.Select(m => m[..m.IndexOfAny(['=', '!'])].Trim()).Distinct(StringComparer.Ordinal).ToList();
        var listed = string.Join("; ", firing.Take(MaxListed).Select(a =>
            $"{NameOf(a)} {Labels(a.Labels.Where(l => matched.Contains(l.Key)))} since {a.StartsAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"));
        return RuleVerdict.Fail(
            $"{firing.Count} firing alert{(firing.Count == 1 ? "" : "s")} in {source}: {listed}{(firing.Count > MaxListed ? "; ..." : "")}",
            Fix,
            [.. firing.Select(a => $"alert {NameOf(a)} firing since {a.StartsAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, labels {Labels(a.Labels)}")]);
    }

    private static string NameOf(FiringAlert alert) => alert.Name.Length == 0 ? "(no alertname)" : alert.Name;

    private static string Labels(IEnumerable<KeyValuePair<string, string>> labels) =>
        "{" + string.Join(", ", labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
