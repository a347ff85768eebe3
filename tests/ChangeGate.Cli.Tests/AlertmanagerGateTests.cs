using System.Text.Json;
using ChangeGate.Cli.Tests.Support;
using ChangeGate.Core.Tests.Support.Alertmanager;

namespace ChangeGate.Cli.Tests;

/// <summary>`changegate gate` with the policy's monitoring: a firing alert in a real Alertmanager blocks, unreachable monitoring errs.</summary>
public sealed class AlertmanagerGateTests : IClassFixture<AlertmanagerFixture>
{
    private static readonly Dictionary<string, string> Actor = new() { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };
    private readonly AlertmanagerFixture _alertmanager;

    public AlertmanagerGateTests(AlertmanagerFixture alertmanager) => _alertmanager = alertmanager;

    private static ScratchRepository Scratch(Uri alertmanager, string service = "talk-message")
    {
        var policy = ScratchRepository.ThreeStagePolicy.Replace("service: talk-message", $"service: {service}", StringComparison.Ordinal)
            + $"\nmonitoring:\n  alertmanager: {alertmanager}\n  timeout: 10s\n";
        var scratch = ScratchRepository.Create(policy, withRemote: false);
        Assert.Equal(0, Changegate.InProcess(scratch.Work, Actor, "rollout", "start", "--rollback-plan", "redeploy 0.9").ExitCode);
        return scratch;
    }

    [AlertmanagerFact]
    public void A_firing_alert_blocks_the_gate_until_it_is_silenced()
    {
        var server = _alertmanager.Server;
        using var scratch = Scratch(server.Url);
        var quiet = Changegate.Process(scratch.Work, null, "gate", "--target", "canary-01");
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Contains($"no unresolved incident; no firing alert in Alertmanager {server.Url} (service=\"talk-message\")", quiet.Output, StringComparison.Ordinal);

        server.PostAlert(new Dictionary<string, string> { ["alertname"] = "MessageSendErrors", ["service"] = "talk-message", ["dc"] = "pangyo" });
        var text = Changegate.Process(scratch.Work, null, "gate", "--target", "canary-01");
        var json = Changegate.Process(scratch.Work, null, "gate", "--target", "canary-01", "--format", "json");

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains("BLOCK      incidents", text.Output, StringComparison.Ordinal);
        Assert.Contains("MessageSendErrors {service=\"talk-message\"} since", text.Output, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        var incidents = JsonDocument.Parse(json.Output).RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "incidents");
        Assert.Equal("block", incidents.GetProperty("outcome").GetString());
        Assert.Contains("1 firing alert in Alertmanager", incidents.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("resolve the cause so the alert stops firing, or silence it in Alertmanager", incidents.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Contains(incidents.GetProperty("details").EnumerateArray(), d => d.GetString()!.Contains("dc=\"pangyo\"", StringComparison.Ordinal));

        server.Silence("alertname", "MessageSendErrors", "known: the pangyo load balancer is being replaced");
        var silenced = Changegate.Process(scratch.Work, null, "gate", "--target", "canary-01");
        Assert.True(silenced.ExitCode == 0, silenced.ToString());
    }

    [AlertmanagerFact]
    public void Alert_labels_with_escape_sequences_are_shown_inert_in_every_format()
    {
        // Alertmanager data is remote: its labels reach the terminal and CI logs only escaped.
        var server = _alertmanager.Server;
        using var scratch = Scratch(server.Url, "talk-inert");
        server.PostAlert(new Dictionary<string, string> { ["alertname"] = "Disk\u001b[2JFull", ["service"] = "talk-inert", ["dc"] = "pangyo\u202e10-oyg" });

        var text = Changegate.Process(scratch.Work, null, "gate", "--target", "canary-01", "--explain");
        var github = Changegate.Process(scratch.Work, null, "gate", "--target", "canary-01", "--format", "github");
        var json = Changegate.Process(scratch.Work, null, "gate", "--target", "canary-01", "--format", "json");

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains("Disk\\u001b[2JFull {service=\"talk-inert\"}", text.Output, StringComparison.Ordinal);
        Assert.Contains("dc=\"pangyo\\u202e10-oyg\"", text.Output, StringComparison.Ordinal);
        Assert.Contains("Disk\\u001b[2JFull", github.Output, StringComparison.Ordinal);
        foreach (var run in new[] { text, github, json })
        {
            Assert.DoesNotContain('\u001b', run.All);
            Assert.DoesNotContain('\u202e', run.All);
        }

        // JSON keeps the exact value, escaped the JSON way.
        var incidents = JsonDocument.Parse(json.Output).RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "incidents");
        Assert.Contains("Disk\u001b[2JFull", incidents.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_alertmanager_fails_the_gate_closed_with_exit_2()
    {
        var closed = new Uri($"http://127.0.0.1:{AlertmanagerServer.FreePort()}");
        using var scratch = Scratch(closed);

        var run = Changegate.InProcess(scratch.Work, Actor, "gate", "--target", "canary-01");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("ERROR      incidents", run.Output, StringComparison.Ordinal);
        Assert.Contains($"cannot read firing alerts: the Alertmanager at {closed}api/v2/alerts", run.Output, StringComparison.Ordinal);
        Assert.Contains("could not be reached", run.Output, StringComparison.Ordinal);
    }

    [AlertmanagerFact]
    public void A_firing_alert_stops_rollout_promote_and_an_unreachable_alertmanager_is_exit_2()
    {
        // Its own service, so this test's alert never reaches the other test's query.
        var server = _alertmanager.Server;
        using var scratch = Scratch(server.Url, "talk-promote");
        CliRun Run(string actor, params string[] args) => Changegate.InProcess(scratch.Work, new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = actor }, args);
        Assert.Equal(0, Run("rm@kakao.com", "deploy", "record", "--target", "canary-01", "--status", "ok").ExitCode);
        Assert.Equal(0, Run("lead@kakao.com", "approve", "--stage", "pangyo").ExitCode);
        Thread.Sleep(TimeSpan.FromSeconds(1.5)); // the canary's bake time
        server.PostAlert(new Dictionary<string, string> { ["alertname"] = "QueueBacklog", ["service"] = "talk-promote" });

        var refused = Run("rm@kakao.com", "rollout", "promote");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("incidents: 1 firing alert in Alertmanager", refused.Error, StringComparison.Ordinal);
        Assert.Contains("QueueBacklog {service=\"talk-promote\"}", refused.Error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(scratch.Work, "changegate.yml"), File.ReadAllText(Path.Combine(scratch.Work, "changegate.yml"))
            .Replace(server.Url.ToString(), $"http://127.0.0.1:{AlertmanagerServer.FreePort()}/", StringComparison.Ordinal));
        var unreachable = Run("rm@kakao.com", "rollout", "promote");

        Assert.True(unreachable.ExitCode == 2, unreachable.ToString());
        Assert.Contains("cannot promote while the firing alerts cannot be read: the Alertmanager at http://127.0.0.1:", unreachable.Error, StringComparison.Ordinal);
        Assert.Contains("could not be reached", unreachable.Error, StringComparison.Ordinal);
    }
}
