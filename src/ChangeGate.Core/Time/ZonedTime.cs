namespace ChangeGate.Core.Time;

/// <summary>Turns wall-clock times in a time zone into instants, deciding the daylight-saving edge cases one way everywhere.</summary>
public static class ZonedTime
{
    /// <summary>
    /// The instant at which the clocks of <paramref name="zone"/> show <paramref name="local"/>.
    /// A time skipped by a spring-forward change counts as the moment the clocks jumped past it
    /// (02:30 on a 02:00→03:00 night is 03:30 new time); a time repeated by a fall-back change counts
    /// at its first occurrence, so a window ends as soon as the clock first reaches its end.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offset in force before the gap moves the wall time past the jump.
            var before = zone.GetUtcOffset(local.AddHours(-6));
            return new DateTimeOffset(local, before);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
