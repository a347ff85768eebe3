using System.CommandLine;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Gate;

namespace ChangeGate.Cli;

/// <summary>
/// The work that needs MSBuild or Roslyn (the gate's analysis engine and its change scope; the
/// commands <c>affected</c> and <c>analyze</c> bind theirs the same way). Each build of the CLI
/// implements these once: the managed changegate runs them in process (Managed/), the native
/// changegate in its managed part, a framework-dependent copy of the managed changegate that it
/// starts with <c>dotnet</c> (ChangeGate.Cli.Native; docs/native.md).
/// </summary>
internal static partial class ManagedPart
{
    /// <summary>Where the gate's <c>analyzers</c> check gets findings when no SARIF file is given; <paramref name="progress"/> hears of each step.</summary>
    public static partial IAnalysisSource Analysis(CliEnvironment environment, IProgress<string>? progress);

    /// <summary>Where the gate's <c>evidence</c> check learns which test projects the change affects.</summary>
    public static partial IChangeScopeSource ChangeScope(CliEnvironment environment);

    /// <summary>
    /// Fits the finished command tree to this build: the managed changegate adds its hidden <c>engine</c>
    /// command; the native one hands the commands that need the .NET SDK (<c>drill</c>) to its managed part.
    /// </summary>
    public static partial void Adapt(RootCommand root, CliEnvironment environment);
}
