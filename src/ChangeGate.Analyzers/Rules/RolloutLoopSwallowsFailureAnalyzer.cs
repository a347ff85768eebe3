using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ChangeGate.Analyzers.Rules;

/// <summary>
/// CG3001: a loop over deployment targets calls update code in a try whose catch swallows the failure
/// and goes on with the next target. On 2024-05-21 updates went on to other servers while the error
/// that caused the disruption was unresolved.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RolloutLoopSwallowsFailureAnalyzer : ChangeGateAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.RolloutLoopSwallowsFailure,
        title: "Rollout loop swallows a failure and continues to the next target",
        messageFormat: "The rollout over '{0}' catches the failure of '{1}' and goes on to the next target; stop the rollout until the failure is resolved",
        description:
            "A failure on one target must stop the rollout until it is understood; logging it and moving on spreads " +
            "the fault to every other target. Rethrow after the handling, break or return, or set state that the loop " +
            "checks before it continues.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var apis = RolloutApis.Resolve(context.Compilation);
        var classifier = UpdateCodeClassifier.For(context.Compilation);
        context.RegisterOperationAction(operation => AnalyzeCatch(operation, apis, classifier), OperationKind.CatchClause);
    }

    private static void AnalyzeCatch(OperationAnalysisContext context, RolloutApis apis, UpdateCodeClassifier classifier)
    {
        var catchClause = (ICatchClauseOperation)context.Operation;
        if (catchClause.Parent is not ITryOperation tryOperation || !CatchClauses.IsBroad(catchClause, apis))
        {
            return;
        }

        var options = ChangeGateOptions.For(context.Options, catchClause.Syntax.SyntaxTree);
        var rollout = TargetLoop.EnclosingAll(tryOperation, apis, options.TargetNames);
        if (rollout.Count == 0)
        {
            return;
        }

        var update = UpdateCalls.FindFirst(tryOperation.Body, classifier, options);
        if (update is null || CatchClauses.StopsRollout(catchClause, rollout, apis) ||
            RollbackFunctions.Contain(catchClause, context.ContainingSymbol, options))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule, CatchLocation(catchClause), RethrowFixProperties(catchClause, tryOperation, rollout), rollout[0].Description, update));
    }

    /// <summary>
    /// Tells the code fix whether rethrowing at the end of the catch is a mechanical fix: only when the try
    /// sits directly in a rollout loop (not in a retry loop inside it, whose retries a rethrow would end)
    /// and no other path of the catch moves on to the next target. A trailing <c>continue;</c>,
    /// <c>break;</c> (of an inner target loop) or <c>return;</c> (in a ForEach delegate) is replaced by the
    /// rethrow, since a <c>throw;</c> after it would never run.
    /// </summary>
    private static ImmutableDictionary<string, string?> RethrowFixProperties(
        ICatchClauseOperation catchClause, ITryOperation tryOperation, IReadOnlyList<TargetLoop> rollout)
    {
        var none = ImmutableDictionary<string, string?>.Empty;

        // A catch that does not parse is still being written: appending a rethrow to it could only add errors.
        if (catchClause.Syntax.ContainsDiagnostics)
        {
            return none;
        }

        var innermost = rollout[0];
        for (var current = tryOperation.Parent; current is not null && current != innermost.Body && current != innermost.Operation; current = current.Parent)
        {
            if (current is ILoopOperation)
            {
                return none;
            }
        }

        var statements = catchClause.Handler.Operations;
        var last = statements.IsEmpty ? null : statements[statements.Length - 1];
        var replaceLast = last is not null && MovesOn(last, rollout);
        foreach (var operation in catchClause.Handler.OwnOperations())
        {
            if (operation != last && MovesOn(operation, rollout))
            {
                return none;
            }
        }

        return none.Add(RethrowFix.PropertyName, replaceLast ? RethrowFix.ReplaceLast : RethrowFix.Append);
    }

    // A jump that goes on with the next target: continue or break of a rollout loop (the catch is
    // reported, so no break of it stops the rollout), or return from a ForEach delegate.
    private static bool MovesOn(IOperation operation, IReadOnlyList<TargetLoop> rollout)
    {
        switch (operation)
        {
            case IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break } branch:
                foreach (var loop in rollout)
                {
                    if (loop.Operation is ILoopOperation statement &&
                        (SymbolEqualityComparer.Default.Equals(branch.Target, statement.ContinueLabel) ||
                         SymbolEqualityComparer.Default.Equals(branch.Target, statement.ExitLabel)))
                    {
                        return true;
                    }
                }

                return false;
            case IReturnOperation { IsImplicit: false, Kind: OperationKind.Return }:
                return rollout.Any(loop => loop.BodyIsDelegate);
            default:
                return false;
        }
    }

    // catch (Exception ex): the keyword and the declaration, not the whole handler.
    private static Location CatchLocation(ICatchClauseOperation catchClause)
    {
        var syntax = catchClause.Syntax;
        if (syntax is CatchClauseSyntax clause)
        {
            var end = clause.Declaration?.Span.End ?? clause.CatchKeyword.Span.End;
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(clause.CatchKeyword.SpanStart, end));
        }

        return syntax.GetLocation();
    }
}
