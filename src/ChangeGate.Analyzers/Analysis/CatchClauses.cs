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
    /// True when <paramref name="catchClause"/> stops the rollout rather than going on with the next target.
    /// <paramref name="rollout"/> holds the loops over targets around the catch, innermost first (servers
    /// inside regions); the rollout only stops when the outermost of them does. The catch stops it when it
    /// throws or rethrows; breaks out of the outermost target loop (or a loop around it); returns from the
    /// method (in a <c>ForEach</c> delegate a <c>return</c> only moves on); calls something that stops a
    /// loop or never returns; or sets state that outlives the current target and that one of the loops
    /// checks before it goes on — read by a loop's condition or collection, or by an <c>if</c> in the
    /// loop body that leaves or skips the iteration.
    /// </summary>
    public static bool StopsRollout(ICatchClauseOperation catchClause, IReadOnlyList<TargetLoop> rollout, RolloutApis apis)
    {
        if (rollout.Count == 0)
        {
            return true;
        }

        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in catchClause.Handler.OwnOperations())
        {
            if (Leaves(operation, rollout, apis))
            {
                return true;
            }

            CollectWrites(operation, written, rollout);
        }

        return written.Count > 0 && LoopsCheck(rollout, written, catchClause, apis);
    }

    // Does this one operation, inside the rollout, end it?
    private static bool Leaves(IOperation operation, IReadOnlyList<TargetLoop> rollout, RolloutApis apis)
    {
        switch (operation)
        {
            case IThrowOperation:
                return true;
            case IReturnOperation { IsImplicit: false, Kind: OperationKind.Return or OperationKind.YieldBreak }:
                // Inside any ForEach delegate of the rollout, return only ends that element.
                return !rollout.Any(loop => loop.BodyIsDelegate);
            case IBranchOperation { BranchKind: BranchKind.Break } branch:
                return BreaksOutOf(branch, rollout[rollout.Count - 1]);
            case IBranchOperation { BranchKind: BranchKind.GoTo }:
                return true;
            case IInvocationOperation invocation:
                return apis.StopsLoop(invocation.TargetMethod);
            default:
                return false;
        }
    }

    private static bool BreaksOutOf(IBranchOperation branch, TargetLoop outermost)
    {
        if (outermost.BodyIsDelegate)
        {
            return false;
        }

        for (var current = outermost.Operation; current is not null; current = current.Parent)
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
    private static void CollectWrites(IOperation operation, HashSet<ISymbol> written, IReadOnlyList<TargetLoop> rollout)
    {
        var target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            IInvocationOperation { Instance: { } instance } => instance,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } byRef => byRef.Value,
            _ => null,
        };
        if (target is not null && !IsPerIteration(target, rollout) && SymbolOf(target) is { } symbol)
        {
            written.Add(symbol);
        }
    }

    private static bool IsPerIteration(IOperation target, IReadOnlyList<TargetLoop> rollout)
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

        foreach (var loop in rollout)
        {
            if (loop.IterationSymbols.Contains(symbol, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        // A local declared inside the outermost loop's body is new for every target (or batch of targets).
        var body = rollout[rollout.Count - 1].Body?.Syntax;
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (body is not null && body.SyntaxTree == reference.SyntaxTree && body.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LoopsCheck(IReadOnlyList<TargetLoop> rollout, HashSet<ISymbol> written, ICatchClauseOperation catchClause, RolloutApis apis)
    {
        foreach (var loop in rollout)
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
        }

        var body = rollout[rollout.Count - 1].Body;
        if (body is null)
        {
            return false;
        }

        // An if in the rollout that reads the state and then leaves or skips: if (failed) break;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IConditionalOperation conditional &&
                !conditional.IsWithin(catchClause) &&
                Reads(conditional.Condition, written) &&
                (Skips(conditional.WhenTrue, apis) || Skips(conditional.WhenFalse, apis)))
            {
                return true;
            }
        }

        return false;
    }

    // A branch that ends this iteration or the loop: break, continue, return, throw, or a stop call.
    private static bool Skips(IOperation? branch, RolloutApis apis)
    {
        if (branch is null)
        {
            return false;
        }

        foreach (var operation in branch.OwnOperations())
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
