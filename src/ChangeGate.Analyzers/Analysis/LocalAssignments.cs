using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Every value assigned to each local variable inside one executable body (including its lambdas and
/// local functions). Built once per body, it lets rules ask where a path came from.
/// </summary>
internal sealed class LocalAssignments
{
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _values;
    private readonly HashSet<ILocalSymbol> _assignedUnknown;

    private LocalAssignments(Dictionary<ILocalSymbol, List<IOperation>> values, HashSet<ILocalSymbol> assignedUnknown)
    {
        _values = values;
        _assignedUnknown = assignedUnknown;
    }

    /// <summary>Collects the assignments below <paramref name="root"/>.</summary>
    public static LocalAssignments Collect(IOperation root)
    {
        var values = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var unknown = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator:
                    Add(values, declarator.Symbol, initial);
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(values, target.Local, assignment.Value);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref, Value: ILocalReferenceOperation byRef }:
                    unknown.Add(byRef.Local);
                    break;
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared }
                    when declared.Parent is IArgumentOperation:
                    unknown.Add(declared.Local);
                    break;
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals)
                    {
                        unknown.Add(local);
                    }

                    break;
            }
        }

        return new LocalAssignments(values, unknown);
    }

    /// <summary>The values assigned to <paramref name="local"/> in this body (empty when it is only set through out/ref or a loop).</summary>
    public IReadOnlyList<IOperation> ValuesOf(ILocalSymbol local) =>
        _values.TryGetValue(local, out var list) ? list : (IReadOnlyList<IOperation>)ImmutableArray<IOperation>.Empty;

    /// <summary>True when <paramref name="local"/> is also set in a way whose value is not visible (out/ref argument, loop variable).</summary>
    public bool HasUnknownValue(ILocalSymbol local) => _assignedUnknown.Contains(local);

    /// <summary>
    /// True when the value of <paramref name="value"/> is built from an operation that satisfies
    /// <paramref name="isOrigin"/>: directly, through string building (concatenation, interpolation,
    /// <c>Path.Combine</c> and other calls that take it as an argument), or through locals assigned in this body.
    /// </summary>
    public bool DerivesFrom(IOperation value, System.Func<IOperation, bool> isOrigin) =>
        DerivesFrom(value, isOrigin, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default));

    private bool DerivesFrom(IOperation value, System.Func<IOperation, bool> isOrigin, HashSet<ILocalSymbol> visited)
    {
        var operation = value.WalkDownConversions();
        if (isOrigin(operation))
        {
            return true;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                if (!visited.Add(local.Local))
                {
                    return false;
                }

                foreach (var assigned in ValuesOf(local.Local))
                {
                    if (DerivesFrom(assigned, isOrigin, visited))
                    {
                        return true;
                    }
                }

                return false;
            case IInvocationOperation invocation:
                if (invocation.Instance is { } instance && DerivesFrom(instance, isOrigin, visited))
                {
                    return true;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (DerivesFrom(argument.Value, isOrigin, visited))
                    {
                        return true;
                    }
                }

                return false;
            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    if (DerivesFrom(argument.Value, isOrigin, visited))
                    {
                        return true;
                    }
                }

                return false;
            case IPropertyReferenceOperation { Instance: { } propertyOwner }:
                // tempFile.FullName, tempDir.Parent…: a property of a value keeps its origin.
                return DerivesFrom(propertyOwner, isOrigin, visited);
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    if (DerivesFrom(element, isOrigin, visited))
                    {
                        return true;
                    }
                }

                return false;
            default:
                foreach (var child in operation.ChildOperations)
                {
                    if (child is IBinaryOperation or IInterpolatedStringOperation or IInterpolationOperation
                            or IInterpolatedStringTextOperation or ILiteralOperation or IConversionOperation
                            or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                            or IInvocationOperation or IConditionalOperation
                            or ICoalesceOperation or IParenthesizedOperation or IPropertyReferenceOperation
                            or IObjectCreationOperation
                        && DerivesFrom(child, isOrigin, visited))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    private static void Add(Dictionary<ILocalSymbol, List<IOperation>> values, ILocalSymbol local, IOperation value)
    {
        if (!values.TryGetValue(local, out var list))
        {
            list = new List<IOperation>();
            values.Add(local, list);
        }

        list.Add(value);
    }
}
