using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Decides whether two path expressions in one body name the same path: the same local, parameter,
/// field or property, the same constant, or the same expression written the same way. The rules use the equivalent
/// <see cref="PathKey"/>, which can be hashed; this is the pairwise form, for one-off comparisons.
/// </summary>
internal static class SamePath
{
    /// <summary>True when <paramref name="left"/> and <paramref name="right"/> denote the same path.</summary>
    public static bool Equals(IOperation left, IOperation right)
    {
        // Member chains (a.b.c against a.b.c) are compared link by link in a loop: no recursion on deep expressions.
        var a = left.WalkDownConversions();
        var b = right.WalkDownConversions();
        while (true)
        {
            if (a.ConstantValue.HasValue && b.ConstantValue.HasValue)
            {
                return a.ConstantValue.Value is string x && b.ConstantValue.Value is string y &&
                       string.Equals(x, y, StringComparison.Ordinal);
            }

            switch (a, b)
            {
                case (ILocalReferenceOperation x, ILocalReferenceOperation y):
                    return SymbolEqualityComparer.Default.Equals(x.Local, y.Local);
                case (IParameterReferenceOperation x, IParameterReferenceOperation y):
                    return SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter);
                case (IInstanceReferenceOperation, IInstanceReferenceOperation):
                    return true;
                case (IFieldReferenceOperation x, IFieldReferenceOperation y):
                    if (!SymbolEqualityComparer.Default.Equals(x.Field, y.Field))
                    {
                        return false;
                    }

                    if (!Advance(x.Instance, y.Instance, ref a, ref b, out var fieldResult))
                    {
                        return fieldResult;
                    }

                    continue;
                case (IPropertyReferenceOperation { Property.IsIndexer: false } x, IPropertyReferenceOperation { Property.IsIndexer: false } y):
                    if (!SymbolEqualityComparer.Default.Equals(x.Property, y.Property))
                    {
                        return false;
                    }

                    if (!Advance(x.Instance, y.Instance, ref a, ref b, out var propertyResult))
                    {
                        return propertyResult;
                    }

                    continue;
            }

            // Path.Combine(root, "app.dll") written twice, for example.
            return a.Kind == b.Kind && SyntaxShapes.SameTokens(a.Syntax, b.Syntax);
        }
    }

    // Moves the comparison on to the instances of two member references; false (with the answer) when it is decided.
    private static bool Advance(IOperation? left, IOperation? right, ref IOperation a, ref IOperation b, out bool result)
    {
        result = false;
        if (left is null || right is null)
        {
            result = left is null && right is null;
            return false;
        }

        a = left.WalkDownConversions();
        b = right.WalkDownConversions();
        return true;
    }
}
