using System.Globalization;
using ChangeGate.Core.Time;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChangeGate.Core.Policy;

/// <summary>
/// Reading helpers shared by every policy section: each reports its problems with the file, line
/// and column of the offending node, and keeps going so a user sees every mistake at once.
/// </summary>
public sealed class PolicyParseContext
{
    private readonly List<Problem> _problems = [];

    internal PolicyParseContext(string file, IReadOnlyCollection<string> knownChecks, string? baseDirectory = null)
    {
        File = file;
        KnownChecks = knownChecks;
        BaseDirectory = baseDirectory;
    }

    /// <summary>The policy file's path as shown to the user.</summary>
    public string File { get; }

    /// <summary>The full path of the directory holding the policy file, which files named in it are
    /// relative to; null when the policy was not read from a file.</summary>
    public string? BaseDirectory { get; }

    /// <summary>Names of the gate checks the tool knows, for validating check names.</summary>
    public IReadOnlyCollection<string> KnownChecks { get; }

    /// <summary>Problems found so far.</summary>
    public IReadOnlyList<Problem> Problems => _problems;

    /// <summary>Reports a problem at <paramref name="node"/>.</summary>
    public void Error(YamlNode node, string message, string? fix = null) => Error(node.Start, message, fix);

    /// <summary>Reports a problem at <paramref name="mark"/>.</summary>
    public void Error(Mark mark, string message, string? fix = null) =>
        _problems.Add(new Problem(message, fix, new SourceLocation(File, (int)mark.Line, (int)mark.Column)));

    /// <summary>Reads a mapping whose keys must be among <paramref name="allowedKeys"/>; null (reported) when the node is not a mapping.</summary>
    public PolicyMap? Map(YamlNode node, string what, params string[] allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, $"{what} must be a mapping (key: value lines)", ShapeHint);
            return null;
        }

        var entries = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode key || key.Value is null)
            {
                Error(keyNode, $"keys in {what} must be plain names", "write each key as a plain word followed by a colon, e.g. `stages:`");
                continue;
            }

            if (!allowedKeys.Contains(key.Value, StringComparer.Ordinal))
            {
                var suggestion = Suggest(key.Value, allowedKeys);
                Error(key, $"unknown key '{key.Value}' in {what}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"),
                    $"allowed keys: {string.Join(", ", allowedKeys)}");
                continue;
            }

            entries[key.Value] = (key, value);
        }

        return new PolicyMap(this, mapping, what, entries);
    }

    /// <summary>
    /// A scalar's text; null (reported) when the node is not a non-empty scalar. Control characters are
    /// refused; with <paramref name="lineBreaks"/> line feeds are allowed (a PEM block written inline).
    /// </summary>
    public string? Text(YamlNode node, string what, bool lineBreaks = false)
    {
        if (node is YamlScalarNode { Value: { } value } && value.Trim().Length > 0)
        {
            if (ChangeGate.Core.Text.InertText.HasUnsafe(lineBreaks ? value.Trim().Replace('\n', ' ') : value.Trim()))
            {
                Error(node, $"{what} '{ChangeGate.Core.Text.InertText.Escape(value.Trim())}' contains a control character or a bidirectional override",
                    "write it in plain characters: names and texts in the policy are shown on terminals and in CI logs");
                return null;
            }

            return value.Trim();
        }

        Error(node, $"{what} must be a non-empty text value", "write the value as plain text (quote it when it starts with a YAML symbol such as *, &, ! or {)");
        return null;
    }

    /// <summary>A whole number within bounds; null (reported) otherwise.</summary>
    public int? Integer(YamlNode node, string what, int min, int max)
    {
        if (node is YamlScalarNode { Value: { } value } && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        Error(node, $"{what} must be a whole number from {min} to {max}", $"write e.g. `{what.Split(' ').Last()}: {min}`");
        return null;
    }

    /// <summary><c>true</c> or <c>false</c>; null (reported) otherwise.</summary>
    public bool? Boolean(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && bool.TryParse(value.Trim(), out var flag))
        {
            return flag;
        }

        Error(node, $"{what} must be true or false", $"write e.g. `{what.Split('.').Last()}: true`");
        return null;
    }

    /// <summary>A duration such as <c>30m</c>; null (reported) otherwise.</summary>
    public TimeSpan? Duration(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && DurationText.TryParse(value, out var duration))
        {
            return duration;
        }

        Error(node, $"{what} must be a duration such as 30m, 1h30m, 45s, 2d or 0",
            $"write whole numbers with units in the order d, h, m, s, each at most once and {DurationText.Format(DurationText.Max)} in all, e.g. `1h30m`");
        return null;
    }

    /// <summary>A list of non-empty texts; a single scalar counts as a one-item list. Null (reported) otherwise.</summary>
    public IReadOnlyList<string>? TextList(YamlNode node, string what)
    {
        if (node is YamlScalarNode)
        {
            return Text(node, what) is { } single ? [single] : null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"{what} must be a list, e.g. [a, b]", ShapeHint);
            return null;
        }

        var items = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (Text(item, $"each item of {what}") is { } text)
            {
                items.Add(text);
            }
        }

        return items;
    }

    /// <summary>A list node's items; null (reported) when the node is not a list.</summary>
    public IReadOnlyList<YamlNode>? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }

        Error(node, $"{what} must be a list (lines starting with '- ')", ShapeHint);
        return null;
    }

    /// <summary>
    /// Like <see cref="TextList"/>, and each item at most once under <paramref name="comparer"/>: a
    /// repeated entry is reported at its place as "<paramref name="item"/> 'x' is listed twice".
    /// Null (reported) when the node is not a list or an item repeats.
    /// </summary>
    public IReadOnlyList<string>? DistinctTextList(YamlNode node, string what, string item, StringComparer comparer)
    {
        var items = TextList(node, what);
        if (items is null)
        {
            return null;
        }

        var seen = new HashSet<string>(comparer);
        var ok = true;
        foreach (var child in node is YamlSequenceNode sequence ? sequence.Children : [])
        {
            if (child is YamlScalarNode { Value: { } value } && value.Trim() is { Length: > 0 } text && !seen.Add(text))
            {
                Error(child, $"{item} '{text}' is listed twice in {what}", "remove the repeated entry");
                ok = false;
            }
        }

        return ok ? items : null;
    }

    // Where a node has the wrong shape, the template shows the right one.
    private const string ShapeHint = "see docs/policy.md, or the commented template `changegate init` writes, for the shape of this section";

    /// <summary>The closest of <paramref name="candidates"/> to a misspelt <paramref name="word"/>, when close enough.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

/// <summary>A mapping whose keys were checked against the allowed ones.</summary>
public sealed class PolicyMap
{
    private readonly PolicyParseContext _context;
    private readonly IReadOnlyDictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries;

    internal PolicyMap(PolicyParseContext context, YamlMappingNode node, string what, IReadOnlyDictionary<string, (YamlScalarNode Key, YamlNode Value)> entries)
    {
        _context = context;
        Node = node;
        What = what;
        _entries = entries;
    }

    /// <summary>The mapping node, for positions.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>What the mapping is, as named in messages.</summary>
    public string What { get; }

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>The value of an optional key, or null.</summary>
    public YamlNode? Optional(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>The value of a required key; null (reported at the mapping) when missing.</summary>
    public YamlNode? Required(string key, string? example = null)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            return entry.Value;
        }

        _context.Error(Node, $"{What} needs '{key}'", example is null ? null : $"add `{key}: {example}`");
        return null;
    }
}
