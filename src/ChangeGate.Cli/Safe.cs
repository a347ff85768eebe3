using ChangeGate.Core.Text;

namespace ChangeGate.Cli;

/// <summary>Text for people's eyes: untrusted characters escaped visibly (<see cref="InertText"/>), then made safe for the format.</summary>
internal static class Safe
{
    /// <summary>For Spectre markup: control characters escaped, then markup brackets.</summary>
    public static string Markup(string? text) => Spectre.Console.Markup.Escape(InertText.Escape(text) ?? string.Empty);

    /// <summary>For plain text formats (a text report, annotations, a JUnit file, Markdown): control characters escaped.</summary>
    public static string Text(string? text) => InertText.Escape(text) ?? string.Empty;

    /// <summary>
    /// JSON text with the characters the encoder leaves raw (bidirectional overrides, line separators)
    /// escaped as <c>\uXXXX</c>: the value stays exactly the same, but a terminal showing the JSON
    /// shows the escape. Control characters the encoder escapes already; outside strings JSON holds
    /// only ASCII, so every character replaced is inside a string.
    /// </summary>
    public static string Json(string json)
    {
        if (!json.Any(c => c >= '\u0080' && InertText.IsUnsafe(c)))
        {
            return json;
        }

        var escaped = new System.Text.StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            _ = c >= '\u0080' && InertText.IsUnsafe(c)
                ? escaped.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture))
                : escaped.Append(c);
        }

        return escaped.ToString();
    }
}
