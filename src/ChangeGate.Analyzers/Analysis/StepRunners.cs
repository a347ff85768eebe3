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
                    IsElement(Unwrap(instance)) && PassesOnlyOwnParameters(invocation, apply))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A runner hands each step what it was given itself (step.Execute(), step.Execute(context, token)); a step that sends its
    // own work to each element (session.Execute(alterTableCql) over every session) changes those elements itself.
    private static bool PassesOnlyOwnParameters(IInvocationOperation invocation, IMethodSymbol apply)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (Unwrap(argument.Value) is not IParameterReferenceOperation { Parameter: var parameter } ||
                !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, apply.OriginalDefinition))
            {
                return false;
            }
        }

        return true;
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
