using System.Globalization;
using System.Xml;

namespace ChangeGate.Core.Evidence.Results;

/// <summary>
/// Reads JUnit XML in the dialects real producers write, in one forward pass.
/// </summary>
/// <remarks>
/// Roots: <c>testsuites</c> (pytest, jest-junit, go-junit-report, gotestsum) or a bare
/// <c>testsuite</c> (Maven Surefire). Suites may nest (PHPUnit); each suite that holds test cases
/// itself, or holds nothing, gets one summary named by its path of suite names. A test case with
/// a <c>failure</c> or <c>error</c> child failed; else with <c>skipped</c> it was skipped; else it
/// passed. Surefire's <c>flakyFailure</c>/<c>rerunFailure</c> alone do not make a failure: the
/// test passed on a rerun (a test that failed every rerun also has <c>failure</c>). Optional
/// attributes may be missing. Memory holds one frame per open suite, not the test cases.
/// </remarks>
internal static class JUnitReader
{
    private const string PathSeparator = " > ";
    private const int MaxSuiteNesting = 64;

    public static IReadOnlyList<TestSuiteSummary> Read(XmlReader reader, CancellationToken cancellationToken) =>
        Read(reader, new ReportedTimes(), cancellationToken);

    /// <summary>Reads the suites and hands every <c>timestamp</c> (of the root and of each suite) to <paramref name="started"/>.</summary>
    public static IReadOnlyList<TestSuiteSummary> Read(XmlReader reader, ReportedTimes started, CancellationToken cancellationToken)
    {
        reader.MoveToContent();
        var suites = new List<TestSuiteSummary>();
        if (reader.LocalName == "testsuite")
        {
            ReadSuite(reader, null, 1, suites, started, cancellationToken);
            return suites;
        }

        started.Observe(reader.GetAttribute("timestamp"));

        // Test cases straight under <testsuites> are rare but real; they count under the root's name.
        var rootName = reader.GetAttribute("name");
        SuiteCounts? loose = null;
        XmlChildren.ForEach(reader, child =>
        {
            switch (child.LocalName)
            {
                case "testsuite":
                    ReadSuite(child, null, 1, suites, started, cancellationToken);
                    break;
                case "testcase":
                    loose ??= new SuiteCounts(string.IsNullOrWhiteSpace(rootName) ? "(testsuites)" : rootName, null);
                    ReadCase(child, loose, cancellationToken);
                    break;
            }
        });

        if (loose is not null)
        {
            suites.Add(loose.ToSummary());
        }

        return suites;
    }

    private static void ReadSuite(XmlReader suite, string? parentPath, int nesting, List<TestSuiteSummary> output, ReportedTimes started, CancellationToken cancellationToken)
    {
        if (nesting > MaxSuiteNesting)
        {
            throw XmlPosition.Error(suite, $"Test suites nest deeper than {MaxSuiteNesting} levels.");
        }

        var (line, column) = XmlPosition.Of(suite);
        started.Observe(suite.GetAttribute("timestamp"));
        var name = suite.GetAttribute("name");
        name = string.IsNullOrWhiteSpace(name) ? "(unnamed suite)" : name;
        var path = parentPath is null ? name : parentPath + PathSeparator + name;
        var reportedTime = ParseSeconds(suite, suite.GetAttribute("time"));
        var attributeCounts = (
            Tests: suite.GetAttribute("tests"),
            Failures: suite.GetAttribute("failures"),
            Errors: suite.GetAttribute("errors"),
            Skipped: suite.GetAttribute("skipped") ?? suite.GetAttribute("disabled"));
        var file = suite.GetAttribute("file");

        var counts = new SuiteCounts(path, string.IsNullOrWhiteSpace(file) ? null : file);
        var cases = 0;
        var hasChildSuites = false;
        XmlChildren.ForEach(suite, child =>
        {
            switch (child.LocalName)
            {
                case "testsuite":
                    hasChildSuites = true;
                    ReadSuite(child, path, nesting + 1, output, started, cancellationToken);
                    break;
                case "testcase":
                    cases++;
                    ReadCase(child, counts, cancellationToken);
                    break;
            }
        });

        if (cases == 0 && hasChildSuites)
        {
            return; // only a container: its children have their own summaries
        }

        if (cases == 0)
        {
            // A suite without test cases can still report failures in its attributes (a package
            // that did not build, a class that failed to load): count them rather than drop them.
            // Passes are not taken from attributes: `tests="40"` with no test case ran is no evidence.
            _ = ParseCount(attributeCounts.Tests, "tests", line, column); // still a malformed count is an error at its place
            counts.Failed = ParseCount(attributeCounts.Failures, "failures", line, column)
                + ParseCount(attributeCounts.Errors, "errors", line, column);
            counts.Skipped = ParseCount(attributeCounts.Skipped, "skipped", line, column);
        }

        // With child suites the reported time covers them too; then only the own cases' time counts.
        output.Add(counts.ToSummary(hasChildSuites ? null : reportedTime));
    }

    private static void ReadCase(XmlReader testCase, SuiteCounts counts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var time = ParseSeconds(testCase, testCase.GetAttribute("time"));
        var failed = false;
        var skipped = false;
        XmlChildren.ForEach(testCase, child =>
        {
            switch (child.LocalName)
            {
                case "failure":
                case "error":
                    failed = true;
                    break;
                case "skipped":
                    skipped = true;
                    break;
            }
        });

        if (failed)
        {
            counts.Failed++;
        }
        else if (skipped)
        {
            counts.Skipped++;
        }
        else
        {
            counts.Passed++;
        }

        counts.TestTime += time ?? TimeSpan.Zero;
    }

    /// <summary>Seconds as producers write them: "0.012", "3", or Surefire's old "1,234.5".</summary>
    private static TimeSpan? ParseSeconds(XmlReader reader, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        const NumberStyles Styles = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite
            | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowExponent;
        if (!decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 100_000_000m)
        {
            throw XmlPosition.Error(reader, $"Invalid time '{text}' (expected seconds, such as 0.125).");
        }

        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    private static int ParseCount(string? text, string attribute, int line, int column)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var count))
        {
            throw new TestResultFormatException($"Invalid {attribute} count '{text}' on <testsuite> (expected a whole number).", line, column);
        }

        return count;
    }
}
