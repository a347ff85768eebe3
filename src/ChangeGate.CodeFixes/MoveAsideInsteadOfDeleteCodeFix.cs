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
using Microsoft.CodeAnalysis.Simplification;

namespace ChangeGate.CodeFixes;

/// <summary>
/// CG1001 fix: instead of deleting, move the file or directory aside to <c>&lt;path&gt;.bak-&lt;UTC timestamp&gt;</c>
/// next to it, where a rollback finds the newest copy and moves it back:
/// <c>File.Delete(path)</c> becomes <c>if (File.Exists(path)) { File.Move(path, path + ".bak-" + stamp); }</c>
/// (the guard keeps File.Delete's "no error when missing"), and <c>Directory.Delete(dir, …)</c> becomes
/// <c>Directory.Move(dir, dir + ".bak-" + stamp)</c> (both throw when the directory is missing).
/// </summary>
/// <remarks>
/// Offered only where the result is certain: a static <c>File</c>/<c>Directory</c> delete (System.IO or
/// System.IO.Abstractions) whose path and receiver can be evaluated again without side effects, and, for files,
/// written as a statement. Not offered for <c>FileInfo.Delete()</c> and the like (moving would change what the
/// object points at), for method groups, where the type lacks <c>Exists</c>/<c>Move</c>, or in a loop over a lazily
/// read sequence (the moved-aside copy may be listed again).
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveAsideInsteadOfDeleteCodeFix))]
[Shared]
public sealed class MoveAsideInsteadOfDeleteCodeFix : PlannedCodeFix
{
    /// <summary>The title of the code action.</summary>
    public const string ActionTitle = "Move it aside to a backup location the rollback can restore";

    /// <summary>The suffix put between the path and the timestamp of the moved-aside copy.</summary>
    public const string BackupSuffix = ".bak-";

    private static readonly SyntaxAnnotation TimestampAnnotation = new(nameof(MoveAsideInsteadOfDeleteCodeFix));

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnguardedDeleteInUpdate);

    /// <inheritdoc />
    protected override string Title => ActionTitle;

    /// <summary>Adds <c>using System.Globalization;</c> (once) where the timestamp needs it; the code-action cleanup then simplifies the names.</summary>
    private protected override Task<Document> FinishAsync(Document document, CancellationToken cancellationToken) =>
        ImportAdder.AddImportsAsync(document, TimestampAnnotation, cancellationToken: cancellationToken);

    /// <inheritdoc />
    private protected override Action<SyntaxEditor>? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (FileSystemFixSyntax.FindCall(root, model, diagnostic) is not var (invocation, call) ||
            call.Api.Action != FileSystemAction.Delete || call.Api.SubjectIsInstance || call.IsMethodGroup ||
            call.IsDirectory is not { } isDirectory ||
            invocation.Expression is not MemberAccessExpressionSyntax memberAccess ||
            call.Subject?.Syntax is not ExpressionSyntax path ||
            call.Subject.Parent is not IArgumentOperation ||
            FileSystemFixSyntax.IsInLazyLoop(call.Operation) ||
            !FileSystemFixSyntax.IsSafeToRepeat(path, model) ||
            !FileSystemFixSyntax.IsSafeToRepeat(memberAccess.Expression, model) ||
            ((IInvocationOperation)call.Operation).TargetMethod.ContainingType is not { } fileSystemType ||
            FileSystemFixSyntax.FindMethod(fileSystemType, "Move", 2) is null ||
            FileSystemFixSyntax.FindMethod(fileSystemType, "Exists", 1) is null ||
            model.Compilation.GetTypeByMetadataName("System.DateTime") is not { } dateTime ||
            model.Compilation.GetTypeByMetadataName("System.Globalization.CultureInfo") is not { } cultureInfo)
        {
            return null;
        }

        var receiver = memberAccess.Expression.WithoutTrivia();
        InvocationExpressionSyntax MoveAside(SyntaxGenerator generator) => SyntaxFactory.InvocationExpression(
            Member(receiver, "Move"),
            Arguments(path.WithoutTrivia(), BackupPath(path, generator, dateTime, cultureInfo)));

        if (isDirectory)
        {
            // Directory.Delete and Directory.Move both throw when the directory is missing: a like-for-like swap.
            return editor => editor.ReplaceNode(invocation, MoveAside(editor.Generator).WithTriviaFrom(invocation));
        }

        if (IsGuardedByExists(invocation, receiver, path, model, out var guardedStatement))
        {
            return editor => editor.ReplaceNode(invocation, MoveAside(editor.Generator).WithTriviaFrom(invocation));
        }

        if (guardedStatement is null)
        {
            // A file delete that is not a statement (an expression-bodied member, a lambda): no place for the guard.
            return null;
        }

        return editor => FileSystemFixSyntax.ReplaceStatement(
            editor,
            guardedStatement,
            new StatementSyntax[]
            {
                SyntaxFactory.IfStatement(
                    SyntaxFactory.InvocationExpression(Member(receiver, "Exists"), Arguments(path.WithoutTrivia())),
                    SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(MoveAside(editor.Generator)))),
            });
    }

    /// <summary>
    /// True when the delete already sits under <c>if (File.Exists(path))</c>; otherwise <paramref name="statement"/> is the
    /// statement the delete is, or null when it is not one.
    /// </summary>
    private static bool IsGuardedByExists(
        InvocationExpressionSyntax invocation, ExpressionSyntax receiver, ExpressionSyntax path, SemanticModel model, out StatementSyntax? statement)
    {
        statement = invocation.Parent as ExpressionStatementSyntax;
        if (statement is null)
        {
            return false;
        }

        SyntaxNode body = statement.Parent is BlockSyntax { Statements.Count: 1 } block ? block : statement;
        if (body.Parent is IfStatementSyntax { Condition: InvocationExpressionSyntax condition } ifStatement && ifStatement.Statement == body &&
            condition.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exists" } exists &&
            SyntaxFactory.AreEquivalent(exists.Expression, receiver) &&
            condition.ArgumentList.Arguments.Count == 1 &&
            SyntaxFactory.AreEquivalent(condition.ArgumentList.Arguments[0].Expression, path) &&
            model.GetSymbolInfo(condition).Symbol is IMethodSymbol existsMethod &&
            SymbolEqualityComparer.Default.Equals(existsMethod.ContainingType, model.GetSymbolInfo(invocation).Symbol?.ContainingType))
        {
            return true;
        }

        return false;
    }

    private static ExpressionSyntax BackupPath(ExpressionSyntax path, SyntaxGenerator generator, INamedTypeSymbol dateTime, INamedTypeSymbol cultureInfo)
    {
        // An invariant-culture UTC timestamp: sortable, unique per run, and the same whatever the server's culture.
        // TypeExpression(…, addImport: true) lets the code-action cleanup add the using and simplify the names.
        var stamp = SyntaxFactory.InvocationExpression(
            Member(Member((ExpressionSyntax)generator.TypeExpression(dateTime, addImport: true), "UtcNow"), "ToString"),
            Arguments(
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("yyyyMMddHHmmssfff")),
                Member((ExpressionSyntax)generator.TypeExpression(cultureInfo, addImport: true), "InvariantCulture")))
            .WithAdditionalAnnotations(TimestampAnnotation, Simplifier.Annotation);
        return SyntaxFactory.BinaryExpression(
            SyntaxKind.AddExpression,
            SyntaxFactory.BinaryExpression(
                SyntaxKind.AddExpression,
                FileSystemFixSyntax.AsConcatenationOperand(path),
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(BackupSuffix))),
            stamp);
    }

    private static MemberAccessExpressionSyntax Member(ExpressionSyntax receiver, string name) =>
        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name));

    private static ArgumentListSyntax Arguments(params ExpressionSyntax[] values) =>
        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(values.Select(SyntaxFactory.Argument)));
}
