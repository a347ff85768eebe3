namespace ChangeGate.Core.Analysis.Sarif;

/// <summary>The gate's <c>analyzers</c> check fed by SARIF files a build wrote (<c>changegate gate --sarif FILE</c>).</summary>
/// <param name="files">The SARIF files, full paths.</param>
public sealed class SarifFileSource(IReadOnlyList<string> files) : IAnalysisSource
{
    /// <inheritdoc />
    public string Describe(AnalysisRequest request) => "SARIF " + string.Join(", ", files.Select(Path.GetFileName));

    /// <inheritdoc />
    /// <remarks>The build decided what was analyzed; the request's scope does not narrow a SARIF file.</remarks>
    public Result<AnalysisReport> Analyze(AnalysisRequest request, CancellationToken cancellationToken = default) =>
        SarifReader.Read(files, request.RepositoryRoot);
}
