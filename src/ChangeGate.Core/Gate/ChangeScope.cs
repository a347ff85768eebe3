using ChangeGate.Core.Evidence.Gate;

namespace ChangeGate.Core.Gate;

/// <summary>What the evidence check asks about a change: which test projects must have results for it.</summary>
/// <param name="RepositoryPath">A path inside the repository's working tree.</param>
/// <param name="Since">The change base (the commit of the last completed rollout), or null: every project counts as changed.</param>
/// <param name="Commit">The commit gated; its files are the ones on disk.</param>
public sealed record ChangeScopeRequest(string RepositoryPath, string? Since, string Commit);

/// <summary>The test projects a change requires results from, and what the reader of a pass should know.</summary>
/// <param name="TestProjects">The affected test projects (every test project when there is no base).</param>
/// <param name="Warnings">What made the mapping less certain (a project MSBuild evaluated with a warning...).</param>
/// <param name="UnownedFiles">Changed files that belong to no project, as "kind path" lines.</param>
/// <param name="RemovedProjects">Projects the change removed, repository-relative.</param>
public sealed record ChangeScope(
    IReadOnlyList<RequiredTestProject> TestProjects,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> UnownedFiles,
    IReadOnlyList<string> RemovedProjects);

/// <summary>
/// Where the evidence check learns which test projects a change affects: MSBuild's project graph
/// (ChangeGate.Affected, in the managed part), reached in process or, from the native changegate,
/// through the managed companion. Kept behind this interface so that Core never references MSBuild.
/// </summary>
public interface IChangeScopeSource
{
    /// <summary>The change's test projects, or the problems that prevented working them out (they block).</summary>
    Result<ChangeScope> Find(ChangeScopeRequest request);
}
