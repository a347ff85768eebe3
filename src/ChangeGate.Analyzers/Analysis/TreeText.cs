using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Cheap questions about the text of a syntax tree, answered once per tree and word list: can code in this tree name a
/// member called one of these words? A call of <c>Task.WhenAll</c> must spell <c>WhenAll</c> somewhere in the tree (in
/// the call, a <c>using static</c>, an alias's target), so a tree without the word cannot call it, and a rule can skip
/// the tree's code without binding it. A tree that escapes characters in an identifier (<c>\u0057henAll</c>) is assumed
/// to name anything; escapes in literals and comments do not count.
/// </summary>
internal static class TreeText
{
    private static readonly ConditionalWeakTable<SyntaxTree, ConcurrentDictionary<string[], bool>> Answers = new();

    /// <summary>
    /// False when the text of <paramref name="tree"/> holds none of <paramref name="words"/> (ordinal, case-sensitive, as
    /// C# identifiers are) and no identifier written with a Unicode escape; true otherwise. <paramref name="words"/> is the key of the cached answer:
    /// pass the same (static) array each time.
    /// </summary>
    public static bool MayName(SyntaxTree tree, string[] words)
    {
        var answers = Answers.GetValue(tree, static _ => new ConcurrentDictionary<string[], bool>());
        if (!answers.TryGetValue(words, out var may))
        {
            may = Contains(tree, words);
            answers.TryAdd(words, may);
        }

        return may;
    }

    /// <summary>True when some tree that declares <paramref name="symbol"/> may name one of <paramref name="words"/> (see <see cref="MayName(SyntaxTree, string[])"/>).</summary>
    public static bool MayName(ISymbol symbol, string[] words)
    {
        var references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return true;
        }

        foreach (var reference in references)
        {
            if (MayName(reference.SyntaxTree, words))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(SyntaxTree tree, string[] words)
    {
        var text = tree.GetText().ToString();

        // Code starts at the first token: the trivia before it (a licence header, a file disabled by #if) names nothing.
        var start = tree.GetRoot().GetFirstToken(includeZeroWidth: true).SpanStart;
        foreach (var word in words)
        {
            if (text.IndexOf(word, start, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return HasEscapedIdentifier(tree, text);
    }

    /// <summary>
    /// True when an identifier of <paramref name="tree"/> (whose text is <paramref name="text"/>) is written with a Unicode
    /// escape (<c>\u0057henAll</c>), so that a search of the text for its name would miss it. Escapes in string and character
    /// literals and in comments (a JSON library has many) do not count: each backslash followed by <c>u</c> or <c>U</c> is
    /// looked up in the tree, and only one inside an identifier token says yes.
    /// </summary>
    public static bool HasEscapedIdentifier(SyntaxTree tree, string text) =>
        EscapedIdentifiers.TryGetValue(tree, out var known)
            ? known.Value
            : EscapedIdentifiers.GetValue(tree, _ => new StrongBox<bool>(FindEscapedIdentifier(tree, text))).Value;

    // Asked once per tree and word list: the answer is kept per tree.
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> EscapedIdentifiers = new();

    private static bool FindEscapedIdentifier(SyntaxTree tree, string text)
    {
        SyntaxNode? root = null;
        for (var at = text.IndexOf('\\'); at >= 0 && at + 1 < text.Length; at = text.IndexOf('\\', at + 1))
        {
            if (text[at + 1] is not ('u' or 'U'))
            {
                continue;
            }

            root ??= tree.GetRoot();
            var token = root.FindToken(at);
            if (token.Span.Contains(at) && token.RawKind == (int)SyntaxKind.IdentifierToken)
            {
                return true;
            }
        }

        return false;
    }
}
