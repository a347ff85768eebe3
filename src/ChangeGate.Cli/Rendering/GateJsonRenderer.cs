using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Ledger;

namespace ChangeGate.Cli.Rendering;

/// <summary>The JSON format, schema version 1 (docs/gate-json.md). Fields are only ever added within a version.</summary>
internal static class GateJsonRenderer
{
    public const int SchemaVersion = 1;

    public static string Render(GateRun run)
    {
        var root = new JsonObject
        {
            ["schema"] = "changegate-gate",
            ["schemaVersion"] = SchemaVersion,
            ["decision"] = run.DecisionName,
            ["exitCode"] = run.ExitCode,
            ["decisionExitCode"] = run.DecisionExitCode,
            ["dryRun"] = run.DryRun,
            ["evaluatedAt"] = Time(run.At),
            ["service"] = run.Service,
            ["commit"] = run.Commit,
            ["target"] = run.Target,
            ["stage"] = run.Stage,
            ["rollout"] = run.Rollout is { } r ? new JsonObject
            {
                ["id"] = r.Id,
                ["commit"] = r.Commit,
                ["status"] = JsonNamingPolicy.KebabCaseLower.ConvertName(r.Status.ToString()),
                ["stage"] = r.CurrentStage.Name,
                ["stageIndex"] = r.StageIndex,
                ["stageCount"] = r.Stages.Count,
            } : null,
            ["checks"] = new JsonArray([.. (run.Report?.Checks ?? []).Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["description"] = c.Description,
                ["outcome"] = GateRun.OutcomeName(c),
                ["reason"] = c.Result.Reason,
                ["fix"] = c.Result.Fix,
                ["details"] = new JsonArray([.. c.Result.Details.Select(d => (JsonNode)JsonValue.Create(d))]),
                ["override"] = c.Overridden ? Override(c.Override!) : null,
            })]),
            ["skipped"] = new JsonArray([.. (run.Report?.Skipped ?? []).Select(s => (JsonNode)JsonValue.Create(s))]),
            ["overrides"] = new JsonArray([.. (run.Report?.OverridesRelied ?? []).Select(o => (JsonNode)Override(o))]),
            ["problems"] = new JsonArray([.. run.Problems.Select(p => (JsonNode)new JsonObject
            {
                ["message"] = p.Message,
                ["fix"] = p.Fix,
                ["file"] = p.Location?.File,
                ["line"] = p.Location?.Line,
                ["column"] = p.Location?.Column,
            })]),
        };
        return Safe.Json(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static JsonObject Override(OverrideRecord o) => new()
    {
        ["id"] = o.Id,
        ["check"] = o.Check,
        ["actor"] = o.Actor,
        ["reason"] = o.Reason,
        ["grantedAt"] = Time(o.GrantedAt),
        ["expiresAt"] = Time(o.ExpiresAt),
        ["rolloutId"] = o.RolloutId,
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
