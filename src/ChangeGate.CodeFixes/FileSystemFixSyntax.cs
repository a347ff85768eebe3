using System.Collections.Generic;
using System.Linq;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.CodeFixes;

/// <summary>Syntax checks and edits shared by the file-system code fixes (CG1001, CG1002).</summary>
internal static class FileSystemFixSyntax
{
    /// <summary>The invocation a diagnostic is reported on, with its classified call; null when it is not a fixable call shape.</summary>
    public static (InvocationExpressionSyntax Invocation, FileSystemCall Call)? FindCall(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var invocation = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == diagnostic.Location.SourceSpan);
        if (invocation is null || model.GetOperation(invocation) is not IInvocationOperation operation)
        {
            return null;
        }

        var call = FileSystemSymbols.Resolve(model.Compilation).Classify(operation);
        return call is null ? null : (invocation, call);
    }

    /// <summary>
    /// True when evaluating <paramref name="expression"/> again gives the same path and has no side effect, so a fix may
    /// repeat it: locals, parameters, fields, properties, constants, string concatenation and interpolation of those,
    /// and <c>System.IO.Path</c> methods over them.
    /// </summary>
    public static bool IsSafeToRepeat(ExpressionSyntax expression, SemanticModel model)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal:
                // `null + ".tmp"` is ".tmp", and `default + ".tmp"` does not compile.
                return !literal.IsKind(SyntaxKind.NullLiteralExpression) && !literal.IsKind(SyntaxKind.DefaultLiteralExpression);
            case ParenthesizedExpressionSyntax parenthesized:
                return IsSafeToRepeat(parenthesized.Expression, model);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return IsSafeToRepeat(binary.Left, model) && IsSafeToRepeat(binary.Right, model);
            case InterpolatedStringExpressionSyntax interpolated:
                return interpolated.Contents.OfType<InterpolationSyntax>().All(i => IsSafeToRepeat(i.Expression, model));
            case IdentifierNameSyntax or MemberAccessExpressionSyntax or ThisExpressionSyntax:
                return IsValueReference(expression, model);
            case InvocationExpressionSyntax invocation:
                return model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { IsStatic: true } method &&
                       SymbolEqualityComparer.Default.Equals(method.ContainingType, model.Compilation.GetTypeByMetadataName("System.IO.Path")) &&
                       invocation.ArgumentList.Arguments.All(a => a.RefKindKeyword.IsKind(SyntaxKind.None) && IsSafeToRepeat(a.Expression, model));
            default:
                return false;
        }
    }

    /// <summary>
    /// True when <paramref name="operation"/> runs inside a <c>foreach</c> over a sequence that is read as the loop goes
    /// (<c>Directory.EnumerateFiles(dir)</c>, any <c>IEnumerable</c> that is not an array or a collection): a file the fix
    /// creates next to the path may show up in that sequence and be handled again.
    /// </summary>
    public static bool IsInLazyLoop(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && IsReadLazily(loop.Collection.WalkDownConversions().Type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsReadLazily(ITypeSymbol? type)
    {
        if (type is null or IArrayTypeSymbol || type.IsRefLikeType)
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_ICollection_T
                or SpecialType.System_Collections_Generic_IReadOnlyCollection_T)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The expression ready to be the left operand of <c>+</c> (parenthesized when it binds looser).</summary>
    public static ExpressionSyntax AsConcatenationOperand(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or LiteralExpressionSyntax
            or InterpolatedStringExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax
            || expression.IsKind(SyntaxKind.AddExpression)
            ? expression.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia());

    /// <summary>True when the type declares <paramref name="name"/>(string…) with exactly <paramref name="parameterCount"/> parameters.</summary>
    public static IMethodSymbol? FindMethod(ITypeSymbol type, string name, int parameterCount)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol method && method.Parameters.Length == parameterCount &&
                method.Parameters[0].Type.SpecialType == SpecialType.System_String)
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>
    /// Replaces <paramref name="statement"/> with <paramref name="replacements"/>. In a block, switch section or top-level
    /// code they take its place; in an embedded position (<c>if (x) stmt;</c>) they are wrapped in a block, which also
    /// keeps an <c>else</c> bound to the right <c>if</c>.
    /// </summary>
    public static void ReplaceStatement(SyntaxEditor editor, StatementSyntax statement, IReadOnlyList<StatementSyntax> replacements)
    {
        var formatted = replacements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        formatted[0] = formatted[0].WithLeadingTrivia(statement.GetLeadingTrivia());
        formatted[formatted.Count - 1] = formatted[formatted.Count - 1].WithTrailingTrivia(statement.GetTrailingTrivia());

        switch (statement.Parent)
        {
            case BlockSyntax or SwitchSectionSyntax:
                if (formatted.Count > 1)
                {
                    editor.InsertAfter(statement, formatted.Skip(1));
                }

                editor.ReplaceNode(statement, formatted[0]);
                break;
            case GlobalStatementSyntax global:
                if (formatted.Count > 1)
                {
                    editor.InsertAfter(global, formatted.Skip(1).Select(s => SyntaxFactory.GlobalStatement(s)));
                }

                editor.ReplaceNode(statement, formatted[0]);
                break;
            default:
                editor.ReplaceNode(
                    statement,
                    SyntaxFactory.Block(formatted.Select(s => s.WithoutLeadingTrivia().WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)))
                        .WithTriviaFrom(statement)
                        .WithAdditionalAnnotations(Formatter.Annotation));
                break;
        }
    }

    private static bool IsValueReference(ExpressionSyntax expression, SemanticModel model)
    {
        if (expression is ThisExpressionSyntax)
        {
            return true;
        }

        var symbol = model.GetSymbolInfo(expression).Symbol;
        var isValue = symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol { Parameters.Length: 0 } or INamedTypeSymbol;
        if (!isValue)
        {
            return false;
        }

        return expression is not MemberAccessExpressionSyntax memberAccess || IsSafeToRepeat(memberAccess.Expression, model);
    }
}
