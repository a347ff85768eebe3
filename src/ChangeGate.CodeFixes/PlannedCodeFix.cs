using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace ChangeGate.CodeFixes;

/// <summary>
/// A code fix that first plans an edit for a diagnostic against the original document (null: no fix is offered),
/// then applies the plans of one or many diagnostics with one <see cref="SyntaxEditor"/>. Fix All uses the same path,
/// so a fix and its Fix All always agree.
/// </summary>
public abstract class PlannedCodeFix : CodeFixProvider
{
    /// <summary>The title of the code action, also its equivalence key.</summary>
    protected abstract string Title { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => new FixAll(this);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, token => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), token), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    /// <summary>The edit that fixes <paramref name="diagnostic"/>, or null when no fix is certain to be right.</summary>
    private protected abstract Action<SyntaxEditor>? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic);

    /// <summary>A last step over the edited document (adding imports, say).</summary>
    private protected virtual Task<Document> FinishAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(document);

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic)?.Invoke(editor);
        }

        return await FinishAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    private sealed class FixAll : DocumentBasedFixAllProvider
    {
        private readonly PlannedCodeFix _fix;

        public FixAll(PlannedCodeFix fix) => _fix = fix;

        protected override string GetFixAllTitle(FixAllContext fixAllContext) => _fix.Title;

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            await _fix.ApplyAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
    }
}
