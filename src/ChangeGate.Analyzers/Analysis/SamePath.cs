using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Decides whether two path expressions in one body name the same path: the same local, parameter,
/// field or property, the same constant, or the same expression written the same way.
/// </summary>
internal static class SamePath
{
    /// <summary>True when <paramref name="left"/> and <paramref name="right"/> denote the same path.</summary>
    public static bool Equals(IOperation left, IOperation right)
    {
        var a = left.WalkDownConversions();
        var b = right.WalkDownConversions();

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
            case (IFieldReferenceOperation x, IFieldReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Field, y.Field) && SameInstance(x.Instance, y.Instance);
            case (IPropertyReferenceOperation x, IPropertyReferenceOperation y):
                return SymbolEqualityComparer.Default.Equals(x.Property, y.Property) && SameInstance(x.Instance, y.Instance);
        }

        // Path.Combine(root, "app.dll") written twice, for example.
        return a.Kind == b.Kind && a.Syntax.IsEquivalentTo(b.Syntax, topLevel: false);
    }

    private static bool SameInstance(IOperation? left, IOperation? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        var a = left.WalkDownConversions();
        var b = right.WalkDownConversions();
        if (a is IInstanceReferenceOperation && b is IInstanceReferenceOperation)
        {
            return true;
        }

        return Equals(a, b);
    }
}
