using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// The acceptance scenario and the 2024-05-20 and 2024-05-21 incidents, end to end through
/// the real changegate executable, a real repository and a real bare remote.
/// </summary>
public sealed class AcceptanceScenarioTests : IDisposable
{
    private static readonly string[] AllHosts = ["canary-01", "pangyo-01", "pangyo-02", "gasan-01", "gasan-02", "anyang-01", "anyang-02"];
    private readonly ScratchRepository _scratch = ScratchRepository.Create();

    private CliRun Run(string actor, params string[] args) =>
        Changegate.Process(_scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = actor }, args);

    private CliRun Ok(string actor, params string[] args)
    {
        var run = Run(actor, args);
        Assert.True(run.ExitCode == 0, $"changegate {string.Join(' ', args)}\n{run}");
        return run;
    }

    private void Gate(string target, int expectedExit, string? expectedText = null, string? cwd = null)
    {
        var run = Changegate.Process(cwd ?? _scratch.Work, null, "gate", "--target", target);
        Assert.True(run.ExitCode == expectedExit, $"gate --target {target}: expected exit {expectedExit}\n{run}");
        if (expectedText is not null)
        {
            Assert.Contains(expectedText, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Failed_canary_deploy_blocks_every_host_until_resolved_and_later_stages_wait_for_promotion()
    {
        Ok("rm@kakao.com", "rollout", "start", "--rollback-plan", "redeploy release 0.9");

        // A failed deploy on the canary host opens an incident and pauses the rollout at once.
        var failed = Ok("deployer@kakao.com", "deploy", "record", "--target", "canary-01", "--status", "failed", "--detail", "health check timed out");
        Assert.Contains("opened incident INC-1", failed.Output, StringComparison.Ordinal);
        Assert.Contains("paused R-1", failed.Output, StringComparison.Ordinal);

        // Every host is blocked, naming the open incident (2024-05-21: nothing goes on while the error is unresolved).
        foreach (var host in AllHosts)
        {
            Gate(host, 1, "INC-1 \"deploy of R-1 to canary-01 failed: health check timed out\"");
        }

        var resumeEarly = Run("rm@kakao.com", "rollout", "resume");
        Assert.Equal(1, resumeEarly.ExitCode);
        Assert.Contains("cannot resume R-1: 1 unresolved incident", resumeEarly.Error, StringComparison.Ordinal);

        Ok("sre@kakao.com", "incident", "resolve", "INC-1", "--reason", "bad health-check config reverted");
        Ok("rm@kakao.com", "rollout", "resume", "--reason", "INC-1 resolved");

        // The canary host may deploy; a gasan host may not until the rollout is promoted through pangyo.
        Gate("canary-01", 0, "ALLOWED (exit 0)");
        Gate("gasan-01", 1, "target gasan-01 (stage gasan-anyang) is not approved yet: rollout R-1 is at canary (1/3)");

        Ok("deployer@kakao.com", "deploy", "record", "--target", "canary-01", "--status", "ok");
        Thread.Sleep(1100);
        var unapproved = Run("rm@kakao.com", "rollout", "promote");
        Assert.Equal(1, unapproved.ExitCode);
        Assert.Contains("approvals: stage pangyo has 0 of 1 required approvals", unapproved.Error, StringComparison.Ordinal);

        var byAuthor = Run(ScratchRepository.Author, "approve", "--stage", "pangyo");
        Assert.Equal(1, byAuthor.ExitCode);
        Assert.Contains("cannot approve its rollout (two-person rule)", byAuthor.Error, StringComparison.Ordinal);

        Ok("lead@kakao.com", "approve", "--stage", "pangyo", "--comment", "canary clean");
        Ok("rm@kakao.com", "rollout", "promote");

        Gate("pangyo-02", 0);
        Gate("gasan-01", 1, "rollout R-1 is at pangyo (2/3)");

        Ok("deployer@kakao.com", "deploy", "record", "--target", "pangyo-01", "--status", "ok");
        Ok("deployer@kakao.com", "deploy", "record", "--target", "pangyo-02", "--status", "ok");
        Ok("lead@kakao.com", "approve", "--stage", "gasan-anyang");
        Ok("sre@kakao.com", "approve", "--stage", "gasan-anyang");
        Thread.Sleep(1100);
        Ok("rm@kakao.com", "rollout", "promote");

        Gate("gasan-01", 0);

        // A colleague's clone sees the same ledger through the bare remote.
        var colleague = _scratch.AddClone("colleague");
        Gate("anyang-02", 0, cwd: colleague);
        var log = Changegate.Process(colleague, null, "log");
        Assert.Equal(0, log.ExitCode);
        Assert.Contains("promoted R-1 from pangyo to gasan-anyang", log.Output, StringComparison.Ordinal);
        Assert.Contains("bad health-check config reverted", log.Output, StringComparison.Ordinal);
        Assert.Contains("lead@kakao.com", log.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deploy_outside_the_approved_stage_is_blocked_and_when_it_happens_anyway_everything_stops()
    {
        // 2024-05-20: work meant for some servers was reflected on others.
        Ok("rm@kakao.com", "rollout", "start", "--rollback-plan", "redeploy release 0.9");

        Gate("pangyo-01", 1, "is not approved yet");
        Gate("gasan-02", 1, "is not approved yet");
        // A target no stage names is a typo: bad input, with the name meant.
        Gate("pangyo-07", 2, "target 'pangyo-07' is in no stage of the policy (changegate.yml) or of rollout R-1; did you mean 'pangyo-01'?");

        var outOfStage = Ok("deployer@kakao.com", "deploy", "record", "--target", "anyang-01", "--status", "ok");
        Assert.Contains("opened incident INC-1: anyang-01 (gasan-anyang) was deployed while rollout R-1 is at canary", outOfStage.Output, StringComparison.Ordinal);

        Gate("canary-01", 1, "INC-1");
        var promote = Run("rm@kakao.com", "rollout", "promote");
        Assert.Equal(1, promote.ExitCode);
        Assert.Contains("paused", promote.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _scratch.Dispose();
}
