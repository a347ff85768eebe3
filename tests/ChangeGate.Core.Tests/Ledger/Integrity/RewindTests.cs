using ChangeGate.Core.Ledger;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Ledger.Integrity;

/// <summary>
/// A ledger that is not a fast-forward of what a clone verified is a rewind, never accepted; a fresh
/// clone is protected by witnesses (other remotes every write reaches) and by the policy's pinned tip.
/// </summary>
public sealed class RewindTests : IDisposable
{
    private readonly List<LedgerWorld> _worlds = [];

    private LedgerWorld World(string extra = "")
    {
        var world = new LedgerWorld(LedgerKeys.Section(requireSigned: false, extra));
        _worlds.Add(world);
        return world;
    }

    // Start R-1, then a failed canary deploy (INC-1, paused). Returns the writer and the tip before the failure.
    private static (TemporaryGitRepository Writer, string BeforeFailure) FailedCanary(LedgerWorld world)
    {
        var alice = world.Clone();
        world.Done(alice, "rm@kakao.com", (m, s, now) => m.Start(s, now, world.Commit, "redeploy 1.0", null));
        var before = world.RemoteTip();
        world.Done(alice, "deployer@kakao.com", (m, s, now) => m.RecordDeploy(s, now, "canary-01", DeployStatus.Failed, "health check timed out"));
        return (alice, before);
    }

    [Fact]
    public void A_force_pushed_rewind_is_refused_by_an_old_clone_and_by_a_fresh_clone_with_a_witness()
    {
        var world = World("  witnesses: [backup]\n");
        var (alice, before) = FailedCanary(world);
        var old = world.Clone();
        Assert.True(world.Read(old).IsSuccess);

        world.RewindTo(before);

        var oldRead = world.Read(old);
        var freshRead = world.Read(world.Clone());
        var write = world.Do(alice, "sre@kakao.com", (m, s, now) => m.OpenIncident(s, now, "another", null, null));

        Assert.Contains("is behind this clone's copy", Assert.Single(oldRead.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("3 events vanished", oldRead.Problems[0].Message, StringComparison.Ordinal);
        var witness = Assert.Single(freshRead.Problems);
        Assert.Contains("witness 'backup' holds 3 events that the ledger on 'origin' does not", witness.Message, StringComparison.Ordinal);
        Assert.Contains(before[..12], witness.Message, StringComparison.Ordinal);

        // The writer's copy is ahead of the remote: a rewind, not "other writers kept moving".
        Assert.Equal(WriteStatus.Failed, write.Status);
        Assert.Contains("was rewound", Assert.Single(write.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rewind_after_the_local_copy_was_reset_is_still_refused_against_the_verified_tip()
    {
        var world = World();
        var (_, before) = FailedCanary(world);
        var old = world.Clone();
        Assert.True(world.Read(old).IsSuccess);
        world.RewindTo(before);

        // The advice for a damaged copy ("delete the local ref") must not become a way past a rewind.
        LedgerAttacker.Git(old.Path, null, "update-ref", "-d", LedgerWorld.LedgerRef);
        var read = world.Read(old);

        var problem = Assert.Single(read.Problems);
        Assert.Contains("is behind the tip this clone verified before", problem.Message, StringComparison.Ordinal);
        Assert.Contains("3 events vanished", problem.Message, StringComparison.Ordinal);
        Assert.Contains("changegate ledger repair", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ledger_deleted_and_recreated_is_refused_by_an_old_clone_and_by_a_fresh_clone_with_a_witness()
    {
        var world = World("  witnesses: [backup]\n");
        FailedCanary(world);
        var old = world.Clone();
        Assert.True(world.Read(old).IsSuccess);

        var attacker = world.Clone();
        LedgerAttacker.DeleteRemoteRef(attacker.Path, "origin", LedgerWorld.LedgerRef);
        var deleted = world.Read(old);
        using (var unguarded = world.Open(attacker, guards: ChangeGate.Core.Ledger.Integrity.LedgerGuards.None))
        {
            var machine = new ChangeGate.Core.Rollouts.RolloutMachine(world.Policy, "rm@kakao.com");
            Assert.Equal(WriteStatus.Written, unguarded.Append((s, now) => machine.Start(s, now, world.Commit, "redeploy 1.0", null)).Status);
        }

        var oldRead = world.Read(old);
        var freshRead = world.Read(world.Clone());

        Assert.Contains("holds no ledger for talk-message, but this clone holds 4 events", Assert.Single(deleted.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("have diverged", Assert.Single(oldRead.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("witness 'backup' holds 4 events that the ledger on 'origin' does not", Assert.Single(freshRead.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_witness_that_is_ahead_is_refused_and_one_that_lags_is_reported_behind()
    {
        var world = World("  witnesses: [backup]\n");
        var (alice, _) = FailedCanary(world);

        // The witness missed the last write (it was down): the ledger is ahead of it, which is fine.
        var behindTip = world.RemoteTip();
        world.Done(alice, "sre@kakao.com", (m, s, now) => m.ResolveIncident(s, now, "INC-1", "reverted"));
        LedgerAttacker.Push(alice.Path, "backup", behindTip, LedgerWorld.LedgerRef, force: true);
        var lagging = world.Read(world.Clone());

        // Now the remote is rewound below the witness: the witness holds events the ledger lacks.
        world.RewindTo(behindTip);
        world.RewindTo(LedgerAttacker.Git(alice.Path, null, "rev-parse", $"{behindTip}~2"));
        var ahead = world.Read(world.Clone());

        Assert.True(lagging.IsSuccess, string.Join("\n", lagging.Problems));
        Assert.Equal(1, Assert.Single(lagging.Value.Witnesses).Behind);
        Assert.Contains("witness 'backup' holds 2 events that the ledger on 'origin' does not", Assert.Single(ahead.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_write_reaches_the_witnesses_and_an_unreachable_witness_fails_closed()
    {
        var world = World("  witnesses: [backup, mirror]\n");
        var (alice, _) = FailedCanary(world);

        Assert.Equal(world.RemoteTip(), LedgerAttacker.Git(world.Witnesses["backup"].Path, null, "rev-parse", LedgerWorld.LedgerRef));
        Assert.Equal(world.RemoteTip(), LedgerAttacker.Git(world.Witnesses["mirror"].Path, null, "rev-parse", LedgerWorld.LedgerRef));

        LedgerAttacker.Git(alice.Path, null, "remote", "set-url", "mirror", Path.Combine(Path.GetTempPath(), "no-such-witness-" + Guid.NewGuid().ToString("N")));
        var read = world.Read(alice);

        var problem = Assert.Single(read.Problems);
        Assert.Contains("witness 'mirror' cannot be read, so a rewind of the ledger could go unnoticed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_witness_the_clone_does_not_know_or_that_holds_nothing_is_a_problem_until_repaired()
    {
        var world = World("  witnesses: [backup]\n");
        var (alice, _) = FailedCanary(world);
        var stranger = world.Track(TemporaryGitRepository.CloneOf(world.Remote, world.Seed));
        var unknown = world.Read(stranger);

        LedgerAttacker.DeleteRemoteRef(alice.Path, "backup", LedgerWorld.LedgerRef);
        var empty = world.Read(alice);
        using (var ledger = world.Open(alice))
        {
            var repaired = ledger.Repair();
            Assert.True(repaired.IsSuccess, string.Join("\n", repaired.Problems));
            Assert.Equal(["backup"], repaired.Value.Pushed);
        }

        Assert.Contains("no git remote of that name", Assert.Single(unknown.Problems).Message, StringComparison.Ordinal);
        Assert.Contains("witness 'backup' holds no ledger for talk-message", Assert.Single(empty.Problems).Message, StringComparison.Ordinal);
        Assert.True(world.Read(alice).IsSuccess);
    }

    [Fact]
    public void A_fresh_clone_refuses_a_ledger_without_the_pinned_tip()
    {
        var probe = World();
        var (_, before) = FailedCanary(probe);
        var pinned = probe.RemoteTip();

        // The same ledger, pinned by a reviewed policy; then rewound below the pin.
        var world = World($"  pinned-tip: {pinned}\n");
        LedgerAttacker.Git(probe.Remote.Path, null, "push", "--quiet", world.Remote.Path, $"{LedgerWorld.LedgerRef}:{LedgerWorld.LedgerRef}");
        Assert.True(world.Read(world.Clone()).IsSuccess);
        world.RewindTo(before);

        var read = world.Read(world.Clone());

        Assert.Contains($"does not contain {pinned[..12]}, the ledger commit the policy pins", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repair_restores_a_rewound_remote_by_fast_forward_from_an_old_clone()
    {
        var world = World();
        var (_, before) = FailedCanary(world);
        var old = world.Clone();
        var verified = world.Read(old).Value.Tip!.Sha;
        world.RewindTo(before);

        using (var ledger = world.Open(old))
        {
            var repaired = ledger.Repair();
            Assert.True(repaired.IsSuccess, string.Join("\n", repaired.Problems));
            Assert.Equal(["origin"], repaired.Value.Pushed);
        }

        Assert.Equal(verified, world.RemoteTip());
        Assert.Equal(["INC-1"], world.Read(world.Clone()).Value.State.OpenIncidents.Select(i => i.Id));
    }

    [Fact]
    public void Accepting_a_rewind_on_purpose_forgets_the_verified_tip_and_keeps_the_old_copy()
    {
        var world = World();
        var (_, before) = FailedCanary(world);
        var old = world.Clone();
        var verified = world.Read(old).Value.Tip!.Sha;
        world.RewindTo(before);
        Assert.False(world.Read(old).IsSuccess);

        using (var ledger = world.Open(old))
        {
            var forgotten = ledger.ForgetVerified();
            Assert.True(forgotten.IsSuccess);
            Assert.Equal(verified, forgotten.Value.Forgotten!.Sha);
        }

        var read = world.Read(old);

        Assert.True(read.IsSuccess, string.Join("\n", read.Problems));
        Assert.Equal(before, read.Value.Tip!.Sha);
        using var git = new Repository(old.Path);
        Assert.Equal(verified, git.Refs[$"refs/changegate-backup/{LedgerWorld.Service}/{verified}"].TargetIdentifier);
    }

    public void Dispose()
    {
        foreach (var world in _worlds)
        {
            world.Dispose();
        }
    }
}
