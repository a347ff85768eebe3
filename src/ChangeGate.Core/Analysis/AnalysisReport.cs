namespace ChangeGate.Core.Analysis;

/// <summary>What one analysis found: the rules that ran and their findings, over which files.</summary>
/// <param name="Tool">The tool that produced it (ChangeGate, or the tool named in a SARIF file).</param>
/// <param name="ToolVersion">Its version.</param>
/// <param name="Root">The directory finding paths are relative to (the repository root), full path.</param>
/// <param name="Rules">The rules that ran.</param>
/// <param name="Findings">The findings that count: not suppressed in source, not turned off in .editorconfig.</param>
/// <param name="Projects">The projects analyzed (paths relative to <paramref name="Root"/>).</param>
/// <param name="DocumentsAnalyzed">How many source documents were analyzed.</param>
/// <param name="SuppressedInSource">Findings suppressed by [SuppressMessage] or #pragma (not in <paramref name="Findings"/>).</param>
/// <param name="Warnings">What made the analysis less complete (a project that failed to load a reference...).</param>
public sealed record AnalysisReport(
    string Tool,
    string ToolVersion,
    string Root,
    IReadOnlyList<AnalyzerRule> Rules,
    IReadOnlyList<AnalyzerFinding> Findings,
    IReadOnlyList<string> Projects,
    int DocumentsAnalyzed,
    int SuppressedInSource,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Findings of error severity: any of them fails <c>changegate analyze</c> and blocks the gate.</summary>
    public IReadOnlyList<AnalyzerFinding> Errors => [.. Findings.Where(f => f.Level == FindingLevel.Error)];

    /// <summary>What was analyzed (commit, working tree, scope), when known; written into SARIF.</summary>
    public AnalyzedRevision? Revision { get; init; }

    /// <summary>
    /// For findings read from SARIF files: what each run of the ChangeGate analyzers in them says it
    /// analyzed (the gate accepts them only for the commit it gates); null when the analysis ran here.
    /// </summary>
    public IReadOnlyList<SarifRun>? SarifRuns { get; init; }
}

/// <summary>What to analyze.</summary>
/// <param name="RepositoryRoot">The repository's working tree, full path.</param>
/// <param name="Target">A solution or project, relative to the root or full; null: the one solution (else project) at the root.</param>
/// <param name="ChangedSince">A commit: only documents changed between it and HEAD are analyzed; null: every document.</param>
/// <param name="Restore">Run <c>dotnet restore</c> on the target first (off only when the caller has just restored).</param>
public sealed record AnalysisRequest(string RepositoryRoot, string? Target, string? ChangedSince, bool Restore = true);

/// <summary>
/// Where the <c>analyzers</c> gate check gets findings: the analysis engine (ChangeGate.SolutionAnalysis,
/// kept out of Core so Core does not load Roslyn Workspaces) or SARIF files a build produced.
/// </summary>
public interface IAnalysisSource
{
    /// <summary>What it reads, for the gate's output ("SARIF build.sarif", "analysis of Service.sln").</summary>
    string Describe(AnalysisRequest request);

    /// <summary>Produces the findings, or the problems that prevented it (bad input blocks).</summary>
    Result<AnalysisReport> Analyze(AnalysisRequest request, CancellationToken cancellationToken = default);
}
