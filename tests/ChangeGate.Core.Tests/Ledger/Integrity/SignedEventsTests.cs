using ChangeGate.Core.Ledger;
using ChangeGate.Core.Ledger.Integrity;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Ledger.Integrity;

/// <summary>
/// With ledger.require-signed-events, identities are keys: what loosens the gate counts only when
/// signed by a key the policy lists for the actor (and the actor's role); what restricts counts unsigned.
/// </summary>
public sealed class SignedEventsTests : IDisposable
{
    private readonly LedgerWorld _world = new(LedgerKeys.Section());
    private readonly TemporaryGitRepository _alice;

    public SignedEventsTests()
    {
        _alice = _world.Clone();
        _world.Done(_alice, "rm@kakao.com", (m, s, now) => m.Start(s, now, _world.Commit, "redeploy 1.0", null));
        _world.Done(_alice, "deployer@kakao.com", (m, s, now) => m.RecordDeploy(s, now, "canary-01", DeployStatus.Ok, null));
    }

    // What anyone with push rights can do: write events as anyone, with the changegate code but no guard, signed with whatever key they hold.
    private WriteResult Forge(string actor, Func<RolloutMachine, LedgerState, DateTimeOffset, WriteDecision> decide, SigningKey? key = null)
    {
        _world.Clock.Advance(TimeSpan.FromMinutes(1));
        var attacker = _world.Clone();
        using var ledger = _world.Open(attacker, key, LedgerGuards.None);
        var machine = new RolloutMachine(_world.Policy, actor);
        var result = ledger.Append((s, now) => decide(machine, s, now));
        Assert.Equal(WriteStatus.Written, result.Status);
        return result;
    }

    private LedgerHead Head(TemporaryGitRepository? clone = null)
    {
        var read = _world.Read(clone ?? _world.Clone());
        Assert.True(read.IsSuccess, string.Join("\n", read.Problems));
        return read.Value;
    }

    [Fact]
    public void An_approval_without_a_key_is_refused_and_one_recorded_unsigned_does_not_count()
    {
        var refused = _world.Do(_alice, "lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null), unsigned: true);
        Forge("lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null));

        var head = Head();
        var promote = _world.Do(_alice, "rm@kakao.com", (m, s, now) => m.Promote(s, now + TimeSpan.FromHours(1), null));

        Assert.Equal(WriteStatus.Failed, refused.Status);
        Assert.Contains("approval-granted by lead@kakao.com must be signed", Assert.Single(refused.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("--actor-key", refused.Problems[0].Fix, StringComparison.Ordinal);
        Assert.Single(head.Recorded.Rollout!.Approvals);
        Assert.Empty(head.State.Rollout!.Approvals);
        var uncounted = Assert.Single(head.Verified!.Uncounted);
        Assert.Equal("approval-granted", uncounted.Kind);
        Assert.Contains("it is not signed", uncounted.Reason, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Refused, promote.Status);
        Assert.Contains("stage pangyo has 0 of 2 required approvals", promote.Refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Approvals_count_only_signed_by_a_key_listed_for_the_approver_and_not_revoked()
    {
        var wrongKey = _world.Do(_alice, "lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null), unsigned: true);
        Forge("lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null), LedgerKeys.Sre);
        Forge("author@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null), LedgerKeys.Stranger);
        Forge("sre@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null), LedgerKeys.Stolen);
        _world.Done(_alice, "lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null));

        var head = Head();

        Assert.Equal(WriteStatus.Failed, wrongKey.Status);
        Assert.Equal(["lead@kakao.com"], head.State.Rollout!.Approvals.Select(a => a.Actor));
        Assert.Equal(4, head.Recorded.Rollout!.Approvals.Count);
        var reasons = head.Verified!.Uncounted.Select(u => u.Reason).ToList();
        Assert.Contains(reasons, r => r.Contains("a key ledger.signers lists for sre@kakao.com, not for lead@kakao.com", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("which ledger.signers does not list", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("which the policy revoked (revoked on 2026-05-20: laptop stolen)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_signing_key_that_is_not_the_actors_is_refused_at_write_time()
    {
        using var ledger = _world.Open(_alice, LedgerKeys.Sre);
        var machine = new RolloutMachine(_world.Policy, "lead@kakao.com");

        var result = ledger.Append((s, now) => machine.Approve(s, now, "pangyo", null));

        Assert.Equal(WriteStatus.Failed, result.Status);
        Assert.Contains("is not listed under ledger.signers for lead@kakao.com (it is sre@kakao.com's)", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_event_copied_into_another_place_of_the_chain_does_not_count_and_copied_twice_is_damage()
    {
        var beforeApproval = _world.RemoteTip();
        _world.Done(_alice, "lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null));
        var approval = _world.RemoteTip();
        var attacker = _world.Clone();
        LedgerAttacker.Git(attacker.Path, null, "fetch", "--quiet", "origin", $"+{LedgerWorld.LedgerRef}:{LedgerWorld.LedgerRef}");
        var eventJson = LedgerAttacker.Show(attacker.Path, approval, "event.json");
        var signatureJson = LedgerAttacker.Show(attacker.Path, approval, "signature.json");

        // The same signed event again on top: its id is already in the chain.
        var state = LedgerJson.DeserializeState(LedgerAttacker.Show(attacker.Path, approval, "state.json"), "test");
        var again = LedgerFold.Apply(state, LedgerJson.DeserializeEvent(eventJson, "test"));
        var twice = LedgerAttacker.Commit(attacker.Path, approval, "approval-granted", ("event.json", eventJson), ("signature.json", signatureJson), ("state.json", LedgerJson.Serialize(again)));
        LedgerAttacker.Push(attacker.Path, "origin", twice, LedgerWorld.LedgerRef);
        var copiedTwice = _world.Read(_world.Clone());

        // Rewound below the approval, another event written, and the signed approval replayed on top of it.
        var other = new IncidentOpened { Id = Guid.NewGuid(), Actor = "sre@kakao.com", At = _world.Clock.GetUtcNow(), IncidentId = "INC-1", Title = "noise" };
        var before = LedgerJson.DeserializeState(LedgerAttacker.Show(attacker.Path, beforeApproval, "state.json"), "test");
        var afterOther = LedgerFold.Apply(before, other);
        var otherCommit = LedgerAttacker.Commit(attacker.Path, beforeApproval, "incident-opened", ("event.json", LedgerJson.Serialize(other)), ("state.json", LedgerJson.Serialize(afterOther)));
        var replayed = LedgerAttacker.Commit(attacker.Path, otherCommit, "approval-granted", ("event.json", eventJson), ("signature.json", signatureJson),
            ("state.json", LedgerJson.Serialize(LedgerFold.Apply(afterOther, LedgerJson.DeserializeEvent(eventJson, "test")))));
        LedgerAttacker.Push(attacker.Path, "origin", replayed, LedgerWorld.LedgerRef, force: true);
        var head = Head();

        Assert.Contains("appears twice in the ledger", Assert.Single(copiedTwice.Problems).Message, StringComparison.Ordinal);
        Assert.Single(head.Recorded.Rollout!.Approvals);
        Assert.Empty(head.State.Rollout!.Approvals);
        Assert.Contains("does not verify: the event, its place in the chain (parent) or the service differ from what was signed", Assert.Single(head.Verified!.Uncounted).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_resolution_leaves_the_incident_open_until_a_signed_one()
    {
        _world.Done(_alice, "deployer@kakao.com", (m, s, now) => m.RecordDeploy(s, now, "canary-01", DeployStatus.Failed, "timeout"));
        Forge("sre@kakao.com", (m, s, now) => m.ResolveIncident(s, now, "INC-1", "nothing to see"));

        var forged = Head(_alice);
        _world.Done(_alice, "sre@kakao.com", (m, s, now) => m.ResolveIncident(s, now, "INC-1", "reverted the config"));
        var resolved = Head(_alice);

        Assert.Empty(forged.Recorded.OpenIncidents);
        Assert.Equal(["INC-1"], forged.State.OpenIncidents.Select(i => i.Id));
        Assert.Equal("INC-1 stays open", Assert.Single(forged.Verified!.Uncounted).Effect);
        Assert.Empty(resolved.State.OpenIncidents);
    }

    [Fact]
    public void An_unsigned_promotion_voids_the_rollout_which_is_aborted_as_recorded_and_started_again_signed()
    {
        _world.Done(_alice, "lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null));
        _world.Done(_alice, "sre@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null));
        _world.Clock.Advance(TimeSpan.FromHours(1));
        Forge("rm@kakao.com", (m, s, now) => m.Promote(s, now, null));

        var head = Head(_alice);
        var promote = _world.Do(_alice, "rm@kakao.com", (m, s, now) => m.Promote(s, now, null));
        var startTooEarly = _world.Do(_alice, "rm@kakao.com", (m, s, now) => m.Start(s, now, _world.Commit, "redeploy 1.0", null));
        _world.Done(_alice, "sre@kakao.com", (m, s, now) => m.Abort(s, now, "its promotion was forged"), onRecorded: true);
        _world.Done(_alice, "rm@kakao.com", (m, s, now) => m.Start(s, now, _world.Commit, "redeploy 1.0", null));
        var restarted = Head(_alice);

        Assert.Equal(RolloutStatus.Running, head.Recorded.Rollout!.Status);
        Assert.Equal(RolloutStatus.Aborted, head.State.Rollout!.Status);
        Assert.StartsWith("void: a step of R-1 does not count (it is not signed", head.State.Rollout.StatusReason, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Refused, promote.Status);
        Assert.Equal(WriteStatus.Failed, startTooEarly.Status);
        Assert.Contains("changegate rollout abort", startTooEarly.Problems[0].Fix, StringComparison.Ordinal);
        Assert.Equal("R-2", restarted.State.ActiveRollout!.Id);
        Assert.Null(restarted.Verified!.Trusted!.Void);
    }

    [Fact]
    public void An_unsigned_successful_deploy_counts_as_a_failed_one_and_an_unsigned_completion_moves_no_baseline()
    {
        Forge("deployer@kakao.com", (m, s, now) => m.RecordDeploy(s, now, "canary-01", DeployStatus.Ok, null));

        var head = Head();

        Assert.Equal(DeployStatus.Ok, head.Recorded.Rollout!.Deploys.Single().Status);
        Assert.Equal(DeployStatus.Failed, head.State.Rollout!.Deploys.Single().Status);
        Assert.Equal(DeployStatus.Failed, head.State.VersionOf("canary-01")!.Status);
        Assert.Equal("it counts as a failed deploy of canary-01", Assert.Single(head.Verified!.Uncounted).Effect);
    }

    [Fact]
    public void What_only_restricts_counts_unsigned_anyone_may_stop_the_line()
    {
        var incident = _world.Do(_alice, "intern@kakao.com", (m, s, now) => m.OpenIncident(s, now, "error rate up", null, null), unsigned: true);
        var freeze = _world.Do(_alice, "intern@kakao.com", (m, s, now) => m.FreezeNow(s, now, "data centre fire", null), unsigned: true);

        var head = Head();

        Assert.Equal(WriteStatus.Written, incident.Status);
        Assert.Equal(WriteStatus.Written, freeze.Status);
        Assert.Equal(["INC-1"], head.State.OpenIncidents.Select(i => i.Id));
        Assert.Equal(RolloutStatus.Paused, head.State.Rollout!.Status);
        Assert.NotNull(head.State.EmergencyFreeze);
        Assert.Empty(head.Verified!.Uncounted);
    }

    [Fact]
    public void A_write_retried_on_a_new_tip_is_signed_again_for_its_new_parent()
    {
        var bob = _world.Clone();
        Assert.True(_world.Read(bob).IsSuccess);
        using var ledger = _world.Open(bob, LedgerKeys.Lead);
        var machine = new RolloutMachine(_world.Policy, "lead@kakao.com");
        var raced = false;

        var result = ledger.AppendOnHead((head, now) =>
        {
            if (!raced)
            {
                raced = true;
                _world.Done(_alice, "sre@kakao.com", (m, s, t) => m.Approve(s, t, "pangyo", null));
            }

            return machine.Approve(head.State, now, "pangyo", null);
        });
        var history = ledger.History();

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.True(result.Attempts > 1);
        Assert.All(history.Value, e => Assert.True(e.Signature!.IsValid, $"{e.Event.Kind}: {e.Signature.Reason}"));
        Assert.Equal(2, Head().State.Rollout!.Approvals.Count);
    }

    [Fact]
    public void History_written_before_signing_counts_up_to_unsigned_until_and_not_after()
    {
        var unsignedWorld = new LedgerWorld(LedgerKeys.Section(requireSigned: false));
        try
        {
            var writer = unsignedWorld.Clone();
            unsignedWorld.Done(writer, "rm@kakao.com", (m, s, now) => m.Start(s, now, unsignedWorld.Commit, "redeploy 1.0", null), unsigned: true);
            unsignedWorld.Done(writer, "lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null), unsigned: true);
            var cutoff = unsignedWorld.RemoteTip();
            unsignedWorld.Done(writer, "sre@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null), unsigned: true);

            var guards = LedgerGuards.From(TestPolicies.Parse(TestPolicies.ThreeStages + "\n" + LedgerKeys.Section(extra: $"  unsigned-until: {cutoff}\n")));
            var strict = LedgerGuards.From(TestPolicies.Parse(TestPolicies.ThreeStages + "\n" + LedgerKeys.Section(extra: $"  unsigned-until: {new string('a', 40)}\n")));
            using var ledger = unsignedWorld.Open(unsignedWorld.Clone(), guards: guards);
            var head = ledger.Read();
            using var wrong = unsignedWorld.Open(unsignedWorld.Clone(), guards: strict);
            var notInChain = wrong.Read();

            Assert.True(head.IsSuccess, string.Join("\n", head.Problems));
            Assert.Equal(RolloutStatus.Running, head.Value.State.Rollout!.Status);
            Assert.Equal(["lead@kakao.com"], head.Value.State.Rollout.Approvals.Select(a => a.Actor));
            Assert.Contains("ledger.unsigned-until names aaaaaaaaaaaa", Assert.Single(notInChain.Problems).Message, StringComparison.Ordinal);
        }
        finally
        {
            unsignedWorld.Dispose();
        }
    }

    [Fact]
    public void A_clone_that_verified_under_one_trust_folds_again_under_another()
    {
        var bob = _world.Clone();
        Forge("lead@kakao.com", (m, s, now) => m.Approve(s, now, "pangyo", null), LedgerKeys.Lead);
        Assert.Single(Head(bob).State.Rollout!.Approvals);

        // The policy revokes the lead's key: what it signed stops counting, also in the clone that had counted it.
        var revoked = TestPolicies.Parse(TestPolicies.ThreeStages + "\n" + LedgerKeys.Section(leadRevoked: true));
        using var ledger = _world.Open(bob, guards: LedgerGuards.From(revoked));
        var head = ledger.Read();

        Assert.True(head.IsSuccess, string.Join("\n", head.Problems));
        Assert.Empty(head.Value.State.Rollout!.Approvals);
        Assert.Null(head.Value.Verified!.VerifiedBefore);
    }

    public void Dispose() => _world.Dispose();
}
