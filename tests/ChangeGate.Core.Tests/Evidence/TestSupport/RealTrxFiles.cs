using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Evidence.TestSupport;

/// <summary>
/// TRX files from real <c>dotnet test</c> runs of the tiny project in <see cref="DotnetTestRun"/>:
/// the whole run (3 passed, 1 failed, 1 skipped), and a run filtered to the passing tests (3 passed,
/// 1 skipped). Made once per test run and shared by every class that uses them (each run builds
/// and tests a project: seconds of CPU on a shared machine); deleted when the process exits.
/// </summary>
public sealed class RealTrxFiles : IDisposable
{
    public const string AssemblyName = "Rollout.Tests";

    private static readonly Lazy<(string WithFailure, string Passing)> Shared = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>3 passed, 1 failed, 1 skipped.</summary>
    public string WithFailure => Shared.Value.WithFailure;

    /// <summary>3 passed, 1 skipped.</summary>
    public string Passing => Shared.Value.Passing;

    // The files outlive each class that uses them; the process exit removes them.
    public void Dispose()
    {
    }

    private static (string, string) Run()
    {
        var directory = Path.Combine(Path.GetTempPath(), "changegate-dotnet-test-" + Guid.NewGuid().ToString("N")[..12]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TemporaryGitRepository.DeleteDirectory(directory);
        var project = DotnetTestRun.WriteProject(directory, AssemblyName);
        var results = Path.Combine(directory, "results");
        var withFailure = DotnetTestRun.Run(project, results, "all.trx");
        var passing = DotnetTestRun.Run(project, results, "passing.trx", "--no-build", "--filter", "FullyQualifiedName!~GasanFollowsPangyo");
        return (withFailure, passing);
    }
}
