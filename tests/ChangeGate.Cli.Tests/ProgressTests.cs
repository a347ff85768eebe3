using ChangeGate.Cli.Tests.Support;
using ChangeGate.SolutionAnalysis.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>Long steps say what they do on a terminal (a real pseudo-terminal), and nothing but the result goes to a pipe.</summary>
public sealed class ProgressTests
{
    [TerminalFact]
    public void On_a_terminal_analyze_shows_restore_loading_and_each_project_then_erases_the_line()
    {
        using var copy = new SampleCopy("LegacyUpdater");
        using var terminal = TmuxTerminal.StartChangegate(copy.Root, new Dictionary<string, string>(), waitForGo: true, "analyze", "samples/LegacyUpdater");
        var recording = terminal.Record();
        terminal.Go();

        Assert.Equal(0, terminal.WaitForExit(TimeSpan.FromMinutes(5)));

        // Every byte the program wrote to the terminal: each step was shown, rewritten in place.
        var written = File.ReadAllText(recording);
        Assert.Contains("restoring LegacyUpdater.csproj", written, StringComparison.Ordinal);
        Assert.Matches(@"loading \S*LegacyUpdater", written);
        Assert.Contains("analyzing LegacyUpdater (1/1)", written, StringComparison.Ordinal);
        Assert.Matches("\r[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] restoring", written);
        // What stays on the screen is the result alone: the progress line was erased.
        var pane = terminal.Capture();
        Assert.Contains("6 findings (0 errors, 6 warnings, 0 notes)", pane, StringComparison.Ordinal);
        Assert.DoesNotContain("analyzing LegacyUpdater", pane, StringComparison.Ordinal);
        Assert.DoesNotContain("restoring", pane, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_analyze_writes_the_result_and_no_progress()
    {
        using var copy = new SampleCopy("LegacyUpdater");

        var run = Changegate.Process(copy.Root, null, "analyze", "samples/LegacyUpdater");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("6 findings (0 errors, 6 warnings, 0 notes)", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
        Assert.DoesNotContain("\r", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("restoring", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirected_affected_and_gate_write_no_progress()
    {
        using var scratch = ScratchRepository.Create(withRemote: false);
        Assert.Equal(0, Changegate.InProcess(scratch.Work, new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" }, "rollout", "start", "--rollback-plan", "x").ExitCode);

        var affected = Changegate.Process(scratch.Work, null, "affected", "--since", "HEAD");
        var gate = Changegate.Process(scratch.Work, null, "gate", "--target", "canary-01");

        Assert.True(affected.ExitCode == 0, affected.ToString());
        Assert.Equal("", affected.Error);
        Assert.True(gate.ExitCode == 0, gate.ToString());
        Assert.Equal("", gate.Error);
        Assert.DoesNotContain("checking", gate.All, StringComparison.Ordinal);
        Assert.DoesNotContain("evaluating", affected.All, StringComparison.Ordinal);
    }
}
