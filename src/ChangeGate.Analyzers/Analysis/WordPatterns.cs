using System;
using System.Collections.Immutable;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// A configurable list of name patterns matched word by word, such as <c>Load*Settings|On*|ReleaseLock</c>
/// (<c>changegate.non_update_names</c>). A pattern is words and <c>*</c>; <c>*</c> stands for any number of whole
/// words (none included). Without a leading <c>*</c> the name must begin with the pattern's first word, without a
/// trailing <c>*</c> it must end with its last word (a final <c>Async</c> of a name is ignored). Words compare
/// ignoring case and allow the inflections of <see cref="NameVocabulary"/>: <c>Load*Setting</c> matches
/// <c>LoadUserSettings</c>; <c>On*</c> matches <c>OnRemoveDesktopIcon</c> but not <c>OnlineUpdater</c>.
/// </summary>
internal sealed class WordPatterns
{
    private const int MaxWords = 64;

    private readonly ImmutableArray<Pattern> _patterns;

    private WordPatterns(ImmutableArray<string> entries, ImmutableArray<Pattern> patterns)
    {
        Entries = entries;
        _patterns = patterns;
    }

    /// <summary>No patterns at all.</summary>
    public static WordPatterns Empty { get; } = new(ImmutableArray<string>.Empty, ImmutableArray<Pattern>.Empty);

    /// <summary>The patterns as configured.</summary>
    public ImmutableArray<string> Entries { get; }

    /// <summary>Creates patterns that are known to be valid.</summary>
    public static WordPatterns Create(params string[] entries)
    {
        if (!TryParse(string.Join("|", entries), out var patterns, out var problem))
        {
            throw new ArgumentException(problem, nameof(entries));
        }

        return patterns;
    }

    /// <summary>
    /// Parses an option value such as <c>Load*Settings|On*</c> (separators <c>|</c> or <c>,</c>). An empty value and
    /// <c>none</c> are the empty list. Returns false, with what is wrong, when an entry holds anything but identifier characters and <c>*</c>,
    /// or only <c>*</c>.
    /// </summary>
    public static bool TryParse(string? value, out WordPatterns patterns, out string? problem)
    {
        patterns = Empty;
        problem = null;
        if (value is null || string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var entries = ImmutableArray.CreateBuilder<string>();
        var parsed = ImmutableArray.CreateBuilder<Pattern>();
        foreach (var part in value.Split('|', ','))
        {
            var entry = part.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (!TryParsePattern(entry, out var pattern, out problem))
            {
                return false;
            }

            entries.Add(entry);
            parsed.Add(pattern);
        }

        patterns = new WordPatterns(entries.ToImmutable(), parsed.ToImmutable());
        return true;
    }

    /// <summary>
    /// True when some pattern matches <paramref name="words"/> (an identifier split by <see cref="IdentifierWords"/>).
    /// <paramref name="literalWords"/> has a bit set for each word the pattern names literally (not through <c>*</c>).
    /// </summary>
    public bool Matches(string[] words, int index, out ulong literalWords)
    {
        literalWords = 0;
        if (index < 0 || index >= _patterns.Length)
        {
            return false;
        }

        var count = words.Length;
        if (count > 1 && string.Equals(words[count - 1], "Async", StringComparison.OrdinalIgnoreCase))
        {
            count--;
        }

        if (count == 0 || count > MaxWords)
        {
            return false;
        }

        var pattern = _patterns[index];
        return MatchRun(pattern, 0, words, count, 0, ref literalWords);
    }

    /// <summary>The number of patterns.</summary>
    public int Count => _patterns.Length;

    private static bool MatchRun(Pattern pattern, int run, string[] words, int count, int position, ref ulong mask)
    {
        if (run == pattern.Runs.Length)
        {
            return !pattern.AnchoredEnd || position == count;
        }

        var literal = pattern.Runs[run];
        var from = position;
        var to = count - literal.Length;
        if (run == 0 && pattern.AnchoredStart)
        {
            to = Math.Min(to, position);
        }

        if (run == pattern.Runs.Length - 1 && pattern.AnchoredEnd)
        {
            from = Math.Max(from, count - literal.Length);
        }

        for (var start = from; start <= to; start++)
        {
            if (!LiteralAt(literal, words, start))
            {
                continue;
            }

            var saved = mask;
            for (var i = 0; i < literal.Length; i++)
            {
                mask |= 1UL << (start + i);
            }

            if (MatchRun(pattern, run + 1, words, count, start + literal.Length, ref mask))
            {
                return true;
            }

            mask = saved;
        }

        return false;
    }

    private static bool LiteralAt(string[] literal, string[] words, int start)
    {
        for (var i = 0; i < literal.Length; i++)
        {
            if (!NameVocabulary.IsInflectionOf(words[start + i], literal[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParsePattern(string entry, out Pattern pattern, out string? problem)
    {
        pattern = default;
        problem = null;
        foreach (var c in entry)
        {
            if (!char.IsLetterOrDigit(c) && c != '_' && c != '*')
            {
                problem = "'" + entry + "' holds '" + c + "': a pattern is letters, digits, _ and *";
                return false;
            }
        }

        var runs = ImmutableArray.CreateBuilder<string[]>();
        foreach (var piece in entry.Split('*'))
        {
            if (piece.Length == 0)
            {
                continue;
            }

            if (char.IsDigit(piece[0]) && runs.Count == 0 && entry[0] != '*')
            {
                problem = "'" + entry + "' starts with a digit";
                return false;
            }

            runs.Add(IdentifierWords.Split(piece));
        }

        if (runs.Count == 0)
        {
            problem = "'" + entry + "' names no word";
            return false;
        }

        pattern = new Pattern(runs.ToImmutable(), anchoredStart: entry[0] != '*', anchoredEnd: entry[entry.Length - 1] != '*');
        return true;
    }

    private readonly struct Pattern
    {
        public Pattern(ImmutableArray<string[]> runs, bool anchoredStart, bool anchoredEnd)
        {
            Runs = runs;
            AnchoredStart = anchoredStart;
            AnchoredEnd = anchoredEnd;
        }

        public ImmutableArray<string[]> Runs { get; }

        public bool AnchoredStart { get; }

        public bool AnchoredEnd { get; }
    }
}
