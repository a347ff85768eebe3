using System.CommandLine;
using ChangeGate.Cli.Commands;
using ChangeGate.Cli.Engine;
using ChangeGate.Core;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Gate;

namespace ChangeGate.Cli;

/// <summary>The native changegate: what needs MSBuild or Roslyn is asked of the managed part.</summary>
internal static partial class ManagedPart
{
    public static partial IAnalysisSource Analysis(CliEnvironment environment, IProgress<string>? progress) => new CompanionAnalysis(environment, progress);

    public static partial IChangeScopeSource ChangeScope(CliEnvironment environment) => new CompanionChangeScope(environment);

    // The drill builds, tests and analyzes scratch projects with the SDK, in the managed part's process.
    // (The hidden engine command lives in the managed part only.)
    public static partial void Adapt(RootCommand root, CliEnvironment environment)
    {
        foreach (var command in root.Subcommands.Where(c => c.Name is "drill"))
        {
            command.Action = new ToManagedPart();
        }
    }

    private sealed class CompanionAnalysis(CliEnvironment environment, IProgress<string>? progress) : IAnalysisSource
    {
        public string Describe(AnalysisRequest request) =>
            $"changegate analysis of {request.Target ?? "the solution at the repository root"} (managed part)";

        public Result<AnalysisReport> Analyze(AnalysisRequest request, CancellationToken cancellationToken = default)
        {
            List<string> args = ["analysis", "--root", request.RepositoryRoot, "--progress"];
            if (request.Target is { } target)
            {
                args.AddRange(["--target", target]);
            }

            if (request.ChangedSince is { } since)
            {
                args.AddRange(["--changed-since", since]);
            }

            if (!request.Restore)
            {
                args.Add("--no-restore");
            }

            return ManagedPartProcess.Ask(environment, args, EngineJson.Default.EngineReplyAnalysisReport, "the analysis", progress, cancellationToken);
        }
    }

    private sealed class CompanionChangeScope(CliEnvironment environment) : IChangeScopeSource
    {
        public Result<ChangeScope> Find(ChangeScopeRequest request)
        {
            List<string> args = ["change-scope", "--repository", request.RepositoryPath, "--commit", request.Commit];
            if (request.Since is { } since)
            {
                args.AddRange(["--since", since]);
            }

            return ManagedPartProcess.Ask(environment, args, EngineJson.Default.EngineReplyChangeScope, "the affected-projects mapping");
        }
    }
}
