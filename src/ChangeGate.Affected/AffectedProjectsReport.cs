namespace ChangeGate.Affected;

/// <summary>A project in the affected-projects report.</summary>
/// <param name="Path">The project file, relative to the repository root, '/'-separated.</param>
/// <param name="Name">The project file's name without extension.</param>
/// <param name="AssemblyName">The evaluated AssemblyName (what TRX results are named after).</param>
/// <param name="IsTestProject">True when IsTestProject is true or it references Microsoft.NET.Test.Sdk.</param>
/// <param name="Reasons">Why it is in the list: the changed files that touch it, or the project
/// reference through which a change reaches it.</param>
public sealed record AffectedProject(string Path, string Name, string AssemblyName, bool IsTestProject, IReadOnlyList<string> Reasons);

/// <summary>What a change between REF and a commit touches.</summary>
/// <param name="Since">REF as given; null when there was no base (every project counts).</param>
/// <param name="SinceCommit">The commit REF resolved to; null with no base.</param>
/// <param name="Commit">The commit compared with REF.</param>
/// <param name="ChangedFiles">Every changed file, deletions and renames included.</param>
/// <param name="ChangedProjects">Projects a changed file belongs to directly (its items, its
/// directory, its project file, a file it imports, or a file that applies to every project).</param>
/// <param name="AffectedProjects">The changed projects and every project that references one of
/// them, directly or transitively.</param>
/// <param name="AffectedTestProjects">The test projects among <paramref name="AffectedProjects"/>.</param>
/// <param name="UnownedFiles">Changed files that belong to no project: reported, never dropped.</param>
/// <param name="RemovedProjects">Project files deleted (or renamed away) by the change.</param>
/// <param name="Warnings">Things that make the answer less certain (such as a dirty working tree).</param>
public sealed record AffectedProjectsReport(
    string? Since,
    string? SinceCommit,
    string Commit,
    IReadOnlyList<ChangedFile> ChangedFiles,
    IReadOnlyList<AffectedProject> ChangedProjects,
    IReadOnlyList<AffectedProject> AffectedProjects,
    IReadOnlyList<AffectedProject> AffectedTestProjects,
    IReadOnlyList<ChangedFile> UnownedFiles,
    IReadOnlyList<string> RemovedProjects,
    IReadOnlyList<string> Warnings);

/// <summary>Either the report or the error that prevented it.</summary>
public sealed class AffectedProjectsResult
{
    private AffectedProjectsResult(AffectedProjectsReport? report, AffectedError? error)
    {
        Report = report;
        Error = error;
    }

    /// <summary>The report, when <see cref="Succeeded"/>.</summary>
    public AffectedProjectsReport? Report { get; }

    /// <summary>The error, when not <see cref="Succeeded"/>.</summary>
    public AffectedError? Error { get; }

    /// <summary>True when there is a report.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Report))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>Wraps a report.</summary>
    public static implicit operator AffectedProjectsResult(AffectedProjectsReport report) => new(report ?? throw new ArgumentNullException(nameof(report)), null);

    /// <summary>Wraps an error.</summary>
    public static implicit operator AffectedProjectsResult(AffectedError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
