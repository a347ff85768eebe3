namespace ChangeGate.Core.Evidence.Results;

/// <summary>
/// The counts for one test assembly (TRX) or one test suite (JUnit). Errors count as failures.
/// </summary>
/// <param name="Name">The assembly name without extension (TRX) or the suite name, outer suites
/// first and joined by " > " when suites nest (JUnit).</param>
/// <param name="Source">Where the tests came from when the file says so (the assembly path in
/// TRX), else null.</param>
/// <param name="Passed">Tests that passed.</param>
/// <param name="Failed">Tests that failed, errored, timed out or were aborted.</param>
/// <param name="Skipped">Tests that were skipped, ignored or not executed.</param>
/// <param name="Duration">The suite's reported time, else the sum of its tests' times.</param>
public sealed record TestSuiteSummary(string Name, string? Source, int Passed, int Failed, int Skipped, TimeSpan Duration)
{
    /// <summary>All tests: passed, failed and skipped.</summary>
    public int Total => Passed + Failed + Skipped;
}
