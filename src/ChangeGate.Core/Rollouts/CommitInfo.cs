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
        var (commit, error) = Git.CommitLookup.Find(repository, revision);
        return commit is not null
            ? Result<CommitInfo>.Ok(new CommitInfo(commit.Sha, commit.Author.Name, commit.Author.Email))
            : Result<CommitInfo>.Fail(error!.ToProblem());
    }

    /// <summary>True when <paramref name="actor"/> is this commit's author (by e-mail or name, ignoring case).</summary>
    public static bool IsAuthor(string actor, string authorEmail, string authorName) =>
        string.Equals(actor, authorEmail, StringComparison.OrdinalIgnoreCase) || string.Equals(actor, authorName, StringComparison.OrdinalIgnoreCase);
}
