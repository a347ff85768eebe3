using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Rules;

/// <summary>
/// CG3002: update code reaches every target with no batch, stage or health check between targets —
/// <c>Parallel.ForEach</c> over targets, <c>Task.WhenAll(targets.Select(…))</c>, or a loop over targets
/// without a health check in its body. On 2024-05-20 work was reflected on servers it was not meant for.
/// </summary>
/// <remarks>
/// A fan-out is staged when it runs inside a loop (over stages, rings, batches) whose body also checks
/// health, or when its targets come from that loop's current element (<c>foreach (var batch in
/// servers.Chunk(10)) Parallel.ForEach(batch, …)</c>). A sequential loop is also fine when its own body
/// checks health between targets; a concurrent fan-out is not, since its targets do not wait for each other.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnstagedFanOutAnalyzer : ChangeGateAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.UnstagedFanOut,
        title: "Change fanned out to every target at once, with no staging or health gate",
        messageFormat: "'{0}' reaches every target in '{1}' with no batch, stage or health check between targets",
        description:
            "Roll a change out in stages: a canary or a small batch first, then a health check, then the next batch. " +
            "Sending it to every target at once means a bad change reaches all of them before anyone can stop it.",
        severity: DiagnosticSeverity.Info);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var apis = RolloutApis.Resolve(context.Compilation);
        var classifier = UpdateCodeClassifier.For(context.Compilation);

        // Loops for the whole compilation, decided from symbols at once. Calls only in types whose text names a delegate loop
        // or a fan-out (ForEach, WhenAll, WaitAll): most types name none, and a callback per call would cost more than every
        // other check of the rule. Assignments are collected per body only when a fan-out asks.
        var assignments = new AssignmentsByBody();
        var treeOptions = new OptionsOfLastTree();
        context.RegisterOperationAction(operation => Analyze(operation, apis, classifier, assignments, treeOptions), OperationKind.Loop);
        context.RegisterSymbolStartAction(
            start =>
            {
                // Enums and delegates hold no code that calls anything: their trees need not be read for the words.
                var type = (INamedTypeSymbol)start.Symbol;
                if (type.TypeKind is TypeKind.Enum or TypeKind.Delegate || !TreeText.MayName(type, apis.LoopAndFanOutWords))
                {
                    return;
                }

                start.RegisterOperationAction(
                    operation =>
                    {
                        // Each call once, by the type whose member holds it (a nested type registers for its own).
                        if (SymbolEqualityComparer.Default.Equals(operation.ContainingSymbol.ContainingType, type))
                        {
                            Analyze(operation, apis, classifier, assignments, treeOptions);
                        }
                    },
                    OperationKind.Invocation);
            },
            SymbolKind.NamedType);
    }

    // The LocalAssignments of each body a fan-out asks about, kept as long as that body's operation tree lives.
    private sealed class AssignmentsByBody
    {
        private readonly ConditionalWeakTable<IOperation, LocalAssignments> _byRoot = new();

        public LocalAssignments For(IOperation operation) => _byRoot.GetValue(operation.BodyRoot(), LocalAssignments.Collect);
    }

    // The options of the tree asked last: the callbacks of one member, and mostly of one tree, come one after the other, and
    // reading a tree's options (a look-up in the provider, then in the options' cache) cost more than the rest of most loops'
    // checks. Keyed by the tree and by the AnalyzerOptions they were read from, so trees under different .editorconfig
    // sections never share options; a callback on another thread at worst replaces the entry (the entry is immutable).
    private sealed class OptionsOfLastTree
    {
        private Entry? _last;

        public ChangeGateOptions For(AnalyzerOptions analyzerOptions, SyntaxTree tree)
        {
            var last = Volatile.Read(ref _last);
            if (last is not null && ReferenceEquals(last.Tree, tree) && ReferenceEquals(last.Source, analyzerOptions))
            {
                return last.Options;
            }

            var options = ChangeGateOptions.For(analyzerOptions, tree);
            Volatile.Write(ref _last, new Entry(tree, analyzerOptions, options));
            return options;
        }

        private sealed class Entry
        {
            public Entry(SyntaxTree tree, AnalyzerOptions source, ChangeGateOptions options)
            {
                Tree = tree;
                Source = source;
                Options = options;
            }

            public SyntaxTree Tree { get; }

            public AnalyzerOptions Source { get; }

            public ChangeGateOptions Options { get; }
        }
    }

    private static void Analyze(
        OperationAnalysisContext context, RolloutApis apis, UpdateCodeClassifier classifier, AssignmentsByBody assignments, OptionsOfLastTree treeOptions)
    {
        var operation = context.Operation;

        // Most invocations are none of the watched APIs: decide that from symbols before reading options.
        if (operation is IInvocationOperation { TargetMethod: var called } &&
            (!apis.MayBeLoopOrFanOut(called) ||
             (!apis.IsParallelForEach(called) && !apis.IsSequentialForEach(called) && !apis.IsWaitForAll(called))))
        {
            return;
        }

        var options = treeOptions.For(context.Options, operation.Syntax.SyntaxTree);
        if (TargetLoop.TryCreate(operation, apis, options.TargetNames, out var loop))
        {
            var update = loop.Body is not null
                ? UpdateCalls.FindFirst(loop.Body, classifier, options)
                : loop.BodyMethod is { } method && UpdateCalls.IsUpdateCall(method, classifier, options) ? method.Name : null;
            if (update is null)
            {
                return;
            }

            // One target after the other with a health check between them is the staged rollout we want; a rollback goes to
            // every target on purpose.
            if ((!loop.IsParallel && loop.Body is not null && HealthChecks.Contains(loop.Body, classifier, options)) ||
                RollbackFunctions.Contain(operation, context.ContainingSymbol, options))
            {
                return;
            }

            if (!IsStaged(operation, loop.Source, apis, classifier, options, assignments))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, loop.HeaderLocation(), update, loop.Description));
            }

            return;
        }

        if (operation is IInvocationOperation invocation && apis.IsWaitForAll(invocation.TargetMethod))
        {
            AnalyzeWaitForAll(context, invocation, apis, classifier, options, assignments);
        }
    }

    // Task.WhenAll(servers.Select(s => DeployAsync(s))), directly or through locals.
    private static void AnalyzeWaitForAll(
        OperationAnalysisContext context,
        IInvocationOperation waitForAll,
        RolloutApis apis,
        UpdateCodeClassifier classifier,
        ChangeGateOptions options,
        AssignmentsByBody assignments)
    {
        var bodyAssignments = assignments.For(waitForAll);
        foreach (var argument in waitForAll.Arguments)
        {
            IOperation? targets = null;
            string? update = null;
            bodyAssignments.DerivesFrom(argument.Value, candidate =>
            {
                if (targets is null && candidate is IInvocationOperation call && TryGetTargetSelect(call, apis, classifier, options, out var source, out var found))
                {
                    targets = source;
                    update = found;
                }

                return targets is not null;
            });

            if (targets is not null && update is not null)
            {
                if (!IsStaged(waitForAll, targets, apis, classifier, options, assignments) && !RollbackFunctions.Contain(waitForAll, context.ContainingSymbol, options))
                {
                    var location = waitForAll.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax syntax
                        ? syntax.Expression.GetLocation()
                        : waitForAll.Syntax.GetLocation();
                    context.ReportDiagnostic(Diagnostic.Create(Rule, location, update, DeploymentTargets.NameOf(targets) ?? "targets"));
                }

                return;
            }
        }
    }

    // servers.Select(s => DeployAsync(s)): the targets (source) and the update the selector calls.
    private static bool TryGetTargetSelect(
        IInvocationOperation call, RolloutApis apis, UpdateCodeClassifier classifier, ChangeGateOptions options, out IOperation source, out string update)
    {
        source = null!;
        update = null!;
        if (!apis.IsSelect(call.TargetMethod) ||
            call.Arguments.ArgumentAt(0) is not { } targets ||
            call.Arguments.ArgumentAt(1) is not { } selector)
        {
            return false;
        }

        string? found = null;
        var variables = ImmutableArray<ISymbol>.Empty;
        switch (selector.WalkDownConversions())
        {
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                found = UpdateCalls.FindFirst(lambda.Body, classifier, options);
                variables = lambda.Symbol.Parameters.Take(1).ToImmutableArray<ISymbol>();
                break;
            case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }
                when UpdateCalls.IsUpdateCall(reference.Method, classifier, options):
                found = reference.Method.Name;
                break;
        }

        if (found is null || !TargetLoop.IsOverTargets(targets, variables, options.TargetNames))
        {
            return false;
        }

        source = targets;
        update = found;
        return true;
    }

    // Inside a loop over stages or batches: that loop checks health, or this fan-out takes its targets
    // from that loop's current element.
    private static bool IsStaged(
        IOperation fanOut, IOperation? source, RolloutApis apis, UpdateCodeClassifier classifier, ChangeGateOptions options, AssignmentsByBody assignments)
    {
        foreach (var (body, variables) in TargetLoop.EnclosingLoops(fanOut, apis))
        {
            if (HealthChecks.Contains(body, classifier, options, excluded: fanOut))
            {
                return true;
            }

            if (source is not null && !variables.IsEmpty &&
                assignments.For(source).DerivesFrom(source, candidate => IsReferenceTo(candidate, variables)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsReferenceTo(IOperation operation, ImmutableArray<ISymbol> symbols)
    {
        ISymbol? symbol = operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
        return symbol is not null && symbols.Contains(symbol, SymbolEqualityComparer.Default);
    }
}
