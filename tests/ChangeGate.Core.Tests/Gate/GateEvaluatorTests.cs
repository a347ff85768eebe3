using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Gate;

public sealed class GateEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly CommitInfo Commit = new("a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "Author", "author@kakao.com");
    // The ledger's checks; the evidence and analyzers checks read git and have their own tests.
    private readonly ChangeGate.Core.Policy.GatePolicy _policy = TestPolicies.Parse(TestPolicies.ThreeStages + "\nchecks: [incidents, stage, approvals, freeze, rollback-plan]\n");
    private LedgerState _state = LedgerState.Empty;

    private void Do(Func<RolloutMachine, WriteDecision> command, string actor = "rm@kakao.com")
    {
        var decision = command(new RolloutMachine(_policy, actor));
        Assert.Null(decision.Refusal);
        _state = decision.Events.Select(e => e with { Id = Guid.NewGuid() }).Aggregate(_state, LedgerFold.Apply);
    }

    private GateReport Gate(string? target = null, string? stage = null, DateTimeOffset? now = null, CommitInfo? commit = null, IReadOnlyList<IGateCheck>? checks = null, ChangeGate.Core.Policy.GatePolicy? policy = null) =>
        new GateEvaluator(checks).Evaluate(new GateContext(policy ?? _policy, _state, commit ?? Commit, ".", now ?? T0, target, stage));

    private static CheckReport Check(GateReport report, string name) => report.Checks.Single(c => c.Name == name);

    private void StartedAndCanaryApproved() => Do(m => m.Start(_state, T0, Commit, "redeploy v1", null));

    [Fact]
    public void A_target_of_the_current_stage_is_allowed()
    {
        StartedAndCanaryApproved();

        var report = Gate("canary-01");

        Assert.Equal(GateDecision.Allow, report.Decision);
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(["incidents", "stage", "approvals", "freeze", "rollback-plan"], report.Checks.Select(c => c.Name));
    }

    [Fact]
    public void A_target_of_a_later_stage_is_blocked_until_the_rollout_is_promoted_there()
    {
        StartedAndCanaryApproved();

        var report = Gate("gasan-01");

        Assert.Equal(1, report.ExitCode);
        var stage = Check(report, "stage");
        Assert.Equal(CheckOutcome.Block, stage.Result.Outcome);
        Assert.Contains("gasan-01 (stage gasan-anyang) is not approved yet: rollout R-1 is at canary (1/3)", stage.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("pangyo, gasan-anyang", stage.Result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_of_an_earlier_stage_stays_allowed_after_promotion()
    {
        StartedAndCanaryApproved();
        Do(m => m.RecordDeploy(_state, T0, "canary-01", DeployStatus.Ok, null));
        Do(m => m.Approve(_state, T0, "pangyo", null), "lead@kakao.com");
        Do(m => m.Approve(_state, T0, "pangyo", null), "sre@kakao.com");
        Do(m => m.Promote(_state, T0.AddHours(1), null));

        Assert.Equal(CheckOutcome.Pass, Check(Gate("canary-01", now: T0.AddHours(1)), "stage").Result.Outcome);
        Assert.Equal(GateDecision.Allow, Gate("pangyo-02", now: T0.AddHours(1)).Decision);
        Assert.Equal(GateDecision.Block, Gate("anyang-02", now: T0.AddHours(1)).Decision);
    }

    [Fact]
    public void An_unknown_target_is_blocked()
    {
        StartedAndCanaryApproved();

        Assert.Contains("target pangyo-9 is in no stage", Check(Gate("pangyo-9"), "stage").Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_target_is_blocked_while_an_incident_is_open_and_the_incident_is_named()
    {
        StartedAndCanaryApproved();
        Do(m => m.RecordDeploy(_state, T0, "canary-01", DeployStatus.Failed, "timeout"));

        foreach (var target in new[] { "canary-01", "pangyo-01", "gasan-01" })
        {
            var incidents = Check(Gate(target), "incidents");
            Assert.Equal(CheckOutcome.Block, incidents.Result.Outcome);
            Assert.Contains("INC-1 \"deploy of R-1 to canary-01 failed: timeout\"", incidents.Result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_gate_for_another_commit_than_the_rollout_blocks()
    {
        StartedAndCanaryApproved();

        var stage = Check(Gate("canary-01", commit: Commit with { Sha = "ffffffffffffffffffffffffffffffffffffffff" }), "stage");

        Assert.Contains("is for commit a1b2c3d4e5f6, not ffffffffffff", stage.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_rollout_blocks()
    {
        var report = Gate("canary-01");

        Assert.Equal(GateDecision.Block, report.Decision);
        Assert.Contains("no rollout has been started", Check(report, "stage").Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_approvals_of_the_targets_stage_block()
    {
        StartedAndCanaryApproved();
        Do(m => m.GrantOverride(_state, T0, "stage", "emergency capacity", TimeSpan.FromHours(1), GateChecks.Overridable), "sre@kakao.com");

        var approvals = Check(Gate("pangyo-01"), "approvals");

        Assert.Equal(CheckOutcome.Block, approvals.Result.Outcome);
        Assert.Contains("stage pangyo has 0 of 2 required approvals", approvals.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_turns_a_block_into_a_visible_overridden_pass_until_it_expires()
    {
        StartedAndCanaryApproved();
        var frozen = new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero);
        Do(m => m.GrantOverride(_state, frozen, "freeze", "hotfix for INC-9", TimeSpan.FromHours(1), GateChecks.Overridable), "sre@kakao.com");

        var during = Gate("canary-01", now: frozen.AddMinutes(30));
        var after = Gate("canary-01", now: frozen.AddHours(1));

        var freeze = Check(during, "freeze");
        Assert.True(freeze.Overridden);
        Assert.Equal(CheckOutcome.Block, freeze.Result.Outcome);
        Assert.Equal("OVR-1", freeze.Override!.Id);
        Assert.Equal("hotfix for INC-9", freeze.Override.Reason);
        Assert.Equal(GateDecision.Allow, during.Decision);
        Assert.Equal(["OVR-1"], during.OverridesRelied.Select(o => o.Id));
        Assert.Equal(GateDecision.Block, after.Decision);
        Assert.Empty(after.OverridesRelied);
    }

    [Fact]
    public void An_override_not_relied_on_is_not_reported()
    {
        StartedAndCanaryApproved();
        Do(m => m.GrantOverride(_state, T0, "freeze", "hotfix", TimeSpan.FromHours(1), GateChecks.Overridable), "sre@kakao.com");

        var report = Gate("canary-01");

        Assert.False(Check(report, "freeze").Overridden);
        Assert.Empty(report.OverridesRelied);
    }

    [Fact]
    public void An_override_is_limited_to_the_rollout_it_was_granted_in()
    {
        StartedAndCanaryApproved();
        Do(m => m.GrantOverride(_state, T0, "stage", "x", TimeSpan.FromHours(4), GateChecks.Overridable), "sre@kakao.com");
        Do(m => m.Abort(_state, T0, "wrong build"));

        Assert.False(Check(Gate("gasan-01"), "stage").Overridden);

        Do(m => m.Start(_state, T0, Commit, "plan", null));

        Assert.False(Check(Gate("gasan-01"), "stage").Overridden);
    }

    [Fact]
    public void A_check_that_throws_blocks_as_an_internal_error()
    {
        StartedAndCanaryApproved();

        var report = Gate("canary-01", checks: [new ThrowingCheck()]);

        Assert.Equal(GateDecision.InternalError, report.Decision);
        Assert.Equal(3, report.ExitCode);
        Assert.Contains("internal error in the check: InvalidOperationException: boom", report.Checks[0].Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_that_cannot_evaluate_is_an_error_with_exit_code_2()
    {
        var report = Gate(checks: [new UnreadableInputCheck()]);

        Assert.Equal(GateDecision.Error, report.Decision);
        Assert.Equal(2, report.ExitCode);
    }

    [Fact]
    public void Checks_the_policy_disables_are_skipped_and_no_checks_at_all_is_not_an_allow()
    {
        StartedAndCanaryApproved();
        var onlyFreeze = TestPolicies.Parse(TestPolicies.ThreeStages + "\nchecks: [freeze]\n");

        var report = Gate("gasan-01", policy: onlyFreeze);
        var nothing = Gate("canary-01", checks: [], policy: onlyFreeze);

        Assert.Equal(GateDecision.Allow, report.Decision);
        Assert.Equal(["incidents", "stage", "approvals", "rollback-plan", "redundancy", "evidence", "analyzers"], report.Skipped);
        Assert.Equal(GateDecision.Block, nothing.Decision);
    }

    [Fact]
    public void A_freeze_window_in_force_blocks_and_says_until_when_in_local_time()
    {
        StartedAndCanaryApproved();

        var freeze = Check(Gate("canary-01", now: new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero)), "freeze");

        Assert.Equal(CheckOutcome.Block, freeze.Result.Outcome);
        Assert.Equal("freeze window 'year end' is in force until 2027-01-02 09:00 Asia/Seoul (2027-01-02 00:00Z)", freeze.Result.Reason);
    }

    private sealed class ThrowingCheck : IGateCheck
    {
        public string Name => "stage";

        public string Description => "throws";

        public CheckResult Evaluate(GateContext context) => throw new InvalidOperationException("boom");
    }

    private sealed class UnreadableInputCheck : IGateCheck
    {
        public string Name => "incidents";

        public string Description => "cannot read its input";

        public CheckResult Evaluate(GateContext context) => CheckResult.Error("the evidence note does not parse", "record it again");
    }
}
