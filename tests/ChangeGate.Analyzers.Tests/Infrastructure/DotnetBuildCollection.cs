namespace ChangeGate.Analyzers.Tests.Infrastructure;

/// <summary>
/// Tests that run real `dotnet build`/`dotnet pack` share the analyzer project's output folders, so they run one
/// at a time (and apart from the in-memory tests, to leave the machine's two cores to one build).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DotnetBuildCollection
{
    public const string Name = "dotnet build";
}
