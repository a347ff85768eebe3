using LibGit2Sharp;

namespace ChangeGate.Core.Rollouts;

/// <summary>The commit being rolled out or gated, and who wrote it.</summary>
public sealed record CommitInfo(string Sha, string AuthorName, string AuthorEmail)
{
    /// <summary>Short SHA for messages.</summary>
    public string ShortSha => Sha[..Math.Min(12, Sha.Length)];

    /// <summary>Resolves <paramref name="revision"/> (SHA, branch, tag, HEAD...) in <paramref name="repository"/>.</summary>
    public static Result<CommitInfo> Resolve(Repository repository, string revision)
    {
        Commit? commit;
        try
        {
            commit = repository.Lookup<Commit>(revision);
        }
        catch (LibGit2SharpException)
        {
            commit = null;
        }

        return commit is null
            ? Result<CommitInfo>.Fail(new Problem($"cannot find commit '{revision}' in this repository", "pass --commit with a SHA, branch or tag that exists here (fetch it first in a shallow CI clone)"))
            : Result<CommitInfo>.Ok(new CommitInfo(commit.Sha, commit.Author.Name, commit.Author.Email));
    }

    /// <summary>True when <paramref name="actor"/> is this commit's author (by e-mail or name, ignoring case).</summary>
    public static bool IsAuthor(string actor, string authorEmail, string authorName) =>
        string.Equals(actor, authorEmail, StringComparison.OrdinalIgnoreCase) || string.Equals(actor, authorName, StringComparison.OrdinalIgnoreCase);
}
