using ChangeGate.Core;
using ChangeGate.Core.Analysis;

namespace ChangeGate.SolutionAnalysis;

/// <summary>The gate's <c>analyzers</c> check fed by the analysis engine.</summary>
/// <param name="progress">Receives one line per step (restore, loading, each project); null for none.</param>
public sealed class WorkspaceAnalysisSource(IProgress<string>? progress = null) : IAnalysisSource
{
    /// <inheritdoc />
    public string Describe(AnalysisRequest request) =>
        $"changegate analysis of {request.Target ?? "the solution at the repository root"}";

    /// <inheritdoc />
    public Result<AnalysisReport> Analyze(AnalysisRequest request, CancellationToken cancellationToken = default) =>
        SolutionAnalyzer.AnalyzeAsync(request, progress, cancellationToken).GetAwaiter().GetResult();
}
