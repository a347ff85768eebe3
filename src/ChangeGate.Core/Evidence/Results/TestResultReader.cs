using System.Security.Cryptography;
using System.Xml;

namespace ChangeGate.Core.Evidence.Results;

/// <summary>
/// Reads a TRX or JUnit XML file into per-assembly or per-suite counts, streaming, so memory does
/// not grow with the number of results. Bad input comes back as an <see cref="EvidenceError"/>
/// with file, line and column; no exception escapes for a user's file.
/// </summary>
public static class TestResultReader
{
    /// <summary>Reads and summarises the test-result file at <paramref name="path"/>, detecting its format.</summary>
    /// <param name="path">The TRX or JUnit XML file.</param>
    /// <param name="cancellationToken">Stops a long read.</param>
    /// <returns>The summary, or an error that names the file (and the line and column where known).</returns>
    public static EvidenceResult<TestResultFile> Read(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            if (!File.Exists(path))
            {
                return new EvidenceError(
                    "Test result file not found.",
                    "Check the path or glob, and that the test run wrote its results there (dotnet test --logger trx --results-directory DIR).",
                    path);
            }

            // A pipe would block the read and a device never ends: only a regular file of a sane size is read.
            if (Inputs.InputFile.Check(path, "this file", Inputs.InputKind.TestResults) is { } unreadable)
            {
                return new EvidenceError(unreadable.Message, unreadable.Fix!, path);
            }

            var sha256 = HashFile(path);
            var format = DetectFormat(path);
            if (!format.Succeeded)
            {
                return format.Error;
            }

            if (format.Value.Format == TestResultFormat.Trx)
            {
                var (suites, runErrors, started) = TrxReader.Read(() => Open(path), cancellationToken);
                return new TestResultFile(path, TestResultFormat.Trx, sha256, suites, runErrors) { Started = started ?? FileTime(path) };
            }

            using var reader = Open(path);
            var times = new ReportedTimes();
            var junitSuites = JUnitReader.Read(reader, times, cancellationToken);
            return new TestResultFile(path, TestResultFormat.JUnit, sha256, junitSuites, []) { Started = times.Earliest ?? FileTime(path) };
        }
        catch (XmlException e)
        {
            return Malformed(path, e.Message, e.LineNumber, e.LinePosition);
        }
        catch (TestResultFormatException e)
        {
            return Malformed(path, e.Message, e.Line, e.Column);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new EvidenceError($"Cannot read the test result file: {e.Message}", "Check that the file exists and is readable.", path);
        }
    }

    /// <summary>When a file that reports no start was last written: the run started no later than that.</summary>
    internal static RunStart FileTime(string path) => new(new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero), RunStartSource.FileModified);

    private static EvidenceError Malformed(string path, string message, int line, int column) =>
        new(
            $"Malformed test result file: {StripPosition(message)}",
            "Use the TRX or JUnit XML file exactly as the test run wrote it; a truncated or edited file cannot be counted. Rerun the tests to write it again.",
            path,
            line > 0 ? line : null,
            line > 0 && column > 0 ? column : null);

    /// <summary>XmlException messages end with "Line N, position M."; the error already carries both.</summary>
    private static string StripPosition(string message)
    {
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 && message.EndsWith('.') && message.IndexOf(", position ", at, StringComparison.Ordinal) > 0
            ? message[..at]
            : message;
    }

    private static EvidenceResult<FormatBox> DetectFormat(string path)
    {
        using var reader = Open(path);
        reader.MoveToContent();
        return reader.LocalName switch
        {
            "TestRun" => new FormatBox(TestResultFormat.Trx),
            "testsuites" or "testsuite" => new FormatBox(TestResultFormat.JUnit),
            _ => Unknown(path, reader),
        };
    }

    private static EvidenceError Unknown(string path, XmlReader reader)
    {
        var (line, column) = XmlPosition.Of(reader);
        return new EvidenceError(
            $"Not a test result file: the root element is <{reader.Name}>, not <TestRun> (TRX) or <testsuites>/<testsuite> (JUnit XML).",
            "Pass only TRX files (dotnet test --logger trx) or JUnit XML reports.",
            path,
            line,
            column);
    }

    private static XmlReader Open(string path)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            // Surefire writes control characters of test output as character references (&#27;),
            // which strict XML 1.0 rejects; they are inside messages we never read.
            CheckCharacters = false,
            CloseInput = true,
        };
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return XmlReader.Create(stream, settings);
    }

    private static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Boxes the detected format so it can travel in an <see cref="EvidenceResult{T}"/>.</summary>
    private sealed record FormatBox(TestResultFormat Format);
}
