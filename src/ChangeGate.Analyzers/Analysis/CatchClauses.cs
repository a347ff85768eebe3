using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
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

        // The name before the symbol: System.Exception is resolved only for a catch of a type of that name.
        var type = catchClause.ExceptionType;
        return type.SpecialType == SpecialType.System_Object ||
               (type.Name == "Exception" && SymbolEqualityComparer.Default.Equals(type, apis.Exception));
    }

    /// <summary>
    /// True when <paramref name="catchClause"/> stops the rollout rather than going on with the next target.
    /// <paramref name="rollout"/> holds the loops over targets around the catch, innermost first (servers
    /// inside regions); the rollout only stops when the outermost of them does. An exit stops it — a throw or rethrow; a
    /// break out of the outermost target loop (or a loop around it); a return from the method (in a <c>ForEach</c>
    /// delegate a <c>return</c> only moves on); a call that stops a loop or never returns — when the exit is on every
    /// path of the handler, or when the conditions that lead to it read failure state: the caught exception (other than
    /// a test that it is a cancellation, which leaves every real failure moving on), or state this catch writes
    /// (<c>failed.Add(server); if (failed.Count &gt;= max) throw;</c>). An exit that depends only on other state
    /// (<c>if (_operatorAborted) return;</c>) lets every real failure move on. The catch also stops the rollout when it
    /// sets state that outlives the current target and that one of the loops checks before it goes on — read by a loop's
    /// condition or collection, or by an <c>if</c> in the loop body that leaves or skips the iteration.
    /// </summary>
    public static bool StopsRollout(ICatchClauseOperation catchClause, IReadOnlyList<TargetLoop> rollout, RolloutApis apis)
    {
        if (rollout.Count == 0)
        {
            return true;
        }

        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var exits = new List<IOperation>();
        foreach (var operation in catchClause.Handler.OwnOperations())
        {
            if (Leaves(operation, rollout, apis))
            {
                exits.Add(operation);
            }

            CollectWrites(operation, written, rollout);
        }

        if (exits.Count > 0)
        {
            var paths = new HandlerPaths(catchClause, rollout, apis);
            if (paths.Outcomes(catchClause.Handler, 0) == Outcome.Stops)
            {
                return true;
            }

            var failure = new FailureState(catchClause, written);
            for (var i = 0; i < exits.Count && i < MaxExitsJudged; i++)
            {
                if (paths.IsReachedOnFailure(exits[i], failure))
                {
                    return true;
                }
            }
        }

        return written.Count > 0 && LoopsCheck(rollout, written, catchClause, apis);
    }

    // Does this one operation, inside the rollout, end it (if it runs)?
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

    private const int MaxExitsJudged = 64;
    private const int MaxDepth = 200;

    [System.Flags]
    private enum Outcome
    {
        None = 0,

        // The path ends the rollout.
        Stops = 1,

        // The path goes on with the next target (continue, a break of an inner loop, return in a ForEach delegate).
        MovesOn = 2,

        // The path runs on to the next statement.
        FallsThrough = 4,
    }

    // The possible ends of the paths through a catch handler, read from its structure (blocks, if/else, switch, loops, try,
    // using), which is what a control-flow graph of the handler would give for these questions.
    private sealed class HandlerPaths
    {
        private readonly ICatchClauseOperation _catch;
        private readonly IReadOnlyList<TargetLoop> _rollout;
        private readonly RolloutApis _apis;

        public HandlerPaths(ICatchClauseOperation catchClause, IReadOnlyList<TargetLoop> rollout, RolloutApis apis)
        {
            _catch = catchClause;
            _rollout = rollout;
            _apis = apis;
        }

        public Outcome Outcomes(IOperation? operation, int depth)
        {
            if (operation is null)
            {
                return Outcome.FallsThrough;
            }

            if (depth > MaxDepth)
            {
                // Deeper than any handler a person writes: assume it stops rather than report what we could not read.
                return Outcome.Stops;
            }

            switch (operation)
            {
                case IBlockOperation block:
                    return Sequence(block.Operations, depth);
                case IThrowOperation:
                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return Outcome.Stops;
                case IReturnOperation { IsImplicit: false, Kind: OperationKind.Return or OperationKind.YieldBreak }:
                    return _rollout.Any(loop => loop.BodyIsDelegate) ? Outcome.MovesOn : Outcome.Stops;
                case IBranchOperation branch:
                    return Branch(branch);
                case IExpressionStatementOperation { Operation: IInvocationOperation invocation } when _apis.StopsLoop(invocation.TargetMethod):
                    return Outcome.Stops;
                case IConditionalOperation conditional:
                    return Outcomes(conditional.WhenTrue, depth + 1) | Outcomes(conditional.WhenFalse, depth + 1);
                case ISwitchOperation switchOperation:
                    var result = Outcome.None;
                    var hasDefault = false;
                    foreach (var section in switchOperation.Cases)
                    {
                        hasDefault |= section.Clauses.Any(clause => clause.CaseKind == CaseKind.Default);
                        result |= Sequence(section.Body, depth + 1);
                    }

                    return hasDefault ? result : result | Outcome.FallsThrough;
                case ILoopOperation loop:
                    // The body may not run at all; what it may do, it may do.
                    return (Outcomes(loop.Body, depth + 1) & (Outcome.Stops | Outcome.MovesOn)) | Outcome.FallsThrough;
                case ITryOperation tryOperation:
                    var finallyOutcome = tryOperation.Finally is null ? Outcome.FallsThrough : Outcomes(tryOperation.Finally, depth + 1);
                    if (finallyOutcome == Outcome.Stops)
                    {
                        return Outcome.Stops;
                    }

                    var tried = Outcomes(tryOperation.Body, depth + 1);
                    foreach (var handler in tryOperation.Catches)
                    {
                        tried |= Outcomes(handler.Handler, depth + 1);
                    }

                    // A throw in the body may be caught by one of its own catches, which then run on.
                    return tryOperation.Catches.IsEmpty ? tried : tried | Outcome.FallsThrough;
                case IUsingOperation usingOperation:
                    return Outcomes(usingOperation.Body, depth + 1);
                case ILockOperation lockOperation:
                    return Outcomes(lockOperation.Body, depth + 1);
                case ILabeledOperation labeled:
                    return Outcomes(labeled.Operation, depth + 1);
                default:
                    return Outcome.FallsThrough;
            }
        }

        /// <summary>
        /// True when <paramref name="exit"/> is reached on real failures: every condition on the way to it is either known to
        /// hold for a failure (it reads the exception or state this catch wrote) or absent, and none requires the failure to be
        /// a cancellation. An exit behind nothing but unrelated state (<c>if (_operatorAborted) return;</c>) is not.
        /// </summary>
        public bool IsReachedOnFailure(IOperation exit, FailureState failure)
        {
            var readsFailure = false;
            var conditions = 0;
            var current = exit;
            for (var depth = 0; current.Parent is { } parent && current != _catch.Handler && depth < MaxDepth; current = parent, depth++)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional when current == conditional.WhenTrue || current == conditional.WhenFalse:
                        conditions++;
                        switch (failure.Reads(conditional.Condition, holds: current == conditional.WhenTrue))
                        {
                            case FailureRead.OnlyOnCancellation:
                                return false;
                            case FailureRead.Yes:
                                readsFailure = true;
                                break;
                        }

                        break;
                    case ISwitchOperation switchOperation:
                        conditions++;
                        readsFailure |= failure.Reads(switchOperation.Value, holds: true) == FailureRead.Yes;
                        break;
                    case IWhileLoopOperation { Condition: { } loopCondition }:
                        conditions++;
                        readsFailure |= failure.Reads(loopCondition, holds: true) == FailureRead.Yes;
                        break;
                    case IForEachLoopOperation forEach:
                        conditions++;
                        readsFailure |= failure.Reads(forEach.Collection, holds: true) == FailureRead.Yes;
                        break;
                    case IBlockOperation block:
                        // Statements before this one that leave on one branch: the exit is only reached on the other.
                        foreach (var statement in block.Operations)
                        {
                            if (statement == current)
                            {
                                break;
                            }

                            if (statement is not IConditionalOperation earlier)
                            {
                                continue;
                            }

                            var whenTrue = Outcomes(earlier.WhenTrue, depth + 1);
                            var whenFalse = Outcomes(earlier.WhenFalse, depth + 1);
                            bool? reachedWhen = (whenTrue & Outcome.FallsThrough) == 0 ? false : (whenFalse & Outcome.FallsThrough) == 0 ? true : null;
                            if (reachedWhen is { } holds)
                            {
                                conditions++;
                                switch (failure.Reads(earlier.Condition, holds))
                                {
                                    case FailureRead.OnlyOnCancellation:
                                        return false;
                                    case FailureRead.Yes:
                                        readsFailure = true;
                                        break;
                                }
                            }
                        }

                        break;
                }
            }

            return conditions == 0 || readsFailure;
        }

        private Outcome Sequence(ImmutableArray<IOperation> statements, int depth)
        {
            var outcomes = Outcome.None;
            foreach (var statement in statements)
            {
                var result = Outcomes(statement, depth + 1);
                outcomes |= result & (Outcome.Stops | Outcome.MovesOn);
                if ((result & Outcome.FallsThrough) == 0)
                {
                    return outcomes;
                }
            }

            return outcomes | Outcome.FallsThrough;
        }

        private Outcome Branch(IBranchOperation branch)
        {
            switch (branch.BranchKind)
            {
                case BranchKind.GoTo:
                    return Outcome.Stops;
                case BranchKind.Break when BreaksOutOf(branch, _rollout[_rollout.Count - 1]):
                    return Outcome.Stops;
            }

            // A break or continue of a loop or switch inside the handler stays in the handler.
            for (var current = branch.Parent; current is not null && current != _catch; current = current.Parent)
            {
                if (current is ILoopOperation inner &&
                    (SymbolEqualityComparer.Default.Equals(inner.ExitLabel, branch.Target) || SymbolEqualityComparer.Default.Equals(inner.ContinueLabel, branch.Target)))
                {
                    return Outcome.FallsThrough;
                }

                if (current is ISwitchOperation inSwitch && SymbolEqualityComparer.Default.Equals(inSwitch.ExitLabel, branch.Target))
                {
                    return Outcome.FallsThrough;
                }
            }

            return Outcome.MovesOn;
        }
    }

    private enum FailureRead
    {
        No,
        Yes,

        // The condition holds only when the failure is a cancellation: real failures do not take this path.
        OnlyOnCancellation,
    }

    // What counts as failure state in a catch: its exception, and state the catch itself writes.
    private sealed class FailureState
    {
        private readonly ILocalSymbol? _exception;
        private readonly HashSet<ISymbol> _written;

        public FailureState(ICatchClauseOperation catchClause, HashSet<ISymbol> written)
        {
            _exception = catchClause.Locals.IsEmpty ? null : catchClause.Locals[0];
            _written = written;
        }

        // Does the condition, taken as true (holds) or false, read failure state?
        public FailureRead Reads(IOperation condition, bool holds)
        {
            var operation = condition.WalkDownConversions();
            while (operation is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                holds = !holds;
                operation = not.Operand.WalkDownConversions();
            }

            if (IsCancellationTest(operation, ref holds))
            {
                // ex is OperationCanceledException: true only for a cancellation; false for every real failure.
                return holds ? FailureRead.OnlyOnCancellation : FailureRead.Yes;
            }

            foreach (var read in operation.DescendantsAndSelf())
            {
                var symbol = SymbolOf(read);
                if (symbol is null)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(symbol, _exception) || _written.Contains(symbol))
                {
                    return FailureRead.Yes;
                }
            }

            return FailureRead.No;
        }

        // ex is OperationCanceledException, ex is TaskCanceledException or OperationCanceledException, ex is not …
        private bool IsCancellationTest(IOperation operation, ref bool holds)
        {
            if (_exception is null)
            {
                return false;
            }

            switch (operation)
            {
                case IIsTypeOperation isType when IsException(isType.ValueOperand):
                    if (!IsCancellation(isType.TypeOperand))
                    {
                        return false;
                    }

                    holds ^= isType.IsNegated;
                    return true;
                case IIsPatternOperation isPattern when IsException(isPattern.Value):
                    var pattern = isPattern.Pattern;
                    while (pattern is INegatedPatternOperation negated)
                    {
                        holds = !holds;
                        pattern = negated.Pattern;
                    }

                    return IsCancellationPattern(pattern);
                default:
                    return false;
            }
        }

        private bool IsException(IOperation value) =>
            value.WalkDownConversions() is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, _exception);

        private static bool IsCancellationPattern(IPatternOperation pattern) => pattern switch
        {
            ITypePatternOperation type => IsCancellation(type.MatchedType),
            IDeclarationPatternOperation declaration => declaration.MatchedType is { } matched && IsCancellation(matched),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => IsCancellationPattern(or.LeftPattern) && IsCancellationPattern(or.RightPattern),
            _ => false,
        };

        private static bool IsCancellation(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == "OperationCanceledException" && current.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
                {
                    return true;
                }
            }

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
        var guards = Guards.GetValue(body, loopBody => LoopGuards.Of(loopBody, apis));
        foreach (var symbol in written)
        {
            if (guards.BySymbol.TryGetValue(symbol, out var conditionals))
            {
                foreach (var conditional in conditionals)
                {
                    if (!conditional.IsWithin(catchClause))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // The ifs of a rollout body that leave or skip the iteration, by the symbols their conditions read: built once per loop
    // body, so a body with thousands of catches is read once, not once per catch.
    private static readonly ConditionalWeakTable<IOperation, LoopGuards> Guards = new();

    private sealed class LoopGuards
    {
        public Dictionary<ISymbol, List<IConditionalOperation>> BySymbol { get; } = new(SymbolEqualityComparer.Default);

        public static LoopGuards Of(IOperation body, RolloutApis apis)
        {
            var guards = new LoopGuards();
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IConditionalOperation conditional || !(Skips(conditional.WhenTrue, apis) || Skips(conditional.WhenFalse, apis)))
                {
                    continue;
                }

                foreach (var read in conditional.Condition.DescendantsAndSelf())
                {
                    if (SymbolOf(read) is not { } symbol)
                    {
                        continue;
                    }

                    if (!guards.BySymbol.TryGetValue(symbol, out var list))
                    {
                        list = new List<IConditionalOperation>();
                        guards.BySymbol[symbol] = list;
                    }

                    list.Add(conditional);
                }
            }

            return guards;
        }
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

    private static ISymbol? SymbolOf(IOperation operation)
    {
        // a[i][j] is a write of a: walk down element references without recursion (chains can be long in generated code).
        var current = operation.WalkDownConversions();
        while (current is IArrayElementReferenceOperation element)
        {
            current = element.ArrayReference.WalkDownConversions();
        }

        return current switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
    }
}
