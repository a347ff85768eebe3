namespace ChangeGate.Core.Time;

/// <summary>One occurrence of a freeze window, as instants.</summary>
public sealed record FreezeOccurrence(FreezeWindow Window, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// A span of time in which nothing is promoted or deployed. Times are wall-clock times in the
/// window's time zone; each occurrence is turned into instants with <see cref="ZonedTime.ToInstant"/>,
/// so a window keeps its local hours across daylight-saving changes.
/// </summary>
public abstract record FreezeWindow(string Name, TimeZoneInfo Zone, string? Reason)
{
    /// <summary>The occurrence in force at <paramref name="instant"/>, or null.</summary>
    public FreezeOccurrence? ActiveAt(DateTimeOffset instant)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
        FreezeOccurrence? active = null;
        foreach (var (start, end) in LocalOccurrencesAround(localDate))
        {
            var startInstant = ZonedTime.ToInstant(start, Zone);
            var endInstant = ZonedTime.ToInstant(end, Zone);
            if (startInstant <= instant && instant < endInstant && (active is null || endInstant > active.End))
            {
                active = new FreezeOccurrence(this, startInstant, endInstant);
            }
        }

        return active;
    }

    /// <summary>Local start and end of every occurrence that could contain a moment of <paramref name="localDate"/>.</summary>
    protected abstract IEnumerable<(DateTime Start, DateTime End)> LocalOccurrencesAround(DateOnly localDate);

    /// <summary>A human description, e.g. <c>every fri 18:00 to mon 09:00 (Asia/Seoul)</c>.</summary>
    public abstract string Describe();

    private protected static string Clock(TimeSpan time) => $"{(int)time.TotalHours:00}:{time.Minutes:00}";

    private protected static string Day(DayOfWeek day) => day.ToString()[..3].ToLowerInvariant();
}

/// <summary>A window that recurs every week from one weekday and time to another, e.g. fri 18:00 to mon 09:00.</summary>
public sealed record WeeklyFreezeWindow(string Name, TimeZoneInfo Zone, string? Reason, DayOfWeek FromDay, TimeSpan FromTime, DayOfWeek ToDay, TimeSpan ToTime)
    : FreezeWindow(Name, Zone, Reason)
{
    /// <inheritdoc />
    protected override IEnumerable<(DateTime Start, DateTime End)> LocalOccurrencesAround(DateOnly localDate)
    {
        var days = ((int)ToDay - (int)FromDay + 7) % 7;
        if (days == 0 && ToTime <= FromTime)
        {
            days = 7;
        }

        for (var date = localDate.AddDays(-8); date <= localDate; date = date.AddDays(1))
        {
            if (date.DayOfWeek == FromDay)
            {
                var start = date.ToDateTime(TimeOnly.MinValue).Add(FromTime);
                yield return (start, date.AddDays(days).ToDateTime(TimeOnly.MinValue).Add(ToTime));
            }
        }
    }

    /// <inheritdoc />
    public override string Describe() => $"every {Day(FromDay)} {Clock(FromTime)} to {Day(ToDay)} {Clock(ToTime)} ({Zone.Id})";
}

/// <summary>A window on chosen weekdays from one time to another; a range that ends before it starts runs past midnight.</summary>
public sealed record DailyFreezeWindow(string Name, TimeZoneInfo Zone, string? Reason, IReadOnlySet<DayOfWeek> Days, TimeSpan From, TimeSpan To)
    : FreezeWindow(Name, Zone, Reason)
{
    /// <inheritdoc />
    protected override IEnumerable<(DateTime Start, DateTime End)> LocalOccurrencesAround(DateOnly localDate)
    {
        for (var date = localDate.AddDays(-1); date <= localDate; date = date.AddDays(1))
        {
            if (Days.Contains(date.DayOfWeek))
            {
                var midnight = date.ToDateTime(TimeOnly.MinValue);
                yield return (midnight.Add(From), To > From ? midnight.Add(To) : midnight.AddDays(1).Add(To));
            }
        }
    }

    /// <inheritdoc />
    public override string Describe()
    {
        var days = Days.Count == 7 ? "every day" : string.Join(",", Enum.GetValues<DayOfWeek>().Where(Days.Contains).Select(Day));
        return $"{days} {Clock(From)} to {Clock(To)} ({Zone.Id})";
    }
}

/// <summary>A window that happens once, from one local date and time to another.</summary>
public sealed record OneOffFreezeWindow(string Name, TimeZoneInfo Zone, string? Reason, DateTime From, DateTime To)
    : FreezeWindow(Name, Zone, Reason)
{
    /// <inheritdoc />
    protected override IEnumerable<(DateTime Start, DateTime End)> LocalOccurrencesAround(DateOnly localDate)
    {
        yield return (From, To);
    }

    /// <inheritdoc />
    public override string Describe() => $"{From:yyyy-MM-dd HH:mm} to {To:yyyy-MM-dd HH:mm} ({Zone.Id})";
}
