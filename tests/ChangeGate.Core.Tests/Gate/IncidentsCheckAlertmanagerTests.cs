using ChangeGate.Core.Gate;
using ChangeGate.Core.Gate.Checks;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Tests.Support;
using ChangeGate.Core.Tests.Support.Alertmanager;

namespace ChangeGate.Core.Tests.Gate;

/// <summary>The incidents check against a real Prometheus Alertmanager on loopback: firing alerts block, unreadable monitoring errs.</summary>
public sealed class IncidentsCheckAlertmanagerTests : IClassFixture<AlertmanagerFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly CommitInfo Commit = new("a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "Author", "author@kakao.com");
    private readonly AlertmanagerFixture _alertmanager;

    public IncidentsCheckAlertmanagerTests(AlertmanagerFixture alertmanager) => _alertmanager = alertmanager;

    private AlertmanagerServer Server => _alertmanager.Server;

    // Each test has its own service name, so the alerts of one test never match another's query.
    private static string NewService() => "svc-" + Guid.NewGuid().ToString("N")[..10];

    private static GatePolicy Policy(string service, Uri alertmanager, string extra = "") => TestPolicies.Parse(
        TestPolicies.ThreeStages.Replace("service: talk-message", $"service: {service}", StringComparison.Ordinal)
        + $"\nmonitoring:\n  alertmanager: {alertmanager}\n" + extra);

    private static GateReport Gate(GatePolicy policy, LedgerState? state = null, IAlertSource? alerts = null) =>
        new GateEvaluator([new IncidentsCheck()]).Evaluate(new GateContext(policy, state ?? LedgerState.Empty, Commit, ".", T0, "canary-01", null)
        {
            Alerts = alerts ?? new AlertmanagerClient(),
        });

    private static CheckResult Incidents(GateReport report) => report.Checks.Single(c => c.Name == "incidents").Result;

    private static Dictionary<string, string> Labels(string service, string alertname = "HighErrorRate") =>
        new() { ["alertname"] = alertname, ["service"] = service, ["severity"] = "page" };

    [AlertmanagerFact]
    public void No_alerts_pass_and_say_which_alertmanager_was_checked()
    {
        var service = NewService();

        var report = Gate(Policy(service, Server.Url));

        Assert.Equal(0, report.ExitCode);
        var result = Incidents(report);
        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Contains($"no firing alert in Alertmanager {Server.Url} (service=\"{service}\")", result.Reason, StringComparison.Ordinal);
    }

    [AlertmanagerFact]
    public void A_firing_alert_for_the_service_blocks_naming_it_its_matched_labels_and_when_it_started()
    {
        var service = NewService();
        var started = DateTimeOffset.UtcNow.AddMinutes(-7);
        Server.PostAlert(Labels(service), startsAt: started);

        var report = Gate(Policy(service, Server.Url));

        Assert.Equal(1, report.ExitCode);
        var result = Incidents(report);
        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains($"1 firing alert in Alertmanager {Server.Url}", result.Reason, StringComparison.Ordinal);
        Assert.Contains($"HighErrorRate {{service=\"{service}\"}} since {started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", result.Reason, StringComparison.Ordinal);
        Assert.Equal("resolve the cause so the alert stops firing, or silence it in Alertmanager with a comment; an override of the incidents check is recorded", result.Fix);
        Assert.Contains(result.Details, d => d.Contains("severity=\"page\"", StringComparison.Ordinal) && d.StartsWith("alert HighErrorRate firing since", StringComparison.Ordinal));
    }

    [AlertmanagerFact]
    public void An_alert_of_another_service_passes()
    {
        var service = NewService();
        Server.PostAlert(Labels(NewService()));

        Assert.Equal(CheckOutcome.Pass, Incidents(Gate(Policy(service, Server.Url))).Outcome);
    }

    [AlertmanagerFact]
    public void The_policys_matchers_replace_the_default_service_matcher()
    {
        var service = NewService();
        var other = NewService();
        Server.PostAlert(Labels(other, "DiskFull"));

        var mine = Gate(Policy(service, Server.Url));
        var matched = Gate(Policy(service, Server.Url, $"  matchers: ['service=\"{other}\"', 'severity=~\"page|critical\"']\n"));
        var unmatched = Gate(Policy(service, Server.Url, $"  matchers: ['service=\"{other}\"', 'severity=\"ticket\"']\n"));

        Assert.Equal(CheckOutcome.Pass, Incidents(mine).Outcome);
        Assert.Equal(CheckOutcome.Block, Incidents(matched).Outcome);
        Assert.Contains($"DiskFull {{service=\"{other}\", severity=\"page\"}}", Incidents(matched).Reason, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Pass, Incidents(unmatched).Outcome);
    }

    [AlertmanagerFact]
    public void A_silenced_alert_passes()
    {
        var service = NewService();
        Server.PostAlert(Labels(service));
        Assert.Equal(CheckOutcome.Block, Incidents(Gate(Policy(service, Server.Url))).Outcome);

        Server.Silence("service", service, "known: noisy during the migration");

        Assert.Equal(CheckOutcome.Pass, Incidents(Gate(Policy(service, Server.Url))).Outcome);
    }

    [AlertmanagerFact]
    public void A_resolved_alert_passes()
    {
        var service = NewService();
        Server.PostAlert(Labels(service), startsAt: DateTimeOffset.UtcNow.AddMinutes(-30), endsAt: DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.Equal(CheckOutcome.Pass, Incidents(Gate(Policy(service, Server.Url))).Outcome);
    }

    [AlertmanagerFact]
    public void A_ledger_incident_and_a_firing_alert_are_both_named()
    {
        var service = NewService();
        Server.PostAlert(Labels(service));
        var policy = Policy(service, Server.Url);
        var state = LedgerState.Empty;
        foreach (var e in new RolloutMachine(policy, "rm@kakao.com").OpenIncident(state, T0, "canary-01 returns 500", null).Events)
        {
            state = LedgerFold.Apply(state, e with { Id = Guid.NewGuid() });
        }

        var result = Incidents(Gate(policy, state));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("1 unresolved incident: INC-1 \"canary-01 returns 500\"", result.Reason, StringComparison.Ordinal);
        Assert.Contains("1 firing alert", result.Reason, StringComparison.Ordinal);
        Assert.Contains("changegate incident resolve INC-1", result.Fix, StringComparison.Ordinal);
        Assert.Contains("silence it in Alertmanager with a comment", result.Fix, StringComparison.Ordinal);
    }

    [AlertmanagerFact]
    public void A_stopped_alertmanager_is_an_error_naming_the_url()
    {
        using var stopped = AlertmanagerServer.Start();
        var service = NewService();
        var policy = Policy(service, stopped.Url);
        Assert.Equal(CheckOutcome.Pass, Incidents(Gate(policy)).Outcome);

        stopped.Stop();
        var report = Gate(policy);

        Assert.NotEqual(0, report.ExitCode);
        Assert.Equal(GateDecision.Error, report.Decision);
        var result = Incidents(report);
        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.Contains($"cannot read firing alerts: the Alertmanager at {stopped.Url}api/v2/alerts?active=true", result.Reason, StringComparison.Ordinal);
        Assert.Contains("could not be reached", result.Reason, StringComparison.Ordinal);
        Assert.Contains("is up and reachable", result.Fix, StringComparison.Ordinal);
    }

    [AlertmanagerFact]
    public void An_override_of_the_incidents_check_lets_a_firing_alert_through_and_is_shown()
    {
        var service = NewService();
        Server.PostAlert(Labels(service));
        var policy = Policy(service, Server.Url);
        var state = LedgerState.Empty;
        var granted = new RolloutMachine(policy, "sre@kakao.com").GrantOverride(state, T0, "incidents", "alert is a known false positive", TimeSpan.FromHours(1), GateChecks.Overridable);
        Assert.Null(granted.Refusal);
        state = granted.Events.Aggregate(state, (s, e) => LedgerFold.Apply(s, e with { Id = Guid.NewGuid() }));

        var report = Gate(policy, state);

        Assert.Equal(0, report.ExitCode);
        var check = report.Checks.Single();
        Assert.Equal(CheckOutcome.Block, check.Result.Outcome);
        Assert.True(check.Overridden);
        Assert.Equal("alert is a known false positive", check.Override!.Reason);
    }
}
