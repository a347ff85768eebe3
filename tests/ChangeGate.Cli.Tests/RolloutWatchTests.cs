using System.Text.RegularExpressions;
using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary><c>rollout status --watch</c> on a real pseudo-terminal (tmux), and printed once through a pipe.</summary>
public sealed class RolloutWatchTests
{
    // Generous: the machine running the tests may be loaded, and a bound only stops a hung test.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string> ReleaseManager = new() { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };

    [TerminalFact]
    public void On_a_terminal_it_redraws_in_place_when_another_process_records_a_deploy_and_Ctrl_C_ends_it_with_exit_0()
    {
        using var scratch = ScratchRepository.Create(ScratchRepository.ThreeStagePolicy.Replace("bake: 1s", "bake: 10m", StringComparison.Ordinal));
        Assert.Equal(0, Changegate.InProcess(scratch.Work, ReleaseManager, "rollout", "start", "--rollback-plan", "redeploy 0.9").ExitCode);
        using var terminal = TmuxTerminal.StartChangegate(scratch.Work, new Dictionary<string, string>(), waitForGo: false, "rollout", "status", "--watch", "--interval", "1s");

        var before = terminal.WaitForPane(pane => Line(pane, "canary-01")?.Contains("not deployed", StringComparison.Ordinal) == true, Bound, "the canary target not deployed yet");
        Assert.Contains("Status:    ▶ running", before, StringComparison.Ordinal);
        Assert.Contains("Bake:      ⏳ starts when every target is deployed ok; waiting for canary-01", before, StringComparison.Ordinal);
        Assert.Matches(@"↓ ○ pangyo\s+pangyo-01", before);
        Assert.Contains("Ctrl+C to stop", before, StringComparison.Ordinal);

        var deploy = Changegate.Process(scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = "deployer@kakao.com" }, "deploy", "record", "--target", "canary-01", "--status", "ok");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());

        var after = terminal.WaitForPane(pane => Line(pane, "canary-01")?.Contains("✔ ok", StringComparison.Ordinal) == true, Bound, "the deploy recorded by another process");
        Assert.Matches(@"Bake:\s+⏳ \d+m?\d*s? left of 10m", after);
        // Redrawn in place: the whole history of the pane holds the view once, not once per refresh.
        var history = terminal.Capture(history: true);
        Assert.Equal(1, Regex.Count(history, "^Service:", RegexOptions.Multiline));
        Assert.Equal(1, Regex.Count(history, "canary-01"));

        // The countdown moves without any new event.
        var first = Regex.Match(terminal.Capture(), @"⏳ (\S+) left").Groups[1].Value;
        terminal.WaitForPane(pane => Regex.Match(pane, @"⏳ (\S+) left").Groups[1].Value is { Length: > 0 } now && now != first, Bound, $"the bake countdown moving on from {first}");

        terminal.SendKeys("C-c");
        Assert.Equal(0, terminal.WaitForExit(Bound));
    }

    [TerminalFact]
    public void An_incident_and_an_override_appear_while_watching()
    {
        using var scratch = ScratchRepository.Create();
        Assert.Equal(0, Changegate.InProcess(scratch.Work, ReleaseManager, "rollout", "start", "--rollback-plan", "redeploy 0.9").ExitCode);
        using var terminal = TmuxTerminal.StartChangegate(scratch.Work, new Dictionary<string, string>(), waitForGo: false, "rollout", "status", "--watch", "--interval", "1s");
        terminal.WaitForPane(pane => pane.Contains("Incidents: none open", StringComparison.Ordinal), Bound, "no incident");

        Assert.Equal(0, Changegate.Process(scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = "deployer@kakao.com" }, "deploy", "record", "--target", "canary-01", "--status", "failed", "--detail", "health check timed out").ExitCode);
        Assert.Equal(0, Changegate.Process(scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = "sre@kakao.com" }, "override", "--check", "approvals", "--reason", "CAB by mail", "--expires", "30m").ExitCode);

        var pane = terminal.WaitForPane(p => p.Contains("OVR-1", StringComparison.Ordinal) && p.Contains("INC-1", StringComparison.Ordinal), Bound, "the incident and the override");
        Assert.Contains("Status:    ॥ paused", pane, StringComparison.Ordinal);
        Assert.Contains("✖ INC-1 open since", pane, StringComparison.Ordinal);
        Assert.Contains("Override: ⚠ OVR-1 of 'approvals' by sre@kakao.com", pane, StringComparison.Ordinal);
        Assert.Contains("✖ failed", Line(pane, "canary-01"), StringComparison.Ordinal);
        terminal.SendKeys("C-c");
        Assert.Equal(0, terminal.WaitForExit(Bound));
    }

    [Fact]
    public void Through_a_pipe_it_prints_the_view_once_as_plain_text_and_exits_0()
    {
        using var scratch = ScratchRepository.Create();
        Assert.Equal(0, Changegate.InProcess(scratch.Work, ReleaseManager, "rollout", "start", "--rollback-plan", "redeploy 0.9").ExitCode);
        Assert.Equal(0, Changegate.InProcess(scratch.Work, ReleaseManager, "incident", "open", "--title", "queue \u001b[2J backlog [red]x[/]").ExitCode);

        var run = Changegate.Process(scratch.Work, new Dictionary<string, string?> { ["NO_COLOR"] = null }, "rollout", "status", "--watch", "--interval", "1s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, Regex.Count(run.Output, "^Service:", RegexOptions.Multiline));
        Assert.Contains("Status:    ॥ paused", run.Output, StringComparison.Ordinal);
        Assert.Contains("[red]x[/]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Ctrl+C", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Output.Replace("\\u001b", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("fast")]
    public void A_bad_interval_is_exit_2_naming_it(string interval)
    {
        using var scratch = ScratchRepository.Create(withRemote: false);

        var run = Changegate.InProcess(scratch.Work, null, "rollout", "status", "--watch", "--interval", interval);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--interval '{interval}' is not a duration of at least 1s", run.Error, StringComparison.Ordinal);
    }

    // The pipeline table's row of a target (indented, the target in its own column).
    private static string? Line(string pane, string target) => pane.Split('\n').FirstOrDefault(l => Regex.IsMatch(l, $@"^\s.*\s{Regex.Escape(target)}\s{{2,}}"));
}
