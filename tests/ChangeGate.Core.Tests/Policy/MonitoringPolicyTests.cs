using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Policy;

public sealed class MonitoringPolicyTests
{
    private static readonly int Lines = TestPolicies.ThreeStages.Split('\n').Length;

    private static Result<GatePolicy> Read(string section) => new PolicyReader(GateChecks.Names).Read(TestPolicies.ThreeStages + "\n" + section, "changegate.yml");

    private static List<string> Problems(string section)
    {
        var policy = Read(section);
        Assert.False(policy.IsSuccess);
        return policy.Problems.Select(p => $"{p.Location!.Line}:{p.Location.Column}: {p.Message} | {p.Fix}").ToList();
    }

    [Fact]
    public void Without_the_section_there_is_no_monitoring()
    {
        var monitoring = TestPolicies.Parse().Monitoring;

        Assert.False(monitoring.IsConfigured);
        Assert.Same(MonitoringPolicy.None, monitoring);
    }

    [Fact]
    public void Defaults_match_the_service_and_wait_five_seconds()
    {
        var policy = TestPolicies.Parse(TestPolicies.ThreeStages + "\nmonitoring:\n  alertmanager: http://127.0.0.1:9093\n");

        Assert.Equal(new Uri("http://127.0.0.1:9093"), policy.Monitoring.Alertmanager);
        Assert.Equal(["service=\"talk-message\""], policy.Monitoring.MatchersFor(policy.Service));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.Monitoring.Timeout);
    }

    [Fact]
    public void Reads_every_key()
    {
        var policy = TestPolicies.Parse(TestPolicies.ThreeStages + "\nmonitoring:\n  alertmanager: https://ops.example.com/alertmanager\n  matchers: ['team=\"talk\"', 'severity=~\"page|critical\"', env!=dev]\n  timeout: 60s\n");

        Assert.Equal(new Uri("https://ops.example.com/alertmanager"), policy.Monitoring.Alertmanager);
        Assert.Equal(["team=\"talk\"", "severity=~\"page|critical\"", "env!=dev"], policy.Monitoring.MatchersFor(policy.Service));
        Assert.Equal(TimeSpan.FromSeconds(60), policy.Monitoring.Timeout);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:9093")]
    [InlineData("127.0.0.1:9093")]
    [InlineData("not a url")]
    public void A_url_that_is_not_http_or_https_is_reported_at_its_place(string url)
    {
        var problems = Problems($"monitoring:\n  alertmanager: {url}\n");

        Assert.Contains(problems, p => p.StartsWith($"{Lines + 2}:17: monitoring.alertmanager '{url}' is not an http or https URL | write the Alertmanager's base URL", StringComparison.Ordinal));
    }

    [Fact]
    public void A_url_with_a_query_or_credentials_is_reported()
    {
        Assert.Contains(Problems("monitoring:\n  alertmanager: http://am:9093/?x=1\n"), p => p.Contains("must be a base URL without user, query or fragment", StringComparison.Ordinal));
        Assert.Contains(Problems("monitoring:\n  alertmanager: http://bot:secret@am:9093\n"), p => p.Contains("must be a base URL without user, query or fragment", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("61s")]
    [InlineData("2m")]
    [InlineData("0")]
    public void A_timeout_over_60s_or_of_zero_is_reported(string timeout)
    {
        var problems = Problems($"monitoring:\n  alertmanager: http://127.0.0.1:9093\n  timeout: {timeout}\n");

        Assert.Contains(problems, p => p.StartsWith($"{Lines + 3}:12: monitoring.timeout must be more than 0 and at most 60s", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_key_is_reported_with_a_suggestion()
    {
        var problems = Problems("monitoring:\n  alertmanager: http://127.0.0.1:9093\n  matcher: ['service=\"x\"']\n");

        Assert.Contains($"{Lines + 3}:3: unknown key 'matcher' in monitoring; did you mean 'matchers'? | allowed keys: alertmanager, matchers, timeout", problems);
    }

    [Fact]
    public void A_missing_url_a_bad_matcher_and_an_empty_matcher_list_are_reported()
    {
        Assert.Contains(Problems("monitoring:\n  timeout: 5s\n"), p => p.StartsWith($"{Lines + 2}:3: monitoring needs 'alertmanager' | add `alertmanager: http://127.0.0.1:9093`", StringComparison.Ordinal));
        Assert.Contains(Problems("monitoring:\n  alertmanager: http://127.0.0.1:9093\n  matchers: ['service==\"x\"']\n"),
            p => p.StartsWith($"{Lines + 3}:14: monitoring.matchers: 'service==\"x\"' is not an Alertmanager matcher", StringComparison.Ordinal));
        Assert.Contains(Problems("monitoring:\n  alertmanager: http://127.0.0.1:9093\n  matchers: []\n"), p => p.Contains("must name at least one matcher", StringComparison.Ordinal));
    }

    [Fact]
    public void The_templates_commented_monitoring_example_is_valid_once_uncommented()
    {
        var lines = PolicyTemplate.Render("talk-message").Split('\n').ToList();
        var start = lines.FindIndex(l => l == "# monitoring:");
        Assert.True(start >= 0, "the template shows a commented-out monitoring section");
        for (var i = start; i < lines.Count && lines[i].StartsWith('#'); i++)
        {
            lines[i] = lines[i][2..];
        }

        var policy = TestPolicies.Parse(string.Join('\n', lines));

        Assert.Equal(new Uri("http://127.0.0.1:9093"), policy.Monitoring.Alertmanager);
        Assert.Equal(["service=\"talk-message\""], policy.Monitoring.MatchersFor(policy.Service));
    }
}
