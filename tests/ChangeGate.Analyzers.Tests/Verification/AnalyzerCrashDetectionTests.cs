using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>The shared test helper must fail a test when an analyzer throws (what a build shows as AD0001).</summary>
public sealed class AnalyzerCrashDetectionTests
{
    [Fact]
    public async Task A_throwing_analyzer_fails_the_test()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            Verify<ThrowingAnalyzer>.AnalyzerAsync("class C { void M() { } }"));

        Assert.Contains("AD0001", failure.Message);
        Assert.Contains(nameof(ThrowingAnalyzer), failure.Message);
    }

    [Fact]
    public async Task A_throwing_analyzer_fails_the_test_on_broken_code_too()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            Verify<ThrowingAnalyzer>.AnalyzerOnBrokenCodeAsync("class C { void M( { } "));

        Assert.Contains("AD0001", failure.Message);
    }

    [Fact]
    public async Task A_quiet_analyzer_passes()
    {
        await Verify<QuietAnalyzer>.AnalyzerAsync("class C { void M() { } }");
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0001", "t", "t", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("boom"), SyntaxKind.ClassDeclaration);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class QuietAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST0002", "t", "t", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.ClassDeclaration);
        }
    }
}
