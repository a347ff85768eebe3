using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>
/// The classifier's text facts (where a tree spells an update word) are kept per tree, so that a tree the IDE reuses from one
/// compilation to the next is read once: the kept facts must never answer for another vocabulary, nor carry anything of the
/// compilation that read them first.
/// </summary>
public sealed class UpdateCodeClassifierTreeFactsTests
{
    // Frobnicate is no update word by default; under changegate.update_names = Frobnicate the local function makes M update
    // code, and only the tree's text says so (M, C and the namespace name nothing).
    private const string Source = "class C { void M() { void Frobnicate() { } Frobnicate(); } void N() { } }";

    [Fact]
    public void One_tree_read_under_two_vocabularies_gets_each_ones_answer_in_both_orders()
    {
        var tree = CSharpSyntaxTree.ParseText(Source, path: "/src/C.cs");
        var defaults = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new UpdateNamesOptions(null));
        var frobnicating = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new UpdateNamesOptions("Frobnicate"));
        var first = Compile(tree, "T");
        var next = Compile(tree, "T2");

        Assert.Equal((false, false), Ask(first, defaults));
        Assert.Equal((true, true), Ask(next, frobnicating));
        Assert.Equal((false, false), Ask(next, defaults));
        Assert.Equal((true, true), Ask(first, frobnicating));

        // And in the other order, on a fresh tree of the same text.
        var other = CSharpSyntaxTree.ParseText(Source, path: "/src/C.cs");
        Assert.Equal((true, true), Ask(Compile(other, "T3"), frobnicating));
        Assert.Equal((false, false), Ask(Compile(other, "T4"), defaults));
    }

    [Fact]
    public void A_tree_kept_across_compilations_is_read_for_the_new_compilations_symbols()
    {
        // The IDE edits another file of the same partial type: it now carries [UpdateStep]. The unchanged tree's kept text
        // facts must not hide what the new compilation's symbols say of M, and the old compilation keeps its own answer.
        var unchanged = CSharpSyntaxTree.ParseText("partial class C { void M() { } }", path: "/src/C.cs");
        var before = CSharpSyntaxTree.ParseText("partial class C { }", path: "/src/C.Part.cs");
        var after = CSharpSyntaxTree.ParseText(
            "[UpdateStep] partial class C { } sealed class UpdateStepAttribute : System.Attribute { }", path: "/src/C.Part.cs");
        var defaults = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new UpdateNamesOptions(null));
        var old = Compile("T", unchanged, before);

        Assert.Equal((false, false), Ask(old, defaults));
        Assert.Equal((true, true), Ask(Compile("T2", unchanged, after), defaults));
        Assert.Equal((false, false), Ask(old, defaults));
        Assert.Equal((false, false), Ask(Compile("T3", unchanged, before), defaults));
    }

    // The text before the first token (a licence header) is not searched: no block or type declaration starts there, so what
    // it spells changes nothing, and what the code after it spells is still found.
    [Theory]
    [InlineData("// Install, deploy or update at will.\nclass C { void M() { } }", false)]
    [InlineData("#region License\n// Install, deploy or update at will.\n#endregion\nclass C { void M() { void InstallNow() { } InstallNow(); } }", true)]
    [InlineData("class C { void M() { void InstallNow() { } InstallNow(); } }", true)]
    // Both WriteToDirectory and WriteEntryToDirectory are found by one search for their common part.
    [InlineData("/* header */ class C { void M(string dir) { H.WriteEntryToDirectory(dir); } } static class H { public static void WriteEntryToDirectory(string d) { } }", true)]
    [InlineData("class C { void M(string dir) { H.WriteToDirectory(dir); } } static class H { public static void WriteToDirectory(string d) { } }", true)]
    [InlineData("class C { void M(string dir) { H.WriteEntryToFolder(dir); } } static class H { public static void WriteEntryToFolder(string d) { } }", false)]
    public void Reads_the_code_after_the_header(string source, bool expected)
    {
        var defaults = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new UpdateNamesOptions(null));
        Assert.Equal((expected, expected), Ask(Compile(CSharpSyntaxTree.ParseText(source), "T"), defaults));
    }

    private static CSharpCompilation Compile(SyntaxTree tree, string name) => Compile(name, tree);

    private static CSharpCompilation Compile(string name, params SyntaxTree[] trees) =>
        CSharpCompilation.Create(name, trees, TrustedPlatformReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    // (may the type hold update code, may M's block hold it), asked of the compilation's shared classifier.
    private static (bool Type, bool Block) Ask(CSharpCompilation compilation, AnalyzerOptions analyzerOptions)
    {
        var tree = compilation.SyntaxTrees[0];
        var options = ChangeGateOptions.For(analyzerOptions, tree);
        var classifier = UpdateCodeClassifier.For(compilation);
        var model = compilation.GetSemanticModel(tree);
        var type = compilation.GetTypeByMetadataName("C")!;
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
        var block = model.GetOperation(method)!;
        return (classifier.TypeMayContainUpdateCode(type, options),
                classifier.MayContainUpdateCode(model.GetDeclaredSymbol(method)!, ImmutableArray.Create(block), options));
    }

    // changegate.update_names for every tree (null: not set).
    private sealed class UpdateNamesOptions(string? updateNames) : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptions _values = new Values(updateNames);

        public override AnalyzerConfigOptions GlobalOptions => _values;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _values;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _values;

        private sealed class Values(string? updateNames) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
            {
                value = key == "changegate.update_names" ? updateNames : null;
                return value is not null;
            }
        }
    }
}
