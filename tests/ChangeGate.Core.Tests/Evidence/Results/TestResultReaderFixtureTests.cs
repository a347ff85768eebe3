using System.Security.Cryptography;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Tests.Evidence.TestSupport;

namespace ChangeGate.Core.Tests.Evidence.Results;

/// <summary>Files written by real producers (see Fixtures/README.md) read into the counts their producers reported.</summary>
public sealed class TestResultReaderFixtureTests
{
    [Theory]
    // dotnet test printed: Failed: 1, Passed: 3, Skipped: 1, Total: 5 - Tiny.Tests.dll
    [InlineData("trx/dotnet-test-xunit.trx", TestResultFormat.Trx, "Tiny.Tests 3/1/1")]
    // vstest with two assemblies printed 3/1/1 for Tiny.Tests and 1/0/0 for Other.Tests.
    [InlineData("trx/vstest-two-assemblies.trx", TestResultFormat.Trx, "Tiny.Tests 3/1/1 | Other.Tests 1/0/0")]
    [InlineData("trx/dotnet-test-host-crash.trx", TestResultFormat.Trx, "")]
    // pytest printed: 1 failed, 2 passed, 1 skipped, 1 xfailed, 1 error.
    [InlineData("junit/pytest-7.2.1.xml", TestResultFormat.JUnit, "pytest 2/2/2")]
    // jest-junit writes test.todo as a bare test case, so it counts as passed (see the README).
    [InlineData("junit/jest-junit-17.0.0.xml", TestResultFormat.JUnit, "rollout stages 2/1/1 | undefined 1/1/0")]
    [InlineData("junit/jest-junit-17.0.0-file-suites.xml", TestResultFormat.JUnit, "__tests__/rollout.test.js 2/1/1 | __tests__/ledger.test.js 1/1/0")]
    [InlineData("junit/gotestsum-1.8.2.xml", TestResultFormat.JUnit, "example.com/rollout/ledger 1/0/0 | example.com/rollout/stage 4/1/1")]
    [InlineData("junit/go-junit-report-v2-documented.xml", TestResultFormat.JUnit, "example.com/rollout/ledger 1/0/0 | example.com/rollout/stage 4/1/1 | example.com/rollout/broken 0/1/0")]
    // Surefire printed: Tests run: 4, Failures: 1, Errors: 1, Skipped: 1 for StagesTest.
    [InlineData("junit/surefire-2.22.3-StagesTest.xml", TestResultFormat.JUnit, "com.example.rollout.StagesTest 1/2/1")]
    [InlineData("junit/surefire-2.22.3-LedgerTest.xml", TestResultFormat.JUnit, "com.example.rollout.LedgerTest 1/0/0")]
    [InlineData("junit/nested-suites-documented.xml", TestResultFormat.JUnit, @"Deploy Test Suite > Tests\StageTest 2/0/1 | Deploy Test Suite > Tests\LedgerTest > Tests\LedgerTest::testAppend 1/1/0")]
    public void Reads_the_counts_the_producer_reported(string fixture, TestResultFormat format, string expected)
    {
        var path = Fixtures.PathOf(fixture);

        var result = TestResultReader.Read(path);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(format, result.Value.Format);
        Assert.Equal(expected, string.Join(" | ", result.Value.Suites.Select(s => $"{s.Name} {s.Passed}/{s.Failed}/{s.Skipped}")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), result.Value.Sha256);
    }

    [Fact]
    public void A_crashed_test_host_is_a_run_error()
    {
        var result = TestResultReader.Read(Fixtures.PathOf("trx/dotnet-test-host-crash.trx"));

        Assert.True(result.Succeeded, result.Error?.ToString());
        var error = Assert.Single(result.Value.RunErrors);
        Assert.Contains("Test host process crashed", error);
        Assert.Equal(0, result.Value.Total);
    }

    [Fact]
    public void Trx_suites_carry_the_assembly_path_in_its_real_case_and_the_summed_durations()
    {
        var result = TestResultReader.Read(Fixtures.PathOf("trx/dotnet-test-xunit.trx"));

        var suite = Assert.Single(result.Value!.Suites);
        Assert.EndsWith("/Tiny.Tests/bin/Debug/net10.0/Tiny.Tests.dll", suite.Source);
        // The five UnitTestResult durations in the file: 0.2860 + 1.7679 + 0.2064 + 1.0000 + 3.9854 ms.
        Assert.Equal(TimeSpan.FromTicks(2860 + 17679 + 2064 + 10000 + 39854), suite.Duration);
    }

    [Fact]
    public void JUnit_suites_use_the_reported_suite_time()
    {
        var result = TestResultReader.Read(Fixtures.PathOf("junit/surefire-2.22.3-StagesTest.xml"));

        Assert.Equal(TimeSpan.FromMilliseconds(135), Assert.Single(result.Value!.Suites).Duration);
    }
}
