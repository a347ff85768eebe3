using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChangeGate.Analyzers;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.CodeFixes;

/// <summary>
/// CG1002 fix: <c>File.WriteAllText(path, content)</c> (and the Bytes/Lines forms, sync or awaited Async) becomes
/// <c>File.WriteAllText(path + ".tmp", content); File.Move(path + ".tmp", path, overwrite: true);</c>. The temporary
/// file sits in the same directory, so the move is a rename on one volume: the target holds either the old or the
/// new content, never half of it.
/// </summary>
/// <remarks>
/// Offered only when the write is a statement of its own (so the move can follow it), the path and receiver can be
/// evaluated again without side effects, and the file API has <c>Move(string, string, bool)</c> (.NET Core 3.0+ or
/// System.IO.Abstractions). Not offered for streams, <c>File.Copy</c> or <c>File.Create</c>, where the right rewrite
/// depends on what the code does next, or in a loop over a lazily read sequence (the temporary file may be listed).
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WriteTempThenMoveCodeFix))]
[Shared]
public sealed class WriteTempThenMoveCodeFix : PlannedCodeFix
{
    /// <summary>The title of the code action.</summary>
    public const string ActionTitle = "Write a temporary file in the same directory, then move it over the target";

    /// <summary>The suffix of the temporary file written next to the target.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.InPlaceOverwriteInUpdate);

    /// <inheritdoc />
    protected override string Title => ActionTitle;

    /// <inheritdoc />
    private protected override Action<SyntaxEditor>? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (FileSystemFixSyntax.FindCall(root, model, diagnostic) is not var (invocation, call) ||
            call.Api.WriteKind != WriteKind.WholeFile || call.Api.SubjectIsInstance ||
            invocation.Expression is not MemberAccessExpressionSyntax memberAccess ||
            call.Subject?.Syntax is not ExpressionSyntax path ||
            path.Parent is not ArgumentSyntax pathArgument ||
            FileSystemFixSyntax.IsInLazyLoop(call.Operation) ||
            StatementOf(invocation, mustAwait: !((IInvocationOperation)call.Operation).TargetMethod.ReturnsVoid) is not { } statement ||
            !FileSystemFixSyntax.IsSafeToRepeat(path, model) ||
            !FileSystemFixSyntax.IsSafeToRepeat(memberAccess.Expression, model) ||
            ((IInvocationOperation)call.Operation).TargetMethod.ContainingType is not { } fileSystemType ||
            FileSystemFixSyntax.FindMethod(fileSystemType, "Move", 3) is not { } move ||
            move.Parameters[2].Type.SpecialType != SpecialType.System_Boolean)
        {
            return null;
        }

        var temporary = SyntaxFactory.BinaryExpression(
            SyntaxKind.AddExpression,
            FileSystemFixSyntax.AsConcatenationOperand(path),
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(TemporarySuffix)));

        var writeTemporary = statement.ReplaceNode(pathArgument, pathArgument.WithExpression(temporary.WithTriviaFrom(path)));
        var moveOver = SyntaxFactory.ExpressionStatement(
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, memberAccess.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("Move")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(temporary),
                    SyntaxFactory.Argument(path.WithoutTrivia()),
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression))
                        .WithNameColon(SyntaxFactory.NameColon(move.Parameters[2].Name)),
                }))));

        return editor => FileSystemFixSyntax.ReplaceStatement(editor, statement, new StatementSyntax[] { writeTemporary, moveOver });
    }

    /// <summary>
    /// The statement that is the write: <c>File.WriteAllText(…);</c>, <c>await File.WriteAllTextAsync(…);</c> or
    /// <c>await File.WriteAllTextAsync(…).ConfigureAwait(false);</c>. Null when the write is used as a value, or is an
    /// Async write that is not awaited (moving before it completes would publish a half-written file).
    /// </summary>
    private static StatementSyntax? StatementOf(InvocationExpressionSyntax invocation, bool mustAwait)
    {
        SyntaxNode expression = invocation;
        if (expression.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure &&
            configure.Parent is InvocationExpressionSyntax configured)
        {
            expression = configured;
        }

        if (expression.Parent is AwaitExpressionSyntax awaited)
        {
            expression = awaited;
        }
        else if (mustAwait)
        {
            return null;
        }

        return expression.Parent is ExpressionStatementSyntax statement ? statement : null;
    }
}
