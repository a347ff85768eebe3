using System.CommandLine;
using ChangeGate.Affected;
using ChangeGate.Cli.Commands;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Gate;
using ChangeGate.SolutionAnalysis;

namespace ChangeGate.Cli;

/// <summary>The managed changegate: MSBuild and Roslyn run in this process.</summary>
internal static partial class ManagedPart
{
    public static partial IAnalysisSource Analysis(CliEnvironment environment, IProgress<string>? progress) => new WorkspaceAnalysisSource(progress);

    public static partial IChangeScopeSource ChangeScope(CliEnvironment environment) => new ProjectGraphChangeScope();

    public static partial void Adapt(RootCommand root, CliEnvironment environment) => root.Subcommands.Add(EngineCommand.Create(environment));
}
