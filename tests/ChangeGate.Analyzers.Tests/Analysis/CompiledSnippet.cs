using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>A small C# program compiled against the running framework, for unit tests of the shared analysis.</summary>
internal sealed class CompiledSnippet
{
    private CompiledSnippet(CSharpCompilation compilation, SyntaxTree tree)
    {
        Compilation = compilation;
        Tree = tree;
        Model = compilation.GetSemanticModel(tree);
    }

    public CSharpCompilation Compilation { get; }

    public SyntaxTree Tree { get; }

    public SemanticModel Model { get; }

    /// <summary>Compiles <paramref name="source"/> and fails the test when it does not compile.</summary>
    public static CompiledSnippet Compile(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create(
            "Snippet",
            new[] { tree },
            TrustedPlatformReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return new CompiledSnippet(compilation, tree);
    }

    /// <summary>The operation of the first syntax node of type <typeparamref name="TSyntax"/> that satisfies <paramref name="match"/>.</summary>
    public IOperation Operation<TSyntax>(Func<TSyntax, bool> match)
        where TSyntax : SyntaxNode
    {
        var node = Tree.GetRoot().DescendantNodes().OfType<TSyntax>().First(match);
        return Model.GetOperation(node) ?? throw new InvalidOperationException($"No operation for {node}");
    }

    /// <summary>The operations of every syntax node of type <typeparamref name="TSyntax"/>, in source order.</summary>
    public IReadOnlyList<IOperation> Operations<TSyntax>()
        where TSyntax : SyntaxNode =>
        Tree.GetRoot().DescendantNodes().OfType<TSyntax>().Select(node => Model.GetOperation(node)!).ToList();
}
