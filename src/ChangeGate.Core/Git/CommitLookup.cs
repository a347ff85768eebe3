using LibGit2Sharp;

namespace ChangeGate.Core.Git;

/// <summary>Why a name a user typed does not give a commit, and what to do about it.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">How to fix it.</param>
public sealed record CommitLookupError(string Message, string Fix)
{
    /// <summary>The error as a CLI problem.</summary>
    public Problem ToProblem() => new(Message, Fix);
}

/// <summary>
/// The one place that turns what a user typed for a commit (SHA, short SHA, branch, tag — annotated
/// ones too —, <c>HEAD</c>, <c>HEAD~2</c>) into a commit, with an error a user can act on: a repository
/// without commits, a shallow clone that lacks the history, a name for a tree or blob, or no such name.
/// </summary>
public static class CommitLookup
{
    /// <summary>Finds the commit <paramref name="revision"/> names in <paramref name="repository"/>.</summary>
    /// <param name="repository">The repository.</param>
    /// <param name="revision">What the user typed.</param>
    /// <param name="what">How messages call it: "commit" (--commit), "REF" (--since).</param>
    /// <returns>The commit, or why there is none.</returns>
    public static (Commit? Commit, CommitLookupError? Error) Find(Repository repository, string revision, string what = "commit")
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(revision);
        GitObject? found = null;
        try
        {
            found = repository.Lookup(revision);
        }
        catch (LibGit2SharpException)
        {
            // An unparsable or ambiguous name: reported as not found below.
        }

        // Release tags are usually annotated (git tag -a): the commit is what they point at.
        while (found is TagAnnotation tag)
        {
            found = tag.Target;
        }

        if (found is Commit commit)
        {
            return (commit, null);
        }

        if (repository.Info.IsHeadUnborn)
        {
            return (null, new CommitLookupError(
                "the repository has no commit yet, so there is nothing to roll out, gate, attach evidence to or compare with",
                "commit the code first (git add . && git commit), then run changegate again"));
        }

        if (found is not null)
        {
            return (null, new CommitLookupError(
                $"{what} '{revision}' names a {found.GetType().Name.ToLowerInvariant()}, not a commit",
                "name a commit: a SHA, a branch or a tag"));
        }

        if (repository.Info.IsShallow)
        {
            return (null, new CommitLookupError(
                $"{what} '{revision}' is not in this clone: it is a shallow clone, and the history that holds it was not fetched",
                $"fetch enough history: git fetch --unshallow (or fetch-depth: 0 in actions/checkout), or git fetch origin {revision}"));
        }

        return (null, new CommitLookupError(
            $"{what} '{revision}' not found in this repository",
            $"check the name; if it exists only on the remote, fetch it first (git fetch origin {revision})"));
    }

    /// <summary>
    /// True when <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors (both full
    /// SHAs) in the repository at <paramref name="repositoryPath"/>; null when either commit is not there.
    /// </summary>
    public static bool? IsAncestorOrSame(string repositoryPath, string ancestor, string descendant)
    {
        if (string.Equals(ancestor, descendant, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (GitLocations.DiscoverRepository(repositoryPath) is not { } gitDirectory)
        {
            return null;
        }

        try
        {
            using var repository = new Repository(gitDirectory);
            if (repository.Lookup<Commit>(ancestor) is not { } a || repository.Lookup<Commit>(descendant) is not { } d)
            {
                return null;
            }

            return repository.ObjectDatabase.FindMergeBase(a, d)?.Id == a.Id;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }
}
