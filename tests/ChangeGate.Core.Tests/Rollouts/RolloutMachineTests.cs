using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Rollouts;

/// <summary>The state machine on its own: decide, fold, decide again. The ledger round trip is covered by the ledger tests.</summary>
public sealed class RolloutMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero); // Tuesday 10:00 in Seoul
    private static readonly CommitInfo Commit = new("a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "Author", "author@kakao.com");
    private readonly ChangeGate.Core.Policy.GatePolicy _policy = TestPolicies.Parse();
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

    private void Started() => Assert.Null(Do(As("rm@kakao.com").Start(_state, T0, Commit, "redeploy v1", null)).Refusal);

    private void CanaryDeployedOk(DateTimeOffset at) => Assert.Null(Do(As("rm@kakao.com").RecordDeploy(_state, at, "canary-01", DeployStatus.Ok, null)).Refusal);

    [Fact]
    public void A_rollout_needs_a_rollback_plan_when_the_policy_requires_one()
    {
        var decision = As("rm@kakao.com").Start(_state, T0, Commit, null, null);

        Assert.NotNull(decision.Refusal);
        Assert.Contains("requires a rollback plan", decision.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_rollout_cannot_start_while_one_is_active()
    {
        Started();

        var decision = As("rm@kakao.com").Start(_state, T0, Commit, "plan", null);

        Assert.Contains("R-1", decision.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_deploy_opens_an_incident_and_pauses_the_rollout_at_once()
    {
        Started();

        var decision = Do(As("rm@kakao.com").RecordDeploy(_state, T0, "canary-01", DeployStatus.Failed, "health check timed out"));

        Assert.Equal(["target-deployed", "incident-opened", "rollout-paused"], decision.Events.Select(e => e.Kind));
        var incident = Assert.Single(_state.OpenIncidents);
        Assert.Equal("INC-1", incident.Id);
        Assert.Contains("canary-01", incident.Title, StringComparison.Ordinal);
        Assert.Equal(RolloutStatus.Paused, _state.Rollout!.Status);
    }

    [Fact]
    public void Nothing_is_resumed_or_promoted_while_an_incident_is_unresolved()
    {
        Started();
        Do(As("rm@kakao.com").RecordDeploy(_state, T0, "canary-01", DeployStatus.Failed, null));

        var resume = As("rm@kakao.com").Resume(_state, T0, null);
        Assert.Contains("INC-1", resume.Refusal!.Reason, StringComparison.Ordinal);

        Assert.Null(Do(As("rm@kakao.com").ResolveIncident(_state, T0, "inc-1", "config reverted")).Refusal);
        Assert.Null(Do(As("rm@kakao.com").Resume(_state, T0, null)).Refusal);
        Assert.Equal(RolloutStatus.Running, _state.Rollout!.Status);
    }

    [Fact]
    public void A_manual_incident_pauses_a_running_rollout_and_blocks_promotion()
    {
        Started();
        CanaryDeployedOk(T0);
        Do(As("sre@kakao.com").OpenIncident(_state, T0, "latency up", null));

        Assert.Equal(RolloutStatus.Paused, _state.Rollout!.Status);
        Assert.Contains("paused", As("rm@kakao.com").Promote(_state, T0.AddHours(2), null).Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Promotion_waits_for_the_bake_time_since_the_last_successful_deploy()
    {
        Started();
        CanaryDeployedOk(T0);
        Do(As("lead@kakao.com").Approve(_state, T0, "pangyo", null));
        Do(As("sre@kakao.com").Approve(_state, T0, "pangyo", null));

        var early = As("rm@kakao.com").Promote(_state, T0.AddMinutes(29), null);
        Assert.Contains("bake: stage canary has baked 29m of 30m", early.Refusal!.Reason, StringComparison.Ordinal);

        var onTime = Do(As("rm@kakao.com").Promote(_state, T0.AddMinutes(30), null));
        Assert.Null(onTime.Refusal);
        Assert.Equal("pangyo", _state.Rollout!.CurrentStage.Name);
    }

    [Fact]
    public void Promotion_needs_every_target_of_the_stage_deployed_ok()
    {
        Started();

        var decision = As("rm@kakao.com").Promote(_state, T0.AddHours(1), null);

        Assert.Contains("canary-01 not deployed ok", decision.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Promotion_needs_distinct_approvers_and_the_author_cannot_approve()
    {
        Started();
        CanaryDeployedOk(T0);

        var byAuthor = As("Author@Kakao.com").Approve(_state, T0, "pangyo", null);
        Assert.Contains("cannot approve", byAuthor.Refusal!.Reason, StringComparison.Ordinal);

        Assert.Null(Do(As("lead@kakao.com").Approve(_state, T0, "pangyo", null)).Refusal);
        var twice = As("LEAD@kakao.com").Approve(_state, T0, "pangyo", null);
        Assert.Contains("already approved", twice.Refusal!.Reason, StringComparison.Ordinal);

        Assert.Contains("approvals: stage pangyo has 1 of 2", As("rm@kakao.com").Promote(_state, T0.AddHours(1), null).Refusal!.Reason, StringComparison.Ordinal);

        Do(As("sre@kakao.com").Approve(_state, T0, "pangyo", null));
        Assert.Null(As("rm@kakao.com").Promote(_state, T0.AddHours(1), null).Refusal);
    }

    [Fact]
    public void Only_listed_approvers_may_approve()
    {
        Started();

        var decision = As("intern@kakao.com").Approve(_state, T0, "pangyo", null);

        Assert.Contains("not an approver", decision.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_freeze_window_blocks_promotion_until_an_override_actor_overrides_it()
    {
        var frozen = new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero); // 21:00 in Seoul, inside "year end"
        Started();
        CanaryDeployedOk(frozen.AddHours(-2));
        Do(As("lead@kakao.com").Approve(_state, frozen, "pangyo", null));
        Do(As("sre@kakao.com").Approve(_state, frozen, "pangyo", null));

        Assert.Contains("freeze: freeze window 'year end' is in force", As("rm@kakao.com").Promote(_state, frozen, null).Refusal!.Reason, StringComparison.Ordinal);

        Assert.Contains("may not grant overrides", As("lead@kakao.com").GrantOverride(_state, frozen, "freeze", "hotfix", TimeSpan.FromHours(1), GateChecks.Overridable).Refusal!.Reason, StringComparison.Ordinal);
        Assert.Contains("needs a reason", As("sre@kakao.com").GrantOverride(_state, frozen, "freeze", " ", TimeSpan.FromHours(1), GateChecks.Overridable).Refusal!.Reason, StringComparison.Ordinal);
        Assert.Contains("must expire within 4h", As("sre@kakao.com").GrantOverride(_state, frozen, "freeze", "hotfix", TimeSpan.FromHours(5), GateChecks.Overridable).Refusal!.Reason, StringComparison.Ordinal);
        Assert.Null(Do(As("sre@kakao.com").GrantOverride(_state, frozen, "freeze", "hotfix for INC-9", TimeSpan.FromHours(1), GateChecks.Overridable)).Refusal);

        var promoted = Do(As("rm@kakao.com").Promote(_state, frozen.AddMinutes(10), null));

        var e = Assert.IsType<StagePromoted>(Assert.Single(promoted.Events));
        Assert.Equal(["OVR-1"], e.OverridesUsed);
    }

    [Fact]
    public void An_override_stops_counting_when_it_expires()
    {
        Started();
        Do(As("sre@kakao.com").GrantOverride(_state, T0, RuleNames.Approvals, "approvers on leave; CAB approved by mail", TimeSpan.FromMinutes(45), GateChecks.Overridable));
        CanaryDeployedOk(T0);

        Assert.Null(As("rm@kakao.com").Promote(_state, T0.AddMinutes(31), null).Refusal);
        var late = As("rm@kakao.com").Promote(_state, T0.AddMinutes(45), null);
        Assert.Contains("approvals: stage pangyo has 0 of 2", late.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_check_cannot_be_overridden()
    {
        var decision = As("sre@kakao.com").GrantOverride(_state, T0, "evrything", "x", TimeSpan.FromHours(1), GateChecks.Overridable);

        Assert.Contains("not a check that can be overridden", decision.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deploy_outside_the_approved_stage_is_recorded_and_opens_an_incident()
    {
        Started();

        var decision = Do(As("rm@kakao.com").RecordDeploy(_state, T0, "gasan-01", DeployStatus.Ok, null));

        Assert.Equal(["target-deployed", "incident-opened", "rollout-paused"], decision.Events.Select(e => e.Kind));
        Assert.Contains("gasan-01 (gasan-anyang) was deployed while rollout R-1 is at canary", _state.OpenIncidents[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deploy_to_an_unknown_target_is_refused()
    {
        Started();

        Assert.Contains("in no stage", As("rm@kakao.com").RecordDeploy(_state, T0, "pangyo-03", DeployStatus.Ok, null).Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_needs_the_last_stage_fully_deployed()
    {
        Started();
        Assert.Contains("not at its last stage", As("rm@kakao.com").Complete(_state, T0, null).Refusal!.Reason, StringComparison.Ordinal);

        Do(As("sre@kakao.com").GrantOverride(_state, T0, RuleNames.Approvals, "test", TimeSpan.FromHours(4), GateChecks.Overridable));
        Do(As("sre@kakao.com").GrantOverride(_state, T0, RuleNames.Bake, "test", TimeSpan.FromHours(4), GateChecks.Overridable));
        foreach (var target in new[] { "canary-01", "pangyo-01", "pangyo-02" })
        {
            Do(As("rm@kakao.com").RecordDeploy(_state, T0, target, DeployStatus.Ok, null));
            if (target != "pangyo-01")
            {
                Assert.Null(Do(As("rm@kakao.com").Promote(_state, T0, null)).Refusal);
            }
        }

        Assert.Contains("gasan-01, gasan-02, anyang-01, anyang-02 not deployed ok", As("rm@kakao.com").Complete(_state, T0, null).Refusal!.Reason, StringComparison.Ordinal);
        Assert.Contains("last stage", As("rm@kakao.com").Promote(_state, T0, null).Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Aborted_rollouts_accept_no_more_commands_and_a_new_one_can_start()
    {
        Started();
        Do(As("rm@kakao.com").Abort(_state, T0, "wrong build"));

        Assert.Contains("the last one, R-1, is aborted", As("rm@kakao.com").Promote(_state, T0, null).Refusal!.Reason, StringComparison.Ordinal);
        Assert.Null(Do(As("rm@kakao.com").Start(_state, T0, Commit, "plan", null)).Refusal);
        Assert.Equal("R-2", _state.Rollout!.Id);
    }
}
