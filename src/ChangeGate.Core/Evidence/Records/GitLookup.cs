using LibGit2Sharp;

namespace ChangeGate.Core.Evidence.Records;

/// <summary>Resolves what a user typed for a commit, with an error a user can act on.</summary>
internal static class GitLookup
{
    public static EvidenceResult<Commit> Commit(Repository repository, string commitish)
    {
        GitObject? found;
        try
        {
            found = repository.Lookup(commitish);
        }
        catch (LibGit2SharpException e)
        {
            return NotFound(repository, commitish, e.Message);
        }

        while (found is TagAnnotation tag)
        {
            found = tag.Target;
        }

        return found is LibGit2Sharp.Commit commit ? commit : NotFound(repository, commitish, found is null ? null : $"it names a {found.GetType().Name.ToLowerInvariant()}, not a commit");
    }

    private static EvidenceError NotFound(Repository repository, string commitish, string? detail)
    {
        if (repository.Info.IsHeadUnborn)
        {
            return new EvidenceError(
                "The repository has no commit yet, so there is nothing to attach test evidence to.",
                "Commit the code first (git add . && git commit), run the tests on that commit, then record them.");
        }

        var shallow = repository.Info.IsShallow;
        return new EvidenceError(
            $"Commit '{commitish}' not found{(detail is null ? string.Empty : $" ({detail})")}{(shallow ? "; this is a shallow clone" : string.Empty)}.",
            shallow
                ? "Fetch the missing history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout) or name a commit the clone has."
                : "Check the commit name; fetch it if it exists only on the remote.");
    }
}
