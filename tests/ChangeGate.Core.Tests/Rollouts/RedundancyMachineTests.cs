using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Rollouts;

/// <summary>The state machine's rules for versions, rehearsed rollbacks, failover tests and stop-the-line.</summary>
public sealed class RedundancyMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly CommitInfo Commit = new("a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "Author", "author@kakao.com");
    private const string Old = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
    private GatePolicy _policy = TestPolicies.Parse(TestPolicies.ThreeSites);
    private LedgerState _state = LedgerState.Empty;

    private RolloutMachine As(string actor) => new(_policy, actor);

    private WriteDecision Do(WriteDecision decision)
    {
        if (decision.Refusal is null)
        {
            _state = decision.Events.Select(e => e with { Id = Guid.NewGuid() }).Aggregate(_state, LedgerFold.Apply);
        }

        return decision;
    }

    private void Ok(WriteDecision decision) => Assert.True(Do(decision).Refusal is null, decision.Refusal?.Reason);

    private static string Refused(WriteDecision decision)
    {
        Assert.True(decision.Refusal is not null, "expected a refusal");
        return decision.Refusal!.Reason;
    }

    private void Started() => Ok(As("rm@kakao.com").Start(_state, T0, Commit, "redeploy v1", null));

    private void Deploy(string target, DateTimeOffset at, string? commit = null, DeployStatus status = DeployStatus.Ok, bool rollback = false) =>
        Ok(As("deployer@kakao.com").RecordDeploy(_state, at, target, status, null, commit, rollback));

    [Fact]
    public void A_deploy_records_the_commit_the_target_runs_by_default_the_rollouts()
    {
        Started();

        Deploy("canary-01", T0);
        Deploy("pangyo-01", T0, Old, DeployStatus.Ok);

        Assert.Equal(Commit.Sha, _state.VersionOf("canary-01")!.Commit);
        Assert.Equal(Old, _state.Rollout!.Deploys.Single(d => d.Target == "pangyo-01").Commit);
        Assert.Null(_state.VersionOf("gasan-01"));
    }

    [Fact]
    public void Promotion_is_refused_while_a_target_of_the_stage_runs_another_commit()
    {
        Started();
        Deploy("canary-01", T0, Old);

        var refusal = Refused(As("rm@kakao.com").Promote(_state, T0.AddMinutes(31), null));

        Assert.Equal("cannot promote R-1 from canary to pangyo: stage: version skew: canary-01 (canary) runs 0f0f0f0f0f0f, not a1b2c3d4e5f6", refusal);

        Deploy("canary-01", T0.AddMinutes(32));
        Ok(As("rm@kakao.com").Promote(_state, T0.AddMinutes(63), null));
    }

    [Fact]
    public void A_failed_target_of_the_current_stage_refuses_promotion_even_with_the_bake_overridden()
    {
        Started();
        Deploy("canary-01", T0, status: DeployStatus.Failed);
        Ok(As("rm@kakao.com").ResolveIncident(_state, T0, "INC-1", "looked into it"));
        Ok(As("rm@kakao.com").Resume(_state, T0, null));
        Ok(As("sre@kakao.com").GrantOverride(_state, T0, "bake", "canary host is flaky", TimeSpan.FromHours(1), GateChecks.Overridable));

        var refusal = Refused(As("rm@kakao.com").Promote(_state, T0.AddMinutes(1), null));

        Assert.Contains("stage: version skew: canary-01 (canary) failed its last deploy", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_is_refused_while_any_target_of_any_stage_is_left_on_another_commit()
    {
        Started();
        Deploy("canary-01", T0);
        Ok(As("rm@kakao.com").Promote(_state, T0.AddMinutes(31), null));
        Deploy("pangyo-01", T0.AddMinutes(32));
        Deploy("pangyo-02", T0.AddMinutes(32));
        Ok(As("rm@kakao.com").Promote(_state, T0.AddMinutes(93), null));
        foreach (var target in new[] { "gasan-01", "gasan-02", "anyang-01", "anyang-02" })
        {
            Deploy(target, T0.AddMinutes(94));
        }

        // Knight Capital: one server of the already-promoted Pangyo stage goes back to the old code.
        Deploy("pangyo-02", T0.AddMinutes(95), Old);
        var refusal = Refused(As("rm@kakao.com").Complete(_state, T0.AddMinutes(96), null));

        Assert.Equal("cannot complete R-1: version skew: pangyo-02 (pangyo) runs 0f0f0f0f0f0f, not a1b2c3d4e5f6", refusal);
        Deploy("pangyo-02", T0.AddMinutes(97));
        Ok(As("rm@kakao.com").Complete(_state, T0.AddMinutes(98), null));
    }

    [Fact]
    public void A_rehearsed_rollback_plan_needs_a_rollback_on_the_first_stage_then_the_forward_deploy_again()
    {
        _policy = TestPolicies.Parse(TestPolicies.ThreeSites.Replace("rollback-plan: required", "rollback-plan: rehearsed", StringComparison.Ordinal));
        Started();
        Deploy("canary-01", T0);

        Assert.Contains("rollback-plan: rollback not rehearsed: no successful rollback is recorded on a target of canary (canary-01) in R-1",
            Refused(As("rm@kakao.com").Promote(_state, T0.AddMinutes(31), null)), StringComparison.Ordinal);

        var rollback = Do(As("deployer@kakao.com").RecordDeploy(_state, T0.AddMinutes(32), "canary-01", DeployStatus.Ok, null, rollback: true));
        Assert.Equal("rollback of R-1 on canary-01 (canary) to the previous version: ok", Assert.Single(rollback.Events).Describe());
        var unfinished = Refused(As("rm@kakao.com").Promote(_state, T0.AddMinutes(63), null));
        Assert.Contains("rollback-plan: rollback rehearsal unfinished: canary-01 was rolled back but not deployed forward again", unfinished, StringComparison.Ordinal);
        Assert.Contains("stage: version skew: canary-01 (canary) was rolled back to the previous version", unfinished, StringComparison.Ordinal);

        Deploy("canary-01", T0.AddMinutes(64));
        Ok(As("rm@kakao.com").Promote(_state, T0.AddMinutes(95), null));
    }

    [Fact]
    public void A_failed_rollback_opens_an_incident_and_a_rollback_outside_the_stage_does_not()
    {
        Started();

        var failed = Do(As("deployer@kakao.com").RecordDeploy(_state, T0, "canary-01", DeployStatus.Failed, "old package gone", rollback: true));
        Assert.Equal("rollback of R-1 on canary-01 failed: old package gone", ((IncidentOpened)failed.Events[1]).Title);

        Ok(As("rm@kakao.com").ResolveIncident(_state, T0, "INC-1", "package restored"));
        var outside = Do(As("deployer@kakao.com").RecordDeploy(_state, T0, "gasan-01", DeployStatus.Ok, null, rollback: true));
        Assert.Equal(["target-deployed"], outside.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Anyone_may_stop_the_line_and_only_override_or_emergency_actors_may_lift_it()
    {
        Started();
        Deploy("canary-01", T0);

        Ok(As("dev@kakao.com").FreezeNow(_state, T0, "INC-7: message loss", null));
        Assert.Contains("emergency freeze FRZ-1 is already in force", Refused(As("rm@kakao.com").FreezeNow(_state, T0, "again", null)), StringComparison.Ordinal);

        Ok(As("sre@kakao.com").GrantOverride(_state, T0, "freeze", "hotfix", TimeSpan.FromHours(2), GateChecks.Overridable));
        Ok(As("sre@kakao.com").GrantOverride(_state, T0, "bake", "hotfix", TimeSpan.FromHours(2), GateChecks.Overridable));
        var promote = As("rm@kakao.com").Promote(_state, T0.AddMinutes(1), null);
        Assert.Equal("cannot promote R-1: emergency freeze FRZ-1 is in force since 2026-11-03 01:00:00Z (by dev@kakao.com, until lifted): INC-7: message loss", promote.Refusal!.Reason);
        Assert.Equal("when it is safe again, one of sre@kakao.com, oncall@kakao.com runs `changegate freeze lift --reason \"...\"` (an override does not lift it)", promote.Refusal.Fix);

        var byDeveloper = As("dev@kakao.com").LiftFreeze(_state, T0.AddMinutes(2), "done");
        Assert.Equal("dev@kakao.com may not lift emergency freeze FRZ-1", byDeveloper.Refusal!.Reason);
        Ok(As("ONCALL@kakao.com").LiftFreeze(_state, T0.AddMinutes(3), "INC-7 resolved"));

        Assert.Null(_state.EmergencyFreeze);
        Ok(As("rm@kakao.com").Promote(_state, T0.AddMinutes(4), null));
        Assert.Equal("no emergency freeze is in force", Refused(As("sre@kakao.com").LiftFreeze(_state, T0.AddMinutes(5), "again")));
    }

    [Fact]
    public void An_emergency_freeze_with_an_end_time_ends_by_itself()
    {
        Started();
        Ok(As("dev@kakao.com").FreezeNow(_state, T0, "power work", T0.AddHours(1)));

        Assert.NotNull(_state.EmergencyFreezeAt(T0.AddMinutes(59)));
        Assert.Null(_state.EmergencyFreezeAt(T0.AddHours(1)));
        Assert.Equal("no emergency freeze is in force (FRZ-1 ran out at 2026-11-03 02:00:00Z)", Refused(As("sre@kakao.com").LiftFreeze(_state, T0.AddHours(2), "done")));
        Assert.Contains("is not in the future", Refused(As("dev@kakao.com").FreezeNow(_state, T0.AddHours(2), "again", T0.AddHours(1))), StringComparison.Ordinal);

        // A new freeze may start once the old one ran out; the next event drops the old one from the snapshot.
        Ok(As("dev@kakao.com").FreezeNow(_state, T0.AddHours(2), "again", null));
        Assert.Equal("FRZ-2", _state.EmergencyFreeze!.Id);
    }

    [Fact]
    public void With_no_one_named_to_lift_it_the_refusal_says_the_policy_must_name_someone()
    {
        _policy = TestPolicies.Parse(TestPolicies.ThreeSites.Replace("overrides:\n  actors: [sre@kakao.com]\n  max-duration: 4h\nfreeze:\n  emergency-actors: [oncall@kakao.com]\n", "", StringComparison.Ordinal));
        Started();
        Ok(As("dev@kakao.com").FreezeNow(_state, T0, "INC-7", null));

        var refusal = As("rm@kakao.com").LiftFreeze(_state, T0, "done").Refusal!;

        Assert.Contains("add `freeze.emergency-actors`", refusal.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forward_deploy_recorded_during_an_emergency_freeze_opens_an_incident_and_pauses()
    {
        Started();
        Ok(As("dev@kakao.com").FreezeNow(_state, T0, "INC-7: message loss", null));

        var deploy = Do(As("deployer@kakao.com").RecordDeploy(_state, T0, "canary-01", DeployStatus.Ok, null));

        Assert.Equal(["target-deployed", "incident-opened", "rollout-paused"], deploy.Events.Select(e => e.Kind));
        Assert.Equal("canary-01 was deployed during emergency freeze FRZ-1 (INC-7: message loss)", ((IncidentOpened)deploy.Events[1]).Title);
    }

    [Theory]
    [InlineData("pangyo", "seoul", "'seoul' is not a site of the policy")]
    [InlineData("Gasan", "gasan", "a failover goes from one site to another, but --from and --to both name gasan")]
    public void A_failover_test_names_two_different_sites_of_the_policy(string from, string to, string reason)
    {
        var refusal = As("sre@kakao.com").RecordFailoverTest(_state, T0, from, to, FailoverResult.Passed, null).Refusal!;

        Assert.Equal(reason, refusal.Reason);
        Assert.Equal("sites: pangyo, gasan, anyang", refusal.Fix);
    }

    [Fact]
    public void A_failover_test_needs_sites_in_the_policy_and_is_recorded_with_its_sites_as_the_policy_spells_them()
    {
        var without = new RolloutMachine(TestPolicies.Parse(), "sre@kakao.com").RecordFailoverTest(_state, T0, "a", "b", FailoverResult.Passed, null);
        Assert.Equal("the policy declares no sites, so there is nothing to fail over between", without.Refusal!.Reason);

        var recorded = Do(As("sre@kakao.com").RecordFailoverTest(_state, T0, "PANGYO", "Gasan", FailoverResult.Passed, "40s"));

        Assert.Equal("failover test pangyo → gasan: passed — 40s", Assert.Single(recorded.Events).Describe());
        Assert.Equal(new FailoverTestRecord("pangyo", "gasan", FailoverResult.Passed, T0, "sre@kakao.com", "40s"), Assert.Single(_state.FailoverTests));
    }

    [Fact]
    public void An_incident_names_a_site_of_the_policy_and_agrees_with_its_target()
    {
        Assert.Equal("'seoul' is not a site of the policy", As("rm@kakao.com").OpenIncident(_state, T0, "x", null, "seoul").Refusal!.Reason);
        Assert.Equal("target gasan-01 is in site gasan, not anyang", As("rm@kakao.com").OpenIncident(_state, T0, "x", "gasan-01", "anyang").Refusal!.Reason);
    }
}
