using System.Globalization;
using System.Text;

namespace ChangeGate.Core.Text;

/// <summary>
/// Text from people and machines (titles, reasons, actor names, alert labels, SARIF messages) made
/// inert before it is shown: a control character (C0 such as ESC, DEL, C1) or a bidirectional
/// override becomes a visible escape, so no input can clear a terminal, recolour a report, reorder
/// what a reviewer reads, or start a line that looks like changegate's own output. Stored data keeps
/// the exact text; only what is shown is escaped.
/// </summary>
public static class InertText
{
    /// <summary>True when <paramref name="c"/> must not reach a terminal or a line-based format as it is.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) // C0, DEL and C1, including \n, \r and \t
        || c is '\u2028' or '\u2029' // line and paragraph separators
        || c is '\u061C' or '\u200E' or '\u200F' // bidi marks
        || c is >= '\u202A' and <= '\u202E' // bidi embeddings and overrides
        || c is >= '\u2066' and <= '\u2069'; // bidi isolates

    /// <summary>True when <paramref name="text"/> holds a character <see cref="IsUnsafe"/> names.</summary>
    public static bool HasUnsafe(string? text) => text is not null && text.Any(IsUnsafe);

    /// <summary>
    /// <paramref name="text"/> on one line with every unsafe character shown as an escape: <c>\n</c>,
    /// <c>\r</c>, <c>\t</c>, and <c>\u001b</c> (ESC) style for the rest. Null stays null.
    /// </summary>
    public static string? Escape(string? text)
    {
        if (text is null || !text.Any(IsUnsafe))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                _ when IsUnsafe(c) => escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
