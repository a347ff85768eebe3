using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Rollouts;

/// <summary>Firing alerts stop promotion, resumption and completion under the incidents rule, like an unresolved incident (the 2024-05-21 rule).</summary>
public sealed class FiringAlertsPromotionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);
    private static readonly CommitInfo Commit = new("a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "Author", "author@kakao.com");
    private static readonly AlertQuery Query = new(new Uri("http://127.0.0.1:9093"), ["service=\"talk-message\""], TimeSpan.FromSeconds(5));
    private static readonly RuleVerdict Firing = FiringAlertsRule.Judge(Query,
        [new FiringAlert("MessageSendErrors", new Dictionary<string, string> { ["alertname"] = "MessageSendErrors", ["service"] = "talk-message" }, T0.AddMinutes(-5))]);
    private static readonly RuleVerdict Quiet = FiringAlertsRule.Judge(Query, []);
    private readonly ChangeGate.Core.Policy.GatePolicy _policy = TestPolicies.Parse();
    private LedgerState _state = LedgerState.Empty;

    private RolloutMachine As(string actor) => new(_policy, actor);

    private void Do(WriteDecision decision)
    {
        Assert.Null(decision.Refusal);
        _state = decision.Events.Select(e => e with { Id = Guid.NewGuid() }).Aggregate(_state, LedgerFold.Apply);
    }

    private void ReadyToPromote()
    {
        Do(As("rm@kakao.com").Start(_state, T0, Commit, "redeploy v1", null));
        Do(As("rm@kakao.com").RecordDeploy(_state, T0, "canary-01", DeployStatus.Ok, null));
        Do(As("lead@kakao.com").Approve(_state, T0, "pangyo", null));
        Do(As("sre@kakao.com").Approve(_state, T0, "pangyo", null));
    }

    [Fact]
    public void A_firing_alert_stops_promotion_naming_the_alert_and_a_quiet_one_lets_it_through()
    {
        ReadyToPromote();

        var refused = As("rm@kakao.com").Promote(_state, T0.AddHours(1), null, Firing);

        Assert.NotNull(refused.Refusal);
        Assert.Contains("incidents: 1 firing alert in Alertmanager http://127.0.0.1:9093/ (service=\"talk-message\"): MessageSendErrors", refused.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(FiringAlertsRule.Fix, refused.Refusal.Fix);
        Do(As("rm@kakao.com").Promote(_state, T0.AddHours(1), null, Quiet));
        Assert.Equal("pangyo", _state.Rollout!.CurrentStage.Name);
    }

    [Fact]
    public void An_override_of_incidents_covers_a_firing_alert_and_is_recorded_on_the_promotion()
    {
        ReadyToPromote();
        Do(As("sre@kakao.com").GrantOverride(_state, T0, "incidents", "alert is a known false positive", TimeSpan.FromHours(2), GateChecks.Overridable));

        var promoted = As("rm@kakao.com").Promote(_state, T0.AddHours(1), null, Firing);

        Assert.Null(promoted.Refusal);
        Assert.Equal([_state.Overrides.Single().Id], Assert.IsType<StagePromoted>(Assert.Single(promoted.Events)).OverridesUsed);
    }

    [Fact]
    public void A_paused_rollout_is_not_resumed_while_an_alert_fires_even_without_an_open_incident()
    {
        Do(As("rm@kakao.com").Start(_state, T0, Commit, "redeploy v1", null));
        Do(As("rm@kakao.com").Pause(_state, T0, "error rate up"));

        var refused = As("rm@kakao.com").Resume(_state, T0, null, Firing);

        Assert.Empty(_state.OpenIncidents);
        Assert.Contains("cannot resume R-1: 1 firing alert", refused.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Equal(FiringAlertsRule.Fix, refused.Refusal.Fix);
        Do(As("rm@kakao.com").Resume(_state, T0, null, Quiet));
        Assert.Equal(RolloutStatus.Running, _state.Rollout!.Status);
    }

    [Fact]
    public void Both_an_open_incident_and_a_firing_alert_are_named_when_resuming()
    {
        Do(As("rm@kakao.com").Start(_state, T0, Commit, "redeploy v1", null));
        Do(As("rm@kakao.com").RecordDeploy(_state, T0, "canary-01", DeployStatus.Failed, "500s"));

        var refused = As("rm@kakao.com").Resume(_state, T0, null, Firing).Refusal!;

        Assert.Contains("1 unresolved incident: INC-1", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("; and 1 firing alert", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("changegate incident resolve INC-1", refused.Fix, StringComparison.Ordinal);
        Assert.Contains("; for the alerts: resolve the cause so the alert stops firing", refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rollout_is_not_completed_while_an_alert_fires()
    {
        ReadyToPromote();
        Do(As("rm@kakao.com").Promote(_state, T0.AddHours(1), null, Quiet));
        Do(As("rm@kakao.com").RecordDeploy(_state, T0.AddHours(1), "pangyo-01", DeployStatus.Ok, null));
        Do(As("rm@kakao.com").RecordDeploy(_state, T0.AddHours(1), "pangyo-02", DeployStatus.Ok, null));
        Do(As("lead@kakao.com").Approve(_state, T0.AddHours(1), "gasan-anyang", null));
        Do(As("rm@kakao.com").Promote(_state, T0.AddHours(2), null, Quiet));
        foreach (var target in new[] { "gasan-01", "gasan-02", "anyang-01", "anyang-02" })
        {
            Do(As("rm@kakao.com").RecordDeploy(_state, T0.AddHours(2), target, DeployStatus.Ok, null));
        }

        var refused = As("rm@kakao.com").Complete(_state, T0.AddHours(3), null, Firing);

        Assert.Contains("cannot complete R-1: 1 firing alert", refused.Refusal!.Reason, StringComparison.Ordinal);
        Do(As("rm@kakao.com").Complete(_state, T0.AddHours(3), null, Quiet));
        Assert.Equal("R-1", _state.LastCompleted!.Id);
    }
}
