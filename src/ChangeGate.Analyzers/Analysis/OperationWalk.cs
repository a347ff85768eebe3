using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Walks over operation trees that the rollout and rollback rules share.</summary>
internal static class OperationWalk
{
    /// <summary>
    /// <paramref name="root"/> and the operations below it that run as part of it: lambdas and local
    /// functions declared inside are skipped, since a <c>throw</c> or <c>return</c> there leaves only them.
    /// </summary>
    public static IEnumerable<IOperation> OwnOperations(IOperation root)
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
}
