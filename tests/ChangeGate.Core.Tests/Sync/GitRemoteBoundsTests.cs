using ChangeGate.Core.Ledger;
using ChangeGate.Core.Sync;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Sync;

/// <summary>
/// Every fetch and push has a bound: a remote that accepts the connection and never answers (a real
/// silent TCP listener on loopback) is stopped after the limit, with a message that names the remote
/// and its URL without the credentials in it.
/// </summary>
public sealed class GitRemoteBoundsTests
{
    [Fact]
    public void A_silent_remote_is_stopped_after_the_limit_and_named()
    {
        using var listener = new SilentListener();
        using var repository = TemporaryGitRepository.CreateWithCommit();
        GitCli.Run(repository.Path, "remote", "add", "origin", $"http://deploy:hunter2@127.0.0.1:{listener.Port}/svc.git");
        using var ledger = SharedLedger.Open(repository.Path, "svc", "origin", TimeProvider.System, timeout: TimeSpan.FromSeconds(1)).Value;

        var read = ledger.Read();

        var problem = Assert.Single(read.Problems);
        Assert.Equal($"remote 'origin' (http://***@127.0.0.1:{listener.Port}/svc.git) did not answer within 1s: `git fetch` was stopped", problem.Message);
        Assert.Contains("CHANGEGATE_GIT_TIMEOUT", problem.Fix, StringComparison.Ordinal);
        Assert.True(listener.Accepted > 0);
    }

    [Fact]
    public void A_push_to_a_silent_remote_is_stopped_too()
    {
        using var listener = new SilentListener();
        using var repository = TemporaryGitRepository.CreateWithCommit();
        GitCli.Run(repository.Path, "remote", "add", "origin", $"git://127.0.0.1:{listener.Port}/svc.git");
        var sync = new GitRemoteSync(repository.Path, "origin", $"git://127.0.0.1:{listener.Port}/svc.git", TimeSpan.FromSeconds(1));

        var push = sync.Push(["HEAD:refs/heads/main"]);

        Assert.Equal($"remote 'origin' (git://127.0.0.1:{listener.Port}/svc.git) did not answer within 1s: `git push` was stopped", Assert.Single(push.Problems).Message);
    }

    [Theory]
    [InlineData(null, null, "20s")]
    [InlineData(null, "45s", "45s")]
    [InlineData("2m", "45s", "2m")]
    [InlineData(" 5s ", null, "5s")]
    public void The_variable_wins_over_the_policy_which_wins_over_the_default(string? variable, string? policy, string expected)
    {
        var fromPolicy = policy is null ? (TimeSpan?)null : ChangeGate.Core.Time.DurationText.TryParse(policy, out var p) ? p : throw new ArgumentException(policy);

        var limit = GitTimeout.Resolve(variable, fromPolicy);

        Assert.Equal(expected, GitTimeout.Describe(limit.Value));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0")]
    [InlineData("11m")]
    public void A_variable_that_is_no_allowed_limit_is_a_problem_naming_it(string variable)
    {
        var problem = Assert.Single(GitTimeout.Resolve(variable, null).Problems);

        Assert.StartsWith($"CHANGEGATE_GIT_TIMEOUT is '{variable}', which is not a time limit for git fetch and push", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://x-access-token:ghp_abc123@github.com/org/svc.git", "https://***@github.com/org/svc.git")]
    [InlineData("https://ghp_abc123@github.com/org/svc.git", "https://***@github.com/org/svc.git")]
    [InlineData("fatal: unable to access 'https://u:p@host/x.git/': timeout", "fatal: unable to access 'https://***@host/x.git/': timeout")]
    [InlineData("git@github.com:org/svc.git", "git@github.com:org/svc.git")]
    [InlineData("/srv/git/svc.git", "/srv/git/svc.git")]
    public void Credentials_in_urls_are_never_shown(string text, string shown) => Assert.Equal(shown, RemoteUrl.Redact(text));
}
