using System.Globalization;
using System.Net;
using System.Text;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;

namespace ChangeGate.Cli.Rendering.Html;

/// <summary>The gate's current decision for one target, from the checks that read only the ledger and the policy.</summary>
internal sealed record TargetVerdict(string Target, string? Stage, string? Site, string Version, GateReport Report);

/// <summary>Everything the HTML report shows.</summary>
internal sealed record ReportModel(
    GatePolicy Policy,
    LedgerState State,
    IReadOnlyList<LedgerEntry> History,
    IReadOnlyList<TargetVerdict> Verdicts,
    DateTimeOffset GeneratedAt,
    string LedgerRef,
    string? Remote);

/// <summary>
/// <c>changegate report --html</c>: one self-contained page for auditors: the rollout timeline as an
/// inline SVG chart, the current verdict per target and the audit trail. No script, no external
/// resource (a Content-Security-Policy forbids both), so it opens offline and stays inert. Every
/// string from the ledger is untrusted and HTML-encoded, control characters shown as escapes.
/// </summary>
internal static class HtmlReport
{
    private const int Width = 1160;
    private const int LabelWidth = 170;
    private const int LaneHeight = 26;
    private const int AxisHeight = 34;

    public static string Render(ReportModel model)
    {
        var html = new StringBuilder();
        var service = H(model.Policy.Service);
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ChangeGate report · {service}</title>
            <style>{Css}</style>
            </head>
            <body>
            <header>
            <h1>ChangeGate report · <span id="service">{service}</span></h1>
            <p class="meta">generated {Time(model.GeneratedAt)} · ledger <code>{H(model.LedgerRef)}</code> at <code>{H(model.History.Count == 0 ? "-" : model.History[^1].Commit.Sha[..12])}</code> ({model.History.Count} events){(model.Remote is null ? " · local only" : $" · fetched from <code>{H(model.Remote)}</code>")}</p>
            </header>

            """);
        Summary(html, model);
        html.Append("<section id=\"timeline\"><h2>Timeline</h2>\n");
        Timeline(html, model);
        html.Append("</section>\n");
        Verdicts(html, model);
        Trail(html, model);
        html.Append("<footer>ChangeGate · the ledger is the source of truth: <code>changegate log</code> verifies it end to end.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, ReportModel model)
    {
        var state = model.State;
        html.Append("<section id=\"summary\">\n");
        if (state.EmergencyFreezeAt(model.GeneratedAt) is { } freeze)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"banner block\">Emergency freeze {H(freeze.Id)} since {Time(freeze.At)} by {H(freeze.Actor)}: {H(freeze.Reason)}</p>\n");
        }

        if (state.Rollout is { } rollout)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Rollout <b>{H(rollout.Id)}</b> of <code>{H(rollout.Commit[..12])}</code> by {H(rollout.CommitAuthorEmail)} · <span class=\"status {H(rollout.Status.ToString().ToLowerInvariant())}\">{H(Core.Rollouts.RolloutMachine.Status(rollout.Status))}</span>{(rollout.StatusReason is null ? "" : $": {H(rollout.StatusReason)}")} · stage {rollout.StageIndex + 1}/{rollout.Stages.Count} <b>{H(rollout.CurrentStage.Name)}</b> · rollback plan: {H(rollout.RollbackPlan ?? "none")}</p>\n");
        }
        else
        {
            html.Append("<p>No rollout has been started.</p>\n");
        }

        html.Append(state.OpenIncidents.Count == 0
            ? "<p>Incidents: none open.</p>\n"
            : $"<p class=\"block\">Incidents open: {string.Join("; ", state.OpenIncidents.Select(i => $"{H(i.Id)} since {Time(i.OpenedAt)}: {H(i.Title)}"))}</p>\n");
        html.Append("</section>\n");
    }

    private static void Timeline(StringBuilder html, ReportModel model)
    {
        var targets = model.Policy.Stages.SelectMany(s => s.Targets).Distinct(StringComparer.Ordinal).ToList();
        var timeline = ReportTimeline.Fold(model.History, targets);
        if (model.History.Count == 0)
        {
            html.Append("<p>The ledger has no events yet.</p>\n");
            return;
        }

        // The chart spans the events; what is still open runs to the right edge.
        var first = model.History[0].Event.At;
        var last = model.History[^1].Event.At;
        var span = Math.Max((last - first).TotalSeconds, 1);
        var start = first - TimeSpan.FromSeconds(span * 0.03);
        var end = last + TimeSpan.FromSeconds(span * 0.06);
        var plot = Width - LabelWidth - 20;
        double X(DateTimeOffset at) => LabelWidth + Math.Clamp((at - start).TotalSeconds / (end - start).TotalSeconds, 0, 1) * plot;
        var height = AxisHeight + (timeline.Lanes.Count * LaneHeight) + 8;

        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"timeline-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"rollout timeline\">\n");
        for (var i = 0; i < timeline.Lanes.Count; i++)
        {
            var y = AxisHeight + (i * LaneHeight);
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"lane\" data-lane=\"{H(timeline.Lanes[i])}\"><rect x=\"0\" y=\"{y}\" width=\"{Width}\" height=\"{LaneHeight}\" class=\"{(i % 2 == 0 ? "even" : "odd")}\"/><text x=\"8\" y=\"{y + 17}\" class=\"lane-label\">{H(timeline.Lanes[i])}</text></g>\n");
        }

        // Five ticks along the top.
        for (var t = 0; t <= 4; t++)
        {
            var at = start + ((end - start) * (t / 4.0));
            var x = X(at);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{AxisHeight - 6}\" x2=\"{x:0.#}\" y2=\"{height - 8}\" class=\"tick\"/><text x=\"{x:0.#}\" y=\"{AxisHeight - 12}\" class=\"tick-label\" text-anchor=\"middle\">{H(Tick(at, end - start))}</text>\n");
        }

        int Lane(string lane) => AxisHeight + (timeline.Lanes.IndexOf(lane) * LaneHeight);
        foreach (var bar in timeline.Bars)
        {
            var x1 = X(bar.Start);
            var x2 = bar.End is { } barEnd ? X(barEnd) : LabelWidth + plot;
            var w = Math.Max(x2 - x1, 3);
            var y = Lane(bar.Lane) + 4;
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"event {bar.Kind}\" data-kind=\"{bar.Kind}\" data-sequence=\"{bar.Sequence}\"><title>{H(bar.Title)}</title><rect x=\"{x1:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{LaneHeight - 8}\" rx=\"3\"/>");
            if (w > (bar.Label.Length * 7) + 6)
            {
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x1 + 4:0.#}\" y=\"{y + 13}\">{H(bar.Label)}</text>");
            }

            html.Append("</g>\n");
        }

        foreach (var mark in timeline.Marks)
        {
            var x = X(mark.At);
            var y = Lane(mark.Lane) + (LaneHeight / 2);
            var shape = mark.Kind switch
            {
                "approval" => $"<path d=\"M{x:0.#} {y - 7} l7 7 l-7 7 l-7 -7 z\"/>",
                "deploy-failed" or "failover-failed" => $"<path d=\"M{x - 6:0.#} {y - 6} l12 12 m0 -12 l-12 12\" class=\"cross\"/>",
                _ => $"<circle cx=\"{x:0.#}\" cy=\"{y}\" r=\"6\"/>",
            };
            html.Append(CultureInfo.InvariantCulture, $"<g class=\"event {H(mark.Kind)}\" data-kind=\"{H(mark.Kind)}\" data-sequence=\"{mark.Sequence}\"><title>{H(mark.Title)}</title>{shape}</g>\n");
        }

        html.Append("</svg>\n<p class=\"legend\"><span class=\"key deploy-ok\"></span>deploy ok <span class=\"key deploy-failed\"></span>deploy failed <span class=\"key rollback\"></span>rollback <span class=\"key incident\"></span>incident <span class=\"key paused\"></span>paused <span class=\"key approval\"></span>approval <span class=\"key override\"></span>override <span class=\"key failover-passed\"></span>failover test <span class=\"key freeze\"></span>emergency freeze · hover a mark for its event</p>\n");
    }

    private static void Verdicts(StringBuilder html, ReportModel model)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"verdicts\"><h2>Current verdict per target</h2>\n<p class=\"meta\">What <code>changegate gate --target T</code> decides from the ledger and the policy at {Time(model.GeneratedAt)} (checks {H(string.Join(", ", model.Verdicts.FirstOrDefault()?.Report.Checks.Select(c => c.Name) ?? []))}); evidence and the analyzers are decided per commit by the gate in CI.</p>\n");
        html.Append("<table><thead><tr><th>target</th><th>stage</th><th>site</th><th>version</th><th>verdict</th><th>why</th></tr></thead><tbody>\n");
        foreach (var verdict in model.Verdicts)
        {
            var decision = verdict.Report.Decision switch
            {
                GateDecision.Allow => "allow",
                GateDecision.Block => "block",
                _ => "error",
            };
            var why = verdict.Report.Checks.Where(c => !c.Allows || c.Overridden)
                .Select(c => $"<div class=\"check {(c.Overridden ? "overridden" : GateRun.OutcomeName(c))}\"><b>{H(c.Name)}</b> {(c.Overridden ? $"overridden by {H(c.Override!.Id)}: " : "")}{H(c.Result.Reason)}</div>");
            html.Append(CultureInfo.InvariantCulture, $"<tr data-target=\"{H(verdict.Target)}\" data-verdict=\"{decision}\"><td>{H(verdict.Target)}</td><td>{H(verdict.Stage ?? "-")}</td><td>{H(verdict.Site ?? "-")}</td><td><code>{H(verdict.Version)}</code></td><td class=\"verdict {decision}\">{decision.ToUpperInvariant()}</td><td>{string.Concat(why)}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Trail(StringBuilder html, ReportModel model)
    {
        html.Append("<section id=\"audit-trail\"><h2>Audit trail</h2>\n<table><thead><tr><th>#</th><th>time (UTC)</th><th>actor</th><th>event</th><th>reason</th><th>ledger commit</th></tr></thead><tbody>\n");
        for (var i = 0; i < model.History.Count; i++)
        {
            var entry = model.History[i];
            var e = entry.Event;
            html.Append(CultureInfo.InvariantCulture, $"<tr data-sequence=\"{i + 1}\" data-kind=\"{H(e.Kind)}\"><td>{i + 1}</td><td>{Time(e.At)}</td><td>{H(e.Actor)}</td><td>{H(e.Describe())}</td><td>{H(e.Reason ?? "")}</td><td><code>{H(entry.Commit.Sha[..12])}</code></td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static string Tick(DateTimeOffset at, TimeSpan range) =>
        at.UtcDateTime.ToString(range > TimeSpan.FromDays(2) ? "MM-dd HH:mm" : range > TimeSpan.FromMinutes(10) ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";

    /// <summary>Untrusted text for HTML: control characters shown as escapes, then every markup character encoded.</summary>
    internal static string H(string text) =>
        WebUtility.HtmlEncode(Safe.Text(text));

    private const string Css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1f2328; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
        .meta { color: #59636e; margin: 4px 0; } code { font: 12px ui-monospace, monospace; }
        .banner { padding: 8px 12px; border-radius: 6px; } .block { color: #b42318; } .banner.block { background: #fee4e2; }
        .status.running { color: #1a7f37; } .status.paused { color: #9a6700; } .status.completed { color: #0969da; }
        svg { border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
        .even { fill: #f6f8fa; } .odd { fill: #fff; } .lane-label { font-size: 12px; fill: #59636e; }
        .tick { stroke: #d0d7de; stroke-dasharray: 2 3; } .tick-label { font-size: 11px; fill: #59636e; }
        .event text { font-size: 11px; fill: #fff; }
        .stage rect { fill: #0969da; } .paused rect { fill: #d4a72c; } .incident rect { fill: #cf222e; }
        .override rect { fill: #fb8500; } .freeze rect { fill: #6e1a1a; }
        .deploy-ok circle { fill: #1a7f37; } .rollback circle { fill: #d4a72c; } .cross { stroke: #cf222e; stroke-width: 3; fill: none; }
        .approval path { fill: #8250df; } .failover-passed circle { fill: #1f883d; stroke: #fff; stroke-width: 2; }
        .failover-failed .cross { stroke: #cf222e; } .evidence circle { fill: #1b7c83; } circle { fill: #6e7781; }
        .legend { color: #59636e; font-size: 12px; } .key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; }
        .key.deploy-ok { background: #1a7f37; } .key.deploy-failed { background: #cf222e; } .key.rollback { background: #d4a72c; }
        .key.incident { background: #cf222e; } .key.paused { background: #d4a72c; } .key.approval { background: #8250df; }
        .key.override { background: #fb8500; } .key.failover-passed { background: #1f883d; } .key.freeze { background: #6e1a1a; } .key.evidence { background: #1b7c83; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #d0d7de; vertical-align: top; }
        th { background: #f6f8fa; } td:nth-child(-n+4) { white-space: nowrap; } .verdict.allow { color: #1a7f37; font-weight: 600; } .verdict.block, .verdict.error { color: #cf222e; font-weight: 600; }
        .check.block, .check.error { color: #b42318; } .check.overridden { color: #9a6700; }
        footer { margin-top: 32px; color: #59636e; font-size: 12px; }
        """;
}
