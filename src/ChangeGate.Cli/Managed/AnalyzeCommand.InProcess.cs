using System.CommandLine;
using ChangeGate.Cli.Rendering;
using ChangeGate.Core;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Analysis.Sarif;
using ChangeGate.Core.Git;
using ChangeGate.SolutionAnalysis;
using LibGit2Sharp;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate analyze</c> run in this process, with MSBuildWorkspace and Roslyn (the managed changegate only).</summary>
internal static partial class AnalyzeCommand
{
    private static partial void Bind(Command command, CliEnvironment environment, Argument<string?> target, Option<string?> changedSince, Option<string> format, Option<string?> output, Option<bool> noRestore) =>
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(environment, parse.GetValue(target) ?? parse.GetValue(CommonOptions.Repo), parse.GetValue(changedSince), parse.GetValue(format)!, parse.GetValue(output), !parse.GetValue(noRestore), cancellationToken)));

    private static int Run(CliEnvironment environment, string? given, string? changedSince, string format, string? output, bool restore, CancellationToken cancellationToken)
    {
        // Found out before minutes of analysis, not after.
        if (output is not null && OutputFile.Check(Path.GetFullPath(output, environment.WorkingDirectory), "pass --output", "changegate." + (format == "text" ? "txt" : format)) is { } unusable)
        {
            return CommandSession.PrintProblems(environment, [unusable]);
        }

        var resolved = AnalysisTarget.Resolve(given, environment.WorkingDirectory);
        if (!resolved.IsSuccess)
        {
            return CommandSession.PrintProblems(environment, resolved.Problems);
        }

        // Paths in the report are relative to the repository root, as code scanning expects.
        var directory = Path.GetDirectoryName(resolved.Value.Path)!;
        var root = directory;
        AnalyzedRevision? revision = null;
        if (Repository.Discover(directory) is { } gitDirectory)
        {
            using var repository = new Repository(gitDirectory);
            root = repository.Info.WorkingDirectory ?? directory;

            // What is analyzed, read before restore and build touch the tree; the SARIF names it, and the gate checks it.
            var since = changedSince is null ? null : CommitLookup.Find(repository, changedSince, "--changed-since").Commit?.Sha;
            revision = AnalyzedRevision.Of(repository, since, output is null ? [] : [Path.GetFullPath(output, environment.WorkingDirectory)]);
        }
        else if (changedSince is not null)
        {
            return CommandSession.PrintProblems(environment, [new Problem($"--changed-since needs a git repository, and {directory} is in none", "run in a clone, or leave out --changed-since")]);
        }

        using var progress = new TerminalProgress(environment.Error, environment.ShowProgress);
        var result = SolutionAnalyzer.AnalyzeAsync(new AnalysisRequest(Path.TrimEndingDirectorySeparator(root), resolved.Value.Path, changedSince, restore), progress, cancellationToken).GetAwaiter().GetResult();
        progress.Clear();
        if (!result.IsSuccess)
        {
            return CommandSession.PrintProblems(environment, result.Problems);
        }

        var report = result.Value with { Revision = revision };
        var formatted = format switch
        {
            "json" => AnalysisRenderer.Json(report),
            "sarif" => SarifWriter.Write(report),
            _ => null,
        };
        if (output is not null)
        {
            var path = Path.GetFullPath(output, environment.WorkingDirectory);
            if (OutputFile.Write(path, formatted ?? AnalysisRenderer.PlainText(report), "pass --output", "changegate." + (format == "text" ? "txt" : format)) is { } writeProblem)
            {
                return CommandSession.PrintProblems(environment, [writeProblem]);
            }

            AnalysisRenderer.Text(environment.Console, report);
            environment.Console.MarkupLine($"[grey]wrote {Safe.Markup(output)}[/]");
        }
        else if (formatted is not null)
        {
            environment.Output.Write(formatted);
        }
        else
        {
            AnalysisRenderer.Text(environment.Console, report);
        }

        return report.Errors.Count > 0 ? ExitCodes.Blocked : ExitCodes.Ok;
    }
}
