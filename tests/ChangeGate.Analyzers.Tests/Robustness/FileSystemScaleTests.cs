using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using ChangeGate.Analyzers.Tests.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

using static ChangeGate.Analyzers.Tests.Infrastructure.DeepInput;

namespace ChangeGate.Analyzers.Tests.Robustness;

/// <summary>
/// The inputs that crashed the compiler or blew up the file-system rules (issue 9, item 8), at the sizes reported
/// (DeepExpressionAnalysisTests runs the path analysis itself on a small stack):
/// a 9,000-term string concatenation and a 10,000-call chain as a deleted path (stack overflow in the derivation walk),
/// 4,000, 8,000 and 16,000 deletes in one method, and 4,000 and 10,000 backup+delete+copy triples (super-quadratic).
/// Every ChangeGate rule runs over each input; the tests assert that the analysis completes without an analyzer
/// exception and finds exactly the expected findings. Time is written to the test output for the record, never asserted
/// (build/bench measures speed).
/// </summary>
/// <remarks>
/// Roslyn's own operation factory is recursive on call chains: on a 1.5 MB pool thread it overflows on a 10,000-call
/// chain before any analyzer runs. So the operation trees are built first on a thread with a large stack, through the
/// semantic models the analyzer driver then uses (they cache them), and the analyzers themselves run on pool threads:
/// walks that are not iterative overflow there. A stack overflow kills the test host, which fails the run.
/// The analysis is sequential: a concurrent driver may handle a tree's "compilation unit completed" event, which drops
/// the tree's cached semantic model, while another worker has yet to read a member of that tree; it then builds a new
/// model and its operation tree on a pool thread, and Roslyn's own walk overflows there (a flaky crash of the whole test
/// host, seen once in a full run). In order, every member of a tree is analyzed before its tree completes.
/// </remarks>
public sealed class FileSystemScaleTests
{
    private readonly ITestOutputHelper _output;

    public FileSystemScaleTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task A_9000_term_concatenation_is_analyzed_to_the_bottom_by_every_rule()
    {
        var live = Concatenation("root", 9000);
        var temporary = Concatenation("Path.GetTempPath()", 9000);
        var source = $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;

            public class ServerUpdater
            {
                private readonly List<string> _servers = new();

                public void UpdateLive(string root) { File.Delete({{live}}); }

                // The temporary origin is the deepest, leftmost term: the walk has to reach it.
                public void UpdateTemporary() { File.Delete({{temporary}}); }

                public void UpdateThroughLocal(string root)
                {
                    var path = {{live}};
                    File.WriteAllText(path, "x");
                }

                // Where the rollout rules look: a try/catch in a loop over servers.
                public void DeployAll(string root)
                {
                    foreach (var server in _servers)
                    {
                        try { DeployTo(server, {{live}}); }
                        catch (Exception ex) when (ex.Message == {{live}}) { Console.WriteLine(ex); }
                    }
                }

                private void DeployTo(string server, string payload) { }
            }
            """;

        var diagnostics = await AnalyzeAsync(source);
        Assert.Equal(1, Count(diagnostics, "CG1001"));
        Assert.Equal(1, Count(diagnostics, "CG1002"));
    }

    [Fact]
    public async Task A_10000_call_chain_is_analyzed_to_the_bottom_by_every_rule()
    {
        // A builder with one overload per method keeps the compiler's binding cheap; the chain is as deep.
        var live = Chain("new PathBuilder(root)", 10000) + ".Build()";
        var temporary = Chain("new PathBuilder(Path.GetTempPath())", 10000) + ".Build()";
        var source = $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;

            public class PathBuilder
            {
                public PathBuilder(string root) { }
                public PathBuilder Then(string part) => this;
                public string Build() => "";
            }

            public class ServerUpdater
            {
                private readonly List<string> _servers = new();

                public void UpdateTemporary() { File.Delete({{temporary}}); }

                // Where the rollout rules look too: a try/catch in a loop over servers.
                public void DeployAll(string root)
                {
                    foreach (var server in _servers)
                    {
                        try
                        {
                            File.Delete({{live}});
                            DeployTo(server);
                        }
                        catch (Exception ex) { Console.WriteLine(ex); }
                    }
                }

                private void DeployTo(string server) { }
            }
            """;

        var diagnostics = await AnalyzeAsync(source);
        Assert.Equal(1, Count(diagnostics, "CG1001"));

        // The swallowing catch in the rollout loop is still found under the deep argument.
        Assert.Equal(1, Count(diagnostics, "CG3001"));
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(8000)]
    [InlineData(16000)]
    public async Task Thousands_of_deletes_in_one_method_are_each_reported_once(int deletes)
    {
        var body = new StringBuilder();
        for (var i = 0; i < deletes; i++)
        {
            body.Append("        File.Delete(Path.Combine(root, \"f").Append(i).Append(".dat\"));\n");
        }

        // Every tenth path is backed up first, through a helper the rule recognises: those are not reported.
        for (var i = 0; i < deletes; i += 10)
        {
            body.Insert(0, $"        BackupFile(Path.Combine(root, \"f{i}.dat\"));\n");
        }

        var source = $$"""
            using System.IO;

            public class ServerUpdater
            {
                private void BackupFile(string path) { }

                public void UpdateServerFiles(string root)
                {
            {{body}}    }
            }
            """;

        var diagnostics = await AnalyzeAsync(source);
        Assert.Equal(deletes - (deletes / 10), Count(diagnostics, "CG1001"));
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(10000)]
    public async Task Thousands_of_backup_delete_copy_triples_in_one_method_are_judged_each(int triples)
    {
        var body = new StringBuilder();
        for (var i = 0; i < triples; i++)
        {
            var live = $"Path.Combine(root, \"f{i}.dat\")";
            body.Append($"        File.Copy({live}, Path.Combine(backup, \"f{i}.dat\"));\n");
            body.Append($"        File.Delete({live});\n");
            body.Append($"        File.Copy(Path.Combine(staged, \"f{i}.dat\"), {live}, true);\n");
        }

        var source = $$"""
            using System.IO;

            public class ServerUpdater
            {
                public void UpdateServerFiles(string root, string backup, string staged, string orphan)
                {
            {{body}}        File.Delete(orphan);
                    File.Copy(Path.Combine(staged, "settings.json"), Path.Combine(root, "settings.json"), true);
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(source);

        // Each delete is backed up first; each copy re-creates the file just deleted (a new file, field report class 6); the
        // last delete has no backup, and the last copy overwrites a file nothing deleted.
        Assert.Equal(1, Count(diagnostics, "CG1001"));
        Assert.Equal(1, Count(diagnostics, "CG1002"));
    }

    private static int Count(ImmutableArray<Diagnostic> diagnostics, string id) => diagnostics.Count(d => d.Id == id);

    private async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var clock = Stopwatch.StartNew();
        var tree = CSharpSyntaxTree.ParseText(source, path: "/scale/Input.cs");
        var compilation = CSharpCompilation.Create(
            "Scale",
            new[] { tree },
            TrustedPlatformReferences.All,
            // Nullable analysis off: the compiler's own nullability rewriter is recursive and overflows on a 10,000-call
            // chain on a pool thread, before any analyzer runs (the input builds in a project without <Nullable>).
            // Not a concurrent build: the compiler would bind method bodies on 1.5 MB pool threads, where its own
            // binder overflows on a 10,000-call chain; sequential, it binds on the large-stack thread below.
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
        List<Diagnostic> errors = [];
        await OnStack(64 * 1024 * 1024, () => errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList());
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var compiled = clock.Elapsed;

        var crashes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            Analyzers(),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => crashes.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true));
        await OnStack(64 * 1024 * 1024, () => BuildOperationTrees(withAnalyzers.Compilation, tree));
        var treesBuilt = clock.Elapsed;
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        foreach (var analyzer in withAnalyzers.Analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            _output.WriteLine($"  {analyzer.GetType().Name}: {telemetry.ExecutionTime.TotalSeconds:F2} s");
        }

        _output.WriteLine($"operation trees {(treesBuilt - compiled).TotalSeconds:F1} s");
        _output.WriteLine($"compile {compiled.TotalSeconds:F1} s, analyzers {(clock.Elapsed - compiled).TotalSeconds:F1} s, {diagnostics.Length} findings");
        Assert.True(crashes.IsEmpty, string.Join(Environment.NewLine, crashes));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private static void BuildOperationTrees(Compilation compilation, SyntaxTree tree)
    {
        var model = compilation.GetSemanticModel(tree);
        foreach (var member in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax>())
        {
            model.GetOperation(member);
        }
    }

    private static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
