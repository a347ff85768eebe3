using System.Globalization;

namespace ChangeGate.Core.Evidence.Results;

/// <summary>Where the start of a test run was read from.</summary>
public enum RunStartSource
{
    /// <summary>The file gives the start with its time zone (TRX <c>Times/@start</c>, a JUnit <c>timestamp</c> ending in Z or an offset).</summary>
    Reported,

    /// <summary>
    /// The file gives the start without a time zone (jest-junit and JunitXml.TestLogger write UTC,
    /// pytest local time): it is read both as UTC and as the recording machine's local time, and the
    /// earlier of the two counts, so a zone-less time can never make old results look new.
    /// </summary>
    ReportedWithoutZone,

    /// <summary>The file gives no start time (or none that parses): its modification time counts.</summary>
    FileModified,
}

/// <summary>When a test run started, as far as its result file tells.</summary>
/// <param name="At">The start (for <see cref="RunStartSource.ReportedWithoutZone"/>, the earlier reading).</param>
/// <param name="Source">Where it was read from.</param>
public sealed record RunStart(DateTimeOffset At, RunStartSource Source)
{
    /// <summary>The source as written in records: <c>reported</c>, <c>reported-no-zone</c> or <c>file-time</c>.</summary>
    public string SourceName => Source switch
    {
        RunStartSource.Reported => "reported",
        RunStartSource.ReportedWithoutZone => "reported-no-zone",
        _ => "file-time",
    };

    /// <summary>Parses <see cref="SourceName"/>; null when unknown.</summary>
    public static RunStartSource? ParseSource(string name) => name switch
    {
        "reported" => RunStartSource.Reported,
        "reported-no-zone" => RunStartSource.ReportedWithoutZone,
        "file-time" => RunStartSource.FileModified,
        _ => null,
    };

    /// <summary>How the start was found, for messages.</summary>
    public string Describe() => Source switch
    {
        RunStartSource.Reported => $"the run started at {Format(At)}",
        RunStartSource.ReportedWithoutZone => $"the run started at {Format(At)} at the latest (its time has no zone; read as UTC or as local time, the earlier counts)",
        _ => $"the file gives no start time and was last written at {Format(At)}",
    };

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Collects the earliest start time a result file reports (ISO 8601, with or without a zone).</summary>
internal sealed class ReportedTimes
{
    private static readonly string[] ZoneLessFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private readonly TimeZoneInfo _local;

    public ReportedTimes(TimeZoneInfo? local = null) => _local = local ?? TimeZoneInfo.Local;

    /// <summary>The earliest time seen, or null.</summary>
    public RunStart? Earliest { get; private set; }

    /// <summary>Takes a time as a file writes it; text that is no ISO 8601 time is ignored (the file time then counts).</summary>
    public void Observe(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        text = text.Trim();
        RunStart? start = null;
        if (HasZone(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone))
        {
            start = new RunStart(withZone, RunStartSource.Reported);
        }
        else if (DateTime.TryParseExact(text, ZoneLessFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoneLess))
        {
            var asUtc = new DateTimeOffset(DateTime.SpecifyKind(zoneLess, DateTimeKind.Unspecified), TimeSpan.Zero);
            var asLocal = new DateTimeOffset(DateTime.SpecifyKind(zoneLess, DateTimeKind.Unspecified), _local.GetUtcOffset(zoneLess));
            start = new RunStart(asUtc <= asLocal ? asUtc : asLocal, RunStartSource.ReportedWithoutZone);
        }

        if (start is not null && (Earliest is null || start.At < Earliest.At))
        {
            Earliest = start;
        }
    }

    private static bool HasZone(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }

        // An offset after the time: ...T12:00:00+09:00 or -0500 (the date's own dashes come before the T).
        var t = text.IndexOfAny(['T', 't', ' ']);
        return t > 0 && text.IndexOfAny(['+', '-'], t) > 0;
    }
}
