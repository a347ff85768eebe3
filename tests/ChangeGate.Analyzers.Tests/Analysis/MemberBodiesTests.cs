using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChangeGate.Analyzers.Tests.Analysis;

public sealed class MemberBodiesTests
{
    private const string Source = """
        using System;
        using System.IO;
        using System.Threading.Tasks;
        class Base { public virtual void Undo() { } }
        class C : Base
        {
            void Empty() { }
            void EmptyWithReturn() { return; }
            Task CompletedTask() => Task.CompletedTask;
            ValueTask CompletedValueTask() => ValueTask.CompletedTask;
            Task<bool> FromResult() => Task.FromResult(true);
            async Task AwaitsNothing() { await Task.CompletedTask; }
            bool Constant() { return false; }
            void Throws() => throw new NotSupportedException();
            void LogsThenThrows() { Console.WriteLine("cannot"); throw new InvalidOperationException(); }
            void ThrowsUnlessRestored() { if (File.Exists("x.bak")) { File.Copy("x.bak", "x", true); return; } throw new InvalidOperationException(); }
            void Restores() => File.Copy("x.bak", "x", true);
            public override void Undo() => base.Undo();
        }
        """;

    private static readonly CompiledSnippet Snippet = CompiledSnippet.Compile(Source);

    [Theory]
    [InlineData("Empty", nameof(MemberBodyShape.Empty))]
    [InlineData("EmptyWithReturn", nameof(MemberBodyShape.Empty))]
    [InlineData("CompletedTask", nameof(MemberBodyShape.Empty))]
    [InlineData("CompletedValueTask", nameof(MemberBodyShape.Empty))]
    [InlineData("FromResult", nameof(MemberBodyShape.Empty))]
    [InlineData("AwaitsNothing", nameof(MemberBodyShape.Empty))]
    [InlineData("Constant", nameof(MemberBodyShape.Empty))]
    [InlineData("Throws", nameof(MemberBodyShape.AlwaysThrows))]
    [InlineData("LogsThenThrows", nameof(MemberBodyShape.AlwaysThrows))]
    [InlineData("ThrowsUnlessRestored", nameof(MemberBodyShape.DoesWork))]
    [InlineData("Restores", nameof(MemberBodyShape.DoesWork))]
    [InlineData("Undo", nameof(MemberBodyShape.OnlyCallsBase))]
    public void Classifies_what_a_body_does(string methodName, string expected)
    {
        var declaration = Snippet.Tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Single(m => m.Identifier.Text == methodName && m.Parent is ClassDeclarationSyntax { Identifier.Text: "C" });
        var method = (IMethodSymbol)Snippet.Model.GetDeclaredSymbol(declaration)!;
        var body = Snippet.Model.GetOperation(declaration)!;

        Assert.Equal(expected, new MemberBodies(Snippet.Compilation).Classify(method, new[] { body }).ToString());
    }
}
