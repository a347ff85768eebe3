using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Finds every place where a text holds one of a fixed set of words, ignoring case as
/// <see cref="StringComparison.OrdinalIgnoreCase"/> does, in one pass over the text: each character is read once and looked up
/// by the pair it starts, so the cost does not grow with the number of words (one <c>IndexOf</c> per word read a large file
/// once per word).
/// </summary>
/// <remarks>
/// Words made of two or more ASCII letters are scanned; for any other word list the scanner falls back to one
/// <c>IndexOf</c> per word, with the same result. Two non-ASCII letters have ASCII invariant upper cases (<c>ı</c> is <c>I</c>,
/// <c>ſ</c> is <c>S</c>); .NET's <see cref="StringComparison.OrdinalIgnoreCase"/> does not equate them with <c>i</c> and
/// <c>s</c>, but another runtime's may, and a shortcut must never miss what the comparison later finds: the scanner reads
/// them as <c>i</c> and <c>s</c> (a few more places, never fewer).
/// </remarks>
internal sealed class WordScanner
{
    private const int Letters = 26;

    private static readonly ConditionalWeakTable<string[], WordScanner> ByWords = new();

    private readonly string[] _words;

    // For the pair of (folded) letters a word starts with, the indices of the words that start so; null where none does.
    private readonly int[]?[]? _byPair;

    private WordScanner(string[] words)
    {
        _words = words;
        var byPair = new List<int>?[Letters * Letters];
        foreach (var word in words)
        {
            if (word.Length < 2 || !AllAsciiLetters(word))
            {
                return; // _byPair stays null: IndexOf per word
            }
        }

        for (var i = 0; i < words.Length; i++)
        {
            var pair = (Fold(words[i][0]) - 'a') * Letters + (Fold(words[i][1]) - 'a');
            (byPair[pair] ??= new List<int>()).Add(i);
        }

        _byPair = new int[]?[Letters * Letters];
        for (var pair = 0; pair < byPair.Length; pair++)
        {
            _byPair[pair] = byPair[pair]?.ToArray();
        }
    }

    /// <summary>The scanner for <paramref name="words"/>, made once per array (pass the same array each time).</summary>
    public static WordScanner For(string[] words) => ByWords.GetValue(words, static w => new WordScanner(w));

    /// <summary>Where in <paramref name="text"/> one of the words starts, ignoring case: sorted, distinct.</summary>
    public int[] Positions(string text) => Positions(text, 0, out _);

    /// <summary>
    /// Where in <paramref name="text"/> one of the words starts (sorted, distinct), and, in <paramref name="firstGroup"/>,
    /// where one of the first <paramref name="firstGroupCount"/> words does: two word lists read in one pass.
    /// </summary>
    public int[] Positions(string text, int firstGroupCount, out int[] firstGroup)
    {
        if (_byPair is not { } byPair)
        {
            firstGroup = firstGroupCount == 0 ? Array.Empty<int>() : PositionsByIndexOf(text, 0, firstGroupCount);
            return PositionsByIndexOf(text, 0, _words.Length);
        }

        List<int>? positions = null;
        List<int>? inFirstGroup = null;
        var first = text.Length > 0 ? Fold(text[0]) : '\0';
        for (var at = 0; at + 1 < text.Length; at++)
        {
            var second = Fold(text[at + 1]);
            if (first != '\0' && second != '\0' && byPair[(first - 'a') * Letters + (second - 'a')] is { } candidates &&
                MatchAt(text, at, candidates, firstGroupCount) is var match && match != Match.None)
            {
                (positions ??= new List<int>()).Add(at);
                if (match == Match.FirstGroup)
                {
                    (inFirstGroup ??= new List<int>()).Add(at);
                }
            }

            first = second;
        }

        firstGroup = inFirstGroup?.ToArray() ?? Array.Empty<int>();
        return positions?.ToArray() ?? Array.Empty<int>();
    }

    private enum Match
    {
        None,
        FirstGroup,
        Other,
    }

    // Whether a word starts at `at`, and whether one of the first group does: candidates are in word order, so the first
    // group's come first and the first match says both.
    private Match MatchAt(string text, int at, int[] candidates, int firstGroupCount)
    {
        foreach (var index in candidates)
        {
            if (WordAt(text, at, _words[index]))
            {
                return index < firstGroupCount ? Match.FirstGroup : Match.Other;
            }
        }

        return Match.None;
    }

    private static bool WordAt(string text, int at, string word)
    {
        if (at + word.Length > text.Length)
        {
            return false;
        }

        for (var i = 2; i < word.Length; i++)
        {
            if (Fold(text[at + i]) != Fold(word[i]))
            {
                return false;
            }
        }

        return true;
    }

    private int[] PositionsByIndexOf(string text, int from, int to)
    {
        var positions = new List<int>();
        for (var w = from; w < to; w++)
        {
            var word = _words[w];
            if (word.Length == 0)
            {
                continue;
            }

            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                positions.Add(at);
            }
        }

        positions.Sort();
        var distinct = new List<int>(positions.Count);
        foreach (var position in positions)
        {
            if (distinct.Count == 0 || distinct[distinct.Count - 1] != position)
            {
                distinct.Add(position);
            }
        }

        return distinct.ToArray();
    }

    // The lower-case ASCII letter c equals under OrdinalIgnoreCase, or '\0' for any other character.
    private static char Fold(char c) => c switch
    {
        >= 'a' and <= 'z' => c,
        >= 'A' and <= 'Z' => (char)(c | 0x20),
        '\u0131' => 'i', // dotless i: its invariant upper case is I
        '\u017F' => 's', // long s: its invariant upper case is S
        _ => '\0',
    };

    private static bool AllAsciiLetters(string word)
    {
        foreach (var c in word)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z')))
            {
                return false;
            }
        }

        return true;
    }
}
