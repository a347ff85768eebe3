using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// A configurable list of words (such as the update vocabulary <c>Update|Upgrade|Deploy</c>) matched
/// against identifiers word by word: <c>UpdateServerFiles</c>, <c>ServerUpdater</c> and
/// <c>MigrationRunner</c> match; <c>Updraft</c> and <c>Download</c> do not.
/// </summary>
internal sealed class NameVocabulary
{
    // Inflections a vocabulary word may take inside an identifier (Deploy → Deployer, Deployment, Deploying).
    private static readonly string[] Suffixes =
    {
        "", "s", "es", "r", "rs", "er", "ers", "d", "ed", "ing", "ment", "ments",
        "ion", "ions", "ation", "ations", "or", "ors", "able",
    };

    // Inflections of a word ending in 'e' that drop it (Migrate → Migration, Migrating, Migrator).
    private static readonly string[] SuffixesAfterDroppedE = { "ing", "ion", "ions", "or", "ors", "able" };

    // Inflections of a word ending in 'y' that turn it into 'i' (Verify → Verifies, Verified, Verification).
    private static readonly string[] SuffixesAfterYToI = { "es", "ed", "er", "ers", "cation", "cations" };

    private readonly ImmutableArray<string[]> _entries;
    private readonly int _longestEntry;

    private NameVocabulary(ImmutableArray<string> words)
    {
        Words = words;
        var entries = ImmutableArray.CreateBuilder<string[]>(words.Length);
        foreach (var word in words)
        {
            var segments = IdentifierWords.Split(word);
            entries.Add(segments);
            _longestEntry = Math.Max(_longestEntry, segments.Length);
        }

        _entries = entries.MoveToImmutable();
        var stems = new List<string>();
        foreach (var entry in _entries)
        {
            if (entry.Length == 0)
            {
                stems.Add("");
                continue;
            }

            var first = entry[0];
            var last = char.ToLowerInvariant(first[first.Length - 1]);
            stems.Add(entry.Length == 1 && last is 'e' or 'y' ? first.Substring(0, first.Length - 1) : first);
        }

        _stems = stems.ToArray();
    }

    // The part of each entry that every match contains (see MayMatch).
    private readonly string[] _stems;

    /// <summary>
    /// What <see cref="MayMatch"/> looks for: an identifier that holds none of these (ignoring case) matches no entry. An
    /// empty string among them means any identifier may match.
    /// </summary>
    public IReadOnlyList<string> Stems => _stems;

    /// <summary>The configured words, in the order given.</summary>
    public ImmutableArray<string> Words { get; }

    /// <summary>
    /// False when <paramref name="identifier"/> cannot hold any word of the vocabulary, decided without splitting it or
    /// allocating: every match holds the first word of an entry (a one-word entry, its stem less a final <c>e</c> or
    /// <c>y</c>, which an inflection may drop), and the identifier does not contain one, ignoring case. True otherwise.
    /// </summary>
    public bool MayMatch(string identifier)
    {
        foreach (var stem in _stems)
        {
            if (stem.Length == 0 || identifier.IndexOf(stem, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Creates a vocabulary from words that are already known to be valid.</summary>
    public static NameVocabulary Create(params string[] words) => new NameVocabulary(words.ToImmutableArray());

    /// <summary>
    /// Parses an option value such as <c>Update|Upgrade|Deploy</c> (separators <c>|</c> or <c>,</c>).
    /// Returns false when the value is empty or any word is not an identifier; the caller then keeps its default.
    /// </summary>
    public static bool TryParse(string? value, out NameVocabulary vocabulary) => TryParse(value, out vocabulary, out _);

    /// <summary>
    /// Parses an option value like <see cref="TryParse(string?, out NameVocabulary)"/>, and says what is wrong with a bad
    /// one (for the option check, CG0001): "it is empty" or "'Up-date' is not an identifier".
    /// </summary>
    public static bool TryParse(string? value, out NameVocabulary vocabulary, out string? problem)
    {
        vocabulary = null!;
        problem = null;
        if (value is null)
        {
            problem = "it is empty";
            return false;
        }

        var words = ImmutableArray.CreateBuilder<string>();
        foreach (var part in value.Split('|', ','))
        {
            var word = part.Trim();
            if (word.Length == 0)
            {
                continue;
            }

            if (!IsIdentifierWord(word))
            {
                problem = "'" + word + "' is not an identifier (letters, digits and _, not starting with a digit)";
                return false;
            }

            words.Add(word);
        }

        if (words.Count == 0)
        {
            problem = "it names no word";
            return false;
        }

        vocabulary = new NameVocabulary(words.ToImmutable());
        return true;
    }

    /// <summary>True when some word of the vocabulary appears as a whole word (or an inflection of one) in <paramref name="identifier"/>.</summary>
    public bool Matches(string? identifier) => FindMatch(identifier) is not null;

    /// <summary>The vocabulary word that appears in <paramref name="identifier"/>, or null.</summary>
    public string? FindMatch(string? identifier)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            return null;
        }

        var segments = IdentifierWords.Split(identifier!);
        return FindMatch(segments, 0, segments.Length);
    }

    /// <summary>
    /// True when some word of the vocabulary appears in <paramref name="words"/> from <paramref name="start"/> up to
    /// (not including) <paramref name="end"/>: the words of an identifier already split by <see cref="IdentifierWords"/>.
    /// </summary>
    public bool Matches(string[] words, int start, int end) => FindMatch(words, start, end) is not null;

    /// <summary>
    /// The first occurrence of a vocabulary word in <paramref name="segments"/> that starts at or after
    /// <paramref name="from"/> and ends before <paramref name="end"/>: its first word's index, or -1. <paramref name="length"/>
    /// is the number of words it covers. Callers that must skip some occurrences (false friends) call it again from the next index.
    /// </summary>
    public int FindOccurrence(string[] segments, int from, int end, out int length)
    {
        length = 0;
        for (var start = from; start < end; start++)
        {
            foreach (var entry in _entries)
            {
                if (start + entry.Length <= end && EntryAt(segments, start, entry))
                {
                    length = entry.Length;
                    return start;
                }
            }
        }

        return -1;
    }

    private string? FindMatch(string[] segments, int start, int end)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (ContainsEntry(segments, start, end, _entries[i]))
            {
                return Words[i];
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="name"/> equals one of the words, ignoring case (for exact member names such as <c>Down</c>).</summary>
    public bool ContainsExactly(string? name)
    {
        if (name is null)
        {
            return false;
        }

        foreach (var word in Words)
        {
            if (string.Equals(word, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsEntry(string[] segments, int from, int end, string[] entry)
    {
        for (var start = from; start + entry.Length <= end; start++)
        {
            if (EntryAt(segments, start, entry))
            {
                return true;
            }
        }

        return false;
    }

    // An entry of k words must match k consecutive words of the identifier; only its last word may be inflected.
    private static bool EntryAt(string[] segments, int start, string[] entry)
    {
        for (var j = 0; j < entry.Length - 1; j++)
        {
            if (!string.Equals(segments[start + j], entry[j], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return IsInflectionOf(segments[start + entry.Length - 1], entry[entry.Length - 1]);
    }

    /// <summary>
    /// True when <paramref name="segment"/> (one word of an identifier) is <paramref name="word"/> or one of its
    /// inflections (<c>Deploy</c> → <c>Deployer</c>, <c>Migrate</c> → <c>Migration</c>), ignoring case.
    /// Compares in place, allocating nothing: this runs for every word of every identifier a rule asks about.
    /// </summary>
    public static bool IsInflectionOf(string segment, string word)
    {
        if (HasStem(segment, word, word.Length) && IsOneOf(segment, word.Length, Suffixes))
        {
            return true;
        }

        var stemLength = word.Length - 1;
        switch (char.ToLowerInvariant(word[stemLength]))
        {
            case 'e':
                return HasStem(segment, word, stemLength) && IsOneOf(segment, stemLength, SuffixesAfterDroppedE);
            case 'y':
                return HasStem(segment, word, stemLength) &&
                       segment.Length > stemLength &&
                       char.ToLowerInvariant(segment[stemLength]) == 'i' &&
                       IsOneOf(segment, stemLength + 1, SuffixesAfterYToI);
            default:
                return false;
        }
    }

    // True when segment starts with the first stemLength characters of word, ignoring case.
    private static bool HasStem(string segment, string word, int stemLength) =>
        segment.Length >= stemLength &&
        string.Compare(segment, 0, word, 0, stemLength, StringComparison.OrdinalIgnoreCase) == 0;

    // True when the rest of segment, from start, is one of suffixes, ignoring case.
    private static bool IsOneOf(string segment, int start, string[] suffixes)
    {
        var length = segment.Length - start;
        foreach (var suffix in suffixes)
        {
            if (suffix.Length == length &&
                string.Compare(segment, start, suffix, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="word"/> is an identifier: letters, digits and _, not starting with a digit.</summary>
    internal static bool IsIdentifierWord(string word)
    {
        if (!char.IsLetter(word[0]) && word[0] != '_')
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
