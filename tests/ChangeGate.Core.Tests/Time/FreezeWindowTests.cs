using ChangeGate.Core.Time;

namespace ChangeGate.Core.Tests.Time;

public sealed class FreezeWindowTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_weekend_window_in_New_York_ends_at_local_0900_after_the_spring_forward_change()
    {
        // 2025-03-09 (Sunday) 02:00 EST became 03:00 EDT: the window starts at UTC-5 and ends at UTC-4.
        var weekend = new WeeklyFreezeWindow("weekend", NewYork, null, DayOfWeek.Friday, TimeSpan.FromHours(18), DayOfWeek.Monday, TimeSpan.FromHours(9));

        Assert.Null(weekend.ActiveAt(Utc("2025-03-07T22:59:59")));
        Assert.NotNull(weekend.ActiveAt(Utc("2025-03-07T23:00:00")));
        var occurrence = weekend.ActiveAt(Utc("2025-03-10T12:59:00"));
        Assert.NotNull(occurrence);
        Assert.Equal(Utc("2025-03-07T23:00:00"), occurrence!.Start);
        Assert.Equal(Utc("2025-03-10T13:00:00"), occurrence.End);
        Assert.Null(weekend.ActiveAt(Utc("2025-03-10T13:00:00")));
    }

    [Fact]
    public void A_weekend_window_in_New_York_keeps_local_hours_after_the_fall_back_change()
    {
        // 2025-11-02 02:00 EDT became 01:00 EST: starts Friday 18:00 EDT (22:00Z), ends Monday 09:00 EST (14:00Z).
        var weekend = new WeeklyFreezeWindow("weekend", NewYork, null, DayOfWeek.Friday, TimeSpan.FromHours(18), DayOfWeek.Monday, TimeSpan.FromHours(9));

        var occurrence = weekend.ActiveAt(Utc("2025-11-02T06:30:00"));

        Assert.NotNull(occurrence);
        Assert.Equal(Utc("2025-10-31T22:00:00"), occurrence!.Start);
        Assert.Equal(Utc("2025-11-03T14:00:00"), occurrence.End);
        Assert.NotNull(weekend.ActiveAt(Utc("2025-11-03T13:59:59")));
    }

    [Fact]
    public void A_nightly_window_over_the_skipped_hour_in_Berlin_starts_when_the_clocks_jump()
    {
        // 2025-03-30 02:00 CET became 03:00 CEST; 02:30 does not exist that night.
        var nightly = new DailyFreezeWindow("nightly", Berlin, null, new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>()), new TimeSpan(2, 30, 0), new TimeSpan(4, 0, 0));

        var occurrence = nightly.ActiveAt(Utc("2025-03-30T01:10:00"));

        Assert.NotNull(occurrence);
        Assert.Equal(Utc("2025-03-30T01:00:00"), occurrence!.Start);
        Assert.Equal(Utc("2025-03-30T02:00:00"), occurrence.End);
        Assert.Null(nightly.ActiveAt(Utc("2025-03-30T00:59:59")));
        // The next night it is a normal 1.5 hours in CEST.
        Assert.Equal(Utc("2025-03-31T00:30:00"), nightly.ActiveAt(Utc("2025-03-31T01:00:00"))!.Start);
    }

    [Fact]
    public void A_window_ending_in_the_repeated_hour_in_Berlin_ends_at_its_first_occurrence()
    {
        // 2025-10-26 03:00 CEST became 02:00 CET; 02:30 happens twice. The window ends the first time.
        var nightly = new DailyFreezeWindow("nightly", Berlin, null, new HashSet<DayOfWeek> { DayOfWeek.Sunday }, TimeSpan.FromHours(1), new TimeSpan(2, 30, 0));

        var occurrence = nightly.ActiveAt(Utc("2025-10-25T23:30:00"));

        Assert.NotNull(occurrence);
        Assert.Equal(Utc("2025-10-25T23:00:00"), occurrence!.Start);
        Assert.Equal(Utc("2025-10-26T00:30:00"), occurrence.End);
        Assert.Null(nightly.ActiveAt(Utc("2025-10-26T01:15:00")));
    }

    [Fact]
    public void A_nightly_window_in_Seoul_runs_past_midnight_on_the_listed_days_only()
    {
        var nightly = new DailyFreezeWindow("batch", Seoul, "batch jobs", new HashSet<DayOfWeek> { DayOfWeek.Friday }, TimeSpan.FromHours(23), TimeSpan.FromHours(1));

        // Friday 2026-11-20 23:30 KST is 14:30Z; Saturday 00:59 KST is 15:59Z Friday.
        Assert.NotNull(nightly.ActiveAt(Utc("2026-11-20T14:30:00")));
        Assert.NotNull(nightly.ActiveAt(Utc("2026-11-20T15:59:00")));
        Assert.Null(nightly.ActiveAt(Utc("2026-11-20T16:00:00")));
        // Thursday night is not frozen.
        Assert.Null(nightly.ActiveAt(Utc("2026-11-19T14:30:00")));
    }

    [Fact]
    public void A_one_off_window_in_Seoul_is_converted_with_the_fixed_offset()
    {
        var yearEnd = new OneOffFreezeWindow("year end", Seoul, null, new DateTime(2026, 12, 31, 18, 0, 0), new DateTime(2027, 1, 2, 9, 0, 0));

        Assert.Null(yearEnd.ActiveAt(Utc("2026-12-31T08:59:59")));
        var occurrence = yearEnd.ActiveAt(Utc("2026-12-31T09:00:00"));
        Assert.NotNull(occurrence);
        Assert.Equal(Utc("2027-01-02T00:00:00"), occurrence!.End);
        Assert.Null(yearEnd.ActiveAt(Utc("2027-01-02T00:00:00")));
    }

    [Fact]
    public void A_whole_day_window_ends_at_24_00()
    {
        var sunday = new DailyFreezeWindow("sunday", Seoul, null, new HashSet<DayOfWeek> { DayOfWeek.Sunday }, TimeSpan.Zero, TimeSpan.FromHours(24));

        // Sunday 2026-11-22 in Seoul is 2026-11-21T15:00Z to 2026-11-22T15:00Z.
        Assert.Null(sunday.ActiveAt(Utc("2026-11-21T14:59:59")));
        Assert.NotNull(sunday.ActiveAt(Utc("2026-11-22T14:59:59")));
        Assert.Null(sunday.ActiveAt(Utc("2026-11-22T15:00:00")));
    }

    [Fact]
    public void Zoned_time_resolves_gaps_forward_and_repeats_to_the_first_occurrence()
    {
        Assert.Equal(Utc("2025-03-09T07:00:00"), ZonedTime.ToInstant(new DateTime(2025, 3, 9, 2, 30, 0), NewYork));
        Assert.Equal(Utc("2025-11-02T05:30:00"), ZonedTime.ToInstant(new DateTime(2025, 11, 2, 1, 30, 0), NewYork));
        Assert.Equal(Utc("2025-06-01T03:00:00"), ZonedTime.ToInstant(new DateTime(2025, 6, 1, 12, 0, 0), Seoul));
    }
}
