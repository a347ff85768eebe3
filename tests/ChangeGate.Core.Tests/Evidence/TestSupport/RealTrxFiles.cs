using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Evidence.TestSupport;

/// <summary>
/// TRX files from real <c>dotnet test</c> runs of the tiny project in <see cref="DotnetTestRun"/>,
/// made once per test class that uses them: the whole run (3 passed, 1 failed, 1 skipped), and a
/// run filtered to the passing tests (3 passed, 1 skipped).
/// </summary>
public sealed class RealTrxFiles : IDisposable
{
    public const string AssemblyName = "Rollout.Tests";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "changegate-dotnet-test-" + Guid.NewGuid().ToString("N")[..12]);

    public RealTrxFiles()
    {
        var project = DotnetTestRun.WriteProject(_directory, AssemblyName);
        var results = Path.Combine(_directory, "results");
        WithFailure = DotnetTestRun.Run(project, results, "all.trx");
        Passing = DotnetTestRun.Run(project, results, "passing.trx", "--no-build", "--filter", "FullyQualifiedName!~GasanFollowsPangyo");
    }

    /// <summary>3 passed, 1 failed, 1 skipped.</summary>
    public string WithFailure { get; }

    /// <summary>3 passed, 1 skipped.</summary>
    public string Passing { get; }

    public void Dispose() => TemporaryGitRepository.DeleteDirectory(_directory);
}
