using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Affected;
using ChangeGate.Cli.Rendering;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate affected</c> run in this process, with MSBuild (the managed changegate only).</summary>
internal static partial class AffectedCommand
{
    private static partial void Bind(Command command, CliEnvironment environment, Option<string> since, Option<string> format)
    {
        command.SetAction(parse =>
        {
            using var progress = new TerminalProgress(environment.Error, environment.ShowProgress);
            var result = progress.Step("evaluating the projects with MSBuild", () => AffectedProjectsFinder.Find(new AffectedProjectsRequest
            {
                RepositoryPath = CommandSession.RepositoryPath(environment, parse),
                Since = parse.GetValue(since)!,
            }));
            if (!result.Succeeded)
            {
                return CommandSession.PrintProblems(environment, [result.Error.ToProblem()]);
            }

            if (parse.GetValue(format) == "json")
            {
                environment.Output.WriteLine(Json(result.Report));
            }
            else
            {
                Text(environment.Console, result.Report);
            }

            return ExitCodes.Ok;
        });
    }

    private static void Text(IAnsiConsole console, AffectedProjectsReport report)
    {
        console.MarkupLine($"changes from {Safe.Markup(report.Since ?? "(none)")} ({Short(report.SinceCommit)}) to {Short(report.Commit)}: {report.ChangedFiles.Count} file{(report.ChangedFiles.Count == 1 ? "" : "s")}");
        Section(console, "changed files", report.ChangedFiles.Select(f => f.ToString()));
        Section(console, "changed projects", report.ChangedProjects.Select(p => $"{p.Path}{(p.IsTestProject ? " (test)" : "")} — {string.Join("; ", p.Reasons)}"));
        Section(console, "affected projects", report.AffectedProjects.Select(p => $"{p.Path}{(p.IsTestProject ? " (test)" : "")}"));
        Section(console, "affected test projects", report.AffectedTestProjects.Select(p => $"{p.Path} ({p.AssemblyName})"));
        Section(console, "files in no project", report.UnownedFiles.Select(f => f.ToString()));
        Section(console, "removed projects", report.RemovedProjects);
        foreach (var warning in report.Warnings)
        {
            console.MarkupLine($"[yellow]![/] {Safe.Markup(warning)}");
        }
    }

    private static void Section(IAnsiConsole console, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        console.MarkupLine($"[bold]{title}[/] ({list.Count})");
        foreach (var line in list)
        {
            console.MarkupLine("  " + Safe.Markup(line));
        }
    }

    /// <summary>The report as JSON, version 1; projects keep their reasons.</summary>
    internal static string Json(AffectedProjectsReport report)
    {
        static JsonObject File(ChangedFile f) => new() { ["path"] = f.Path, ["oldPath"] = f.OldPath, ["kind"] = f.Kind.ToString().ToLowerInvariant() };
        static JsonObject Project(AffectedProject p) => new()
        {
            ["path"] = p.Path,
            ["name"] = p.Name,
            ["assemblyName"] = p.AssemblyName,
            ["isTestProject"] = p.IsTestProject,
            ["reasons"] = new JsonArray([.. p.Reasons.Select(r => (JsonNode?)r)]),
        };
        var root = new JsonObject
        {
            ["version"] = 1,
            ["since"] = report.Since,
            ["sinceCommit"] = report.SinceCommit,
            ["commit"] = report.Commit,
            ["changedFiles"] = new JsonArray([.. report.ChangedFiles.Select(f => (JsonNode?)File(f))]),
            ["changedProjects"] = new JsonArray([.. report.ChangedProjects.Select(p => (JsonNode?)Project(p))]),
            ["affectedProjects"] = new JsonArray([.. report.AffectedProjects.Select(p => (JsonNode?)Project(p))]),
            ["affectedTestProjects"] = new JsonArray([.. report.AffectedTestProjects.Select(p => (JsonNode?)Project(p))]),
            ["unownedFiles"] = new JsonArray([.. report.UnownedFiles.Select(f => (JsonNode?)File(f))]),
            ["removedProjects"] = new JsonArray([.. report.RemovedProjects.Select(p => (JsonNode?)p)]),
            ["warnings"] = new JsonArray([.. report.Warnings.Select(w => (JsonNode?)w)]),
        };
        return Safe.Json(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static string Short(string? sha) => sha is null ? "-" : sha[..Math.Min(12, sha.Length)];
}
