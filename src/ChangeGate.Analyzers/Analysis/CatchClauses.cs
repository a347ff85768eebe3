using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>What a catch clause does with a failure: is it broad, and does it stop the loop it runs in?</summary>
internal static class CatchClauses
{
    /// <summary>
    /// True for a catch that swallows any failure: <c>catch</c>, <c>catch (Exception)</c>, with no filter.
    /// A catch of a specific exception type or with a <c>when</c> filter is a deliberate decision about
    /// which failures may be survived, so it is not broad.
    /// </summary>
    public static bool IsBroad(ICatchClauseOperation catchClause, RolloutApis apis)
    {
        if (catchClause.Filter is not null)
        {
            return false;
        }

        var type = catchClause.ExceptionType;
        return type.SpecialType == SpecialType.System_Object ||
               SymbolEqualityComparer.Default.Equals(type, apis.Exception);
    }

    /// <summary>
    /// True when <paramref name="catchClause"/> stops <paramref name="loop"/> rather than going on with the
    /// next target: it throws or rethrows; it breaks out of the loop (or a loop around it); it returns from
    /// a loop statement (in a <c>ForEach</c> delegate a <c>return</c> only moves on); it calls something
    /// that stops the loop or never returns; or it sets state that the loop checks before it goes on —
    /// a flag, counter or collection read by the loop's condition or by an <c>if</c> in the loop body
    /// that leaves or skips the iteration.
    /// </summary>
    public static bool StopsLoop(ICatchClauseOperation catchClause, TargetLoop loop, RolloutApis apis)
    {
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in OperationWalk.OwnOperations(catchClause.Handler))
        {
            if (Leaves(operation, loop, apis))
            {
                return true;
            }

            CollectWrites(operation, written, loop);
        }

        return written.Count > 0 && LoopChecks(loop, written, catchClause, apis);
    }

    // Does this one operation, inside the loop body, end the loop?
    private static bool Leaves(IOperation operation, TargetLoop loop, RolloutApis apis)
    {
        switch (operation)
        {
            case IThrowOperation:
                return true;
            case IReturnOperation { IsImplicit: false, Kind: OperationKind.Return or OperationKind.YieldBreak }:
                return !loop.BodyIsDelegate;
            case IBranchOperation { BranchKind: BranchKind.Break } branch:
                return BreaksOutOf(branch, loop);
            case IBranchOperation { BranchKind: BranchKind.GoTo }:
                return true;
            case IInvocationOperation invocation:
                return apis.StopsLoop(invocation.TargetMethod);
            default:
                return false;
        }
    }

    private static bool BreaksOutOf(IBranchOperation branch, TargetLoop loop)
    {
        if (loop.BodyIsDelegate)
        {
            return false;
        }

        for (var current = loop.Operation; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation enclosing && SymbolEqualityComparer.Default.Equals(enclosing.ExitLabel, branch.Target))
            {
                return true;
            }
        }

        return false;
    }

    // State that outlives the iteration: what the catch assigns, increments, passes by ref, or calls a
    // mutating method on (failures.Add(server)). The current target and the iteration's own locals start
    // afresh for the next target, so writing them cannot stop the loop.
    private static void CollectWrites(IOperation operation, HashSet<ISymbol> written, TargetLoop loop)
    {
        var target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            IInvocationOperation { Instance: { } instance } => instance,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef => byRef.Value,
            _ => null,
        };
        if (target is not null && !IsPerIteration(target, loop) && SymbolOf(target) is { } symbol)
        {
            written.Add(symbol);
        }
    }

    private static bool IsPerIteration(IOperation target, TargetLoop loop)
    {
        var root = target.WalkDownConversions();
        while (true)
        {
            switch (root)
            {
                case IPropertyReferenceOperation { Instance: { } instance }:
                    root = instance.WalkDownConversions();
                    continue;
                case IFieldReferenceOperation { Instance: { } instance }:
                    root = instance.WalkDownConversions();
                    continue;
                case IArrayElementReferenceOperation element:
                    root = element.ArrayReference.WalkDownConversions();
                    continue;
            }

            break;
        }

        ISymbol? symbol = root switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
        if (symbol is null)
        {
            return false;
        }

        if (loop.IterationSymbols.Contains(symbol, SymbolEqualityComparer.Default))
        {
            return true;
        }

        // A local declared inside the loop body is new for every target.
        var body = loop.Body?.Syntax;
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (body is not null && body.SyntaxTree == reference.SyntaxTree && body.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LoopChecks(TargetLoop loop, HashSet<ISymbol> written, ICatchClauseOperation catchClause, RolloutApis apis)
    {
        IOperation? header = loop.Operation switch
        {
            IForLoopOperation forLoop => forLoop.Condition,
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForEachLoopOperation forEach => forEach.Collection,
            _ => null,
        };
        if (header is not null && Reads(header, written))
        {
            return true;
        }

        if (loop.Body is null)
        {
            return false;
        }

        // An if in the loop body that reads the state and then leaves or skips: if (failed) break;
        foreach (var operation in loop.Body.DescendantsAndSelf())
        {
            if (operation is IConditionalOperation conditional &&
                !conditional.IsWithin(catchClause) &&
                Reads(conditional.Condition, written) &&
                (Skips(conditional.WhenTrue, loop, apis) || Skips(conditional.WhenFalse, loop, apis)))
            {
                return true;
            }
        }

        return false;
    }

    // A branch that ends this iteration or the loop: break, continue, return, throw, or a stop call.
    private static bool Skips(IOperation? branch, TargetLoop loop, RolloutApis apis)
    {
        if (branch is null)
        {
            return false;
        }

        foreach (var operation in OperationWalk.OwnOperations(branch))
        {
            switch (operation)
            {
                case IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break or BranchKind.GoTo }:
                case IReturnOperation { IsImplicit: false }:
                case IThrowOperation:
                    return true;
                case IInvocationOperation invocation when apis.StopsLoop(invocation.TargetMethod):
                    return true;
            }
        }

        return false;
    }

    private static bool Reads(IOperation root, HashSet<ISymbol> symbols)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (SymbolOf(operation) is { } symbol && symbols.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol? SymbolOf(IOperation operation) => operation.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property => property.Property,
        IArrayElementReferenceOperation element => SymbolOf(element.ArrayReference),
        _ => null,
    };
}
