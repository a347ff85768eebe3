using ChangeGate.Core.Git;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Git;

/// <summary>The one commit lookup: every way a name can fail to give a commit says why, in a real repository.</summary>
public sealed class CommitLookupTests
{
    [Fact]
    public void A_tag_an_annotated_tag_and_head_give_the_commit()
    {
        using var repository = TemporaryGitRepository.CreateWithCommit();
        var head = repository.Repository.Head.Tip;
        repository.Repository.ApplyTag("v1", TemporaryGitRepository.Author, "release 1");

        Assert.Equal(head.Sha, CommitLookup.Find(repository.Repository, "HEAD").Commit?.Sha);
        Assert.Equal(head.Sha, CommitLookup.Find(repository.Repository, "v1").Commit?.Sha);
        Assert.Equal(head.Sha, CommitLookup.Find(repository.Repository, head.Sha[..10]).Commit?.Sha);
    }

    [Fact]
    public void Each_failure_says_why()
    {
        using var empty = TemporaryGitRepository.Create();
        using var repository = TemporaryGitRepository.CreateWithCommit();
        var tree = repository.Repository.Head.Tip.Tree.Sha;

        Assert.StartsWith("the repository has no commit yet", CommitLookup.Find(empty.Repository, "HEAD").Error?.Message, StringComparison.Ordinal);
        Assert.Equal($"commit '{tree}' names a tree, not a commit", CommitLookup.Find(repository.Repository, tree).Error?.Message);
        Assert.Equal("REF 'nope' not found in this repository", CommitLookup.Find(repository.Repository, "nope", "REF").Error?.Message);
    }

    [Fact]
    public void Ancestry_is_told_in_the_repository_and_unknown_commits_are_unknown()
    {
        using var repository = TemporaryGitRepository.CreateWithCommit();
        var first = repository.Repository.Head.Tip.Sha;
        File.WriteAllText(repository.FullPath("more.txt"), "more");
        LibGit2Sharp.Commands.Stage(repository.Repository, "more.txt");
        var second = repository.Repository.Commit("second", TemporaryGitRepository.Author, TemporaryGitRepository.Author).Sha;

        Assert.True(CommitLookup.IsAncestorOrSame(repository.Path, first, second));
        Assert.False(CommitLookup.IsAncestorOrSame(repository.Path, second, first));
        Assert.True(CommitLookup.IsAncestorOrSame(repository.Path, second, second));
        Assert.Null(CommitLookup.IsAncestorOrSame(repository.Path, new string('d', 40), second));
    }
}
