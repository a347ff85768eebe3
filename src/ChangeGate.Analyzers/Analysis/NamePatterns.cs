using System;
using System.Collections.Immutable;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// A configurable list of method-name patterns such as <c>Wipe*|Purge*|Delete*Directory</c>, where <c>*</c> stands for
/// any run of characters. A pattern matches a whole method name, ignoring case, with or without a trailing
/// <c>Async</c>: <c>Delete*Directory</c> matches <c>DeleteDirectory</c>, <c>DeleteOldDirectoryAsync</c>, not
/// <c>DeleteDirectoryTree</c>.
/// </summary>
internal sealed class NamePatterns
{
    private const string AsyncSuffix = "Async";

    private NamePatterns(ImmutableArray<string> patterns, bool isDefault)
    {
        Patterns = patterns;
        IsDefault = isDefault;
    }

    /// <summary>A list that matches nothing (the value <c>none</c>).</summary>
    public static NamePatterns None { get; } = new(ImmutableArray<string>.Empty, isDefault: false);

    /// <summary>The patterns, in the order given.</summary>
    public ImmutableArray<string> Patterns { get; }

    /// <summary>True for a built-in default list; a list a user configured is trusted more (see <see cref="WrapperCalls"/>).</summary>
    public bool IsDefault { get; }

    /// <summary>True when no pattern is configured.</summary>
    public bool IsEmpty => Patterns.IsEmpty;

    /// <summary>A built-in default list, made of patterns known to be valid.</summary>
    public static NamePatterns CreateDefault(params string[] patterns) => new(patterns.ToImmutableArray(), isDefault: true);

    /// <summary>
    /// Parses an option value such as <c>Wipe*|Purge*</c> (separators <c>|</c> or <c>,</c>); <c>none</c> is the empty
    /// list. Returns false when the value is empty or a pattern holds anything but letters, digits, <c>_</c> and <c>*</c>.
    /// </summary>
    public static bool TryParse(string? value, out NamePatterns patterns)
    {
        patterns = None;
        if (value is null)
        {
            return false;
        }

        if (string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parsed = ImmutableArray.CreateBuilder<string>();
        foreach (var part in value.Split('|', ','))
        {
            var pattern = part.Trim();
            if (pattern.Length == 0)
            {
                continue;
            }

            if (!IsPattern(pattern))
            {
                return false;
            }

            parsed.Add(pattern);
        }

        if (parsed.Count == 0)
        {
            return false;
        }

        patterns = new NamePatterns(parsed.ToImmutable(), isDefault: false);
        return true;
    }

    /// <summary>True when some pattern matches <paramref name="name"/> (or <paramref name="name"/> without <c>Async</c>).</summary>
    public bool Matches(string? name)
    {
        if (string.IsNullOrEmpty(name) || Patterns.IsEmpty)
        {
            return false;
        }

        var length = name!.Length;
        var withoutAsync = length > AsyncSuffix.Length && name.EndsWith(AsyncSuffix, StringComparison.Ordinal) ? length - AsyncSuffix.Length : length;
        foreach (var pattern in Patterns)
        {
            if (Glob(pattern, name, length) || (withoutAsync != length && Glob(pattern, name, withoutAsync)))
            {
                return true;
            }
        }

        return false;
    }

    // Iterative wildcard matching with one backtrack point: linear in practice, never recursive.
    private static bool Glob(string pattern, string name, int nameLength)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < nameLength)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (p < pattern.Length && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(name[n]))
            {
                p++;
                n++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool IsPattern(string pattern)
    {
        var hasName = false;
        foreach (var c in pattern)
        {
            if (c == '*')
            {
                continue;
            }

            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return false;
            }

            hasName = true;
        }

        return hasName;
    }
}
