using ChangeGate.Core.Time;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy.Sections;

internal sealed class FreezeSectionParser : PolicySectionParser<FreezePolicy>
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public override string Key => "freeze";

    protected override FreezePolicy? ParseSection(YamlNode node, PolicyParseContext context)
    {
        // Two forms: a list of windows, or a mapping with the windows and who may lift an emergency freeze.
        if (node is YamlMappingNode mapping)
        {
            var map = context.Map(node, "freeze", "windows", "emergency-actors");
            if (map is null)
            {
                return null;
            }

            if (mapping.Children.Count == 0)
            {
                context.Error(node, "freeze is an empty mapping",
                    "list the freeze windows (`freeze:` then `- name: ...` lines), or write `windows:` and `emergency-actors:` under it");
                return null;
            }

            var actors = map.Optional("emergency-actors") is { } actorsNode
                ? context.DistinctTextList(actorsNode, "freeze.emergency-actors", "emergency actor", StringComparer.OrdinalIgnoreCase)
                : [];
            var windows = map.Optional("windows") is { } windowsNode ? Windows(windowsNode, context) : new FreezePolicy([]);
            return actors is null || windows is null ? null : windows with { EmergencyActors = actors };
        }

        return Windows(node, context);
    }

    private static FreezePolicy? Windows(YamlNode node, PolicyParseContext context)
    {
        var items = context.Sequence(node, "freeze");
        if (items is null)
        {
            return null;
        }

        var windows = new List<FreezeWindow>();
        var ok = true;
        foreach (var item in items)
        {
            var window = ParseWindow(item, context);
            if (window is null)
            {
                ok = false;
            }
            else
            {
                windows.Add(window);
            }
        }

        return ok ? new FreezePolicy(windows) : null;
    }

    protected override FreezePolicy Default(YamlMappingNode root, PolicyParseContext context) => new([]);

    private static FreezeWindow? ParseWindow(YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "a freeze window", "name", "timezone", "reason", "weekly", "daily", "once");
        if (map is null)
        {
            return null;
        }

        var name = map.Required("name", "weekend") is { } nameNode ? context.Text(nameNode, "freeze window name") : null;
        var zone = map.Required("timezone", "Asia/Seoul") is { } zoneNode ? Zone(zoneNode, context) : null;
        var reason = map.Optional("reason") is { } reasonNode ? context.Text(reasonNode, "reason") : null;
        var kinds = new[] { "weekly", "daily", "once" }.Where(map.Has).ToList();
        if (kinds.Count != 1)
        {
            context.Error(map.Node, $"freeze window '{name}' needs exactly one of 'weekly', 'daily' or 'once'",
                "e.g. `weekly: { from: \"fri 18:00\", to: \"mon 09:00\" }`, `daily: { from: \"23:00\", to: \"01:00\" }` or `once: { from: \"2026-12-31 18:00\", to: \"2027-01-02 09:00\" }`");
            return null;
        }

        if (name is null || zone is null)
        {
            return null;
        }

        var body = map.Optional(kinds[0])!;
        return kinds[0] switch
        {
            "weekly" => Weekly(name, zone, reason, body, context),
            "daily" => Daily(name, zone, reason, body, context),
            _ => Once(name, zone, reason, body, context),
        };
    }

    private static TimeZoneInfo? Zone(YamlNode node, PolicyParseContext context)
    {
        var id = context.Text(node, "timezone");
        if (id is null)
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            context.Error(node, $"unknown time zone '{id}'", "use an IANA name such as Asia/Seoul, Europe/Berlin or America/New_York");
            return null;
        }
    }

    private static FreezeWindow? Weekly(string name, TimeZoneInfo zone, string? reason, YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "weekly", "from", "to");
        if (map is null)
        {
            return null;
        }

        var from = map.Required("from", "\"fri 18:00\"") is { } fromNode ? DayAndTime(fromNode, context) : null;
        var to = map.Required("to", "\"mon 09:00\"") is { } toNode ? DayAndTime(toNode, context) : null;
        if (from is null || to is null)
        {
            return null;
        }

        // Read literally, the same day and time would freeze the whole week, every week.
        if (from.Value.Day == to.Value.Day && from.Value.Time == to.Value.Time)
        {
            context.Error(map.Node, $"freeze window '{name}' starts and ends at the same time", "to freeze for good, pause the rollouts instead; otherwise make 'to' another day or time");
            return null;
        }

        return new WeeklyFreezeWindow(name, zone, reason, from.Value.Day, from.Value.Time, to.Value.Day, to.Value.Time);
    }

    private static FreezeWindow? Daily(string name, TimeZoneInfo zone, string? reason, YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "daily", "days", "from", "to");
        if (map is null)
        {
            return null;
        }

        var days = new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>());
        if (map.Optional("days") is { } daysNode)
        {
            var names = context.TextList(daysNode, "days");
            if (names is null)
            {
                return null;
            }

            // An empty list would make a window that never freezes, though it reads as one that does.
            if (names.Count == 0)
            {
                context.Error(daysNode, $"freeze window '{name}' lists no days, so it would never freeze", "list the days, e.g. `days: [sat, sun]`, or leave out `days` to freeze every day");
                return null;
            }

            days.Clear();
            foreach (var day in names)
            {
                var index = Array.IndexOf(DayNames, day.ToLowerInvariant());
                if (index < 0)
                {
                    context.Error(daysNode, $"'{day}' is not a weekday", "use mon, tue, wed, thu, fri, sat, sun");
                    return null;
                }

                days.Add((DayOfWeek)index);
            }
        }

        var from = map.Required("from", "\"23:00\"") is { } fromNode ? Clock(fromNode, context) : null;
        var to = map.Required("to", "\"01:00\"") is { } toNode ? Clock(toNode, context) : null;
        if (from is null || to is null)
        {
            return null;
        }

        if (from == to)
        {
            context.Error(map.Node, $"freeze window '{name}' starts and ends at the same time", "for a whole day write `from: \"00:00\"` and `to: \"24:00\"`");
            return null;
        }

        return new DailyFreezeWindow(name, zone, reason, days, from.Value, to.Value);
    }

    private static FreezeWindow? Once(string name, TimeZoneInfo zone, string? reason, YamlNode node, PolicyParseContext context)
    {
        var map = context.Map(node, "once", "from", "to");
        if (map is null)
        {
            return null;
        }

        var from = map.Required("from", "\"2026-12-31 18:00\"") is { } fromNode ? LocalDateTime(fromNode, context) : null;
        var to = map.Required("to", "\"2027-01-02 09:00\"") is { } toNode ? LocalDateTime(toNode, context) : null;
        if (from is null || to is null)
        {
            return null;
        }

        if (to <= from)
        {
            context.Error(map.Node, $"freeze window '{name}' ends before it starts", "make 'to' later than 'from'");
            return null;
        }

        return new OneOffFreezeWindow(name, zone, reason, from.Value, to.Value);
    }

    private static (DayOfWeek Day, TimeSpan Time)? DayAndTime(YamlNode node, PolicyParseContext context)
    {
        var text = context.Text(node, "weekday and time");
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is { Length: 2 } && Array.IndexOf(DayNames, parts[0].ToLowerInvariant()) is var index and >= 0 && TryClock(parts[1], out var time))
        {
            return ((DayOfWeek)index, time);
        }

        if (text is not null)
        {
            context.Error(node, $"'{text}' is not a weekday and time", "write e.g. \"fri 18:00\"");
        }

        return null;
    }

    private static TimeSpan? Clock(YamlNode node, PolicyParseContext context)
    {
        var text = context.Text(node, "time of day");
        if (text is not null && TryClock(text, out var time))
        {
            return time;
        }

        if (text is not null)
        {
            context.Error(node, $"'{text}' is not a time of day", "write 24-hour time in quotes, e.g. \"18:00\" (\"24:00\" is the end of the day)");
        }

        return null;
    }

    private static bool TryClock(string text, out TimeSpan time)
    {
        time = default;
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var hours) || !int.TryParse(parts[1], out var minutes) || parts[1].Length != 2)
        {
            return false;
        }

        if (hours is < 0 or > 24 || minutes is < 0 or > 59 || (hours == 24 && minutes != 0))
        {
            return false;
        }

        time = new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static DateTime? LocalDateTime(YamlNode node, PolicyParseContext context)
    {
        var text = context.Text(node, "date and time");
        if (text is not null && DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd"],
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var value))
        {
            return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        }

        if (text is not null)
        {
            context.Error(node, $"'{text}' is not a local date and time", "write e.g. \"2026-12-31 18:00\" (in the window's time zone)");
        }

        return null;
    }
}
