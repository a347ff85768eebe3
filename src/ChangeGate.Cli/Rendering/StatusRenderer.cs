using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Sites;
using ChangeGate.Core.Time;
using Spectre.Console;

namespace ChangeGate.Cli.Rendering;

/// <summary>Renders <c>rollout status</c>.</summary>
internal static class StatusRenderer
{
    public static void Write(IAnsiConsole console, GatePolicy policy, LedgerState state, DateTimeOffset now)
    {
        if (state.EmergencyFreezeAt(now) is { } freeze)
        {
            console.MarkupLine($"[red bold]EMERGENCY FREEZE {Safe.Markup(freeze.Id)}[/] since {freeze.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {Safe.Markup(freeze.Actor)}" +
                (freeze.Until is { } until ? $" until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : " until lifted") + $": {Safe.Markup(freeze.Reason)}");
            console.MarkupLine("  [grey]every gate blocks and every promotion is refused; lift it with `changegate freeze lift --reason \"...\"`[/]");
        }

        if (state.Rollout is not { } rollout)
        {
            console.MarkupLine($"service [bold]{Safe.Markup(policy.Service)}[/]: no rollout has been started");
        }
        else
        {
            var status = RolloutMachine.Status(rollout.Status);
            var colour = rollout.Status switch
            {
                RolloutStatus.Running => "green",
                RolloutStatus.Completed => "blue",
                _ => "yellow",
            };
            console.MarkupLine($"rollout [bold]{rollout.Id}[/] of {rollout.Commit[..12]} ({Safe.Markup(rollout.CommitAuthorEmail)}) · [{colour}]{status}[/]" +
                (rollout.StatusReason is null || rollout.Status == RolloutStatus.Running ? "" : $": {Safe.Markup(rollout.StatusReason)}"));
            console.MarkupLine($"started {rollout.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {Safe.Markup(rollout.StartedBy)} · stage {rollout.StageIndex + 1}/{rollout.Stages.Count} [bold]{Safe.Markup(rollout.CurrentStage.Name)}[/] since {rollout.StageEnteredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
            console.MarkupLine($"rollback plan: {Safe.Markup(rollout.RollbackPlan ?? "none")}");
            if (policy.RollbackPlan.Rehearsed && rollout.IsActive)
            {
                var rehearsal = VersionRules.Rehearsal(policy, rollout);
                console.MarkupLine($"rollback rehearsal: {(rehearsal.Holds ? "[green]" : "[yellow]")}{Safe.Markup(rehearsal.Reason)}[/]");
            }

            var sites = policy.Sites.IsDeclared;
            var table = new Table().Border(TableBorder.Minimal).AddColumns("", "stage", "target");
            if (sites)
            {
                table.AddColumn("site");
            }

            table.AddColumns("version", "last deploy", "approvals", "bake");
            for (var i = 0; i < rollout.Stages.Count; i++)
            {
                var stage = rollout.Stages[i];
                var marker = i < rollout.StageIndex || rollout.Status == RolloutStatus.Completed ? "[green]done[/]" : i == rollout.StageIndex ? "[bold]→[/]" : "";
                var approvals = $"{rollout.ApprovalsOf(stage.Name).Count}/{stage.Approvals}";
                var bake = i == rollout.StageIndex && rollout.IsActive ? Safe.Markup(RolloutRules.Bake(rollout, now).Reason) : DurationText.Format(stage.Bake);
                for (var t = 0; t < stage.Targets.Count; t++)
                {
                    var target = stage.Targets[t];
                    var deploy = rollout.Deploys.FirstOrDefault(d => d.Target == target);
                    var deployText = deploy is null ? "[grey]-[/]"
                        : deploy.Status == DeployStatus.Failed ? $"[red]{(deploy.Rollback ? "rollback failed" : "failed")}[/] {deploy.At.UtcDateTime:MM-dd HH:mm:ss}Z"
                        : deploy.Rollback ? $"[yellow]rolled back[/] {deploy.At.UtcDateTime:MM-dd HH:mm:ss}Z"
                        : $"[green]ok[/] {deploy.At.UtcDateTime:MM-dd HH:mm:ss}Z";
                    var row = new List<string> { t == 0 ? marker : "", t == 0 ? Safe.Markup(stage.Name) : "", Safe.Markup(target) };
                    if (sites)
                    {
                        row.Add(Safe.Markup(policy.Sites.SiteOf(target)?.Name ?? "?"));
                    }

                    row.AddRange([Version(state.VersionOf(target), rollout.Commit), deployText, t == 0 ? approvals : "", t == 0 ? bake : ""]);
                    table.AddRow(row.ToArray());
                }
            }

            console.Write(table);
        }

        WriteSites(console, policy, state, now);

        if (state.OpenIncidents.Count == 0)
        {
            console.MarkupLine("incidents: [green]none open[/]");
        }

        foreach (var incident in state.OpenIncidents)
        {
            var where = incident.Site ?? (incident.Target is { } target ? policy.Sites.SiteOf(target)?.Name : null);
            console.MarkupLine($"incident [red]{incident.Id}[/] open since {incident.OpenedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {Safe.Markup(incident.Title)}" +
                (where is null ? "" : $" [grey](site {Safe.Markup(where)})[/]"));
        }

        foreach (var grant in state.Overrides.Where(o => o.AppliesTo(o.Check, now, state.ActiveRollout?.Id)))
        {
            console.MarkupLine($"override [yellow]{grant.Id}[/] of '{Safe.Markup(grant.Check)}' by {Safe.Markup(grant.Actor)} until {grant.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm}Z: {Safe.Markup(grant.Reason)}");
        }
    }

    // What a target runs: the rollout's commit plainly, anything else in yellow, a rollback marked.
    private static string Version(TargetVersion? version, string rolloutCommit) => version switch
    {
        null => "[grey]-[/]",
        { Status: DeployStatus.Failed } => "[red]unknown[/]",
        { Rollback: true } => $"[yellow]↩ {(version.Commit is null ? "previous" : version.Commit[..12])}[/]",
        { Commit: null } => "[grey]?[/]",
        _ when string.Equals(version.Commit, rolloutCommit, StringComparison.OrdinalIgnoreCase) => version.Commit[..12],
        _ => $"[yellow]{version.Commit[..12]}[/]",
    };

    private static void WriteSites(IAnsiConsole console, GatePolicy policy, LedgerState state, DateTimeOffset now)
    {
        if (!policy.Sites.IsDeclared)
        {
            return;
        }

        var statuses = SiteAssessment.Assess(policy, state, now);
        var min = policy.Redundancy.MinServingSitesFor(policy.Sites);
        var serving = statuses.Count(s => s.ServesKnownGood);
        console.MarkupLine($"sites: {(serving >= min ? "[green]" : "[red]")}{serving} of {statuses.Count} serve the known-good version[/] (min-serving-sites {min})");
        foreach (var site in statuses)
        {
            console.MarkupLine($"  {(site.ServesKnownGood ? "[green]✓[/]" : "[red]✗[/]")} {Safe.Markup(site.Site)} {Safe.Markup(site.Summary)}");
        }

        var failover = RedundancyRules.Failover(policy, state, now);
        console.MarkupLine($"{(failover.Holds ? "[green]" : "[red]")}{Safe.Markup(failover.Reason)}[/]");
        foreach (var line in failover.Details.Take(5))
        {
            console.MarkupLine($"  [grey]{Safe.Markup(line)}[/]");
        }
    }

    public static void WriteJson(TextWriter output, GatePolicy policy, LedgerState state, DateTimeOffset now)
    {
        var node = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["service"] = policy.Service,
            ["at"] = now.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
            ["state"] = JsonSerializer.SerializeToNode(state, LedgerJson.State),
        };
        if (policy.Sites.IsDeclared)
        {
            var failover = RedundancyRules.Failover(policy, state, now);
            node["redundancy"] = new JsonObject
            {
                ["minServingSites"] = policy.Redundancy.MinServingSitesFor(policy.Sites),
                ["failoverTestMaxAge"] = DurationText.Format(policy.Redundancy.FailoverTestMaxAge),
                ["failoverTestPassed"] = failover.Holds,
                ["failoverReason"] = failover.Reason,
                ["sites"] = new JsonArray([.. SiteAssessment.Assess(policy, state, now).Select(Site)]),
            };
        }

        output.WriteLine(Safe.Json(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
    }

    private static JsonNode Site(SiteStatus site) => new JsonObject
    {
        ["name"] = site.Site,
        ["targets"] = new JsonArray([.. site.Targets.Select(t => (JsonNode)JsonValue.Create(t))]),
        ["servesKnownGood"] = site.ServesKnownGood,
        ["version"] = site.Version switch
        {
            SiteVersion.KnownGood => "known-good",
            SiteVersion.NewProven => "new-proven",
            SiteVersion.NewBaking => "new-baking",
            SiteVersion.Mixed => "mixed",
            _ => "other",
        },
        ["failedTargets"] = new JsonArray([.. site.FailedTargets.Select(t => (JsonNode)JsonValue.Create(t))]),
        ["incidents"] = new JsonArray([.. site.Incidents.Select(t => (JsonNode)JsonValue.Create(t))]),
        ["summary"] = site.Summary,
    };
}
