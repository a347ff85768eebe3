using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using ChangeGate.Analyzers.Analysis;
using ChangeGate.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>
/// Inputs at the sizes that crashed or stalled the compiler with the analyzers on: a 9,000-term string concatenation, a
/// 10,000-call chain, thousands of statements (and catches, and fan-outs) in one method. The rules and the shared analysis
/// behind them (catch clauses, target loops, member bodies, deployment targets, the update-code classifier) must finish
/// without a stack overflow and with the findings a small input gives. These tests assert results, never time.
/// </summary>
public sealed class HugeInputTests
{
    private const int Terms = 9_000;
    private const int Calls = 10_000;
    private const int Statements = 3_000;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Rules = ImmutableArray.Create<DiagnosticAnalyzer>(
        new UpdateStepWithoutRollbackAnalyzer(),
        new IrreversibleMigrationAnalyzer(),
        new RolloutLoopSwallowsFailureAnalyzer(),
        new UnstagedFanOutAnalyzer(),
        new InvalidOptionValueAnalyzer());

    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.IO.Compression;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;

        public interface IUpdateStep { void Apply(); }

        """;

    [Fact]
    public async Task A_9000_term_concatenation_in_loops_conditions_catches_and_bodies()
    {
        var concat = Concatenation("\"t", "\"", Terms);
        var source = Prelude + $$"""
            class Rollout
            {
                private string _flag = "";

                void Run(List<string> servers)
                {
                    foreach (var server in servers)
                    {
                        try { DeployTo(server, {{concat}}); }
                        catch (Exception ex) { Console.WriteLine(ex); if (({{concat}}) == _flag) return; }
                    }

                    for (var i = 0; i < servers.Count && ({{concat}}).Length > 0; i++)
                    {
                        try { DeployTo(servers[i], ""); }
                        catch (Exception ex) { if (ex.Message == {{concat}}) throw; }
                    }
                }

                void DeployTo(string server, string payload) { }
            }

            sealed class WriteBanner : IUpdateStep
            {
                public void Apply() => File.WriteAllText("/srv/banner", {{concat}});
                public void Rollback() { var text = {{concat}}; }
            }

            static class Unpacker
            {
                public static void Expand(string zip, string dir)
                {
                    ZipFile.ExtractToDirectory(zip, dir + {{concat}});
                    File.Delete(dir);
                }
            }
            """;

        var (compilation, diagnostics) = await AnalyzeAsync(source);

        // The first loop's catch leaves only on an unrelated flag; the second rethrows on a failure it tested. Neither loop
        // checks health between servers.
        Assert.Single(diagnostics, d => d.Id == "CG3001");
        Assert.Equal(2, diagnostics.Count(d => d.Id == "CG3002"));
        Assert.Equal(3, diagnostics.Count);

        // The classifier reads the huge path expression within its budget: the extraction target is derived from a parameter.
        var delete = Invocation(compilation, "Delete");
        var classifier = UpdateCodeClassifier.For(compilation);
        Assert.True(classifier.IsUpdateCode(delete.Operation, delete.Member, ChangeGateOptions.Default));
    }

    // Roslyn's own operation factory recurses once per call of a chain: at 10,000 calls it overflows a 1.5 MB thread stack
    // before any analyzer runs. So the tree is built on a thread with a large stack, and our code then reads it on a thread
    // with a small one, where any recursion per call would overflow.
    [Fact]
    public void A_10000_call_chain_is_read_without_recursion()
    {
        var source = Prelude + $$"""
            class Rollout
            {
                void Run(Fleet fleet)
                {
                    foreach (var server in {{Chain("fleet", ".Servers()", Calls)}})
                    {
                        try { DeployTo(server, {{Chain("new StringBuilder()", ".Append(1)", Calls)}}); }
                        catch (Exception ex) { if ({{Chain("ex.Message", ".Trim()", Calls)}} == "") return; }
                    }
                }

                void DeployTo(string server, StringBuilder payload) { }
            }

            sealed class Fleet : IEnumerable<string>
            {
                public Fleet Servers() => this;
                public IEnumerator<string> GetEnumerator() { yield break; }
                System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            }
            """;

        var compilation = Compile(source);
        var tree = compilation.SyntaxTrees[0];
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.ValueText == "Run");
        IOperation? body = null;
        RunWithStack(256 * 1024 * 1024, () => body = model.GetOperation(method));

        var answers = new List<object?>();
        RunWithStack(256 * 1024, () =>
        {
            var apis = RolloutApis.Resolve(compilation);
            var classifier = UpdateCodeClassifier.For(compilation);
            var catchClause = body!.Descendants().OfType<ICatchClauseOperation>().Single();
            var tryOperation = (ITryOperation)catchClause.Parent!;
            var rollout = TargetLoop.EnclosingAll(tryOperation, apis, DefaultVocabularies.TargetNames);
            answers.Add(rollout.Count);
            answers.Add(rollout[0].Description);
            answers.Add(UpdateCalls.FindFirst(tryOperation.Body, classifier, ChangeGateOptions.Default));
            answers.Add(CatchClauses.StopsRollout(catchClause, rollout, apis));
            answers.Add(HealthChecks.Contains(body!, classifier, ChangeGateOptions.Default));
            answers.Add(classifier.IsUpdateCode(catchClause, model.GetDeclaredSymbol(method)!, ChangeGateOptions.Default));
        });

        // One loop over fleet.Servers()…; the update is DeployTo; the catch's exit reads the exception, so it is a decision
        // about the failure; no health check; the code is in Rollout, an update-named type.
        Assert.Equal(new object?[] { 1, "Servers", "DeployTo", true, false, true }, answers);
    }

    private static string Chain(string start, string call, int count)
    {
        var text = new StringBuilder(start);
        for (var i = 0; i < count; i++)
        {
            text.Append(call);
        }

        return text.ToString();
    }

    private static void RunWithStack(int bytes, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            bytes);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("failed on the worker thread", failure);
        }
    }

    [Fact]
    public async Task Thousands_of_catches_and_fan_outs_in_one_loop_body()
    {
        var checkedCatches = new StringBuilder();
        var uncheckedCatches = new StringBuilder();
        var stagedFanOuts = new StringBuilder();
        var unstagedFanOuts = new StringBuilder();
        for (var i = 0; i < Statements; i++)
        {
            checkedCatches.Append("try { DeployTo(server); } catch (Exception) { errors++; }\n");
            uncheckedCatches.Append("try { DeployTo(server); } catch (Exception) { misses++; }\n");
            stagedFanOuts.Append("Parallel.ForEach(servers, s => DeployTo(s));\n");
            unstagedFanOuts.Append("Parallel.ForEach(servers, s => DeployTo(s));\n");
        }

        var source = Prelude + $$"""
            class Rollout
            {
                void Run(List<string> servers, List<List<string>> regions)
                {
                    var errors = 0;
                    var misses = 0;
                    foreach (var server in servers)
                    {
                        if (errors > 0) break;
                        {{checkedCatches}}
                    }

                    foreach (var server in servers)
                    {
                        {{uncheckedCatches}}
                    }

                    foreach (var wave in regions)
                    {
                        if (!IsHealthy()) break;
                        {{stagedFanOuts}}
                    }

                    foreach (var attempt in Enumerable.Range(0, 3))
                    {
                        {{unstagedFanOuts}}
                    }
                }

                bool IsHealthy() => true;
                void DeployTo(string server) { }
            }
            """;

        var (_, diagnostics) = await AnalyzeAsync(source);

        // Every catch of the second loop swallows; the first loop checks its error count before the next server.
        Assert.Equal(Statements, diagnostics.Count(d => d.Id == "CG3001"));

        // Every fan-out in the loop of attempts, and the two loops over servers (no health check between servers).
        Assert.Equal(Statements + 2, diagnostics.Count(d => d.Id == "CG3002"));
    }

    [Fact]
    public async Task Thousands_of_statements_in_apply_rollback_and_migration_bodies()
    {
        var body = new StringBuilder();
        for (var i = 0; i < Statements; i++)
        {
            body.Append("Console.WriteLine(").Append(i).Append(");\n");
        }

        var nested = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            nested.Append('{');
        }

        nested.Append("Console.WriteLine(\"deep\");");
        for (var i = 0; i < 500; i++)
        {
            nested.Append('}');
        }

        var source = Prelude + $$"""
            sealed class BigStep : IUpdateStep
            {
                public void Apply() { {{body}} File.WriteAllText("/srv/x", "y"); }
                public void Rollback() { {{body}} }
            }

            sealed class DeepStep : IUpdateStep
            {
                public void Apply() { }
                public void Rollback() { {{nested}} }
            }

            sealed class {|empty|}EmptyStep : IUpdateStep
            {
                public void Apply() { {{body}} File.Delete("/srv/x"); }
                public void Rollback() { { { } } }
            }
            """.Replace("{|empty|}", "");

        var (_, diagnostics) = await AnalyzeAsync(source);

        var reported = Assert.Single(diagnostics);
        Assert.Equal("CG2001", reported.Id);
        Assert.Contains("'EmptyStep'", reported.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_classifier_reads_a_method_of_thousands_of_statements_once()
    {
        var body = new StringBuilder();
        for (var i = 0; i < Statements; i++)
        {
            body.Append("File.Delete(\"/tmp/").Append(i).Append("\");\n");
        }

        var source = Prelude + $$"""
            static class Tools
            {
                static void Housekeeping() { {{body}} }
                static void WithInstaller() { {{body}} void InstallLocally() => File.Delete("/srv/app"); InstallLocally(); }
            }
            """;

        var compilation = Compile(source);
        var classifier = UpdateCodeClassifier.For(compilation);
        var model = compilation.GetSemanticModel(compilation.SyntaxTrees[0]);
        foreach (var (name, expected) in new[] { ("Housekeeping", false), ("WithInstaller", true) })
        {
            var method = compilation.SyntaxTrees[0].GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == name);
            var symbol = model.GetDeclaredSymbol(method)!;
            var block = model.GetOperation(method)!;
            Assert.Equal(expected, classifier.MayContainUpdateCode(symbol, ImmutableArray.Create(block), ChangeGateOptions.Default));
            Assert.Equal(expected, classifier.MayContainUpdateCode(symbol, ImmutableArray.Create(block), ChangeGateOptions.Default));
        }
    }

    private static string Concatenation(string open, string close, int terms)
    {
        var text = new StringBuilder();
        for (var i = 0; i < terms; i++)
        {
            if (i > 0)
            {
                text.Append(" + ");
            }

            text.Append(open).Append(i).Append(close);
        }

        return text.ToString();
    }

    private static CSharpCompilation Compile(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Huge",
            new[] { CSharpSyntaxTree.ParseText(source) },
            TrustedPlatformReferences.All,
            // Not a concurrent build, and on a large stack: the compiler's own binder recurses once per call of a chain and
            // overflows a 1.5 MB pool thread at 10,000 calls (a crash of the whole test host, seen in full runs).
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
        List<Diagnostic> errors = [];
        RunWithStack(256 * 1024 * 1024, () => errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList());
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return compilation;
    }

    private static async Task<(CSharpCompilation Compilation, IReadOnlyList<Diagnostic> Diagnostics)> AnalyzeAsync(string source)
    {
        var compilation = Compile(source);
        var crashes = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => crashes.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(Rules, options).GetAnalyzerDiagnosticsAsync();
        Assert.True(crashes.IsEmpty, string.Join(Environment.NewLine, crashes));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return (compilation, diagnostics);
    }

    private static (IOperation Operation, ISymbol Member) Invocation(CSharpCompilation compilation, string name)
    {
        var tree = compilation.SyntaxTrees[0];
        var model = compilation.GetSemanticModel(tree);
        var call = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .First(i => i.Expression is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == name);
        var member = model.GetEnclosingSymbol(call.SpanStart)!;
        return (model.GetOperation(call)!, member);
    }
}
