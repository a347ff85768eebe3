using ChangeGate.Cli.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Cli.Tests;

/// <summary>What a release manager gets wrong on the command line: each is exit 2 with what is wrong and the fix, never exit 3.</summary>
public sealed class UserMistakeTests : IDisposable
{
    private static readonly Dictionary<string, string> Actor = new() { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };
    private readonly ScratchRepository _scratch = ScratchRepository.Create(withRemote: false);

    private CliRun Run(params string[] args) => Changegate.InProcess(_scratch.Work, Actor, args);

    [Fact]
    public void An_annotated_release_tag_names_the_commit_it_points_at()
    {
        using (var git = new Repository(_scratch.Work))
        {
            var signature = new Signature("Dev", ScratchRepository.Author, DateTimeOffset.UtcNow);
            git.ApplyTag("v1.0.0", signature, "release 1.0.0");
        }

        var start = Run("rollout", "start", "--rollback-plan", "x", "--commit", "v1.0.0");
        var gate = Run("gate", "--target", "canary-01", "--commit", "v1.0.0");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains($"of {_scratch.Head()[..12]}", start.Output, StringComparison.Ordinal);
        Assert.True(gate.ExitCode == 0, gate.ToString());
    }

    [Fact]
    public void A_repository_without_a_commit_says_to_commit_first()
    {
        var empty = Path.Combine(_scratch.Root, "empty");
        Repository.Init(empty);
        File.WriteAllText(Path.Combine(empty, "changegate.yml"), ScratchRepository.ThreeStagePolicy);

        var start = Changegate.InProcess(empty, Actor, "rollout", "start", "--rollback-plan", "x");
        var gate = Changegate.InProcess(empty, Actor, "gate", "--target", "canary-01");

        Assert.True(start.ExitCode == 2, start.ToString());
        Assert.Contains("this repository has no commit yet", start.Error, StringComparison.Ordinal);
        Assert.Contains("git commit", start.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--commit", start.Error, StringComparison.Ordinal);
        Assert.Equal(2, gate.ExitCode);
        Assert.Contains("this repository has no commit yet", gate.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Dispose();
}
