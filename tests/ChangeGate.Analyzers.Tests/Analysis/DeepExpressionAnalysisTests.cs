using System.Collections.Immutable;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

using static ChangeGate.Analyzers.Tests.Infrastructure.DeepInput;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>
/// The path analysis must not need a stack frame per level of an expression: a compiler thread's stack is all it gets,
/// and a 9,000-term concatenation or a 10,000-call chain is ordinary generated code. These tests build the operation
/// trees on a large stack (Roslyn's own factory is recursive), then ask every question of the analysis on a 256 KB stack,
/// where a walk that recursed once per level would overflow (and kill the test host).
/// </summary>
public sealed class DeepExpressionAnalysisTests
{
    private const int SmallStack = 256 * 1024;

    // The analyzer driver may build a deep operation tree again on a pool thread, where Roslyn's recursive factory needs more
    // than the default 1.5 MB (analyzer-tests.runsettings); without it a full run's host crashes now and then.
    [Fact]
    public void The_test_host_starts_threads_with_large_stacks()
    {
        Assert.Equal("2000000", Environment.GetEnvironmentVariable("DOTNET_Thread_DefaultStackSize"));
    }

    [Fact]
    public async Task A_9000_term_concatenation_is_walked_without_recursion()
    {
        var live = Concatenation("root", 9000);
        var temporary = Concatenation("Path.GetTempPath()", 9000);
        var unique = Concatenation("Guid.NewGuid().ToString()", 9000);
        var answers = await AskAsync(
            $$"""
            var live = {{live}};
            var temp = {{temporary}};
            var fresh = Path.Combine(root, {{unique}});
            File.Copy(root, backup);
            File.Delete(live);
            File.Delete(temp);
            File.Delete(fresh);
            File.Delete({{live}});
            File.WriteAllText({{live}}, "x");
            """);

        Assert.Equal(new[] { false, true, false, false, false }, answers.Select(a => a.Temporary));
        Assert.Equal(new[] { false, false, true, false, false }, answers.Select(a => a.Unique));

        // root was copied away: every path built from root (without going up) lies inside it; the temporary one does not.
        Assert.Equal(new[] { true, false, true, true, true }, answers.Select(a => a.BackedUp));
        Assert.Equal(new[] { false, false, false, true, false }, answers.Select(a => a.SameAsNextCall));
    }

    [Fact]
    public async Task A_10000_call_chain_is_walked_without_recursion()
    {
        // A builder with one overload per method: binding stays cheap, the chain is as deep.
        var live = Chain("new PathBuilder(root)", 10000) + ".Build()";
        var temporary = Chain("new PathBuilder(Path.GetTempPath())", 10000) + ".Build()";
        var answers = await AskAsync(
            $$"""
            var path = {{live}};
            File.Delete(path);
            File.Delete({{temporary}});
            File.WriteAllText(path, "x");
            """,
            extraMembers: "class PathBuilder { public PathBuilder(string root) { } public PathBuilder Then(string part) => this; public string Build() => \"\"; }");

        Assert.Equal(new[] { false, true, false }, answers.Select(a => a.Temporary));
        Assert.Equal(new[] { false, false, false }, answers.Select(a => a.BackedUp));
        Assert.Equal(new[] { false, false, false }, answers.Select(a => a.SameAsNextCall));
        Assert.True(answers[0].SameAsTheOneAfterNext);
    }

    [Fact]
    public async Task A_10000_member_chain_is_compared_without_recursion()
    {
        // a.Next.Next…: PathKey and SamePath compare member chains link by link.
        var chain = "node" + string.Concat(Enumerable.Repeat(".Next", 10000)) + ".Path";
        var answers = await AskAsync(
            $$"""
            File.Delete({{chain}});
            File.Delete({{chain}});
            """,
            extraMembers: "class Node { public Node Next = null!; public string Path = \"\"; }",
            extraParameters: ", Node node");

        Assert.True(answers[0].SameAsNextCall);
        Assert.True(answers[0].SamePathAsNextCall);
    }

    private sealed record Answer(string Call, bool Temporary, bool Unique, bool BackedUp, bool SameAsNextCall, bool SameAsTheOneAfterNext, bool SamePathAsNextCall);

    // Compiles `body` into M, builds its operation tree on a large stack, then asks the analysis about each delete and
    // write on a small one.
    private static async Task<List<Answer>> AskAsync(string body, string extraMembers = "", string extraParameters = "")
    {
        var source = $$"""
            using System;
            using System.IO;
            using System.Text;

            {{extraMembers}}

            class C
            {
                void M(string root, string backup{{extraParameters}})
                {
                    {{body}}
                }
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("Deep", new[] { tree }, TrustedPlatformReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false)); // binds on the large stack below, not on pool threads
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
        var model = compilation.GetSemanticModel(tree);
        IOperation methodBody = null!;
        List<IOperation> operations = null!;
        await OnStack(64 * 1024 * 1024, () =>
        {
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            methodBody = model.GetOperation(method)!;
            operations = methodBody.Descendants().ToList();
        });

        var answers = new List<Answer>();
        await OnStack(SmallStack, () =>
        {
            var symbols = FileSystemSymbols.Resolve(compilation);
            var collector = new FileSystemActivityCollector(symbols, new TemporaryMembers(model.GetDeclaredSymbol(method)!.ContainingType, symbols));
            foreach (var operation in operations)
            {
                if (operation is IInvocationOperation or IObjectCreationOperation or IMethodReferenceOperation)
                {
                    collector.Collect(operation);
                }
            }

            var activity = collector.Build(ImmutableArray.Create(methodBody));
            var calls = activity.Calls.Where(c => c.Api.Action is FileSystemAction.Delete or FileSystemAction.Write).ToList();
            for (var i = 0; i < calls.Count; i++)
            {
                var path = calls[i].Subject!;
                var next = i + 1 < calls.Count ? calls[i + 1].Subject : null;
                var afterNext = i + 2 < calls.Count ? calls[i + 2].Subject : null;
                answers.Add(new Answer(
                    calls[i].DisplayName + " #" + i,
                    activity.IsTemporary(path),
                    activity.IsUnique(path),
                    activity.IsBackedUpBefore(path, calls[i].Operation, DefaultVocabularies.BackupMethods),
                    next is not null && activity.IsSame(path, next),
                    afterNext is not null && activity.IsSame(path, afterNext),
                    next is not null && SamePath.Equals(path, next)));

                // The remaining questions must complete too; their answers are covered elsewhere.
                activity.IsFresh(path, calls[i].Operation);
                activity.IsRepopulatedAfter(path, calls[i].Operation);
                activity.IsMovedIntoPlaceAfter(path, calls[i].Operation);
                DeleteIntent.IsRetention(calls[i], activity);
                DeleteIntent.IsArtifactCleanup(calls[i], activity, model.GetDeclaredSymbol(method)!, ChangeGateOptions.Default);
                activity.AssignmentsOf(path).DerivesFrom(path, _ => false);
            }
        });

        return answers;
    }
}
