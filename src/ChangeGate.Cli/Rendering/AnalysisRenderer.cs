using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Analysis.Sarif;
using Spectre.Console;

namespace ChangeGate.Cli.Rendering;

/// <summary>How <c>changegate analyze</c> prints its findings as text and JSON (SARIF: <see cref="SarifWriter"/>).</summary>
internal static class AnalysisRenderer
{
    public static void Text(IAnsiConsole console, AnalysisReport report)
    {
        foreach (var finding in report.Findings)
        {
            var colour = finding.Level switch { FindingLevel.Error => "red", FindingLevel.Warning => "yellow", _ => "grey" };
            console.MarkupLine($"{Safe.Markup($"{finding.Path}:{finding.Line}:{finding.Column}:")} [{colour}]{SarifWriter.LevelName(finding.Level)} {finding.RuleId}[/]: {Safe.Markup(finding.Message)}");
        }

        foreach (var warning in report.Warnings)
        {
            console.MarkupLine($"[yellow]![/] {Safe.Markup(warning)}");
        }

        console.MarkupLine(Safe.Markup(Summary(report)));
    }

    /// <summary>The text report without colour, for --output with --format text.</summary>
    public static string PlainText(AnalysisReport report)
    {
        var text = new StringBuilder();
        foreach (var finding in report.Findings)
        {
            text.Append(Safe.Text(finding.ToString())).Append('\n');
        }

        foreach (var warning in report.Warnings)
        {
            text.Append("! ").Append(Safe.Text(warning)).Append('\n');
        }

        return text.Append(Summary(report)).Append('\n').ToString();
    }

    public static string Summary(AnalysisReport report)
    {
        var errors = report.Errors.Count;
        var warnings = report.Findings.Count(f => f.Level == FindingLevel.Warning);
        var notes = report.Findings.Count(f => f.Level == FindingLevel.Note);
        return $"{report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")} ({errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}, {notes} note{(notes == 1 ? "" : "s")}) "
            + $"in {report.DocumentsAnalyzed} document{(report.DocumentsAnalyzed == 1 ? "" : "s")} of {report.Projects.Count} project{(report.Projects.Count == 1 ? "" : "s")}"
            + (report.SuppressedInSource == 0 ? "" : $"; {report.SuppressedInSource} suppressed in source");
    }

    /// <summary>The report as JSON, version 1.</summary>
    public static string Json(AnalysisReport report)
    {
        var root = new JsonObject
        {
            ["version"] = 1,
            ["tool"] = report.Tool,
            ["toolVersion"] = report.ToolVersion,
            ["root"] = report.Root,
            ["projects"] = new JsonArray([.. report.Projects.Select(p => (JsonNode?)p)]),
            ["documentsAnalyzed"] = report.DocumentsAnalyzed,
            ["suppressedInSource"] = report.SuppressedInSource,
            ["errors"] = report.Errors.Count,
            ["findings"] = new JsonArray([.. report.Findings.Select(f => (JsonNode?)new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["level"] = SarifWriter.LevelName(f.Level),
                ["message"] = f.Message,
                ["path"] = f.Path,
                ["line"] = f.Line,
                ["column"] = f.Column,
                ["endLine"] = f.EndLine,
                ["endColumn"] = f.EndColumn,
                ["helpUri"] = report.Rules.FirstOrDefault(r => r.Id == f.RuleId)?.HelpUri,
            })]),
            ["warnings"] = new JsonArray([.. report.Warnings.Select(w => (JsonNode?)w)]),
        };
        return Safe.Json(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) + "\n";
    }
}
