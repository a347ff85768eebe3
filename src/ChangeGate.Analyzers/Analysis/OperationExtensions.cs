using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Small helpers over <see cref="IOperation"/> trees shared by the rules.</summary>
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

    /// <summary>The value of the argument bound to the parameter named <paramref name="parameterName"/>, or null.</summary>
    public static IOperation? ArgumentFor(this IInvocationOperation invocation, string parameterName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The value of the argument bound to the parameter at <paramref name="ordinal"/>, or null.</summary>
    public static IOperation? ArgumentAt(this IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }
}
