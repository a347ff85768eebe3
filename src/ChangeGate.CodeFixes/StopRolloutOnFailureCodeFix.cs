using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChangeGate.Analyzers;
using ChangeGate.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace ChangeGate.CodeFixes;

/// <summary>
/// CG3001 fix "Stop the rollout on failure": keeps the catch's handling (logging, bookkeeping) and then
/// rethrows, so the failure leaves the rollout loop instead of moving on to the next target. A trailing
/// <c>continue;</c>, <c>break;</c> of an inner target loop, or <c>return;</c> in a ForEach delegate is
/// replaced by the rethrow. Offered only
/// when the analyzer marks the catch as mechanically fixable; a catch in a retry loop, or one with other
/// paths that move on, needs a human decision and gets no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StopRolloutOnFailureCodeFix)), Shared]
public sealed class StopRolloutOnFailureCodeFix : CodeFixProvider
{
    private const string Title = "Stop the rollout on failure (rethrow after the handling)";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.RolloutLoopSwallowsFailure);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(RethrowFix.PropertyName, out var mode) || mode is null)
            {
                continue;
            }

            var catchClause = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?
                .AncestorsAndSelf().OfType<CatchClauseSyntax>().FirstOrDefault();
            if (catchClause is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    cancellationToken => RethrowAsync(context.Document, catchClause, mode == RethrowFix.ReplaceLast, cancellationToken),
                    equivalenceKey: Title),
                diagnostic);
        }
    }

    private static async Task<Document> RethrowAsync(Document document, CatchClauseSyntax catchClause, bool replaceLast, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var block = catchClause.Block;
        var rethrow = SyntaxFactory.ThrowStatement();
        BlockSyntax fixedBlock;
        if (replaceLast && block.Statements.Count > 0)
        {
            var last = block.Statements[block.Statements.Count - 1];
            fixedBlock = block.ReplaceNode(last, rethrow.WithTriviaFrom(last));
        }
        else
        {
            fixedBlock = block.AddStatements(rethrow);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(block, fixedBlock.WithAdditionalAnnotations(Formatter.Annotation)));
    }
}
