using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Sites;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Gate;

/// <summary>
/// The <c>redundancy</c> check (sites serving the known-good version, a recent passed failover test),
/// version skew in the <c>stage</c> check, the rehearsed rollback in <c>rollback-plan</c> and the
/// emergency freeze in <c>freeze</c>, judged on states built by the real state machine.
/// </summary>
public sealed class RedundancyCheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly CommitInfo Commit = new("a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "Author", "author@kakao.com");
    private const string Other = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
    private GatePolicy _policy = TestPolicies.Parse(TestPolicies.ThreeSites);
    private LedgerState _state = LedgerState.Empty;

    private void Do(Func<RolloutMachine, WriteDecision> command, string actor = "rm@kakao.com")
    {
        var decision = command(new RolloutMachine(_policy, actor));
        Assert.True(decision.Refusal is null, decision.Refusal?.Reason);
        _state = decision.Events.Select(e => e with { Id = Guid.NewGuid() }).Aggregate(_state, LedgerFold.Apply);
    }

    private GateReport Gate(string? target, DateTimeOffset? now = null, string? stage = null) =>
        new GateEvaluator().Evaluate(new GateContext(_policy, _state, Commit, ".", now ?? T0, target, stage));

    private CheckResult Check(string? target, string name, DateTimeOffset? now = null, string? stage = null) =>
        Gate(target, now, stage).Checks.Single(c => c.Name == name).Result;

    private void Started() => Do(m => m.Start(_state, T0, Commit, "redeploy v1", null));

    private void FailoverPassed(DateTimeOffset at, string from = "pangyo", string to = "gasan") =>
        Do(m => m.RecordFailoverTest(_state, at, from, to, FailoverResult.Passed, "traffic moved in 40s"));

    private void Deploy(string target, DateTimeOffset at, DeployStatus status = DeployStatus.Ok, string? commit = null) =>
        Do(m => m.RecordDeploy(_state, at, target, status, null, commit));

    private void Promote(DateTimeOffset at) => Do(m => m.Promote(_state, at, null));

    [Fact]
    public void Without_sites_the_check_passes_and_says_it_checked_nothing()
    {
        _policy = TestPolicies.Parse();
        Started();

        var redundancy = Check("canary-01", "redundancy");

        Assert.Equal(CheckOutcome.Pass, redundancy.Outcome);
        Assert.Equal("not checked: the policy declares no sites", redundancy.Reason);
    }

    [Fact]
    public void Without_a_passed_failover_test_the_gate_blocks_saying_so_and_after_one_it_passes()
    {
        Started();

        var before = Gate("canary-01");
        var redundancy = before.Checks.Single(c => c.Name == "redundancy").Result;
        Assert.Equal(GateDecision.Block, before.Decision);
        Assert.Equal("no passed failover test within 90d: none has been recorded, so the redundancy is on paper only", redundancy.Reason);
        Assert.Contains("`changegate failover record --from pangyo --to gasan --result passed`", redundancy.Fix, StringComparison.Ordinal);

        FailoverPassed(T0);
        var after = Gate("canary-01", T0.AddMinutes(5));

        Assert.Equal(GateDecision.Allow, after.Decision);
        Assert.Equal("after deploying canary-01 (site pangyo) 2 of 3 sites (gasan, anyang) would serve the known-good version; min-serving-sites is 2; " +
            "failover test pangyo → gasan passed at 2026-11-03 01:00:00Z (5m ago; at most 90d)", after.Checks.Single(c => c.Name == "redundancy").Result.Reason);
    }

    [Fact]
    public void A_failed_deploy_in_one_site_blocks_a_deploy_to_another_naming_both_sites()
    {
        Started();
        FailoverPassed(T0);
        Deploy("canary-01", T0, DeployStatus.Failed);

        var redundancy = Check("gasan-01", "redundancy");

        Assert.Equal(CheckOutcome.Block, redundancy.Outcome);
        Assert.Equal("after deploying gasan-01 (site gasan) only 1 site (anyang) would serve the known-good version; pangyo has a failed target (canary-01, INC-1); min-serving-sites is 2", redundancy.Reason);
        Assert.Equal("bring pangyo back first: redeploy or roll back canary-01 and resolve INC-1; an override of `redundancy` is recorded", redundancy.Fix);
        Assert.Contains("pangyo (canary-01, pangyo-01, pangyo-02): has a failed target (canary-01, INC-1)", redundancy.Details);
    }

    [Fact]
    public void A_failed_target_keeps_its_site_out_after_the_incident_is_resolved_until_it_is_redeployed_or_rolled_back()
    {
        Started();
        FailoverPassed(T0);
        Deploy("canary-01", T0, DeployStatus.Failed);
        Do(m => m.ResolveIncident(_state, T0, "INC-1", "bad config reverted"));

        Assert.Equal(CheckOutcome.Block, Check("gasan-01", "redundancy").Outcome);

        Do(m => m.RecordDeploy(_state, T0.AddMinutes(1), "canary-01", DeployStatus.Ok, null, rollback: true));

        Assert.Equal(SiteVersion.KnownGood, SiteAssessment.Assess(_policy, _state, T0.AddMinutes(1))[0].Version);
        Assert.Equal(CheckOutcome.Pass, Check("gasan-01", "redundancy", T0.AddMinutes(1)).Outcome);
    }

    [Fact]
    public void A_site_counts_again_only_when_every_target_runs_the_new_version_and_the_bake_has_passed()
    {
        Started();
        FailoverPassed(T0);
        Deploy("canary-01", T0);

        // Pangyo is half on the new commit: deploying Gasan would leave Anyang alone.
        var mixed = Check("gasan-01", "redundancy", T0.AddMinutes(1));
        Assert.Equal(CheckOutcome.Block, mixed.Outcome);
        Assert.Contains("pangyo is being deployed (canary-01 on a1b2c3d4e5f6, pangyo-01 on the known-good version, pangyo-02 on the known-good version)", mixed.Reason, StringComparison.Ordinal);

        Promote(T0.AddMinutes(31));
        Deploy("pangyo-01", T0.AddMinutes(32));
        Deploy("pangyo-02", T0.AddMinutes(33));

        var baking = Check("gasan-01", "redundancy", T0.AddMinutes(60));
        Assert.Equal(CheckOutcome.Block, baking.Outcome);
        Assert.Contains("pangyo runs the new version a1b2c3d4e5f6, baking until 2026-11-03 02:33:00Z (1h after its last deploy)", baking.Reason, StringComparison.Ordinal);

        var proven = SiteAssessment.Assess(_policy, _state, T0.AddMinutes(93));
        Assert.Equal(SiteVersion.NewProven, proven[0].Version);
        Assert.True(proven[0].ServesKnownGood);
        Assert.Equal(CheckOutcome.Pass, Check("gasan-01", "redundancy", T0.AddMinutes(93)).Outcome);
    }

    [Fact]
    public void A_stage_that_spans_two_sites_goes_out_one_site_at_a_time()
    {
        Started();
        FailoverPassed(T0);
        Deploy("canary-01", T0);
        Promote(T0.AddMinutes(31));
        Deploy("pangyo-01", T0.AddMinutes(32));
        Deploy("pangyo-02", T0.AddMinutes(32));
        Promote(T0.AddMinutes(100));
        Deploy("gasan-01", T0.AddMinutes(101));

        Assert.Equal(CheckOutcome.Block, Check("anyang-01", "redundancy", T0.AddMinutes(102)).Outcome);
        Assert.Equal(CheckOutcome.Block, Check(null, "redundancy", T0.AddMinutes(102), stage: "gasan-anyang").Outcome);
        Assert.Equal(CheckOutcome.Pass, Check("gasan-02", "redundancy", T0.AddMinutes(102)).Outcome);

        Deploy("gasan-02", T0.AddMinutes(103));

        Assert.Equal(CheckOutcome.Pass, Check("anyang-01", "redundancy", T0.AddMinutes(104)).Outcome);
    }

    [Fact]
    public void An_incident_opened_for_a_site_takes_it_out()
    {
        Started();
        FailoverPassed(T0);
        Do(m => m.OpenIncident(_state, T0, "power work in the Anyang data centre", null, "Anyang"));

        var redundancy = Check("gasan-01", "redundancy");

        Assert.Equal("anyang", _state.OpenIncidents[0].Site);
        Assert.Contains("anyang has an open incident (INC-1)", redundancy.Reason, StringComparison.Ordinal);
        Assert.Equal("bring anyang back first: redeploy or roll back its targets and resolve INC-1; an override of `redundancy` is recorded", redundancy.Fix);
    }

    [Fact]
    public void A_target_left_on_another_commit_by_an_aborted_rollout_keeps_its_site_out_of_the_next_one()
    {
        Started();
        FailoverPassed(T0);
        Deploy("canary-01", T0);
        Do(m => m.Abort(_state, T0.AddMinutes(1), "wrong build"));
        Do(m => m.Start(_state, T0.AddMinutes(2), Commit with { Sha = Other }, "redeploy v1", null));

        var pangyo = SiteAssessment.Assess(_policy, _state, T0.AddMinutes(3))[0];

        Assert.Equal(SiteVersion.Other, pangyo.Version);
        Assert.Equal("runs another version (canary-01 on a1b2c3d4e5f6)", pangyo.Summary);
    }

    [Fact]
    public void Rolling_back_a_rollout_puts_its_targets_back_on_the_known_good_version()
    {
        Started();
        FailoverPassed(T0);
        Deploy("canary-01", T0);
        Do(m => m.RollBack(_state, T0.AddMinutes(1), "message loss"));

        Assert.All(SiteAssessment.Assess(_policy, _state, T0.AddMinutes(2)), s => Assert.True(s.ServesKnownGood, s.Summary));
        Assert.True(_state.VersionOf("canary-01")!.Rollback);
    }

    [Fact]
    public void A_failover_test_older_than_the_limit_or_failed_since_does_not_count()
    {
        Started();
        FailoverPassed(T0.AddDays(-100));

        var stale = Check("canary-01", "redundancy");
        Assert.Equal("no passed failover test within 90d: the last one (pangyo → gasan) was at 2026-07-26 01:00:00Z, 100d ago", stale.Reason);

        FailoverPassed(T0);
        Do(m => m.RecordFailoverTest(_state, T0.AddMinutes(10), "pangyo", "gasan", FailoverResult.Failed, "gasan ran out of capacity"));
        Do(m => m.ResolveIncident(_state, T0.AddMinutes(20), "INC-1", "capacity added"));
        var failedSince = Check("canary-01", "redundancy", T0.AddMinutes(30));
        Assert.Equal("no passed failover test within 90d: the last test of pangyo → gasan failed at 2026-11-03 01:10:00Z and none passed since", failedSince.Reason);
        Assert.Contains("--from pangyo --to gasan", failedSince.Fix, StringComparison.Ordinal);

        FailoverPassed(T0.AddMinutes(40), "gasan", "anyang");
        Assert.Equal(CheckOutcome.Pass, Check("canary-01", "redundancy", T0.AddMinutes(41)).Outcome);
    }

    [Fact]
    public void A_failed_failover_test_opens_an_incident_on_the_site_that_did_not_take_over()
    {
        Started();

        Do(m => m.RecordFailoverTest(_state, T0, "gasan", "anyang", FailoverResult.Failed, "anyang ran out of capacity at 60%"));

        var incident = Assert.Single(_state.OpenIncidents);
        Assert.Equal("failover test gasan → anyang failed: anyang ran out of capacity at 60%", incident.Title);
        Assert.Equal("anyang", incident.Site);
        Assert.Equal(RolloutStatus.Paused, _state.Rollout!.Status);
        Assert.False(SiteAssessment.Assess(_policy, _state, T0)[2].ServesKnownGood);
    }

    [Fact]
    public void Version_skew_in_a_stage_already_promoted_through_blocks_other_targets_but_not_its_own_fix()
    {
        Started();
        FailoverPassed(T0);
        Deploy("canary-01", T0);
        Promote(T0.AddMinutes(31));
        Deploy("canary-01", T0.AddMinutes(32), commit: Other);

        var other = Check("pangyo-01", "stage", T0.AddMinutes(33));
        var fix = Check("canary-01", "stage", T0.AddMinutes(33));

        Assert.Equal(CheckOutcome.Block, other.Outcome);
        Assert.Equal("version skew: canary-01 (canary) runs 0f0f0f0f0f0f, not a1b2c3d4e5f6", other.Reason);
        Assert.Equal("deploy a1b2c3d4e5f6 to canary-01 again and record it: `changegate deploy record --target canary-01 --status ok`", other.Fix);
        Assert.Equal(CheckOutcome.Pass, fix.Outcome);
    }

    [Fact]
    public void Under_a_rehearsed_rollback_plan_targets_beyond_the_first_stage_wait_for_the_rehearsal()
    {
        _policy = TestPolicies.Parse(TestPolicies.ThreeSites.Replace("rollback-plan: required", "rollback-plan: rehearsed", StringComparison.Ordinal));
        Started();

        var canary = Check("canary-01", "rollback-plan");
        var pangyo = Check("pangyo-01", "rollback-plan");
        Assert.Equal(CheckOutcome.Pass, canary.Outcome);
        Assert.Contains("to be rehearsed on canary before promotion", canary.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Block, pangyo.Outcome);
        Assert.Equal("rollback not rehearsed: no successful rollback is recorded on a target of canary (canary-01) in R-1", pangyo.Reason);

        Deploy("canary-01", T0);
        Do(m => m.RecordDeploy(_state, T0.AddMinutes(1), "canary-01", DeployStatus.Ok, null, rollback: true));
        Assert.Equal("rollback rehearsal unfinished: canary-01 was rolled back but not deployed forward again", Check("pangyo-01", "rollback-plan", T0.AddMinutes(2)).Reason);

        Deploy("canary-01", T0.AddMinutes(3));
        var done = Check("pangyo-01", "rollback-plan", T0.AddMinutes(4));
        Assert.Equal(CheckOutcome.Pass, done.Outcome);
        Assert.Contains("rollback rehearsed on canary-01: rolled back at 2026-11-03 01:01:00Z, deployed forward again at 2026-11-03 01:03:00Z", done.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_emergency_freeze_blocks_every_target_and_no_override_covers_it_until_it_is_lifted()
    {
        Started();
        FailoverPassed(T0);
        Do(m => m.FreezeNow(_state, T0, "INC-7: message loss, stop all deploys", null), "dev@kakao.com");
        Do(m => m.GrantOverride(_state, T0, "freeze", "hotfix", TimeSpan.FromHours(1), GateChecks.Overridable), "sre@kakao.com");

        foreach (var target in _policy.Stages.SelectMany(s => s.Targets))
        {
            var freeze = Gate(target, T0.AddMinutes(1)).Checks.Single(c => c.Name == "freeze");
            Assert.Equal(CheckOutcome.Block, freeze.Result.Outcome);
            Assert.False(freeze.Allows);
            Assert.Null(freeze.Override);
            Assert.False(freeze.Result.Overridable);
            Assert.Equal("emergency freeze FRZ-1 is in force since 2026-11-03 01:00:00Z (by dev@kakao.com, until lifted): INC-7: message loss, stop all deploys", freeze.Result.Reason);
        }

        Do(m => m.LiftFreeze(_state, T0.AddMinutes(2), "INC-7 resolved"), "oncall@kakao.com");

        var after = Gate("canary-01", T0.AddMinutes(3));
        Assert.Equal(GateDecision.Allow, after.Decision);
    }
}
