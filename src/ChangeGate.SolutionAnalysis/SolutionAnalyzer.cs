using ChangeGate.Core;
using ChangeGate.Affected;
using ChangeGate.Core.Analysis;

namespace ChangeGate.SolutionAnalysis;

/// <summary>
/// Opens a solution or project with MSBuildWorkspace and runs the ChangeGate analyzers shipped
/// with the tool over its C# documents (only the changed ones when a base commit is given),
/// honouring .editorconfig severities and in-source suppressions as the compiler does.
/// </summary>
public static class SolutionAnalyzer
{
    /// <summary>Analyzes what <paramref name="request"/> names.</summary>
    /// <param name="request">The repository root, the solution or project, and the base commit (if any).</param>
    /// <param name="progress">Receives one line per step (loading, each project); null for none.</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>The findings, or the problems that stopped the analysis (bad input: exit 2).</returns>
    public static Task<Result<AnalysisReport>> AnalyzeAsync(AnalysisRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        AnalyzeAsync(request, () => ShippedAnalyzers.Analyzers, progress, cancellationToken);

    /// <summary>Analyzes with <paramref name="analyzers"/> instead of the shipped ones (tests feed a failing analyzer).</summary>
    /// <remarks>A factory, so no Roslyn analyzer type loads before MSBuild is registered.</remarks>
    internal static async Task<Result<AnalysisReport>> AnalyzeAsync(AnalysisRequest request, Func<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>> analyzers, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = AnalysisTarget.Resolve(request.Target, request.RepositoryRoot);
        if (!target.IsSuccess)
        {
            return Result<AnalysisReport>.Fail(target.Problems);
        }

        IReadOnlySet<string>? changed = null;
        if (request.ChangedSince is { } since)
        {
            var files = ChangedFiles.Since(request.RepositoryRoot, since);
            if (!files.IsSuccess)
            {
                return Result<AnalysisReport>.Fail(files.Problems);
            }

            changed = files.Value;
        }

        if (request.Restore)
        {
            progress?.Report($"restoring {Path.GetFileName(target.Value.Path)}");
            var restored = DotnetRestore.Run(target.Value.Path);
            if (!restored.IsSuccess)
            {
                return Result<AnalysisReport>.Fail(restored.Problems);
            }
        }

        // Before any workspace type loads: MSBuild must come from the installed SDK.
        if (MSBuildLocatorRegistration.EnsureRegistered() is { } missing)
        {
            return Result<AnalysisReport>.Fail(new Problem($"MSBuild cannot be found: {missing}", "install the .NET SDK that global.json asks for (dotnet --list-sdks shows what is installed)"));
        }

        return await WorkspaceRun.RunAsync(target.Value, Path.GetFullPath(request.RepositoryRoot), changed, analyzers(), progress, cancellationToken).ConfigureAwait(false);
    }
}
