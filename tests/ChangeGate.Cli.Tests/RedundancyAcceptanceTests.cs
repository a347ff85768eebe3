using System.Text.Json;
using ChangeGate.Cli.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// Issue 13's acceptance scenario (the 2022-10-15 data-centre fire: redundancy on paper only; Knight
/// Capital's one stale server; stop-the-line), end to end through the real changegate executable, a
/// real repository and a real bare remote: three sites with one target each, two must keep serving.
/// </summary>
public sealed class RedundancyAcceptanceTests : IDisposable
{
    private const string Policy = """
        version: 1
        service: talk-message
        stages:
          - name: first
            targets: [pangyo-01]
          - name: rest
            targets: [gasan-01, anyang-01]
        sites:
          - name: pangyo
            targets: [pangyo-01]
          - name: gasan
            targets: [gasan-01]
          - name: anyang
            targets: [anyang-01]
        redundancy:
          min-serving-sites: 2
          failover-test-max-age: 90d
        overrides:
          actors: [sre@kakao.com]
        freeze:
          emergency-actors: [oncall@kakao.com]
        rollback-plan: required
        checks: [incidents, stage, approvals, freeze, rollback-plan, redundancy]
        """;

    private static readonly string[] Targets = ["pangyo-01", "gasan-01", "anyang-01"];
    private readonly ScratchRepository _scratch = ScratchRepository.Create(Policy);
    private readonly string _old;
    private readonly string _new;

    public RedundancyAcceptanceTests()
    {
        _old = _scratch.Head();
        using var git = new Repository(_scratch.Work);
        File.WriteAllText(Path.Combine(_scratch.Work, "app.txt"), "v2\n");
        LibGit2Sharp.Commands.Stage(git, "app.txt");
        var signature = new Signature("Dev", ScratchRepository.Author, DateTimeOffset.UtcNow);
        _new = git.Commit("release 2.0", signature, signature).Sha;
    }

    private CliRun Run(string actor, params string[] args) =>
        Changegate.Process(_scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = actor }, args);

    private CliRun Ok(string actor, params string[] args)
    {
        var run = Run(actor, args);
        Assert.True(run.ExitCode == 0, $"changegate {string.Join(' ', args)}\n{run}");
        return run;
    }

    private CliRun Refused(string actor, params string[] args)
    {
        var run = Run(actor, args);
        Assert.True(run.ExitCode == 1, $"changegate {string.Join(' ', args)}: expected a refusal\n{run}");
        return run;
    }

    private (int Exit, GateCheckLine Redundancy, GateCheckLine Freeze) Gate(string target)
    {
        var run = Changegate.Process(_scratch.Work, null, "gate", "--target", target, "--format", "json");
        Assert.True(run.ExitCode is 0 or 1, $"gate --target {target}\n{run}");
        return (run.ExitCode, GateCheckLine.Read(run, "redundancy"), GateCheckLine.Read(run, "freeze"));
    }

    [Fact]
    public void Sites_failover_tests_version_skew_and_stop_the_line_end_to_end()
    {
        Ok("rm@kakao.com", "rollout", "start", "--rollback-plan", "redeploy release 1.0");

        // No failover test yet: the redundancy is on paper only, and the gate says so.
        var unproven = Gate("pangyo-01");
        Assert.Equal(1, unproven.Exit);
        Assert.Equal("block", unproven.Redundancy.Outcome);
        Assert.Contains("no passed failover test within 90d: none has been recorded", unproven.Redundancy.Reason, StringComparison.Ordinal);

        var failover = Ok("sre@kakao.com", "failover", "record", "--from", "pangyo", "--to", "gasan", "--result", "passed", "--detail", "traffic moved in 40s");
        Assert.Contains("failover test pangyo → gasan: passed — traffic moved in 40s", failover.Output, StringComparison.Ordinal);
        var proven = Gate("pangyo-01");
        Assert.True(proven.Exit == 0, proven.Redundancy.ToString());
        Assert.Equal("pass", proven.Redundancy.Outcome);

        // A failed deploy in site A (pangyo): a deploy to site B (gasan) would leave only anyang serving.
        Ok("deployer@kakao.com", "deploy", "record", "--target", "pangyo-01", "--status", "failed", "--detail", "disk full");
        var blocked = Gate("gasan-01");
        Assert.Equal(1, blocked.Exit);
        Assert.Equal("block", blocked.Redundancy.Outcome);
        Assert.Equal("after deploying gasan-01 (site gasan) only 1 site (anyang) would serve the known-good version; pangyo has a failed target (pangyo-01, INC-1); min-serving-sites is 2",
            blocked.Redundancy.Reason);

        // Stop-the-line: anyone may stop it; every target blocks until an emergency actor lifts it.
        var freeze = Ok("dev@kakao.com", "freeze", "now", "--reason", "INC-1: disk full on pangyo, stop everything");
        Assert.Contains("emergency freeze FRZ-1: every deploy and promotion stopped until lifted", freeze.Output, StringComparison.Ordinal);
        foreach (var target in Targets)
        {
            var frozen = Gate(target);
            Assert.Equal(1, frozen.Exit);
            Assert.Equal("block", frozen.Freeze.Outcome);
            Assert.StartsWith("emergency freeze FRZ-1 is in force since ", frozen.Freeze.Reason, StringComparison.Ordinal);
        }

        var status = Ok("rm@kakao.com", "rollout", "status");
        Assert.Contains("EMERGENCY FREEZE FRZ-1", status.Output, StringComparison.Ordinal);
        Assert.Contains("✗ pangyo has a failed target (pangyo-01, INC-1)", status.Output, StringComparison.Ordinal);
        Assert.Contains("failover test pangyo → gasan passed at", status.Output, StringComparison.Ordinal);
        Assert.Contains("deploy of R-1 to pangyo-01 failed: disk full (site pangyo)", status.Output, StringComparison.Ordinal);

        var liftByDeveloper = Refused("dev@kakao.com", "freeze", "lift", "--reason", "looks fine");
        Assert.Contains("dev@kakao.com may not lift emergency freeze FRZ-1", liftByDeveloper.Error, StringComparison.Ordinal);
        Ok("oncall@kakao.com", "freeze", "lift", "--reason", "INC-1 understood, disk cleaned");
        foreach (var target in Targets)
        {
            Assert.Equal("pass", Gate(target).Freeze.Outcome);
        }

        // Back on track; then one target is left on the old commit (Knight Capital): completion is refused.
        Ok("sre@kakao.com", "incident", "resolve", "INC-1", "--reason", "disk cleaned");
        Ok("rm@kakao.com", "rollout", "resume", "--reason", "INC-1 resolved");
        Ok("deployer@kakao.com", "deploy", "record", "--target", "pangyo-01", "--status", "ok");
        Ok("rm@kakao.com", "rollout", "promote");
        Assert.Equal(0, Gate("gasan-01").Exit);
        Ok("deployer@kakao.com", "deploy", "record", "--target", "gasan-01", "--status", "ok", "--commit", _old[..10]);
        Ok("deployer@kakao.com", "deploy", "record", "--target", "anyang-01", "--status", "ok");

        var versions = Ok("rm@kakao.com", "rollout", "status");
        Assert.Contains(_old[..12], versions.Output, StringComparison.Ordinal);
        var incomplete = Refused("rm@kakao.com", "rollout", "complete");
        Assert.Contains($"cannot complete R-1: version skew: gasan-01 (rest) runs {_old[..12]}, not {_new[..12]}", incomplete.Error, StringComparison.Ordinal);

        Ok("deployer@kakao.com", "deploy", "record", "--target", "gasan-01", "--status", "ok");
        Ok("rm@kakao.com", "rollout", "complete");

        // The audit trail keeps the failover test and the freeze, with their actors.
        var log = Run("auditor@kakao.com", "log", "--format", "json");
        Assert.Equal(0, log.ExitCode);
        using var events = JsonDocument.Parse(log.Output);
        var kinds = events.RootElement.GetProperty("events").EnumerateArray().Select(e => (Type: e.GetProperty("type").GetString(), Actor: e.GetProperty("actor").GetString())).ToList();
        Assert.Contains(("failover-tested", "sre@kakao.com"), kinds);
        Assert.Contains(("emergency-freeze-started", "dev@kakao.com"), kinds);
        Assert.Contains(("emergency-freeze-lifted", "oncall@kakao.com"), kinds);
        var text = Run("auditor@kakao.com", "log");
        Assert.Contains($"deploy of R-1 to gasan-01 (rest) at {_old[..12]}: ok", text.Output, StringComparison.Ordinal);
        Assert.Contains("failover test pangyo → gasan: passed", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_mistakes_about_sites_and_freezes_are_refused_or_bad_input_with_a_fix()
    {
        Ok("rm@kakao.com", "rollout", "start", "--rollback-plan", "redeploy release 1.0");

        var unknownSite = Refused("sre@kakao.com", "failover", "record", "--from", "pangyo", "--to", "seoul", "--result", "passed");
        Assert.Contains("'seoul' is not a site of the policy", unknownSite.Error, StringComparison.Ordinal);
        Assert.Contains("sites: pangyo, gasan, anyang", unknownSite.Error, StringComparison.Ordinal);

        var badResult = Run("sre@kakao.com", "failover", "record", "--from", "pangyo", "--to", "gasan", "--result", "ok");
        Assert.Equal(2, badResult.ExitCode);

        var badUntil = Run("dev@kakao.com", "freeze", "now", "--reason", "x", "--until", "2026-11-23 18:00");
        Assert.Equal(2, badUntil.ExitCode);
        Assert.Contains("--until '2026-11-23 18:00' is not a duration or a time with its offset", badUntil.Error, StringComparison.Ordinal);

        var unknownCommit = Run("deployer@kakao.com", "deploy", "record", "--target", "pangyo-01", "--status", "ok", "--commit", "v9.9.9");
        Assert.Equal(2, unknownCommit.ExitCode);
        Assert.Contains("commit 'v9.9.9' not found", unknownCommit.Error, StringComparison.Ordinal);

        var untilPast = Refused("dev@kakao.com", "freeze", "now", "--reason", "x", "--until", "2020-01-01T00:00Z");
        Assert.Contains("is not in the future", untilPast.Error, StringComparison.Ordinal);

        Ok("dev@kakao.com", "freeze", "now", "--reason", "power work", "--until", "2h");
        var status = Ok("rm@kakao.com", "rollout", "status", "--format", "json");
        using var json = JsonDocument.Parse(status.Output);
        Assert.Equal("FRZ-1", json.RootElement.GetProperty("state").GetProperty("emergencyFreeze").GetProperty("id").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("redundancy").GetProperty("sites").GetArrayLength());
        Assert.False(json.RootElement.GetProperty("redundancy").GetProperty("failoverTestPassed").GetBoolean());
    }

    public void Dispose() => _scratch.Dispose();
}
