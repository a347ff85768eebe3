using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Time;
using Spectre.Console;

namespace ChangeGate.Cli.Rendering;

/// <summary>Renders <c>rollout status</c>.</summary>
internal static class StatusRenderer
{
    public static void Write(IAnsiConsole console, GatePolicy policy, LedgerState state, DateTimeOffset now)
    {
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

            var table = new Table().Border(TableBorder.Minimal).AddColumns("", "stage", "target", "last deploy", "approvals", "bake");
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
                        : deploy.Status == DeployStatus.Ok ? $"[green]ok[/] {deploy.At.UtcDateTime:MM-dd HH:mm:ss}Z"
                        : $"[red]failed[/] {deploy.At.UtcDateTime:MM-dd HH:mm:ss}Z";
                    table.AddRow(t == 0 ? marker : "", t == 0 ? Safe.Markup(stage.Name) : "", Safe.Markup(target), deployText, t == 0 ? approvals : "", t == 0 ? bake : "");
                }
            }

            console.Write(table);
        }

        if (state.OpenIncidents.Count == 0)
        {
            console.MarkupLine("incidents: [green]none open[/]");
        }

        foreach (var incident in state.OpenIncidents)
        {
            console.MarkupLine($"incident [red]{incident.Id}[/] open since {incident.OpenedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {Safe.Markup(incident.Title)}");
        }

        foreach (var grant in state.Overrides.Where(o => o.AppliesTo(o.Check, now, state.ActiveRollout?.Id)))
        {
            console.MarkupLine($"override [yellow]{grant.Id}[/] of '{Safe.Markup(grant.Check)}' by {Safe.Markup(grant.Actor)} until {grant.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm}Z: {Safe.Markup(grant.Reason)}");
        }
    }

    public static void WriteJson(TextWriter output, string service, LedgerState state, DateTimeOffset now)
    {
        var node = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["service"] = service,
            ["at"] = now.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
            ["state"] = JsonSerializer.SerializeToNode(state, LedgerJson.Options),
        };
        output.WriteLine(Safe.Json(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
    }
}
