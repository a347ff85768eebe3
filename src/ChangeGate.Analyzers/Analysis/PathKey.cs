using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// What makes two path expressions of one body "the same path", as a hashable key: the same local, parameter, field or
/// property (on the same instance), the same string constant, or the same expression written the same way (token by
/// token, ignoring trivia). Two expressions name the same path exactly when their keys are equal, so a body's calls can
/// be indexed by key once instead of compared pairwise.
/// </summary>
internal sealed class PathKey : IEquatable<PathKey>
{
    private const int SymbolKind = 0;
    private const int MemberKind = 1;
    private const int ConstantKind = 2;
    private const int ShapeKind = 3;
    private const int ThisKind = 4;

    private readonly int _kind;
    private readonly object? _identity;
    private readonly PathKey? _instance;
    private readonly int _hash;

    private PathKey(int kind, object? identity, PathKey? instance, int hash)
    {
        _kind = kind;
        _identity = identity;
        _instance = instance;
        _hash = hash;
    }

    /// <summary>The key of <c>this</c>.</summary>
    public static PathKey This { get; } = new(ThisKind, null, null, 0x5EED);

    /// <summary>A local or parameter, or a field or property of <c>this</c> or static.</summary>
    public static PathKey ForSymbol(ISymbol symbol) =>
        new(SymbolKind, symbol, null, Combine(SymbolKind, SymbolEqualityComparer.Default.GetHashCode(symbol)));

    /// <summary>A field or property of another instance.</summary>
    public static PathKey ForMember(ISymbol member, PathKey instance) =>
        new(MemberKind, member, instance, Combine(Combine(MemberKind, SymbolEqualityComparer.Default.GetHashCode(member)), instance._hash));

    /// <summary>A string constant.</summary>
    public static PathKey ForConstant(string value) => new(ConstantKind, value, null, Combine(ConstantKind, StringComparer.Ordinal.GetHashCode(value)));

    /// <summary>Any other expression, compared by its tokens (see <see cref="SyntaxShapes"/>).</summary>
    public static PathKey ForShape(IOperation operation, int shapeHash) =>
        new(ShapeKind, operation, null, Combine(Combine(ShapeKind, (int)operation.Kind), shapeHash));

    /// <inheritdoc />
    public bool Equals(PathKey? other)
    {
        // Member keys chain through their instances (a.b.c.d); compare the chain in a loop, not by recursion.
        var x = this;
        var y = other;
        while (true)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x._hash != y._hash || x._kind != y._kind)
            {
                return false;
            }

            switch (x._kind)
            {
                case SymbolKind:
                    return SymbolEqualityComparer.Default.Equals((ISymbol)x._identity!, (ISymbol)y._identity!);
                case ConstantKind:
                    return string.Equals((string)x._identity!, (string)y._identity!, StringComparison.Ordinal);
                case ShapeKind:
                    var a = (IOperation)x._identity!;
                    var b = (IOperation)y._identity!;
                    return a.Kind == b.Kind && SyntaxShapes.SameTokens(a.Syntax, b.Syntax);
                case MemberKind:
                    if (!SymbolEqualityComparer.Default.Equals((ISymbol)x._identity!, (ISymbol)y._identity!))
                    {
                        return false;
                    }

                    x = x._instance;
                    y = y._instance;
                    continue;
                default:
                    return true;
            }
        }
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PathKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    private static int Combine(int a, int b) => unchecked((a * 397) ^ b);
}

/// <summary>
/// Token-level shapes of syntax nodes: a hash per node, computed bottom-up without recursion and remembered, and a
/// token-by-token comparison, so "the same expression written the same way" costs the expression's size once.
/// </summary>
internal sealed class SyntaxShapes
{
    private readonly Dictionary<SyntaxNode, int> _hashes = new();

    /// <summary>The hash of the tokens of <paramref name="node"/> (kind and value text of each, trivia ignored).</summary>
    public int HashOf(SyntaxNode node)
    {
        if (_hashes.TryGetValue(node, out var known))
        {
            return known;
        }

        // Post-order over the nodes not hashed yet: a node's hash folds in its tokens and its children's hashes in order.
        var pending = new Stack<(SyntaxNode Node, bool Expanded)>();
        pending.Push((node, false));
        while (pending.Count > 0)
        {
            var (current, expanded) = pending.Pop();
            if (_hashes.ContainsKey(current))
            {
                continue;
            }

            if (!expanded)
            {
                pending.Push((current, true));
                foreach (var child in current.ChildNodesAndTokens())
                {
                    if (child.AsNode() is { } childNode && !_hashes.ContainsKey(childNode))
                    {
                        pending.Push((childNode, false));
                    }
                }

                continue;
            }

            var hash = 17;
            foreach (var child in current.ChildNodesAndTokens())
            {
                hash = unchecked(hash * 31 + (child.AsNode() is { } childNode ? _hashes[childNode] : TokenHash(child.AsToken())));
            }

            _hashes[current] = hash;
        }

        return _hashes[node];
    }

    /// <summary>True when the two nodes have the same tokens (kind and value text), ignoring trivia. Iterative.</summary>
    public static bool SameTokens(SyntaxNode left, SyntaxNode right)
    {
        if (left == right)
        {
            return true;
        }

        if (left.RawKind != right.RawKind)
        {
            return false;
        }

        using var a = left.DescendantTokens().GetEnumerator();
        using var b = right.DescendantTokens().GetEnumerator();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (hasA != hasB)
            {
                return false;
            }

            if (!hasA)
            {
                return true;
            }

            if (a.Current.RawKind != b.Current.RawKind || !string.Equals(a.Current.ValueText, b.Current.ValueText, StringComparison.Ordinal))
            {
                return false;
            }
        }
    }

    private static int TokenHash(SyntaxToken token) => unchecked(token.RawKind * 7919 + StringComparer.Ordinal.GetHashCode(token.ValueText));
}
