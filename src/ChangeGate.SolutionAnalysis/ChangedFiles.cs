using ChangeGate.Core;
using LibGit2Sharp;

namespace ChangeGate.SolutionAnalysis;

/// <summary>The files that differ between a base commit and the working tree (committed, staged, unstaged or untracked).</summary>
public static class ChangedFiles
{
    /// <summary>Full paths of the files changed since <paramref name="since"/> in the repository at <paramref name="repositoryRoot"/>.</summary>
    public static Result<IReadOnlySet<string>> Since(string repositoryRoot, string since)
    {
        using var repository = new Repository(repositoryRoot);
        Commit? commit = null;
        try
        {
            commit = repository.Lookup(since)?.Peel<Commit>();
        }
        catch (LibGit2SharpException)
        {
            // reported below
        }

        if (commit is null)
        {
            return Result<IReadOnlySet<string>>.Fail(repository.Info.IsShallow
                ? new Problem($"'{since}' is not in this clone: it is a shallow clone, and the history that holds it was not fetched",
                    "fetch more history: git fetch --unshallow (or fetch-depth: 0 in actions/checkout)")
                : new Problem($"cannot find '{since}' in this repository", "name a commit, branch or tag that exists here; fetch it first if it is only on the remote"));
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        var root = repository.Info.WorkingDirectory;
        using (var changes = repository.Diff.Compare<TreeChanges>(commit.Tree, DiffTargets.Index | DiffTargets.WorkingDirectory))
        {
            foreach (var change in changes)
            {
                paths.Add(Path.GetFullPath(Path.Combine(root, change.Path)));
            }
        }

        foreach (var entry in repository.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true }))
        {
            if (entry.State.HasFlag(FileStatus.NewInWorkdir))
            {
                paths.Add(Path.GetFullPath(Path.Combine(root, entry.FilePath)));
            }
        }

        return Result<IReadOnlySet<string>>.Ok(paths);
    }
}
