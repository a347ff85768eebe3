using LibGit2Sharp;

namespace ChangeGate.Core.Rollouts;

/// <summary>The commit being rolled out or gated, and who wrote it.</summary>
public sealed record CommitInfo(string Sha, string AuthorName, string AuthorEmail)
{
    /// <summary>Short SHA for messages.</summary>
    public string ShortSha => Sha[..Math.Min(12, Sha.Length)];

    /// <summary>Resolves <paramref name="revision"/> (SHA, branch, tag — annotated ones too —, HEAD...) in <paramref name="repository"/>.</summary>
    public static Result<CommitInfo> Resolve(Repository repository, string revision)
    {
        if (repository.Info.IsHeadUnborn && string.Equals(revision, "HEAD", StringComparison.Ordinal))
        {
            return Result<CommitInfo>.Fail(new Problem(
                "this repository has no commit yet, so there is nothing to roll out, gate or attach evidence to",
                "commit the service's code first (git add . && git commit), then run changegate again"));
        }

        GitObject? found;
        try
        {
            found = repository.Lookup(revision);
        }
        catch (LibGit2SharpException)
        {
            found = null;
        }

        // Release tags are usually annotated (git tag -a): the commit is what they point at.
        while (found is TagAnnotation tag)
        {
            found = tag.Target;
        }

        return found is Commit commit
            ? Result<CommitInfo>.Ok(new CommitInfo(commit.Sha, commit.Author.Name, commit.Author.Email))
            : Result<CommitInfo>.Fail(new Problem(
                found is null ? $"cannot find commit '{revision}' in this repository" : $"'{revision}' names a {found.GetType().Name.ToLowerInvariant()}, not a commit",
                "pass --commit with a SHA, branch or tag that exists here (fetch it first in a shallow CI clone)"));
    }

    /// <summary>True when <paramref name="actor"/> is this commit's author (by e-mail or name, ignoring case).</summary>
    public static bool IsAuthor(string actor, string authorEmail, string authorName) =>
        string.Equals(actor, authorEmail, StringComparison.OrdinalIgnoreCase) || string.Equals(actor, authorName, StringComparison.OrdinalIgnoreCase);
}
