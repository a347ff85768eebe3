using ChangeGate.Core.Gate;
using ChangeGate.Core.Gate.Checks;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Tests.Support;
using ChangeGate.Core.Tests.Support.Alertmanager;

namespace ChangeGate.Core.Tests.Gate;

/// <summary>
/// The incidents check when monitoring is absent or cannot be read: it says so, and fails closed.
/// Bad answers come from a real loopback server (<see cref="LoopbackBadServer"/>), since a real
/// Alertmanager cannot be made to give them.
/// </summary>
public sealed class IncidentsCheckMonitoringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly CommitInfo Commit = new("a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "Author", "author@kakao.com");

    private static GatePolicy Policy(Uri alertmanager, string extra = "") =>
        TestPolicies.Parse(TestPolicies.ThreeStages + $"\nmonitoring:\n  alertmanager: {alertmanager}\n" + extra);

    private static GateReport Gate(GatePolicy policy, IAlertSource? alerts) =>
        new GateEvaluator([new IncidentsCheck()]).Evaluate(new GateContext(policy, LedgerState.Empty, Commit, ".", T0, "canary-01", null) { Alerts = alerts });

    private static CheckResult Incidents(GateReport report) => report.Checks.Single().Result;

    [Fact]
    public void Without_a_monitoring_section_the_check_passes_and_says_no_alerts_were_checked()
    {
        var result = Incidents(Gate(TestPolicies.Parse(), new AlertmanagerClient()));

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Equal("no unresolved incident; alerts not checked (no monitoring configured)", result.Reason);
        Assert.Contains("alerts not checked: no monitoring configured (the policy has no `monitoring` section; see docs/policy.md)", result.Details);
    }

    [Fact]
    public void A_policy_with_monitoring_but_a_host_without_an_alert_source_errs()
    {
        var report = Gate(Policy(new Uri("http://127.0.0.1:9093")), alerts: null);

        Assert.Equal(GateDecision.Error, report.Decision);
        Assert.Contains("the policy names an Alertmanager (http://127.0.0.1:9093/) but this host gave the gate no way to read it", Incidents(report).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_port_is_an_error_naming_the_url_and_the_exit_code_is_not_zero()
    {
        var url = new Uri($"http://127.0.0.1:{AlertmanagerServer.FreePort()}");

        var report = Gate(Policy(url), new AlertmanagerClient());

        Assert.Equal(2, report.ExitCode);
        var result = Incidents(report);
        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.True(result.Reason.StartsWith($"cannot read firing alerts: the Alertmanager at {url}api/v2/alerts?active=true&silenced=false&inhibited=false&filter=service%3D%22talk-message%22 could not be reached", StringComparison.Ordinal), result.Reason);
        Assert.NotNull(result.Fix);
    }

    [Fact]
    public void An_http_error_is_an_error_with_the_status_and_an_excerpt_of_the_body()
    {
        using var server = LoopbackBadServer.Answering(500, "{\"message\":\"storage failure\"}");

        var result = Incidents(Gate(Policy(server.Url), new AlertmanagerClient()));

        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.Contains($"the Alertmanager at {server.Url}api/v2/alerts?", result.Reason, StringComparison.Ordinal);
        Assert.Contains("answered HTTP 500 Error: \"{\"message\":\"storage failure\"}\"", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_request_points_at_the_matchers()
    {
        using var server = LoopbackBadServer.Answering(400, "bad matcher format", "text/plain");

        var result = Incidents(Gate(Policy(server.Url), new AlertmanagerClient()));

        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.Contains("answered HTTP 400", result.Reason, StringComparison.Ordinal);
        Assert.Contains("check monitoring.matchers", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_is_an_error_saying_it_is_not_json()
    {
        using var server = LoopbackBadServer.Answering(200, "<html><body>Please log in</body></html>", "text/html");

        var result = Incidents(Gate(Policy(server.Url), new AlertmanagerClient()));

        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.Contains("answered with something that is not JSON", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Please log in", result.Reason, StringComparison.Ordinal);
        Assert.Contains("not at a proxy or login page", result.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"alerts\": []}", "a JSON object where a list of alerts belongs")]
    [InlineData("[{\"labels\": {\"alertname\": \"X\"}}]", "alert 1 without a 'labels' object and a 'startsAt' time")]
    [InlineData("[{\"labels\": {\"alertname\": \"X\"}, \"startsAt\": \"2026-11-03T01:00:00Z\"}, {\"labels\": {\"n\": 1}, \"startsAt\": \"2026-11-03T01:00:00Z\"}]", "alert 2 with a label 'n' that is not text")]
    public void Unexpected_json_is_an_error_saying_what_was_unexpected(string body, string expected)
    {
        using var server = LoopbackBadServer.Answering(200, body);

        var result = Incidents(Gate(Policy(server.Url), new AlertmanagerClient()));

        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.Contains("answered unexpected JSON: " + expected, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_never_answers_is_an_error_after_the_policys_timeout()
    {
        using var server = LoopbackBadServer.Silent();

        var result = Incidents(Gate(Policy(server.Url, "  timeout: 1s\n"), new AlertmanagerClient()));

        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.Contains("did not answer within 1s (monitoring.timeout)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_answer_from_a_loopback_server_is_read_alert_by_alert()
    {
        using var server = LoopbackBadServer.Answering(200, """
            [{"labels": {"alertname": "Latency", "service": "talk-message"}, "startsAt": "2026-11-03T00:55:00.123Z", "status": {"state": "active"}}]
            """);

        var alerts = new AlertmanagerClient().FiringAlerts(new AlertQuery(server.Url, ["service=\"talk-message\""], TimeSpan.FromSeconds(5)));

        Assert.True(alerts.IsSuccess, string.Join("\n", alerts.Problems));
        var alert = Assert.Single(alerts.Value);
        Assert.Equal("Latency", alert.Name);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 55, 0, 123, TimeSpan.Zero), alert.StartsAt);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_answer_longer_than_the_limit_is_an_error_not_read_to_its_end(bool withLength)
    {
        // Well-formed alerts: only the size can make this fail.
        var alerts = string.Join(",", Enumerable.Range(0, 50).Select(i =>
            $"{{\"labels\": {{\"alertname\": \"A{i}\", \"service\": \"talk-message\"}}, \"startsAt\": \"2026-11-03T00:55:00Z\"}}"));
        var body = $"[{alerts}]";
        using var server = withLength ? LoopbackBadServer.Answering(200, body) : LoopbackBadServer.AnsweringWithoutLength(200, body);

        var capped = Incidents(Gate(Policy(server.Url), new AlertmanagerClient(null, maxResponseBytes: body.Length - 1)));
        var fits = Incidents(Gate(Policy(server.Url), new AlertmanagerClient(null, maxResponseBytes: body.Length)));

        Assert.Equal(CheckOutcome.Error, capped.Outcome);
        Assert.Contains($"answered with more than {body.Length - 1} bytes", capped.Reason, StringComparison.Ordinal);
        Assert.Contains("monitoring.matchers", capped.Fix, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Block, fits.Outcome);
        Assert.StartsWith("50 firing alerts", fits.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_query_url_keeps_a_path_prefix_and_escapes_every_matcher()
    {
        var query = new AlertQuery(new Uri("https://ops.example.com/alertmanager/"), ["service=\"talk-message\"", "severity=~\"page|critical\""], TimeSpan.FromSeconds(5));

        Assert.Equal(
            "https://ops.example.com/alertmanager/api/v2/alerts?active=true&silenced=false&inhibited=false&filter=service%3D%22talk-message%22&filter=severity%3D~%22page%7Ccritical%22",
            query.AlertsUrl.AbsoluteUri);
    }
}
