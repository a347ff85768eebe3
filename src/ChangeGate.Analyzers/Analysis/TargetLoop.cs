using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// A loop over deployment targets: <c>foreach</c>, <c>for</c>, <c>while</c>/<c>do</c>,
/// <c>List&lt;T&gt;.ForEach</c>, <c>Array.ForEach</c>, <c>Parallel.ForEach</c> or
/// <c>Parallel.ForEachAsync</c> whose element type or variable name is in the target vocabulary
/// (<see cref="DeploymentTargets"/>). For <c>for</c> and <c>while</c> loops the targets come from a
/// variable the loop declares or a target collection its condition reads (<c>i &lt; servers.Count</c>). A <c>foreach</c>
/// over names or ids counts too when its body looks each element up as a target
/// (<c>var server = inventory.Find(name);</c>, <c>Find(name) is not Instance instance</c>).
/// </summary>
internal sealed class TargetLoop
{
    private TargetLoop(IOperation operation, IOperation? body, IOperation? source, ImmutableArray<ISymbol> iterationSymbols, bool bodyIsDelegate, bool isParallel)
    {
        Operation = operation;
        Body = body;
        Source = source;
        IterationSymbols = iterationSymbols;
        BodyIsDelegate = bodyIsDelegate;
        IsParallel = isParallel;
    }

    /// <summary>The loop statement (<see cref="ILoopOperation"/>) or the <see cref="IInvocationOperation"/> of a delegate loop.</summary>
    public IOperation Operation { get; }

    /// <summary>
    /// What runs for each target: the loop body, or the body of the lambda given to a delegate loop.
    /// Null when a delegate loop is given a method group (its body lives elsewhere).
    /// </summary>
    public IOperation? Body { get; }

    /// <summary>The collection the loop goes over, when it has one.</summary>
    public IOperation? Source { get; }

    /// <summary>The loop's iteration variables (locals or lambda parameters) that stand for one element.</summary>
    public ImmutableArray<ISymbol> IterationSymbols { get; }

    /// <summary>
    /// True when each element runs as a delegate (<c>ForEach</c> forms): a <c>return</c> in the body then
    /// moves on to the next target instead of leaving the loop, and <c>break</c> cannot be used.
    /// </summary>
    public bool BodyIsDelegate { get; }

    /// <summary>True for <c>Parallel.ForEach</c>/<c>ForEachAsync</c>: targets run at the same time.</summary>
    public bool IsParallel { get; }

    /// <summary>The method group a delegate loop runs for each element, when it is given one instead of a lambda.</summary>
    public IMethodSymbol? BodyMethod { get; private set; }

    /// <summary>How the loop's targets read in a message: the collection's name, or its source text.</summary>
    public string Description
    {
        get
        {
            var name = DeploymentTargets.NameOf(Source);
            if (name is not null)
            {
                return name;
            }

            var text = Source?.Syntax.ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                text = IterationSymbols.IsEmpty ? "targets" : IterationSymbols[0].Name;
            }

            return text!.Length <= 40 ? text : text.Substring(0, 37) + "...";
        }
    }

    /// <summary>
    /// Recognizes <paramref name="operation"/> (a loop statement or an invocation) as a loop over targets.
    /// </summary>
    public static bool TryCreate(IOperation operation, RolloutApis apis, NameVocabulary targets, out TargetLoop loop)
    {
        loop = null!;
        switch (operation)
        {
            case IForEachLoopOperation forEach:
                return TryCreateForEach(forEach, targets, out loop);
            case IForLoopOperation forLoop:
                // Most for loops declare no condition locals: their locals are used as they are, with no new array.
                var forLocals = forLoop.ConditionLocals.IsEmpty ? forLoop.Locals : forLoop.Locals.AddRange(forLoop.ConditionLocals);
                return TryCreateConditional(forLoop, forLoop.Condition, forLocals.CastArray<ISymbol>(), targets, out loop);
            case IWhileLoopOperation whileLoop:
                return TryCreateConditional(whileLoop, whileLoop.Condition, whileLoop.Locals.CastArray<ISymbol>(), targets, out loop);
            case IInvocationOperation invocation:
                return TryCreateDelegateLoop(invocation, apis, targets, out loop);
            default:
                return false;
        }
    }

    /// <summary>
    /// Every loop over targets whose body contains <paramref name="operation"/>, innermost first: a rollout
    /// over regions and then their servers is two nested target loops. The search goes through loop
    /// statements and the lambdas of delegate loops (they run in place), and stops at any other lambda or
    /// local function: code there may run elsewhere.
    /// </summary>
    public static IReadOnlyList<TargetLoop> EnclosingAll(IOperation operation, RolloutApis apis, NameVocabulary targets)
    {
        var loops = new List<TargetLoop>();
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case ILoopOperation statement when current == statement.Body:
                    if (TryCreate(statement, apis, targets, out var loop))
                    {
                        loops.Add(loop);
                    }

                    break;
                case IAnonymousFunctionOperation lambda:
                    if (DelegateLoopOf(lambda) is not { } invocation ||
                        !(apis.IsSequentialForEach(invocation.TargetMethod) || apis.IsParallelForEach(invocation.TargetMethod)))
                    {
                        return loops;
                    }

                    if (TryCreate(invocation, apis, targets, out var delegateLoop) && delegateLoop.Body is not null && current.IsWithin(delegateLoop.Body))
                    {
                        loops.Add(delegateLoop);
                    }

                    break;
                case ILocalFunctionOperation:
                    return loops;
            }
        }

        return loops;
    }

    /// <summary>
    /// The body and iteration variables of every loop (over targets or not) that encloses
    /// <paramref name="operation"/>, innermost first: loop statements and the lambdas of delegate loops.
    /// </summary>
    public static IEnumerable<(IOperation Body, ImmutableArray<ISymbol> Variables)> EnclosingLoops(IOperation operation, RolloutApis apis)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case ILoopOperation statement when current == statement.Body:
                    yield return (statement.Body, statement.Locals.CastArray<ISymbol>());
                    break;
                case IAnonymousFunctionOperation lambda when DelegateLoopOf(lambda) is { } invocation &&
                                                             (apis.IsSequentialForEach(invocation.TargetMethod) || apis.IsParallelForEach(invocation.TargetMethod)):
                    yield return (lambda.Body, lambda.Symbol.Parameters.CastArray<ISymbol>());
                    break;
            }
        }
    }

    /// <summary>The header of a loop statement (<c>foreach (var server in servers)</c>), or the called member of a delegate loop.</summary>
    public Location HeaderLocation()
    {
        var syntax = Operation.Syntax;
        var span = syntax switch
        {
            CommonForEachStatementSyntax forEach => TextSpan.FromBounds(forEach.SpanStart, forEach.CloseParenToken.Span.End),
            ForStatementSyntax forStatement => TextSpan.FromBounds(forStatement.SpanStart, forStatement.CloseParenToken.Span.End),
            WhileStatementSyntax whileStatement => TextSpan.FromBounds(whileStatement.SpanStart, whileStatement.CloseParenToken.Span.End),
            DoStatementSyntax doStatement => doStatement.DoKeyword.Span,
            InvocationExpressionSyntax invocation => invocation.Expression.Span,
            _ => syntax.Span,
        };
        return Location.Create(syntax.SyntaxTree, span);
    }

    private static bool TryCreateForEach(IForEachLoopOperation forEach, NameVocabulary targets, out TargetLoop loop)
    {
        loop = null!;
        var variables = forEach.Locals.CastArray<ISymbol>();

        // foreach (var host in ) while it is being typed: no collection yet, no rollout to judge.
        if (forEach.Collection.Syntax.IsMissing ||
            !(IsOverTargets(forEach.Collection, variables, targets, DeclaredElementType(forEach)) || ResolvesElementToTarget(forEach, targets)))
        {
            return false;
        }

        loop = new TargetLoop(forEach, forEach.Body, forEach.Collection, variables, bodyIsDelegate: false, isParallel: false);
        return true;
    }

    private const int MaxResolveScan = 400;

    // foreach (var name in names) { var server = inventory.Find(name); … } or `Find(name) is not Instance instance`: the loop
    // goes over names or ids, and the body looks each one up as a target (a local named or typed as one, made by a call that
    // is handed the element). Only the body's statements are read: declarations, and the conditions of ifs, whiles and
    // switches; nested blocks, ifs, tries, usings, locks and loops are entered, expressions (lambdas among them) are not.
    private static bool ResolvesElementToTarget(IForEachLoopOperation forEach, NameVocabulary targets)
    {
        if (forEach.Locals.IsEmpty)
        {
            return false;
        }

        var element = forEach.Locals[0];
        var scanned = 0;
        var pending = new Stack<IOperation>();
        pending.Push(forEach.Body);
        while (pending.Count > 0)
        {
            if (++scanned > MaxResolveScan)
            {
                return false;
            }

            switch (pending.Pop())
            {
                case IBlockOperation block:
                    for (var i = block.Operations.Length - 1; i >= 0; i--)
                    {
                        pending.Push(block.Operations[i]);
                    }

                    break;
                case IVariableDeclarationGroupOperation group:
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            if (declarator.Initializer?.Value is { } initial && IsTargetLookup(declarator.Symbol, initial, element, targets))
                            {
                                return true;
                            }
                        }
                    }

                    break;
                case IUsingDeclarationOperation usingDeclaration:
                    pending.Push(usingDeclaration.DeclarationGroup);
                    break;
                case IConditionalOperation conditional:
                    if (ConditionLooksUp(conditional.Condition, element, targets))
                    {
                        return true;
                    }

                    pending.Push(conditional.WhenTrue);
                    if (conditional.WhenFalse is { } whenFalse)
                    {
                        pending.Push(whenFalse);
                    }

                    break;
                case IWhileLoopOperation { Condition: { } condition } whileLoop:
                    if (ConditionLooksUp(condition, element, targets))
                    {
                        return true;
                    }

                    pending.Push(whileLoop.Body);
                    break;
                case ILoopOperation loop:
                    pending.Push(loop.Body);
                    break;
                case ITryOperation tryOperation:
                    pending.Push(tryOperation.Body);
                    break;
                case IUsingOperation usingOperation:
                    if (usingOperation.Resources is IVariableDeclarationGroupOperation resources)
                    {
                        pending.Push(resources);
                    }

                    pending.Push(usingOperation.Body);
                    break;
                case ILockOperation lockOperation:
                    pending.Push(lockOperation.Body);
                    break;
                case ILabeledOperation { Operation: { } labeled }:
                    pending.Push(labeled);
                    break;
                case ISwitchOperation switchOperation:
                    foreach (var section in switchOperation.Cases)
                    {
                        foreach (var body in section.Body)
                        {
                            pending.Push(body);
                        }
                    }

                    break;
            }
        }

        return false;
    }

    // if (Find(name) is not Instance instance) continue; if (inventory.Find(id) is Server server && …): the patterns at the top of
    // a condition (through !, && and ||).
    private static bool ConditionLooksUp(IOperation condition, ILocalSymbol element, NameVocabulary targets)
    {
        var pending = new Stack<IOperation>();
        pending.Push(condition);
        for (var steps = 0; pending.Count > 0 && steps < 64; steps++)
        {
            switch (pending.Pop().WalkDownConversions())
            {
                case IIsPatternOperation isPattern:
                    var pattern = isPattern.Pattern is INegatedPatternOperation negated ? negated.Pattern : isPattern.Pattern;
                    if (pattern is IDeclarationPatternOperation { DeclaredSymbol: { } symbol } && IsTargetLookup(symbol, isPattern.Value, element, targets))
                    {
                        return true;
                    }

                    break;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    pending.Push(not.Operand);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } both:
                    pending.Push(both.RightOperand);
                    pending.Push(both.LeftOperand);
                    break;
            }
        }

        return false;
    }

    private static bool IsTargetLookup(ISymbol declared, IOperation value, ILocalSymbol element, NameVocabulary targets)
    {
        if (!IsLookupOf(value, element))
        {
            return false;
        }

        // The looked-up value's type must be a target's (ServiceInstance, Server); only when it did not bind does its name
        // count. `var instance = Activator.CreateInstance(type)` is an object, not a deployment target.
        var type = SymbolType(declared);
        return !DeploymentTargets.IsCollection(type) &&
               (DeploymentTargets.IsTargetType(type, targets) ||
                ((type is null || type.TypeKind == TypeKind.Error) && DeploymentTargets.IsTargetName(declared.Name, targets)));
    }

    private static bool IsLookupOf(IOperation value, ILocalSymbol element)
    {
        var current = value.WalkDownConversions();
        if (current is IAwaitOperation awaited)
        {
            current = awaited.Operation.WalkDownConversions();
        }

        if (current is not IInvocationOperation invocation)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, element))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryCreateConditional(ILoopOperation statement, IOperation? condition, ImmutableArray<ISymbol> declared, NameVocabulary targets, out TargetLoop loop)
    {
        loop = null!;
        IOperation? source = null;
        var overTargets = false;
        foreach (var symbol in declared)
        {
            // Names first (cached verdicts): whether a type is a collection reads its interfaces, and most loops count with an int.
            var type = SymbolType(symbol);
            if ((DeploymentTargets.IsTargetType(type, targets) || DeploymentTargets.IsTargetName(symbol.Name, targets)) &&
                !DeploymentTargets.IsCollection(type))
            {
                overTargets = true;
            }
        }

        if (condition is not null)
        {
            // A target collection the condition reads: i < servers.Count, pending.Count > 0, queue.TryDequeue(out var host).
            // The first such read is the source: the walk stops there. A reference is no conversion, so its element type, read
            // once here, is the one IsTargetCollection would read again.
            foreach (var read in condition.DescendantsAndSelf())
            {
                if (IsReference(read) &&
                    (DeploymentTargets.ElementTypeOf(read.Type) is { } element
                        ? DeploymentTargets.IsTargetCollection(read, targets, element)
                        : UnresolvedTargetCollections.IsCountedTargetCollection(read, targets)))
                {
                    source = read;
                    overTargets = true;
                    break;
                }
            }
        }

        if (!overTargets)
        {
            return false;
        }

        loop = new TargetLoop(statement, statement.Body, source, declared, bodyIsDelegate: false, isParallel: false);
        return true;
    }

    private static bool TryCreateDelegateLoop(IInvocationOperation invocation, RolloutApis apis, NameVocabulary targets, out TargetLoop loop)
    {
        loop = null!;
        var method = invocation.TargetMethod;
        var isParallel = apis.IsParallelForEach(method);
        if (!isParallel && !apis.IsSequentialForEach(method))
        {
            return false;
        }

        // List<T>.ForEach goes over its instance; Array.ForEach and Parallel over their first parameter.
        var source = invocation.Instance ?? invocation.Arguments.ArgumentAt(0);
        IOperation? body = null;
        IMethodSymbol? bodyMethod = null;
        var variables = ImmutableArray<ISymbol>.Empty;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.TypeKind != TypeKind.Delegate)
            {
                continue;
            }

            switch (argument.Value.WalkDownConversions())
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    body = lambda.Body;
                    variables = lambda.Symbol.Parameters.Length > 0 ? ImmutableArray.Create<ISymbol>(lambda.Symbol.Parameters[0]) : ImmutableArray<ISymbol>.Empty;
                    break;
                case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                    bodyMethod = reference.Method;
                    break;
            }
        }

        if (!IsOverTargets(source, variables, targets))
        {
            return false;
        }

        loop = new TargetLoop(invocation, body, source, variables, bodyIsDelegate: true, isParallel) { BodyMethod = bodyMethod };
        return true;
    }

    /// <summary>
    /// True when a loop, a <c>Select</c> or another per-element construct over <paramref name="source"/>
    /// with element variables <paramref name="variables"/> goes over targets. The element variables decide
    /// first: a batch variable (an array, a list) means it goes over batches, whatever the source is called.
    /// </summary>
    public static bool IsOverTargets(IOperation? source, ImmutableArray<ISymbol> variables, NameVocabulary targets, ITypeSymbol? elementType = null)
    {
        // The answer, read in order: the first variable whose type is a collection (a batch) says no, the first one named or
        // typed as a target before it says yes; with neither, the collection decides. Names are cached verdicts, while whether
        // a type is a collection reads its interfaces: most loops go over no targets, so names are asked first, and
        // collection types only where a yes is possible.
        var targetAt = -1;
        for (var i = 0; i < variables.Length; i++)
        {
            if (DeploymentTargets.IsTargetType(SymbolType(variables[i]), targets) ||
                (DeploymentTargets.IsTargetName(variables[i].Name, targets) && !DeploymentTargets.IsDataModelNode(SymbolType(variables[i]))))
            {
                targetAt = i;
                break;
            }
        }

        if (targetAt < 0 && !DeploymentTargets.IsTargetCollection(source, targets, elementType))
        {
            return false;
        }

        var last = targetAt < 0 ? variables.Length - 1 : targetAt;
        for (var i = 0; i <= last; i++)
        {
            if (DeploymentTargets.IsCollection(SymbolType(variables[i])))
            {
                return false;
            }
        }

        // A target variable before any batch, or a target collection: IsTargetCollection has already ruled out batches for it.
        return true;
    }

    // The element type of `foreach (var x in …)`: the type of x. Null for a declared type (which may be a cast of the element)
    // or a deconstruction.
    private static ITypeSymbol? DeclaredElementType(IForEachLoopOperation forEach) =>
        forEach.Syntax is ForEachStatementSyntax { Type.IsVar: true } && forEach.Locals.Length == 1 ? forEach.Locals[0].Type : null;

    private static IInvocationOperation? DelegateLoopOf(IAnonymousFunctionOperation lambda) =>
        lambda.Parent is IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation invocation } }
            ? invocation
            : null;

    private static bool IsReference(IOperation operation) =>
        operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
            or IPropertyReferenceOperation { Property.IsIndexer: false };

    private static ITypeSymbol? SymbolType(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        _ => null,
    };
}
