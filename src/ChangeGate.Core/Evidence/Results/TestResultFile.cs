namespace ChangeGate.Core.Evidence.Results;

/// <summary>The summary of one test-result file.</summary>
/// <param name="Path">The file as it was given.</param>
/// <param name="Format">TRX or JUnit.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes, lower-case hex.</param>
/// <param name="Suites">One summary per test assembly or suite, in file order.</param>
/// <param name="RunErrors">Problems of the run as a whole (a crashed test host, an aborted run),
/// reported by the file outside any test result. Any of them means the run cannot be trusted.</param>
public sealed record TestResultFile(
    string Path,
    TestResultFormat Format,
    string Sha256,
    IReadOnlyList<TestSuiteSummary> Suites,
    IReadOnlyList<string> RunErrors)
{
    /// <summary>When the run started, as the file tells (its own start time, else the file's modification time);
    /// null for records written before it was recorded.</summary>
    public RunStart? Started { get; init; }

    /// <summary>Passed tests over all suites.</summary>
    public int Passed => Suites.Sum(s => s.Passed);

    /// <summary>Failed tests over all suites.</summary>
    public int Failed => Suites.Sum(s => s.Failed);

    /// <summary>Skipped tests over all suites.</summary>
    public int Skipped => Suites.Sum(s => s.Skipped);

    /// <summary>All tests over all suites.</summary>
    public int Total => Suites.Sum(s => s.Total);
}
