using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>
/// Short entry points for rule tests. Mark expected findings in the source with
/// <c>{|CG1001:File.Delete(path)|}</c>, or pass <see cref="DiagnosticResult"/>s for messages.
/// </summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic of the analyzer's only rule (or the rule with <paramref name="id"/>).</summary>
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(Descriptor(id));

    /// <summary>Runs the analyzer on <paramref name="source"/> and checks the findings.</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new ChangeGateAnalyzerTest<TAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Runs the analyzer on <paramref name="source"/> with <c>.editorconfig</c> lines and checks the findings.</summary>
    public static Task AnalyzerWithOptionsAsync(string source, string[] editorConfigLines, params DiagnosticResult[] expected)
    {
        var test = new ChangeGateAnalyzerTest<TAnalyzer> { TestCode = source }.WithEditorConfig(editorConfigLines);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// Runs the analyzer on code that does not compile: compiler errors are not checked, but the
    /// analyzer must not throw and must report exactly <paramref name="expected"/>.
    /// </summary>
    public static Task AnalyzerOnBrokenCodeAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new ChangeGateAnalyzerTest<TAnalyzer> { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Applies <typeparamref name="TCodeFix"/> to every finding and compares with <paramref name="fixedSource"/> (Fix All included).</summary>
    public static Task CodeFixAsync<TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new ChangeGateCodeFixTest<TAnalyzer, TCodeFix> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticDescriptor Descriptor(string id)
    {
        foreach (var descriptor in new TAnalyzer().SupportedDiagnostics)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        throw new ArgumentException($"{typeof(TAnalyzer).Name} has no rule {id}.", nameof(id));
    }
}
