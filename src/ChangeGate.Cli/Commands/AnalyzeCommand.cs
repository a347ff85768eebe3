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

/// <summary><c>changegate analyze</c>: the ChangeGate analyzers over a solution, as text, JSON or SARIF.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = BlankValues.Rejected(new Argument<string?>("SLN|PROJ") { Description = "The solution or C# project (default: the one in the --repo directory, else the current directory)", Arity = ArgumentArity.ZeroOrOne }, "Service.sln");
        var changedSince = BlankValues.Rejected(new Option<string?>("--changed-since") { Description = "Analyze only the documents changed since this commit, branch or tag (committed, staged, unstaged or new)", HelpName = "REF" }, "origin/main");
        var format = new Option<string>("--format") { Description = "text, json or sarif (SARIF 2.1.0 for GitHub code scanning)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var noRestore = new Option<bool>("--no-restore") { Description = "Do not run `dotnet restore` first (when the build has just restored)" };
        var output = new Option<string?>("--output") { Description = "Write the report to FILE, always, also when there is no finding (the text summary still goes to the console)", HelpName = "FILE" };
        var command = new Command("analyze", CommandText.Describe(
            "Restore and open a solution or project with MSBuild and run the ChangeGate analyzers shipped with this tool over its C# documents, honouring .editorconfig severities (dotnet_diagnostic.CGxxxx.severity) and in-source suppressions ([SuppressMessage], #pragma). Exit 0 no finding of error severity, 1 a finding of error severity, 2 bad input.",
            "changegate analyze",
            "changegate analyze src/Service.sln --changed-since origin/main",
            "changegate analyze --format sarif --output changegate.sarif"))
        {
            target, changedSince, format, output, noRestore,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(environment, parse.GetValue(target) ?? parse.GetValue(CommonOptions.Repo), parse.GetValue(changedSince), parse.GetValue(format)!, parse.GetValue(output), !parse.GetValue(noRestore), cancellationToken)));
        return command;
    }

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
