using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>
/// Records exceptions thrown by analyzers during a test run. An analyzer exception would surface as
/// AD0001 in a real build; every test fails on one, including tests over code that does not compile.
/// </summary>
internal sealed class AnalyzerCrashRecorder
{
    private readonly ConcurrentQueue<string> _crashes = new();

    public CompilationWithAnalyzers Attach(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options)
    {
        var withAnalyzers = new CompilationWithAnalyzersOptions(
            options,
            onAnalyzerException: (exception, analyzer, _) => _crashes.Enqueue($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        return compilation.WithAnalyzers(analyzers, withAnalyzers);
    }

    public void ThrowIfAnyCrashed()
    {
        if (!_crashes.IsEmpty)
        {
            throw new InvalidOperationException("AD0001: an analyzer threw:" + Environment.NewLine + string.Join(Environment.NewLine, _crashes));
        }
    }
}
