using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChangeGate.Accuracy;

/// <summary>
/// Lists, by syntax only and independently of the CG analyzers, every site of a chosen file that a
/// labeller must judge: calls that delete or write files (by the BCL name or a wrapper's name), types
/// that look like steps or migrations, catches inside loops, and loops or fan-outs that call something.
/// It is deliberately broader than any rule, so that labelling is exhaustive and blind to what the
/// analyzers report.
/// </summary>
internal static class Candidates
{
    private static readonly Regex DeleteName = new(@"Delete|Wipe|Purge|Erase|Clean(up)?(Directory|Folder|Files?)|Remove(Directory|Folder|File)|EmptyFolder|ClearFolder", RegexOptions.Compiled);
    private static readonly Regex WriteName = new(@"^(WriteAll\w*|Copy\w*|Create|CreateText|OpenWrite|Open|Save\w*|Extract\w*|Write\w*File\w*|Replace\w*File|Overwrite\w*|Mirror\w*|Sync\w*(Dir|Folder|Tree)\w*|Unzip\w*|Move\w*)$", RegexOptions.Compiled);
    private static readonly Regex StepWord = new(@"Migrat|Upgrad|Update|Fixup|Step|Routine|Patch|Install|Deploy|Setup|Seed", RegexOptions.Compiled);

    public static IEnumerable<string> For(string repoRoot, string relativePath)
    {
        var full = Path.Combine(repoRoot, relativePath);
        var tree = CSharpSyntaxTree.ParseText(Sources.Read(full), new CSharpParseOptions(LanguageVersion.Preview), full);
        var root = tree.GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax call:
                    var name = Name(call.Expression);
                    if (name is null)
                    {
                        break;
                    }

                    if (DeleteName.IsMatch(name))
                    {
                        yield return Line(call, "delete", call);
                    }
                    else if (WriteName.IsMatch(name) && !name.StartsWith("Move", StringComparison.Ordinal))
                    {
                        yield return Line(call, "write", call);
                    }
                    else if (name.StartsWith("Move", StringComparison.Ordinal))
                    {
                        yield return Line(call, "move", call);
                    }
                    else if (name is "ForEach" or "ForEachAsync" or "WhenAll" or "WaitAll")
                    {
                        yield return Line(call, "fan-out", call);
                    }

                    break;
                case ObjectCreationExpressionSyntax creation when creation.Type.ToString() is "FileStream" or "StreamWriter" or "BinaryWriter" or "System.IO.FileStream" or "System.IO.StreamWriter":
                    yield return Line(creation, "write", creation);
                    break;
                case TypeDeclarationSyntax type when type is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax:
                    var bases = type.BaseList?.Types.Select(t => t.Type.ToString()) ?? [];
                    var attributes = type.AttributeLists.SelectMany(a => a.Attributes).Select(a => a.Name.ToString());
                    if (StepWord.IsMatch(type.Identifier.Text) || bases.Any(StepWord.IsMatch) || attributes.Any(StepWord.IsMatch))
                    {
                        var members = type.Members.OfType<MethodDeclarationSyntax>().Where(m => !m.Modifiers.Any(SyntaxKind.PrivateKeyword)).Select(m => m.Identifier.Text);
                        yield return $"{Position(type.Identifier)}\ttype\t{type.Keyword.Text} {type.Identifier.Text} : {string.Join(", ", bases)} [{string.Join(", ", attributes)}] {{ {string.Join(", ", members.Distinct())} }}";
                    }

                    break;
                case CatchClauseSyntax catchClause when catchClause.Ancestors().Any(IsLoop) || catchClause.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => Name(i.Expression) is "ForEach" or "ForEachAsync"):
                    var loop = catchClause.Ancestors().FirstOrDefault(a => IsLoop(a) || a is InvocationExpressionSyntax);
                    yield return $"{Position(catchClause.CatchKeyword)}\tcatch\t{catchClause.Declaration?.ToString() ?? "catch"}{(catchClause.Filter is null ? "" : " when…")} in loop at {(loop is null ? "?" : Position(loop.GetFirstToken()))}";
                    break;
                case ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachVariableStatementSyntax:
                    if (node.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => Name(i.Expression) is { } n && StepWord.IsMatch(n)))
                    {
                        yield return $"{Position(node.GetFirstToken())}\tloop\t{Header(node)}";
                    }

                    break;
            }
        }
    }

    private static bool IsLoop(SyntaxNode node) =>
        node is ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachVariableStatementSyntax;

    private static string Header(SyntaxNode loop) => loop switch
    {
        ForEachStatementSyntax f => $"foreach ({f.Type} {f.Identifier} in {f.Expression})",
        ForStatementSyntax f => $"for (…; {f.Condition}; …)",
        WhileStatementSyntax w => $"while ({w.Condition})",
        DoStatementSyntax d => $"do … while ({d.Condition})",
        _ => loop.GetFirstToken().Text,
    };

    private static string? Name(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax id => id.Identifier.Text,
        GenericNameSyntax g => g.Identifier.Text,
        MemberAccessExpressionSyntax m => m.Name.Identifier.Text,
        MemberBindingExpressionSyntax b => b.Name.Identifier.Text,
        _ => null,
    };

    private static string Position(SyntaxToken token) => (token.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString();

    private static string Line(SyntaxNode node, string kind, SyntaxNode text)
    {
        var flat = Regex.Replace(text.ToString(), @"\s+", " ");
        return $"{Position(node.GetFirstToken())}\t{kind}\t{(flat.Length > 160 ? flat[..160] + "…" : flat)}";
    }
}
