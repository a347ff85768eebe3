using System.Text.Json;
using System.Text.RegularExpressions;
using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary><c>changegate report --html</c>: a page that real headless Chromium renders with the timeline, the verdicts and the trail, and in which hostile ledger text stays inert.</summary>
public sealed class HtmlReportTests
{
    private const string Hostile = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> \u001b[2J";

    private static readonly string SitesPolicy = ScratchRepository.ThreeStagePolicy.Replace(
        "checks: [incidents, stage, approvals, freeze, rollback-plan]",
        """
        checks: [incidents, stage, approvals, freeze, rollback-plan, redundancy]
        sites:
          - name: pangyo
            targets: [canary-01, pangyo-01, pangyo-02]
          - name: gasan
            targets: [gasan-01, gasan-02]
          - name: anyang
            targets: [anyang-01, anyang-02]
        """,
        StringComparison.Ordinal);

    // A rollout with every kind of event the timeline draws, and an incident whose title is an attack.
    private static ScratchRepository Rollout()
    {
        var scratch = ScratchRepository.Create(SitesPolicy);
        void Run(string actor, params string[] args)
        {
            var run = Changegate.InProcess(scratch.Work, new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = actor }, args);
            Assert.True(run.ExitCode == 0, $"{string.Join(' ', args)}\n{run}");
        }

        Run("rm@kakao.com", "rollout", "start", "--rollback-plan", "redeploy 0.9", "--reason", "CHG-1");
        Run("sre@kakao.com", "failover", "record", "--from", "pangyo", "--to", "gasan", "--result", "passed", "--detail", "drill DR-1");
        Run("deployer@kakao.com", "deploy", "record", "--target", "canary-01", "--status", "failed", "--detail", "health check timed out");
        Run("sre@kakao.com", "incident", "resolve", "INC-1", "--reason", "pool size restored");
        Run("rm@kakao.com", "rollout", "resume", "--reason", "INC-1 resolved");
        Run("deployer@kakao.com", "deploy", "record", "--target", "canary-01", "--status", "ok");
        Run("lead@kakao.com", "approve", "--stage", "pangyo");
        Run("sre@kakao.com", "override", "--check", "approvals", "--reason", "CAB by mail", "--expires", "30m");
        Run("deployer@kakao.com", "freeze", "now", "--reason", "delays in gasan");
        Run("sre@kakao.com", "freeze", "lift", "--reason", "dashboard glitch");
        Run("deployer@kakao.com", "incident", "open", "--title", Hostile);
        return scratch;
    }

    [BrowserFact]
    public void Chromium_renders_the_timeline_the_verdicts_and_the_trail_and_the_hostile_title_stays_text()
    {
        using var scratch = Rollout();
        var report = Changegate.InProcess(scratch.Work, null, "report", "--html", "report.html");
        Assert.True(report.ExitCode == 0, report.ToString());
        var events = JsonDocument.Parse(Changegate.InProcess(scratch.Work, null, "log", "--format", "json").Output).RootElement.GetProperty("events").GetArrayLength();

        var dom = HeadlessChromium.DumpDom(Path.Combine(scratch.Work, "report.html"));

        // The timeline: one chart, a lane per target and every kind of event drawn.
        Assert.Equal(1, Regex.Count(dom, "<svg id=\"timeline-chart\""));
        foreach (var lane in new[] { "stages", "paused", "canary-01", "anyang-02", "incidents", "approvals", "overrides", "failover tests", "emergency freeze" })
        {
            Assert.Contains($"data-lane=\"{lane}\"", dom, StringComparison.Ordinal);
        }

        foreach (var kind in new[] { "stage", "paused", "deploy-failed", "deploy-ok", "incident", "approval", "override", "failover-passed", "freeze" })
        {
            Assert.True(Regex.IsMatch(dom, $"<g class=\"event {kind}\" data-kind=\"{kind}\""), $"no {kind} in the rendered timeline");
        }

        // The trail: one row per ledger event, in order.
        var trail = Regex.Match(dom, "<section id=\"audit-trail\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Equal(events, Regex.Count(trail, "<tr data-sequence="));
        Assert.Contains("<tr data-sequence=\"1\" data-kind=\"rollout-started\">", trail, StringComparison.Ordinal);
        Assert.Contains("opened incident INC-1: deploy of R-1 to canary-01 failed: health check timed out", trail, StringComparison.Ordinal);
        Assert.Contains("override OVR-1 of 'approvals'", trail, StringComparison.Ordinal);

        // The verdicts: every target blocked by the open (hostile) incident, shown as text.
        var verdicts = Regex.Match(dom, "<section id=\"verdicts\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Equal(7, Regex.Count(verdicts, "data-verdict=\"block\""));
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x", verdicts, StringComparison.Ordinal);

        // Inert: no element came from the ledger, the document's title is ours, the escape shows as text.
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<title>ChangeGate report · talk-message</title>", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("pwned</title>", dom, StringComparison.Ordinal);
        Assert.Contains("\\u001b[2J", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", dom, StringComparison.Ordinal);
    }

    [BrowserFact]
    public void The_screenshot_shows_the_chart_in_its_colours()
    {
        using var scratch = Rollout();
        Assert.Equal(0, Changegate.InProcess(scratch.Work, null, "report", "--html", "report.html").ExitCode);
        var png = Path.Combine(scratch.Root, "report.png");

        HeadlessChromium.Screenshot(Path.Combine(scratch.Work, "report.html"), png);

        var image = PngImage.Read(png);
        Assert.Equal(1280, image.Width);
        Assert.Equal(1400, image.Height);
        Assert.True(image.Colours().Count > 50, $"only {image.Colours().Count} colours: the page did not render");
        // Drawn, not only present in the markup: the incident bar's red, the stage band's blue, the deploy's green.
        Assert.True(image.Count(0xcf222e) > 200, "no incident red in the screenshot");
        Assert.True(image.Count(0x0969da) > 200, "no stage blue in the screenshot");
        Assert.True(image.Count(0x1a7f37) > 20, "no deploy green in the screenshot");
    }

    [Fact]
    public void The_page_is_self_contained_and_encodes_ledger_text()
    {
        using var scratch = Rollout();

        var run = Changegate.InProcess(scratch.Work, null, "report", "--html", "out/report.html");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("7 targets (0 allowed, 7 blocked)", run.Output, StringComparison.Ordinal);
        var page = File.ReadAllText(Path.Combine(scratch.Work, "out", "report.html"));
        Assert.Contains("default-src 'none'", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Hostile, page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_as_the_file_is_exit_2_before_reading_anything()
    {
        using var scratch = ScratchRepository.Create(withRemote: false);
        Directory.CreateDirectory(Path.Combine(scratch.Work, "out"));

        var run = Changegate.InProcess(scratch.Work, null, "report", "--html", "out");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a directory, not a file", run.Error, StringComparison.Ordinal);
        Assert.Contains("pass --html a file", run.Error, StringComparison.Ordinal);
    }
}
