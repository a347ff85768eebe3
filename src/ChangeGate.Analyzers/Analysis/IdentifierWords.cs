using System;
using System.Collections.Generic;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Splits identifiers into words: <c>UpdateHTTPServer_v2</c> → Update, HTTP, Server, v, 2.</summary>
internal static class IdentifierWords
{
    /// <summary>True when <paramref name="word"/> is one of <paramref name="candidates"/>, ignoring case (whole words only).</summary>
    public static bool IsOneOf(string word, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (string.Equals(word, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The words of <paramref name="identifier"/>, split at case changes, digits, underscores and other separators.</summary>
    public static string[] Split(string identifier)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(identifier, ref start, i, words);
                continue;
            }

            if (start < 0)
            {
                start = i;
                continue;
            }

            var previous = identifier[i - 1];
            var boundary =
                (char.IsLower(previous) && char.IsUpper(c)) ||
                (char.IsDigit(previous) != char.IsDigit(c)) ||
                // The last capital of an acronym starts the next word: HTTPServer → HTTP, Server.
                (char.IsUpper(previous) && char.IsUpper(c) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1]));
            if (boundary)
            {
                Flush(identifier, ref start, i, words);
                start = i;
            }
        }

        Flush(identifier, ref start, identifier.Length, words);
        return words.ToArray();
    }

    private static void Flush(string identifier, ref int start, int end, List<string> words)
    {
        if (start >= 0 && end > start)
        {
            words.Add(identifier.Substring(start, end - start));
        }

        start = -1;
    }
}
