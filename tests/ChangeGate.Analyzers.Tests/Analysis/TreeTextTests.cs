using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>
/// The text shortcuts may skip a tree only when no identifier in it can spell a watched name: an identifier written with a
/// Unicode escape can, an escape in a literal or a comment cannot (a JSON library is full of those).
/// </summary>
public sealed class TreeTextTests
{
    private static readonly string[] WhenAll = { "WhenAll" };

    [Theory]
    [InlineData("""class C { void \u0052un() { } }""")]
    [InlineData("""class C { void M() { var \U00000078 = 1; } }""")]
    [InlineData("""class C { void M() { Task.\u0057henAll(); } }""")]
    [InlineData("""class C { string s = "\u0041"; void M() { int caf\u00e9 = 0; } }""")] // a literal escape first, then a real one
    public void An_identifier_written_with_an_escape_counts(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        Assert.True(TreeText.HasEscapedIdentifier(tree, tree.GetText().ToString()));
        Assert.True(TreeText.MayName(tree, WhenAll));
    }

    [Theory]
    [InlineData("""class C { string s = "\u0057henAll"; }""")]
    [InlineData("""class C { char c = '\u0041'; string t = "\U0001F600"; }""")]
    [InlineData("""class C { string s = $"{1}\u00e9"; } // \u0057henAll in a comment""")]
    [InlineData("""class C { /* \u0057henAll */ string p = @"C:\users\u"; }""")]
    [InlineData("""class C { string s = "a\\b"; }""")]
    public void Escapes_in_literals_and_comments_do_not(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        Assert.False(TreeText.HasEscapedIdentifier(tree, tree.GetText().ToString()));
        Assert.False(TreeText.MayName(tree, WhenAll));
    }
}
