using System.Globalization;
using System.Xml;

namespace ChangeGate.Core.Evidence.Results;

/// <summary>
/// Reads a TRX file (vstest, <c>dotnet test --logger trx</c>) as a stream of nodes.
/// </summary>
/// <remarks>
/// TRX writes the results before the test definitions that say which assembly each test is in,
/// so the file is read more than once instead of holding the results in memory: first the
/// definitions (only the distinct assemblies are kept), then the results. <c>dotnet test</c>
/// writes one TRX per test assembly, which takes exactly those two passes in constant memory.
/// Only a file that mixes several assemblies (vstest.console given several DLLs) needs a map
/// from test id to assembly, built in an extra pass: memory then grows with the number of test
/// definitions in that file (a few dozen bytes each), never with the rest of the results.
/// </remarks>
internal static class TrxReader
{
    private const string NoDefinition = "(no test definition)";

    /// <summary>Names of failed tests kept to recognise their echo among the run's errors; more are not needed.</summary>
    private const int MaxFailedNames = 10_000;

    public static (IReadOnlyList<TestSuiteSummary> Suites, IReadOnlyList<string> RunErrors, RunStart? Started) Read(
        Func<XmlReader> open, CancellationToken cancellationToken)
    {
        var assemblies = new List<(string Name, string Source)>();
        var indexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        using (var reader = open())
        {
            ScanDefinitions(reader, cancellationToken, (_, name, source) =>
            {
                if (!indexByName.ContainsKey(name))
                {
                    indexByName[name] = assemblies.Count;
                    assemblies.Add((name, source));
                }
            });
        }

        Dictionary<Guid, int>? assemblyOfTest = null;
        if (assemblies.Count > 1)
        {
            assemblyOfTest = [];
            using var reader = open();
            ScanDefinitions(reader, cancellationToken, (id, name, _) =>
            {
                if (id is { } testId)
                {
                    assemblyOfTest[testId] = indexByName[name];
                }
            });
        }

        var counts = assemblies.Select(a => new SuiteCounts(a.Name, a.Source)).ToList();
        SuiteCounts? undefined = null;
        var runErrors = new List<string>();
        var failedNames = new HashSet<string>(StringComparer.Ordinal);
        var started = new ReportedTimes();
        using (var reader = open())
        {
            ScanResultsAndSummary(
                reader,
                cancellationToken,
                started,
                failedNames,
                (testId, outcome, duration) =>
                {
                    SuiteCounts target;
                    if (counts.Count == 1)
                    {
                        target = counts[0];
                    }
                    else if (assemblyOfTest is not null && testId is { } id && assemblyOfTest.TryGetValue(id, out var index))
                    {
                        target = counts[index];
                    }
                    else
                    {
                        target = undefined ??= new SuiteCounts(NoDefinition, null);
                    }

                    Count(target, outcome);
                    target.TestTime += duration;
                },
                runErrors.Add);
        }

        if (undefined is not null)
        {
            counts.Add(undefined);
        }

        return (counts.Select(c => c.ToSummary()).ToList(), runErrors, started.Earliest);
    }

    /// <summary>True for the outcomes <see cref="Count"/> counts as passed or skipped.</summary>
    private static bool IsPassOrSkip(string? outcome) => outcome is "Passed" or "NotExecuted" or "Inconclusive";

    /// <summary>Maps a TRX outcome to a count. Anything not clearly passed or skipped is a failure.</summary>
    private static void Count(SuiteCounts counts, string? outcome)
    {
        switch (outcome)
        {
            case "Passed":
                counts.Passed++;
                break;
            case "NotExecuted":
            case "Inconclusive":
                counts.Skipped++;
                break;
            default:
                // Failed, Error, Timeout, Aborted, PassedButRunAborted, NotRunnable, Disconnected,
                // Warning, InProgress, Pending, a missing outcome, or one we do not know: fail closed.
                counts.Failed++;
                break;
        }
    }

    /// <summary>Calls <paramref name="onDefinition"/> for each test definition (children of TestDefinitions).</summary>
    private static void ScanDefinitions(XmlReader reader, CancellationToken cancellationToken, Action<Guid?, string, string> onDefinition)
    {
        reader.MoveToContent();
        XmlChildren.ForEach(reader, section =>
        {
            if (section.LocalName != "TestDefinitions")
            {
                return;
            }

            XmlChildren.ForEach(section, definition =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = ParseGuid(definition.GetAttribute("id"));
                var storage = definition.GetAttribute("storage");
                string? codeBase = null;
                XmlChildren.ForEach(definition, detail =>
                {
                    if (detail.LocalName == "TestMethod")
                    {
                        codeBase = detail.GetAttribute("codeBase");
                    }
                });

                // codeBase keeps the file name's case; vstest lower-cases storage.
                var source = string.IsNullOrWhiteSpace(codeBase) ? storage : codeBase;
                if (!string.IsNullOrWhiteSpace(source))
                {
                    onDefinition(id, AssemblyName(source), source);
                }
            });
        });
    }

    private static void ScanResultsAndSummary(
        XmlReader reader,
        CancellationToken cancellationToken,
        ReportedTimes started,
        HashSet<string> failedNames,
        Action<Guid?, string?, TimeSpan> onResult,
        Action<string> onRunError)
    {
        reader.MoveToContent();
        XmlChildren.ForEach(reader, section =>
        {
            switch (section.LocalName)
            {
                case "Times":
                    started.Observe(section.GetAttribute("start"));
                    break;
                case "Results":
                    // Only direct children of Results: data-driven tests nest their rows in
                    // InnerResults, and the parent result already carries their combined outcome.
                    XmlChildren.ForEach(section, result =>
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var outcome = result.GetAttribute("outcome");
                        if (!IsPassOrSkip(outcome) && failedNames.Count < MaxFailedNames && result.GetAttribute("testName") is { Length: > 0 } name)
                        {
                            failedNames.Add(name);
                        }

                        onResult(
                            ParseGuid(result.GetAttribute("testId")),
                            outcome,
                            ParseDuration(result, result.GetAttribute("duration")));
                    });
                    break;
                case "ResultSummary":
                    // TRX writes the results before the summary, so every failed test is known here.
                    ReadSummary(section, failedNames, onRunError);
                    break;
            }
        });
    }

    private static void ReadSummary(XmlReader summary, HashSet<string> failedNames, Action<string> onRunError)
    {
        var outcome = summary.GetAttribute("outcome");
        if (outcome is "Aborted" or "Error" or "Timeout")
        {
            onRunError($"The test run outcome is '{outcome}'.");
        }

        XmlChildren.ForEach(summary, part =>
        {
            if (part.LocalName != "RunInfos")
            {
                return;
            }

            XmlChildren.ForEach(part, runInfo =>
            {
                if (runInfo.LocalName != "RunInfo" || runInfo.GetAttribute("outcome") != "Error")
                {
                    return;
                }

                string? message = null;
                XmlChildren.ForEach(runInfo, text =>
                {
                    if (text.LocalName == "Text")
                    {
                        message = FirstLine(text.ReadElementContentAsString());
                    }
                });
                // xunit logs each failing test once more as a run-level error ("[xUnit.net 00:00:00.30]
                // Class.Test [FAIL]"): that failure is already counted as a failed test, not as an
                // error outside the tests. Anything else (a crashed host, an aborted run) stays one.
                if (!IsEchoOfFailedTest(message, failedNames))
                {
                    onRunError(string.IsNullOrEmpty(message) ? "The test run reported an error without a message." : message);
                }
            });
        });
    }

    /// <summary>True when <paramref name="message"/> is "[prefix] Name [FAIL]" for a test that failed in this file.</summary>
    private static bool IsEchoOfFailedTest(string? message, HashSet<string> failedNames)
    {
        const string Fail = "[FAIL]";
        var text = message?.Trim();
        if (text is null || !text.EndsWith(Fail, StringComparison.Ordinal))
        {
            return false;
        }

        var name = text[..^Fail.Length].Trim();
        if (name.StartsWith('[') && name.IndexOf(']', StringComparison.Ordinal) is var end and > 0)
        {
            name = name[(end + 1)..].Trim();
        }

        return failedNames.Contains(name);
    }

    private static Guid? ParseGuid(string? text) => Guid.TryParse(text, out var id) ? id : null;

    private static TimeSpan ParseDuration(XmlReader reader, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.Zero;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration) || duration < TimeSpan.Zero)
        {
            throw XmlPosition.Error(reader, $"Invalid duration '{text}' (expected hh:mm:ss.fffffff).");
        }

        return duration;
    }

    private static string AssemblyName(string path)
    {
        var start = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1;
        var fileName = path[start..];
        var dot = fileName.LastIndexOf('.');
        return dot > 0 ? fileName[..dot] : fileName;
    }

    private static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var newline = trimmed.IndexOfAny(['\r', '\n']);
        var line = newline < 0 ? trimmed : trimmed[..newline];
        return line.Length <= 500 ? line : line[..500] + "...";
    }
}
