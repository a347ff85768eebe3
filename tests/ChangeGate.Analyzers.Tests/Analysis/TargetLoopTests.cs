using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Tests.Analysis;

public sealed class TargetLoopTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;
        public sealed class Server { }
        class C
        {
            void M(List<Server> servers, string[] hosts, Queue<string> pending, List<string> files, Server[][] waves)
            {
                foreach (var server in servers) Marker();                    // 0: element type
                foreach (var h in hosts) Marker();                           // 1: collection name
                for (var i = 0; i < hosts.Length; i++) Marker();             // 2: condition reads hosts
                while (pending.TryDequeue(out var node)) Marker();           // 3: declares node
                for (var attempt = 0; attempt < 3; attempt++) Marker();      // 4: retries, not targets
                foreach (var file in files) Marker();                        // 5: files
                foreach (var wave in waves) Marker();                        // 6: batches
                servers.ForEach(server => Marker());                         // 7: List<T>.ForEach
                Parallel.ForEach(hosts, host => Marker());                   // 8: Parallel.ForEach
                Parallel.ForEach(servers, Deploy);                           // 9: method group
                foreach (var logFile in Directory.GetFiles(".", "server.log")) Marker(); // 10: server.log
            }

            void Deploy(Server server) { }
            static void Marker() { }
        }
        """;

    private static readonly CompiledSnippet Snippet = CompiledSnippet.Compile(Source);
    private static readonly RolloutApis Apis = RolloutApis.Resolve(Snippet.Compilation);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(10, false)]
    public void Recognizes_loop_statements_over_targets(int index, bool expected)
    {
        var loop = Snippet.Operations<StatementSyntax>().OfType<ILoopOperation>().ElementAt(index < 7 ? index : index - 3);
        Assert.Equal(expected, TargetLoop.TryCreate(loop, Apis, DefaultVocabularies.TargetNames, out _));
    }

    [Fact]
    public void Recognizes_delegate_loops_and_what_return_means_in_them()
    {
        var invocations = Snippet.Operations<InvocationExpressionSyntax>().OfType<IInvocationOperation>()
            .Where(i => i.TargetMethod.Name == "ForEach").ToList();

        Assert.True(TargetLoop.TryCreate(invocations[0], Apis, DefaultVocabularies.TargetNames, out var listForEach));
        Assert.True(listForEach.BodyIsDelegate);
        Assert.False(listForEach.IsParallel);
        Assert.Equal("servers", listForEach.Description);

        Assert.True(TargetLoop.TryCreate(invocations[1], Apis, DefaultVocabularies.TargetNames, out var parallel));
        Assert.True(parallel.IsParallel);
        Assert.NotNull(parallel.Body);

        Assert.True(TargetLoop.TryCreate(invocations[2], Apis, DefaultVocabularies.TargetNames, out var methodGroup));
        Assert.Null(methodGroup.Body);
        Assert.Equal("Deploy", methodGroup.BodyMethod?.Name);
    }

    [Fact]
    public void Finds_the_innermost_target_loop_around_an_operation_but_not_across_other_lambdas()
    {
        var snippet = CompiledSnippet.Compile("""
            using System;
            using System.Collections.Generic;
            public sealed class Server { }
            class C
            {
                void M(List<Server> servers, List<Action> later)
                {
                    foreach (var server in servers)
                    {
                        for (var attempt = 0; attempt < 3; attempt++) { First(); }
                        later.Add(() => Second());
                    }
                }

                static void First() { }
                static void Second() { }
            }
            """);
        var apis = RolloutApis.Resolve(snippet.Compilation);
        var first = snippet.Operation<InvocationExpressionSyntax>(i => i.ToString() == "First()");
        var second = snippet.Operation<InvocationExpressionSyntax>(i => i.ToString() == "Second()");

        var loops = TargetLoop.EnclosingAll(first, apis, DefaultVocabularies.TargetNames);
        Assert.IsAssignableFrom<IForEachLoopOperation>(Assert.Single(loops).Operation);
        Assert.Empty(TargetLoop.EnclosingAll(second, apis, DefaultVocabularies.TargetNames));
        Assert.Equal(2, TargetLoop.EnclosingLoops(first, apis).Count());
    }

    // IsOverTargets asks names before it reads a type's interfaces; the order must not change the answers: a batch variable
    // says no before a target name after it, an explicitly typed variable leaves the element type to the collection, and a
    // collection enumerated by pattern alone (no IEnumerable<T>) is read through its `var` element.
    private const string OrderSource = """
        using System.Collections;
        using System.Collections.Generic;
        public sealed class Host { }
        public sealed class Fleet
        {
            public Enumerator GetEnumerator() => default;
            public struct Enumerator { public Host Current => null; public bool MoveNext() => false; }
        }
        class C
        {
            void M(Fleet fleet, List<(List<Host> batch, Host host)> plan, ArrayList machines, List<Host> items, Dictionary<string, List<Host>> groups)
            {
                foreach (var h in fleet) Marker();                           // 0: pattern-only collection of hosts
                foreach (var (batch, host) in plan) Marker();                // 1: a batch before the host: no
                foreach (Host m in machines) Marker();                       // 2: declared Host over a non-generic list
                foreach (var item in items) Marker();                        // 3: element type Host
                foreach (var pair in groups) Marker();                       // 4: pairs of names and host lists
                foreach (var x in items.ToArray()) Marker();                 // 5: an array of hosts
            }

            static void Marker() { }
        }
        """;

    private static readonly CompiledSnippet OrderSnippet = CompiledSnippet.Compile(OrderSource);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void Names_first_keeps_the_answers(int index, bool expected)
    {
        var loop = OrderSnippet.Operations<StatementSyntax>().OfType<ILoopOperation>().ElementAt(index);
        Assert.Equal(expected, TargetLoop.TryCreate(loop, RolloutApis.Resolve(OrderSnippet.Compilation), DefaultVocabularies.TargetNames, out _));
    }
}
