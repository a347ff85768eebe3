using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers;

/// <summary>
/// Base of every ChangeGate analyzer: sets concurrency and generated-code handling once, and makes
/// each rule start from <see cref="AnalysisContext.RegisterCompilationStartAction"/>, where it resolves
/// the symbols it watches (and registers nothing when the compilation does not reference them).
/// </summary>
public abstract class ChangeGateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// True for rules that must analyze and report in generated code, such as migration rules:
    /// teams commonly mark <c>Migrations/*.cs</c> as generated, and such a rule must not go silent.
    /// </summary>
    protected virtual bool AnalyzesGeneratedCode => false;

    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(AnalyzesGeneratedCode
            ? GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics
            : GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    /// <summary>Resolves the rule's symbols for this compilation and registers its actions.</summary>
    protected abstract void OnCompilationStart(CompilationStartAnalysisContext context);
}
