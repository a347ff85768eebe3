using System.Diagnostics;
using System.Text.RegularExpressions;
using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// The README's main command, for real: `changegate drill --keep DIR` as a separate process, once for the
/// class. It is the newcomer's first experience, so it must keep passing: every expectation held, exit 0,
/// and the kept repository's report opens in a real browser.
/// </summary>
public sealed class DrillTests(DrillTests.KeptDrill drill) : IClassFixture<DrillTests.KeptDrill>
{
    [Fact]
    public void The_drill_passes_and_tells_the_story_step_by_step()
    {
        var run = drill.Run;

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"drill passed: all \d+ expectations held", run.Output);
        foreach (var title in new[] { "2024-05-13", "no pre-tests", "2024-05-20", "2024-05-21", "work control", "2022-10-15 · a data centre fails" })
        {
            Assert.Contains(title, run.Output, StringComparison.Ordinal);
        }

        // What happened, the finding and the command for each step.
        Assert.Contains("finding: files were deleted by a server file update", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"ServerFileUpdater\.cs:24: CG1001", run.Output);
        Assert.Contains("✓ LegacyUpdater deleted the live server.ini and plugins/auth.dll", run.Output, StringComparison.Ordinal);
        Assert.Contains("$ changegate evidence record --results", run.Output, StringComparison.Ordinal);
        Assert.Contains("BLOCK      evidence      no evidence for", run.Output, StringComparison.Ordinal);
        Assert.Contains("✓ the failed canary deploy opens incident INC-1 and pauses the rollout", run.Output, StringComparison.Ordinal);
        Assert.Contains("refused: dev@kakao.example wrote commit", run.Output, StringComparison.Ordinal);
        Assert.Contains("✓ the redundancy check stops the next site", run.Output, StringComparison.Ordinal);
        Assert.Contains("override OVR-1 of 'approvals'", run.Output, StringComparison.Ordinal);
        // The Alertmanager step runs where it is installed (CI installs it) and says so plainly where it is not.
        Assert.Contains(File.Exists("/usr/bin/prometheus-alertmanager") ? "with INC-1 resolved, the firing alert MessageSendErrors still blocks the gate" : "skipped: the firing-alert step needs prometheus-alertmanager", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kept_repository_holds_the_rollout_for_exploring()
    {
        Assert.True(drill.Run.ExitCode == 0, drill.Run.ToString());
        var status = Changegate.InProcess(Path.Combine(drill.Root, "work"), null, "rollout", "status");
        var log = Changegate.InProcess(Path.Combine(drill.Root, "work"), null, "log");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("· completed", status.Output, StringComparison.Ordinal);
        Assert.Contains("completed R-1", log.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(drill.Root, "remote.git", "refs", "changegate")) || log.Output.Contains("fetched from origin", StringComparison.Ordinal), log.ToString());
    }

    [BrowserFact]
    public void A_report_of_the_kept_repository_opens_in_chromium_with_the_timeline_and_the_audit_trail()
    {
        Assert.True(drill.Run.ExitCode == 0, drill.Run.ToString());
        var work = Path.Combine(drill.Root, "work");
        var report = Changegate.InProcess(work, null, "report", "--html", Path.Combine(drill.Root, "r.html"));
        Assert.True(report.ExitCode == 0, report.ToString());

        var dom = HeadlessChromium.DumpDom(Path.Combine(drill.Root, "r.html"));

        Assert.Contains("<svg id=\"timeline-chart\"", dom, StringComparison.Ordinal);
        Assert.Matches("<g class=\"event deploy-failed\"", dom);
        Assert.Matches("<g class=\"event incident\"", dom);
        Assert.Matches("<g class=\"event override\"", dom);
        Assert.Matches("<g class=\"event failover-passed\"", dom);
        var trail = Regex.Match(dom, "<section id=\"audit-trail\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.True(Regex.Count(trail, "<tr data-sequence=") > 20, trail);
        Assert.Matches("<g class=\"event evidence\"", dom);
        Assert.Contains("completed R-1", trail, StringComparison.Ordinal);
        Assert.Contains("fire in the Gasan data centre", trail, StringComparison.Ordinal);
    }

    /// <summary>Runs the drill once, as its own process, keeping its directory; deletes it afterwards.</summary>
    public sealed class KeptDrill : IDisposable
    {
        public KeptDrill()
        {
            Root = Path.Combine(Path.GetTempPath(), "changegate-drill-test-" + Guid.NewGuid().ToString("N")[..12]);
            var start = Changegate.Start(Path.GetTempPath(), null, "drill", "--keep", Root);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            // Generous: the drill builds and tests two projects; on a loaded machine that takes minutes.
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            Run = new CliRun(process.HasExited ? process.ExitCode : -1, output.Result, error.Result);
        }

        public string Root { get; }

        public CliRun Run { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
