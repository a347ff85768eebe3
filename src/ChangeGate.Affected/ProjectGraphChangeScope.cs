using ChangeGate.Core;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Gate;

namespace ChangeGate.Affected;

/// <summary>The evidence check's change scope worked out in this process with <see cref="AffectedProjectsFinder"/>.</summary>
public sealed class ProjectGraphChangeScope : IChangeScopeSource
{
    /// <inheritdoc />
    public Result<ChangeScope> Find(ChangeScopeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var affected = AffectedProjectsFinder.Find(new AffectedProjectsRequest { RepositoryPath = request.RepositoryPath, Since = request.Since, Commit = request.Commit });
        if (!affected.Succeeded)
        {
            return Result<ChangeScope>.Fail(affected.Error.ToProblem());
        }

        var report = affected.Report;
        return Result<ChangeScope>.Ok(new ChangeScope(
            [.. report.AffectedTestProjects.Select(p => new RequiredTestProject(p.Path, p.AssemblyName))],
            report.Warnings,
            [.. report.UnownedFiles.Select(f => f.ToString())],
            report.RemovedProjects));
    }
}
