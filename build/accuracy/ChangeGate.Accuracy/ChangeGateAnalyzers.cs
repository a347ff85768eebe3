using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Accuracy;

/// <summary>
/// The CG analyzers loaded from a built ChangeGate.Analyzers.dll, and a run of them over a compilation
/// that records every analyzer exception (AD0001) as a crash.
/// </summary>
internal sealed class ChangeGateAnalyzers
{
    private ChangeGateAnalyzers(ImmutableArray<DiagnosticAnalyzer> analyzers, string path)
    {
        All = analyzers;
        AssemblyPath = path;
    }

    public ImmutableArray<DiagnosticAnalyzer> All { get; }

    public string AssemblyPath { get; }

    public static ChangeGateAnalyzers Load(string path)
    {
        var full = Path.GetFullPath(path);
        var reference = new AnalyzerFileReference(full, new Loader());
        var errors = new List<string>();
        reference.AnalyzerLoadFailed += (_, e) => errors.Add(e.Message);
        var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
        if (analyzers.IsDefaultOrEmpty || errors.Count > 0)
        {
            throw new InvalidOperationException($"no analyzers loaded from {full}: {string.Join("; ", errors)}");
        }

        return new ChangeGateAnalyzers(analyzers, full);
    }

    /// <summary>Runs every CG analyzer over the whole compilation.</summary>
    public async Task<RunResult> RunAsync(Compilation compilation, AnalyzerConfigOptionsProvider options, CancellationToken ct = default)
    {
        var crashes = new ConcurrentBag<string>();
        var cwa = new CompilationWithAnalyzers(compilation, All, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([], options),
            onAnalyzerException: (e, analyzer, _) => crashes.Add($"{analyzer.GetType().Name}: {e.GetType().Name}: {e.Message} @ {FirstFrame(e)}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false));
        var diagnostics = await cwa.GetAnalyzerDiagnosticsAsync(ct).ConfigureAwait(false);
        return Collect(diagnostics, crashes);
    }

    /// <summary>Runs every CG analyzer over one tree of the compilation (syntax and semantic actions for that tree).</summary>
    public async Task<RunResult> RunOnTreeAsync(Compilation compilation, SyntaxTree tree, AnalyzerConfigOptionsProvider options, CancellationToken ct = default)
    {
        var crashes = new ConcurrentBag<string>();
        var cwa = new CompilationWithAnalyzers(compilation, All, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([], options),
            onAnalyzerException: (e, analyzer, _) => crashes.Add($"{analyzer.GetType().Name}: {e.GetType().Name}: {e.Message} @ {FirstFrame(e)}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false));
        var syntax = await cwa.GetAnalyzerSyntaxDiagnosticsAsync(tree, ct).ConfigureAwait(false);
        var semantic = await cwa.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, ct).ConfigureAwait(false);
        return Collect(syntax.AddRange(semantic), crashes);
    }

    private static RunResult Collect(ImmutableArray<Diagnostic> diagnostics, ConcurrentBag<string> crashes)
    {
        var findings = new List<Diagnostic>();
        var crashList = crashes.ToList();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id == "AD0001")
            {
                crashList.Add(diagnostic.GetMessage());
            }
            else if (diagnostic.Id.StartsWith("CG", StringComparison.Ordinal))
            {
                findings.Add(diagnostic);
            }
        }

        return new RunResult(findings, crashList.Distinct().ToList());
    }

    private static string FirstFrame(Exception e) =>
        e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("ChangeGate", StringComparison.Ordinal)) ?? "";

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        private readonly ConcurrentDictionary<string, Assembly> _loaded = new(StringComparer.Ordinal);

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => _loaded.GetOrAdd(fullPath, Assembly.LoadFrom);
    }
}

/// <summary>CG findings of one run and the analyzer exceptions it raised.</summary>
internal sealed record RunResult(List<Diagnostic> Findings, List<string> Crashes);
