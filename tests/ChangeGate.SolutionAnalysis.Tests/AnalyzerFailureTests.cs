using System.Collections.Immutable;
using ChangeGate.Core.Analysis;
using ChangeGate.SolutionAnalysis.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.SolutionAnalysis.Tests;

/// <summary>
/// An analyzer that crashes may have missed findings; the analysis must then fail (and the gate
/// block), never pass on a warning.
/// </summary>
public sealed class AnalyzerFailureTests : IDisposable
{
    private readonly ScratchProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_crashing_analyzer_fails_the_analysis()
    {
        var result = await SolutionAnalyzer.AnalyzeAsync(
            new AnalysisRequest(_project.Directory, _project.ProjectPath, null),
            () => [.. ShippedAnalyzers.Analyzers, new CrashingAnalyzer()],
            progress: null,
            CancellationToken.None);

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("analyzer CrashingAnalyzer failed on Scratch: InvalidOperationException: crashed on purpose", problem.Message, StringComparison.Ordinal);
    }

    // The analyzer-packaging rules (RS1036, RS1038, RS1041, RS2008) are for analyzers that ship; this one lives only in this test.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

    /// <summary>Throws on every named type, as a buggy rule would.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class CrashingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "crashes", "crashes", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("crashed on purpose"), SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1036, RS1038, RS1041, RS2008
}
