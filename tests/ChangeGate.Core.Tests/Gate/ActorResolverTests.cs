using ChangeGate.Core.Identity;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Gate;

public sealed class ActorResolverTests
{
    [Fact]
    public void The_option_wins_over_the_environment_and_git()
    {
        using var repository = TemporaryGitRepository.CreateWithCommit("git@kakao.com");
        using var git = new Repository(repository.Path);

        Assert.Equal("option@kakao.com", ActorResolver.Resolve(" option@kakao.com ", _ => "env@kakao.com", git).Value);
        Assert.Equal("env@kakao.com", ActorResolver.Resolve(null, name => name == "CHANGEGATE_ACTOR" ? "env@kakao.com" : null, git).Value);
        Assert.Equal("git@kakao.com", ActorResolver.Resolve("", _ => " ", git).Value);
    }

    [Fact]
    public void No_identity_at_all_is_a_problem_with_a_fix()
    {
        var result = ActorResolver.Resolve(null, _ => null, null);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("cannot tell who you are", problem.Message, StringComparison.Ordinal);
        Assert.Contains("--actor", problem.Fix, StringComparison.Ordinal);
    }
}
