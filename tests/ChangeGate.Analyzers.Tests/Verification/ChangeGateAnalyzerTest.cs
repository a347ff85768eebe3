using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>
/// An analyzer test on .NET 10 reference assemblies that fails when the analyzer throws.
/// Configure options with <see cref="WithEditorConfig"/>.
/// </summary>
public sealed class ChangeGateAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    private readonly AnalyzerCrashRecorder _crashes = new();

    public ChangeGateAnalyzerTest()
    {
        ReferenceAssemblies = TestReferenceAssemblies.Net10;
    }

    /// <summary>Adds a root <c>.editorconfig</c> whose <c>[*.cs]</c> section holds <paramref name="lines"/>.</summary>
    public ChangeGateAnalyzerTest<TAnalyzer> WithEditorConfig(params string[] lines)
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
