using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Sites;
using ChangeGate.Core.Time;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChangeGate.Cli.Rendering;

/// <summary>
/// The rollout as <c>rollout status --watch</c> shows it, in the manner of
/// <c>kubectl argo rollouts get rollout --watch</c>: a header (status, stage, bake time left, sites,
/// an emergency freeze), the stages as a pipeline with each target's site, version and last deploy,
/// then open incidents, active overrides and a footer saying when the ledger was read. One
/// renderable, so a live display can redraw it in place and a pipe can print it once.
/// </summary>
internal static class RolloutView
{
    /// <summary>Where the shown state came from, for the footer.</summary>
    /// <param name="ReadAt">When the ledger was last read.</param>
    /// <param name="Remote">The remote it was fetched from, or null.</param>
    /// <param name="Interval">The refresh interval when watching, or null for a single print.</param>
    /// <param name="RefreshProblem">Why the last refresh failed, or null.</param>
    public sealed record Source(DateTimeOffset ReadAt, string? Remote, TimeSpan? Interval, string? RefreshProblem);

    public static IRenderable Build(GatePolicy policy, LedgerState state, DateTimeOffset now, Source source)
    {
        var parts = new List<IRenderable> { Header(policy, state, now) };
        if (state.Rollout is { } rollout)
        {
            parts.Add(Pipeline(policy, state, rollout, now));
        }

        parts.AddRange(Incidents(policy, state, now));
        parts.AddRange(Overrides(state, now));
        parts.Add(Footer(source, now));
        return new Rows(parts);
    }

    private static Grid Header(GatePolicy policy, LedgerState state, DateTimeOffset now)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string key, string markup) => grid.AddRow(new Markup($"[bold]{key}[/]"), new Markup(markup));

        Row("Service:", E(policy.Service));
        if (state.EmergencyFreezeAt(now) is { } freeze)
        {
            Row("Freeze:", $"[red bold]⛔ EMERGENCY FREEZE {E(freeze.Id)}[/] since {Clock(freeze.At)} by {E(freeze.Actor)}" +
                (freeze.Until is { } until ? $" until {Clock(until)}" : " until lifted") + $": {E(freeze.Reason)}");
        }

        if (state.Rollout is not { } rollout)
        {
            Row("Rollout:", "[grey]none started[/] (`changegate rollout start`)");
            return grid;
        }

        Row("Rollout:", $"{E(rollout.Id)} of {Short(rollout.Commit)} by {E(rollout.CommitAuthorEmail)} · started {Clock(rollout.StartedAt)} by {E(rollout.StartedBy)}");
        Row("Status:", StatusMarkup(rollout));
        Row("Stage:", $"{rollout.StageIndex + 1}/{rollout.Stages.Count} [bold]{E(rollout.CurrentStage.Name)}[/] since {Clock(rollout.StageEnteredAt)} ({Ago(now - rollout.StageEnteredAt)} ago)");
        if (rollout.IsActive)
        {
            Row("Bake:", Bake(rollout, now));
        }

        Row("Rollback:", rollout.RollbackPlan is null ? "[grey]no plan[/]" : E(rollout.RollbackPlan));
        if (policy.Sites.IsDeclared)
        {
            var sites = SiteAssessment.Assess(policy, state, now);
            var min = policy.Redundancy.MinServingSitesFor(policy.Sites);
            var serving = sites.Count(s => s.ServesKnownGood);
            var failover = RedundancyRules.Failover(policy, state, now);
            Row("Sites:", $"{(serving >= min ? "[green]" : "[red]")}{serving} of {sites.Count} serve the known-good version[/] (min {min}): " +
                string.Join(", ", sites.Select(s => $"{(s.ServesKnownGood ? "[green]✔[/]" : "[red]✖[/]")} {E(s.Site)}")));
            Row("Failover:", $"{(failover.Holds ? "[green]✔[/]" : "[red]✖[/]")} {E(failover.Reason)}");
        }

        return grid;
    }

    private static string StatusMarkup(Rollout rollout) => rollout.Status switch
    {
        RolloutStatus.Running => "[green]▶ running[/]",
        RolloutStatus.Paused => $"[yellow]॥ paused[/]{(rollout.StatusReason is null ? "" : $": {E(rollout.StatusReason)}")}",
        RolloutStatus.Completed => "[blue]✔ completed[/]",
        RolloutStatus.RolledBack => $"[yellow]↩ rolled back[/]{(rollout.StatusReason is null ? "" : $": {E(rollout.StatusReason)}")}",
        _ => $"[red]✖ {E(RolloutMachine.Status(rollout.Status))}[/]{(rollout.StatusReason is null ? "" : $": {E(rollout.StatusReason)}")}",
    };

    // Time left to bake, counting down second by second while the view is redrawn.
    private static string Bake(Rollout rollout, DateTimeOffset now)
    {
        var stage = rollout.CurrentStage;
        var deploys = stage.Targets.Select(t => rollout.Deploys.FirstOrDefault(d => d.Target == t)).ToList();
        var waiting = stage.Targets.Where((_, i) => deploys[i] is not { Status: DeployStatus.Ok }).ToList();
        if (waiting.Count > 0)
        {
            return $"[grey]⏳ starts when every target is deployed ok; waiting for {E(string.Join(", ", waiting))}[/] ({DurationText.Format(stage.Bake)} after that)";
        }

        var last = deploys.Max(d => d!.At);
        var left = last + stage.Bake - now;
        return left > TimeSpan.Zero
            ? $"[yellow]⏳ {DurationText.Format(TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)))} left[/] of {DurationText.Format(stage.Bake)} (until {Clock(last + stage.Bake)})"
            : $"[green]✔ baked[/] {DurationText.Format(TimeSpan.FromSeconds(Math.Floor((now - last).TotalSeconds)))} (needs {DurationText.Format(stage.Bake)})";
    }

    private static Table Pipeline(GatePolicy policy, LedgerState state, Rollout rollout, DateTimeOffset now)
    {
        var sites = policy.Sites.IsDeclared;
        var table = new Table().Border(TableBorder.Simple).AddColumn("STAGE").AddColumn("TARGET");
        if (sites)
        {
            table.AddColumn("SITE");
        }

        table.AddColumn("VERSION").AddColumn("LAST DEPLOY").AddColumn("APPROVALS");
        for (var i = 0; i < rollout.Stages.Count; i++)
        {
            var stage = rollout.Stages[i];
            var done = i < rollout.StageIndex || rollout.Status == RolloutStatus.Completed;
            var current = i == rollout.StageIndex && rollout.Status != RolloutStatus.Completed;
            var mark = done ? "[green]✔[/]" : current ? (rollout.Status == RolloutStatus.Running ? "[bold]▶[/]" : "[yellow]॥[/]") : "[grey]○[/]";
            var connector = i == 0 ? "" : "[grey]↓[/] ";
            var approvals = rollout.ApprovalsOf(stage.Name);
            var approvalText = stage.Approvals == 0 && approvals.Count == 0 ? "[grey]none needed[/]"
                : $"{(approvals.Count >= stage.Approvals ? "[green]" : "[yellow]")}{approvals.Count}/{stage.Approvals}[/]" +
                  (approvals.Count == 0 ? "" : " " + E(string.Join(", ", approvals.Select(a => a.Actor))));
            for (var t = 0; t < stage.Targets.Count; t++)
            {
                var target = stage.Targets[t];
                var row = new List<IRenderable>
                {
                    new Markup(t == 0 ? $"{connector}{mark} {(current ? $"[bold]{E(stage.Name)}[/]" : E(stage.Name))}" : ""),
                    new Markup(E(target)),
                };
                if (sites)
                {
                    row.Add(new Markup(E(policy.Sites.SiteOf(target)?.Name ?? "?")));
                }

                row.Add(new Markup(Version(state.VersionOf(target), rollout.Commit)));
                row.Add(new Markup(Deploy(rollout.Deploys.FirstOrDefault(d => d.Target == target), now)));
                row.Add(new Markup(t == 0 ? approvalText : ""));
                table.AddRow(row);
            }
        }

        return table;
    }

    private static string Deploy(DeployRecord? deploy, DateTimeOffset now) => deploy switch
    {
        null => "[grey]○ not deployed[/]",
        { Status: DeployStatus.Failed } => $"[red]✖ {(deploy.Rollback ? "rollback failed" : "failed")}[/] {Clock(deploy.At)} ({Ago(now - deploy.At)} ago)",
        { Rollback: true } => $"[yellow]↩ rolled back[/] {Clock(deploy.At)} ({Ago(now - deploy.At)} ago)",
        _ => $"[green]✔ ok[/] {Clock(deploy.At)} ({Ago(now - deploy.At)} ago)",
    };

    private static string Version(TargetVersion? version, string rolloutCommit) => version switch
    {
        null => "[grey]-[/]",
        { Status: DeployStatus.Failed } => "[red]unknown[/]",
        { Rollback: true } => $"[yellow]↩ {(version.Commit is null ? "previous" : Short(version.Commit))}[/]",
        { Commit: null } => "[grey]?[/]",
        _ when string.Equals(version.Commit, rolloutCommit, StringComparison.OrdinalIgnoreCase) => Short(version.Commit),
        _ => $"[yellow]{Short(version.Commit)}[/]",
    };

    private static IEnumerable<IRenderable> Incidents(GatePolicy policy, LedgerState state, DateTimeOffset now)
    {
        if (state.OpenIncidents.Count == 0)
        {
            yield return new Markup("[bold]Incidents:[/] [green]none open[/]");
            yield break;
        }

        yield return new Markup($"[bold]Incidents:[/] [red]{state.OpenIncidents.Count} open: every gate blocks and promotion is refused until resolved[/]");
        foreach (var incident in state.OpenIncidents)
        {
            var where = incident.Site ?? (incident.Target is { } target ? policy.Sites.SiteOf(target)?.Name : null);
            yield return new Markup($"  [red]✖ {E(incident.Id)}[/] open since {Clock(incident.OpenedAt)} ({Ago(now - incident.OpenedAt)}): {E(incident.Title)}" +
                (where is null ? "" : $" [grey](site {E(where)})[/]") + $" [grey]— `changegate incident resolve {E(incident.Id)} --reason \"...\"`[/]");
        }
    }

    private static IEnumerable<IRenderable> Overrides(LedgerState state, DateTimeOffset now)
    {
        foreach (var grant in state.Overrides.Where(o => o.AppliesTo(o.Check, now, state.ActiveRollout?.Id)))
        {
            yield return new Markup($"[bold]Override:[/] [yellow]⚠ {E(grant.Id)}[/] of '{E(grant.Check)}' by {E(grant.Actor)} until {Clock(grant.ExpiresAt)} ({Ago(grant.ExpiresAt - now)} left): {E(grant.Reason)}");
        }
    }

    private static Markup Footer(Source source, DateTimeOffset now)
    {
        var from = source.Remote is null ? "local ledger" : $"ledger fetched from {E(source.Remote)}";
        var text = source.Interval is { } interval
            ? $"[grey]{Clock(now)} · {from} at {Clock(source.ReadAt)}, every {DurationText.Format(interval)} · Ctrl+C to stop[/]"
            : $"[grey]{from} at {Clock(source.ReadAt)}[/]";
        if (source.RefreshProblem is { } problem)
        {
            text += $"\n[yellow]⚠ the last refresh failed: {E(problem)}; showing the ledger as read at {Clock(source.ReadAt)}[/]";
        }

        return new Markup(text);
    }

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z";

    private static string Ago(TimeSpan span) => DurationText.Format(TimeSpan.FromSeconds(Math.Max(0, Math.Floor(span.TotalSeconds))));

    private static string Short(string commit) => commit[..Math.Min(12, commit.Length)];

    // Ledger text is untrusted: never markup, and no control character reaches the terminal.
    private static string E(string text) => Safe.Markup(text);
}
