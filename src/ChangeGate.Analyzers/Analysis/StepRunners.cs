using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Recognizes the apply member of a runner or a composite: it calls the member of the same name (<c>Execute</c> in
/// <c>Execute</c>, <c>ApplyAsync</c> in <c>ApplyAsync</c>) on the elements it goes over — a <c>foreach</c> variable or a lambda's
/// parameter (<c>roles.ForEach(r =&gt; r.Execute())</c>, <c>Each(detail =&gt; detail.Execute())</c>). Those elements are the steps;
/// the runner that iterates them is not one (a plan, a pipeline, a composite step).
/// </summary>
internal static class StepRunners
{
    private const int MaxOperations = 20_000;

    /// <summary>True when <paramref name="apply"/>'s body (<paramref name="blocks"/>) runs the same member of each element it goes over.</summary>
    public static bool RunsSameMemberOfEachElement(IMethodSymbol apply, IEnumerable<IOperation> blocks)
    {
        var name = UpdateSteps.SimpleName(apply);
        var visited = 0;
        foreach (var root in blocks)
        {
            foreach (var operation in root.Descendants())
            {
                if (++visited > MaxOperations)
                {
                    return false;
                }

                if (operation is IInvocationOperation { Instance: { } instance } invocation &&
                    !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, apply.OriginalDefinition) &&
                    string.Equals(UpdateSteps.SimpleName(invocation.TargetMethod), name, StringComparison.Ordinal) &&
                    IsElement(Unwrap(instance)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    // A lambda's parameter, or the variable of an enclosing foreach.
    private static bool IsElement(IOperation instance)
    {
        switch (instance)
        {
            case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } }:
                return true;
            case ILocalReferenceOperation local:
                for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation declarator } &&
                        SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
