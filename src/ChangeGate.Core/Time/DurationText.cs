using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChangeGate.Core.Time;

/// <summary>
/// Durations written as <c>1h30m</c>, <c>45s</c>, <c>2d</c> or <c>0</c>: each unit at most once, in
/// the order d, h, m, s, and at most <see cref="Max"/> in all, so a typo such as <c>1h1h</c> or
/// <c>30m1h</c> is refused rather than read as something the writer did not mean.
/// </summary>
public static partial class DurationText
{
    /// <summary>The longest duration that parses: a year. Anything longer in a policy or an override is a mistake.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    [GeneratedRegex(@"^(?:(?<d>\d{1,6})d)?(?:(?<h>\d{1,6})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,6})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses <paramref name="text"/>; false when it is not a duration or is longer than <see cref="Max"/>.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text.Trim();
        if (text == "0")
        {
            return true;
        }

        var match = Pattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return false;
        }

        // At most 999999 of each unit, so the sum cannot overflow.
        static long Part(Match match, string unit) => match.Groups[unit].Success ? long.Parse(match.Groups[unit].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        var total = TimeSpan.FromDays(Part(match, "d")) + TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
        if (total > Max)
        {
            return false;
        }

        duration = total;
        return true;
    }

    /// <summary>Formats a duration the way it is written in the policy, e.g. <c>1h30m</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (duration.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Days}d");
        }

        if (duration.Hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Hours}h");
        }

        if (duration.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        }

        var seconds = duration.Seconds;
        if (seconds > 0 || text.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds}s");
        }

        return text.ToString();
    }
}
