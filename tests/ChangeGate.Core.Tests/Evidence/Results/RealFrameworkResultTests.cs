using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Tests.Evidence.TestSupport;

namespace ChangeGate.Core.Tests.Evidence.Results;

/// <summary>
/// A failing test is a failed test, in the TRX of every framework vstest runs (xunit, NUnit,
/// MSTest), and in JUnit XML: only an error of the run itself is "an error outside the tests".
/// </summary>
public sealed class RealFrameworkResultTests(RealFrameworkResults frameworks, RealTrxFiles xunit) : IClassFixture<RealFrameworkResults>, IClassFixture<RealTrxFiles>
{
    [Fact]
    public void Xunit_one_failing_test_is_one_failure_and_its_echo_in_the_run_log_is_no_run_error()
    {
        var result = TestResultReader.Read(xunit.WithFailure).Value!;

        Assert.Equal("Rollout.Tests 3/1/1", Describe(result));
        Assert.Empty(result.RunErrors);
        // vstest did write the echo ("[xUnit.net ...] RolloutTests.GasanFollowsPangyo [FAIL]") as a RunInfo error.
        Assert.Contains("GasanFollowsPangyo [FAIL]</Text>", File.ReadAllText(xunit.WithFailure));
    }

    [Fact]
    public void NUnit_one_failing_test_is_one_failure()
    {
        var result = TestResultReader.Read(frameworks.NUnitTrx).Value!;

        Assert.Equal("NUnitRollout.Tests 3/1/1", Describe(result));
        Assert.Empty(result.RunErrors);
        Assert.Equal(RunStartSource.Reported, result.Started!.Source);
    }

    [Fact]
    public void MSTest_one_failing_test_is_one_failure()
    {
        var result = TestResultReader.Read(frameworks.MSTestTrx).Value!;

        Assert.Equal("MSTestRollout.Tests 3/1/1", Describe(result));
        Assert.Empty(result.RunErrors);
        Assert.Equal(RunStartSource.Reported, result.Started!.Source);
    }

    [Fact]
    public void JUnit_from_the_junit_logger_counts_the_same_and_its_zone_less_start_is_read_fail_closed()
    {
        var junit = TestResultReader.Read(frameworks.NUnitJUnit).Value!;
        var trx = TestResultReader.Read(frameworks.NUnitTrx).Value!;

        Assert.Equal(TestResultFormat.JUnit, junit.Format);
        Assert.Equal("NUnitRollout.Tests.dll 3/1/1", Describe(junit));
        // JunitXml.TestLogger writes the UTC start without a zone, to the second.
        Assert.Equal(RunStartSource.ReportedWithoutZone, junit.Started!.Source);
        Assert.True(junit.Started.At <= trx.Started!.At.AddSeconds(1), $"{junit.Started.At:o} vs {trx.Started.At:o}");
    }

    [Fact]
    public void A_crash_is_still_a_run_error_when_a_test_also_failed()
    {
        // The xunit TRX with its failure, plus a crash message vstest writes as another RunInfo error.
        var crashed = Path.Combine(Path.GetDirectoryName(xunit.WithFailure)!, "crashed-" + Guid.NewGuid().ToString("N")[..6] + ".trx");
        var text = File.ReadAllText(xunit.WithFailure);
        var runInfos = text.IndexOf("</RunInfos>", StringComparison.Ordinal);
        Assert.True(runInfos > 0, "the xunit TRX has RunInfos");
        File.WriteAllText(crashed, text.Insert(runInfos, "<RunInfo computerName=\"vm\" outcome=\"Error\" timestamp=\"2026-11-22T21:56:26.1063153+00:00\"><Text>The active test run was aborted. Reason: Test host process crashed</Text></RunInfo>"));

        var result = TestResultReader.Read(crashed).Value!;

        Assert.Equal("Rollout.Tests 3/1/1", Describe(result));
        Assert.Contains("Test host process crashed", Assert.Single(result.RunErrors));
    }

    private static string Describe(TestResultFile file) =>
        string.Join(" | ", file.Suites.Select(s => $"{s.Name} {s.Passed}/{s.Failed}/{s.Skipped}"));
}
