using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChangeGate.Core.Evidence.Records;

/// <summary>
/// The canonical form of an evidence line, the bytes a signature covers. It follows the JSON
/// Canonicalization Scheme (RFC 8785) restricted to what records contain: object members sorted by
/// name (UTF-16 code units, ordinal), no whitespace, strings with only the required escapes (quote,
/// backslash, control characters; \b \f \n \r \t short forms, others as lower-case \u00xx), numbers
/// only as integers in shortest form. Anything else (a fraction, an exponent, a duplicate member,
/// a lone surrogate) cannot be canonicalized, so a record holding it cannot verify.
/// </summary>
internal static class CanonicalJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical UTF-8 bytes of <paramref name="element"/>, leaving out
    /// <paramref name="omitTopLevelMember"/> of the top-level object.</summary>
    public static byte[] ToUtf8(JsonElement element, string? omitTopLevelMember = null)
    {
        var text = ToText(element, omitTopLevelMember);
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            throw new FormatException("a string holds an unpaired surrogate");
        }
    }

    /// <summary>The canonical text of <paramref name="element"/>; throws <see cref="FormatException"/> when there is none.</summary>
    public static string ToText(JsonElement element, string? omitTopLevelMember = null)
    {
        var builder = new StringBuilder(1024);
        Write(builder, element, omitTopLevelMember);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonElement element, string? omitMember)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<JsonProperty>();
                foreach (var member in element.EnumerateObject())
                {
                    if (member.Name != omitMember)
                    {
                        members.Add(member);
                    }
                }

                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                builder.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        if (members[i].Name == members[i - 1].Name)
                        {
                            throw new FormatException($"member '{members[i].Name}' appears twice");
                        }

                        builder.Append(',');
                    }

                    WriteString(builder, members[i].Name);
                    builder.Append(':');
                    Write(builder, members[i].Value, null);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    Write(builder, item, null);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (!element.TryGetInt64(out var number) || number.ToString(CultureInfo.InvariantCulture) != raw)
                {
                    throw new FormatException($"number {raw} is not a whole number in shortest form");
                }

                builder.Append(raw);
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new FormatException($"unexpected JSON value kind {element.ValueKind}");
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
