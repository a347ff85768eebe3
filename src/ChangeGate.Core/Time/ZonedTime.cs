namespace ChangeGate.Core.Time;

/// <summary>Turns wall-clock times in a time zone into instants, deciding the daylight-saving edge cases one way everywhere.</summary>
public static class ZonedTime
{
    /// <summary>
    /// The instant at which the clocks of <paramref name="zone"/> show <paramref name="local"/>.
    /// This is what a wall clock does: a time skipped by a spring-forward change counts as the
    /// moment the clocks jumped past it (02:30 on a 02:00→03:00 night is the instant 02:00 became
    /// 03:00); a time repeated by a fall-back change counts at its first occurrence, so a window
    /// ends as soon as the clock first reaches its end.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Between reading the wall time with the offset after the jump and with the one before
            // lies the instant of the jump; find it to the second.
            var early = new DateTimeOffset(local, zone.GetUtcOffset(local.AddHours(6))).UtcDateTime;
            var late = new DateTimeOffset(local, zone.GetUtcOffset(local.AddHours(-6))).UtcDateTime;
            var after = zone.GetUtcOffset(local.AddHours(6));
            while (late - early > TimeSpan.FromSeconds(1))
            {
                var middle = early + ((late - early) / 2);
                if (zone.GetUtcOffset(middle) == after)
                {
                    late = middle;
                }
                else
                {
                    early = middle;
                }
            }

            return new DateTimeOffset(new DateTime(late.Ticks - (late.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc));
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
