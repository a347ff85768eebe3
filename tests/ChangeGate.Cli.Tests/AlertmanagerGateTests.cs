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

    private static ScratchRepository Scratch(Uri alertmanager)
    {
        var scratch = ScratchRepository.Create(ScratchRepository.ThreeStagePolicy + $"\nmonitoring:\n  alertmanager: {alertmanager}\n  timeout: 10s\n", withRemote: false);
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
}
