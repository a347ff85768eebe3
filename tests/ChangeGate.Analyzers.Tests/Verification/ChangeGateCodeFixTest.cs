using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>
/// A code-fix test on .NET 10 reference assemblies that fails when the analyzer throws. The framework
/// also checks Fix All in document, project and solution scope.
/// </summary>
public sealed class ChangeGateCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private readonly AnalyzerCrashRecorder _crashes = new();

    public ChangeGateCodeFixTest()
    {
        ReferenceAssemblies = TestReferenceAssemblies.Net10;
    }

    /// <summary>Adds a root <c>.editorconfig</c> whose <c>[*.cs]</c> section holds <paramref name="lines"/>.</summary>
    public ChangeGateCodeFixTest<TAnalyzer, TCodeFix> WithEditorConfig(params string[] lines)
    {
        TestState.AnalyzerConfigFiles.Add(("/.editorconfig", EditorConfig.Text(lines)));
        return this;
    }

    protected override CompilationWithAnalyzers CreateCompilationWithAnalyzers(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, CancellationToken cancellationToken) =>
        _crashes.Attach(compilation, analyzers, options);

    protected override async Task RunImplAsync(CancellationToken cancellationToken)
    {
        await base.RunImplAsync(cancellationToken);
        _crashes.ThrowIfAnyCrashed();
    }
}
