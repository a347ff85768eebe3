using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Small helpers over <see cref="IOperation"/> trees shared by the rules: walks, conversions, arguments.</summary>
internal static class OperationExtensions
{
    /// <summary>The operation under any implicit or explicit conversions and parentheses.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// Where the syntax of <paramref name="operation"/> starts, leading trivia included. Orders operations like
    /// <c>SpanStart</c> does, in constant time: <c>SpanStart</c> descends to the first token, which is 10,000 levels down
    /// in a 10,000-call chain.
    /// </summary>
    public static int Start(this IOperation operation) => operation.Syntax.FullSpan.Start;

    /// <summary>True when the syntax of <paramref name="inner"/> lies within that of <paramref name="outer"/> (trivia included, constant time).</summary>
    public static bool ContainsSyntaxOf(this IOperation outer, IOperation inner) => outer.Syntax.FullSpan.Contains(inner.Syntax.FullSpan);

    /// <summary>
    /// <paramref name="root"/> and the operations below it that run as part of it: lambdas and local
    /// functions declared inside are skipped, since a <c>throw</c> or <c>return</c> there leaves only them.
    /// </summary>
    public static IEnumerable<IOperation> OwnOperations(this IOperation root)
    {
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            yield return operation;
            foreach (var child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>True when <paramref name="operation"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsWithin(this IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The root of the executable body that contains <paramref name="operation"/> (lambdas and local functions included).</summary>
    public static IOperation BodyRoot(this IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>
    /// The value the caller gave the parameter at <paramref name="ordinal"/>, or null (also when the compiler filled in
    /// the parameter's default). Arguments are in source order in the operation tree, so named arguments written in any
    /// order are found by their parameter.
    /// </summary>
    public static IOperation? ArgumentAt(this ImmutableArray<IArgumentOperation> arguments, int ordinal)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The value the caller gave the parameter named <paramref name="name"/>, or null (also when it is the default).</summary>
    public static IOperation? ArgumentNamed(this ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == name && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
