using System.Text;
using ChangeGate.Core.Evidence.Results;

namespace ChangeGate.Core.Tests.Evidence.Results;

/// <summary>Dialect corners and bad input: every bad file is an error with its location, never an exception.</summary>
public sealed class TestResultReaderInputTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "changegate-results-" + Guid.NewGuid().ToString("N")[..12]);

    public TestResultReaderInputTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_truncated_file_reports_file_line_and_column()
    {
        var path = Write("truncated.xml", "<testsuites>\n  <testsuite name=\"a\">\n    <testcase name=\"t\" time=\"0.1\">\n");

        var result = TestResultReader.Read(path);

        Assert.False(result.Succeeded);
        Assert.Equal(path, result.Error.File);
        Assert.Equal(4, result.Error.Line);
        Assert.NotNull(result.Error.Column);
        Assert.StartsWith($"{path}:4:", result.Error.ToString());
        Assert.Contains("Malformed", result.Error.Message);
    }

    [Fact]
    public void Broken_markup_in_the_middle_reports_where_it_is()
    {
        var path = Write("broken.trx", "<?xml version=\"1.0\"?>\n<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">\n<Results>\n<UnitTestResult testId=\"x\" outcome=\"Passed\" / >\n</Results>\n</TestRun>\n");

        var result = TestResultReader.Read(path);

        Assert.False(result.Succeeded);
        Assert.Equal(4, result.Error.Line);
    }

    [Fact]
    public void A_bad_time_value_is_an_error_at_its_element()
    {
        var path = Write("time.xml", "<testsuite name=\"s\">\n  <testcase name=\"a\" time=\"0.1\"/>\n  <testcase name=\"b\" time=\"soon\"/>\n</testsuite>\n");

        var result = TestResultReader.Read(path);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Error.Line);
        Assert.Equal(4, result.Error.Column);
        Assert.Contains("'soon'", result.Error.Message);
    }

    [Fact]
    public void A_bad_trx_duration_is_an_error_at_its_element()
    {
        var path = Write("duration.trx", "<TestRun>\n<Results>\n<UnitTestResult testId=\"00000000-0000-0000-0000-000000000001\" outcome=\"Passed\" duration=\"ten\"/>\n</Results>\n</TestRun>");

        var result = TestResultReader.Read(path);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Error.Line);
        Assert.Contains("'ten'", result.Error.Message);
    }

    [Theory]
    [InlineData("<coverage line-rate=\"1\"/>", "<coverage>")]
    [InlineData("<html><body/></html>", "<html>")]
    public void Another_kind_of_xml_is_named_in_the_error(string content, string expected)
    {
        var path = Write("other.xml", content);

        var result = TestResultReader.Read(path);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error.Message);
        Assert.Equal(1, result.Error.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("\0\u0001\u0002binary")]
    public void Garbage_is_an_error_not_an_exception(string content)
    {
        var path = Write("garbage.xml", content);

        var result = TestResultReader.Read(path);

        Assert.False(result.Succeeded);
        Assert.Equal(path, result.Error.File);
    }

    [Fact]
    public void A_missing_file_is_an_error_with_a_fix()
    {
        var path = Path.Combine(_directory, "nope.trx");

        var result = TestResultReader.Read(path);

        Assert.False(result.Succeeded);
        Assert.Contains("not found", result.Error.Message);
        Assert.Contains("--logger trx", result.Error.Fix);
    }

    [Fact]
    public void Missing_optional_attributes_are_fine()
    {
        var path = Write("bare.xml", "<testsuites><testsuite><testcase/><testcase><skipped/></testcase><testcase><error/></testcase></testsuite></testsuites>");

        var result = TestResultReader.Read(path);

        Assert.True(result.Succeeded, result.Error?.ToString());
        var suite = Assert.Single(result.Value.Suites);
        Assert.Equal(("(unnamed suite)", 1, 1, 1, TimeSpan.Zero), (suite.Name, suite.Passed, suite.Failed, suite.Skipped, suite.Duration));
    }

    [Fact]
    public void A_suite_without_test_cases_counts_its_reported_failures_but_no_passes()
    {
        // Such as a package that did not compile: counts only in the attributes. A pass needs a
        // test case that ran, so "tests=40" alone proves nothing.
        var path = Write("attrs.xml", "<testsuites><testsuite name=\"pkg\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\"/><testsuite name=\"empty\" tests=\"0\"/><testsuite name=\"Claims.dll\" tests=\"40\"/></testsuites>");

        var result = TestResultReader.Read(path);

        Assert.Equal("pkg 0/2/0 | empty 0/0/0 | Claims.dll 0/0/0", string.Join(" | ", result.Value!.Suites.Select(s => $"{s.Name} {s.Passed}/{s.Failed}/{s.Skipped}")));
    }

    [Fact]
    public void Surefire_flaky_reruns_pass_and_a_failure_with_reruns_fails()
    {
        var path = Write("flaky.xml", """
            <testsuite name="com.example.Flaky" tests="2">
              <testcase name="passesOnRerun" time="1,234.5"><flakyFailure message="x"/></testcase>
              <testcase name="failsEveryRun"><failure message="x"/><rerunFailure message="x"/></testcase>
            </testsuite>
            """);

        var result = TestResultReader.Read(path);

        var suite = Assert.Single(result.Value!.Suites);
        Assert.Equal((1, 1, 0), (suite.Passed, suite.Failed, suite.Skipped));
    }

    [Fact]
    public void Surefire_escaped_control_characters_are_tolerated()
    {
        var path = Write("ansi.xml", "<testsuite name=\"s\"><testcase name=\"a\"><failure message=\"&#27;[31mred&#27;[0m\">&#27;</failure></testcase></testsuite>");

        var result = TestResultReader.Read(path);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(1, result.Value.Failed);
    }

    [Fact]
    public void Test_cases_directly_under_testsuites_are_counted_under_its_name()
    {
        var path = Write("loose.xml", "<testsuites name=\"all\"><testcase name=\"a\"/><testcase name=\"b\"><failure/></testcase></testsuites>");

        var result = TestResultReader.Read(path);

        var suite = Assert.Single(result.Value!.Suites);
        Assert.Equal(("all", 1, 1), (suite.Name, suite.Passed, suite.Failed));
    }

    [Theory]
    [InlineData("Passed", 1, 0, 0)]
    [InlineData("Failed", 0, 1, 0)]
    [InlineData("Error", 0, 1, 0)]
    [InlineData("Timeout", 0, 1, 0)]
    [InlineData("Aborted", 0, 1, 0)]
    [InlineData("PassedButRunAborted", 0, 1, 0)]
    [InlineData("NotExecuted", 0, 0, 1)]
    [InlineData("Inconclusive", 0, 0, 1)]
    [InlineData("SomethingNew", 0, 1, 0)]
    public void Trx_outcomes_fail_closed(string outcome, int passed, int failed, int skipped)
    {
        var path = Write("outcome.trx", $"<TestRun><Results><UnitTestResult testId=\"00000000-0000-0000-0000-000000000001\" outcome=\"{outcome}\"/></Results></TestRun>");

        var result = TestResultReader.Read(path);

        var suite = Assert.Single(result.Value!.Suites);
        Assert.Equal((passed, failed, skipped), (suite.Passed, suite.Failed, suite.Skipped));
    }

    [Fact]
    public void Data_driven_inner_results_are_not_counted_twice()
    {
        var path = Write("inner.trx", """
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="00000000-0000-0000-0000-000000000001" outcome="Failed" duration="00:00:01">
                  <InnerResults>
                    <UnitTestResult testId="00000000-0000-0000-0000-000000000001" outcome="Passed"/>
                    <UnitTestResult testId="00000000-0000-0000-0000-000000000001" outcome="Failed"/>
                  </InnerResults>
                </UnitTestResult>
              </Results>
              <TestDefinitions>
                <UnitTest id="00000000-0000-0000-0000-000000000001" storage="c:\build\deploy.tests.dll"><TestMethod codeBase="C:\Build\Deploy.Tests.dll" name="Rows"/></UnitTest>
              </TestDefinitions>
            </TestRun>
            """);

        var result = TestResultReader.Read(path);

        var suite = Assert.Single(result.Value!.Suites);
        Assert.Equal(("Deploy.Tests", 0, 1, TimeSpan.FromSeconds(1)), (suite.Name, suite.Passed, suite.Failed, suite.Duration));
    }

    [Fact]
    public void A_large_junit_file_streams_to_the_right_counts()
    {
        const int Cases = 100_000;
        var path = Path.Combine(_directory, "large.xml");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write("<testsuites><testsuite name=\"big\">");
            for (var i = 0; i < Cases; i++)
            {
                writer.Write(i % 1000 == 0 ? $"<testcase name=\"t{i}\" time=\"0.001\"><failure>boom</failure></testcase>" : $"<testcase name=\"t{i}\" time=\"0.001\"/>");
            }

            writer.Write("</testsuite></testsuites>");
        }

        var result = TestResultReader.Read(path);

        var suite = Assert.Single(result.Value!.Suites);
        Assert.Equal((Cases - 100, 100, 0), (suite.Passed, suite.Failed, suite.Skipped));
    }

    [Fact]
    public void A_large_trx_file_with_two_assemblies_streams_to_the_right_counts()
    {
        const int Results = 50_000;
        var path = Path.Combine(_directory, "large.trx");
        var ids = Enumerable.Range(0, Results).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write("<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results>");
            for (var i = 0; i < Results; i++)
            {
                writer.Write($"<UnitTestResult testId=\"{ids[i]}\" outcome=\"{(i % 500 == 0 ? "Failed" : "Passed")}\" duration=\"00:00:00.0010000\"/>");
            }

            writer.Write("</Results><TestDefinitions>");
            for (var i = 0; i < Results; i++)
            {
                var assembly = i % 2 == 0 ? "Even.Tests" : "Odd.Tests";
                writer.Write($"<UnitTest id=\"{ids[i]}\" storage=\"/b/{assembly.ToLowerInvariant()}.dll\"><TestMethod codeBase=\"/b/{assembly}.dll\"/></UnitTest>");
            }

            writer.Write("</TestDefinitions></TestRun>");
        }

        var result = TestResultReader.Read(path);

        Assert.Equal(
            $"Even.Tests {(Results / 2) - 100}/100/0 | Odd.Tests {Results / 2}/0/0",
            string.Join(" | ", result.Value!.Suites.Select(s => $"{s.Name} {s.Passed}/{s.Failed}/{s.Skipped}")));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
