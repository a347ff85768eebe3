using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>The text before a tree's first token (a licence header, a file disabled by #if) names nothing; the code after it does.</summary>
public sealed class TreeTextHeaderTests
{
    private static readonly string[] WhenAll = { "WhenAll" };

    [Theory]
    [InlineData("// Task.WhenAll is used nowhere\nclass C { }", false)]
    [InlineData("#if NEVER_DEFINED\nclass C { void M() { Task.WhenAll(); } }\n#endif\n", false)]
    [InlineData("// header\nclass C { void M() { Task.WhenAll(); } }", true)]
    [InlineData("// header\nusing static System.Threading.Tasks.Task; class C { object M() => WhenAll(); }", true)]
    [InlineData("WhenAll();", true)] // top-level statements: the first token is the name
    public void Reads_from_the_first_token(string source, bool expected) =>
        Assert.Equal(expected, TreeText.MayName(CSharpSyntaxTree.ParseText(source), WhenAll));
}
