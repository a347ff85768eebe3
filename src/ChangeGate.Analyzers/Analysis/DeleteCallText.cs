using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Whether the source of a compilation can spell a call that deletes a file or directory, read from its text before
/// anything is bound. Every delete CG1001 can report is spelled in some tree of the compilation: the BCL and
/// System.IO.Abstractions members are all named <c>Delete</c>, a wrapper's name matches <c>changegate.delete_methods</c>,
/// and a helper of this compilation deletes only through one of those (<see cref="HelperSummaries"/>). A compilation
/// whose text holds neither (most libraries: Newtonsoft.Json does not) gives CG1001 nothing to look at, and the rule
/// registers nothing for it, not even the per-type update-code decision.
/// </summary>
/// <remarks>
/// The search is case-insensitive (<see cref="WordScanner"/>) for <c>delete</c> and for a literal part of every delete
/// pattern in use (<c>Remove*Directory</c> → <c>Remove</c>; a qualified name such as <c>SafeDeleteFile</c> holds it too); each place found counts only inside an identifier token that is <c>Delete</c> or a delete wrapper's name, so
/// <c>TryDeleteMember</c> or a comment does not. A tree with an identifier written with a Unicode escape may spell anything,
/// and so may a pattern that is all wildcards.
/// </remarks>
internal static class DeleteCallText
{
    private const string DeleteName = "Delete";

    private static readonly ConditionalWeakTable<NamePatterns, string[]?> SearchWordsByPatterns = new();

    /// <summary>
    /// False only when no tree of <paramref name="compilation"/> spells a call that deletes, under the options of each tree;
    /// true when one may (or when the text cannot be read).
    /// </summary>
    public static bool MaySpellDelete(Compilation compilation, AnalyzerOptions analyzerOptions, CancellationToken cancellationToken)
    {
        try
        {
            // A helper in one tree is judged under the options of the tree that calls it: every tree is read with every
            // delete-pattern list in use (usually one).
            var optionsInUse = new List<ChangeGateOptions>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var options = ChangeGateOptions.For(analyzerOptions, tree);
                if (!optionsInUse.Exists(known => ReferenceEquals(known, options) || known.DeleteMethods.Patterns.SequenceEqual(options.DeleteMethods.Patterns)))
                {
                    optionsInUse.Add(options);
                }
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (MaySpellDelete(tree, optionsInUse))
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return true;
        }
    }

    // Per tree and options, when one set of options is in use (the common case): a tree the IDE keeps from one compilation
    // to the next (every file but the one being edited) is read once, not once per compilation. Keyed by the whole options
    // (a wrapper name is read against every pattern list, not only the delete list).
    private static readonly ConditionalWeakTable<SyntaxTree, ConditionalWeakTable<ChangeGateOptions, StrongBox<bool>>> AnswersByTree = new();

    /// <summary>True when <paramref name="tree"/> may spell a delete under any of <paramref name="optionsInUse"/>.</summary>
    internal static bool MaySpellDelete(SyntaxTree tree, IReadOnlyList<ChangeGateOptions> optionsInUse)
    {
        if (optionsInUse.Count != 1)
        {
            return Read(tree, optionsInUse);
        }

        var answers = AnswersByTree.GetValue(tree, static _ => new ConditionalWeakTable<ChangeGateOptions, StrongBox<bool>>());
        return answers.GetValue(optionsInUse[0], _ => new StrongBox<bool>(Read(tree, optionsInUse))).Value;
    }

    private static bool Read(SyntaxTree tree, IReadOnlyList<ChangeGateOptions> optionsInUse)
    {
        var text = tree.GetText().ToString();
        if (TreeText.HasEscapedIdentifier(tree, text))
        {
            return true;
        }

        SyntaxNode? root = null;
        foreach (var options in optionsInUse)
        {
            if (SearchWordsByPatterns.GetValue(options.DeleteMethods, SearchWordsOf) is not { } words)
            {
                return true;
            }

            foreach (var at in WordScanner.For(words).Positions(text))
            {
                root ??= tree.GetRoot();
                var token = root.FindToken(at);
                if (!token.Span.Contains(at) || token.RawKind != (int)SyntaxKind.IdentifierToken)
                {
                    continue;
                }

                var name = token.ValueText;
                foreach (var candidate in optionsInUse)
                {
                    if (string.Equals(name, DeleteName, StringComparison.Ordinal) || WrapperCalls.IsDeleteWrapperName(name, candidate))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // "delete" and one literal part of each pattern (its leading one, which the default patterns share: Delete…, Remove…,
    // Wipe…, Purge…, so four searches in all; else its longest): every search is a pass over the text. Null when a pattern
    // has no literal part (it may match any name).
    private static string[]? SearchWordsOf(NamePatterns patterns)
    {
        var words = new List<string> { DeleteName.ToLowerInvariant() };
        foreach (var pattern in patterns.Patterns)
        {
            var parts = pattern.Split('*');
            var chosen = parts[0];
            if (chosen.Length == 0)
            {
                foreach (var part in parts)
                {
                    if (part.Length > chosen.Length)
                    {
                        chosen = part;
                    }
                }
            }

            if (chosen.Length == 0)
            {
                return null;
            }

            chosen = chosen.ToLowerInvariant();
            if (!words.Contains(chosen))
            {
                words.Add(chosen);
            }
        }

        return words.ToArray();
    }
}
