using System.Buffers;
using System.Text;

namespace ChangeGate.Core.Policy;

/// <summary>
/// Turns the bytes of a policy file into text. A policy is UTF-8 (a byte-order mark, also UTF-16's,
/// is honoured); a byte that is not UTF-8 is a problem at its place, never silently replaced.
/// </summary>
internal static class PolicyText
{
    public static Result<string> Decode(byte[] bytes, string file)
    {
        // UTF-16 and UTF-32 files announce themselves; let the reader pick the encoding as before.
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Result<string>.Ok(reader.ReadToEnd());
        }

        var offset = FirstInvalidUtf8(bytes);
        if (offset < 0)
        {
            return Result<string>.Ok(Encoding.UTF8.GetString(bytes));
        }

        var before = bytes.AsSpan(0, offset);
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return Result<string>.Fail(new Problem(
            $"byte 0x{bytes[offset]:X2} is not UTF-8 text; the policy must be UTF-8",
            "save the file as UTF-8 (e.g. iconv -f EUC-KR -t UTF-8, or your editor's 'save with encoding')",
            new SourceLocation(file, line, column)));
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }
}
