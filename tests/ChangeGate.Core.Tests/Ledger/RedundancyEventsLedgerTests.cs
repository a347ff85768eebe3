using System.Text.Json.Nodes;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;
using Microsoft.Extensions.Time.Testing;

namespace ChangeGate.Core.Tests.Ledger;

/// <summary>Failover tests, emergency freezes and deploy versions through a real ledger: written, read back, verified; older ledgers still verify.</summary>
public sealed class RedundancyEventsLedgerTests : IDisposable
{
    private const string Service = "talk-message";
    private static readonly CommitInfo Commit = new("a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0", "Author", "author@kakao.com");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 1, 0, 0, TimeSpan.Zero));
    private readonly TemporaryGitRepository _repository = TemporaryGitRepository.CreateWithCommit(policy: TestPolicies.ThreeSites);

    private SharedLedger Open()
    {
        var ledger = SharedLedger.Open(_repository.Path, Service, null, _clock);
        Assert.True(ledger.IsSuccess, string.Join("\n", ledger.Problems));
        return ledger.Value;
    }

    private void Write(SharedLedger ledger, string actor, Func<RolloutMachine, LedgerState, DateTimeOffset, WriteDecision> decide)
    {
        var machine = new RolloutMachine(TestPolicies.Parse(TestPolicies.ThreeSites), actor);
        var result = ledger.Append((state, now) => decide(machine, state, now));
        Assert.True(result.Status == WriteStatus.Written, result.Refusal?.Reason ?? string.Join("; ", result.Problems));
        _clock.Advance(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void The_new_events_round_trip_and_every_snapshot_agrees_with_the_fold()
    {
        using var ledger = Open();
        Write(ledger, "rm@kakao.com", (m, s, now) => m.Start(s, now, Commit, "redeploy v1", null));
        Write(ledger, "deployer@kakao.com", (m, s, now) => m.RecordDeploy(s, now, "canary-01", DeployStatus.Ok, null));
        Write(ledger, "deployer@kakao.com", (m, s, now) => m.RecordDeploy(s, now, "canary-01", DeployStatus.Ok, null, rollback: true));
        Write(ledger, "sre@kakao.com", (m, s, now) => m.RecordFailoverTest(s, now, "pangyo", "gasan", FailoverResult.Passed, "40s"));
        Write(ledger, "sre@kakao.com", (m, s, now) => m.RecordFailoverTest(s, now, "gasan", "anyang", FailoverResult.Failed, "anyang full"));
        Write(ledger, "dev@kakao.com", (m, s, now) => m.FreezeNow(s, now, "INC-1: stop", now.AddHours(2)));
        Write(ledger, "oncall@kakao.com", (m, s, now) => m.LiftFreeze(s, now, "INC-1 understood"));
        Write(ledger, "rm@kakao.com", (m, s, now) => m.OpenIncident(s, now, "power work", null, "pangyo"));

        var history = ledger.History();
        var head = ledger.Read();

        Assert.True(history.IsSuccess, string.Join("; ", history.Problems));
        Assert.Equal(
            ["rollout-started", "target-deployed", "target-deployed", "failover-tested", "failover-tested", "incident-opened", "rollout-paused",
             "emergency-freeze-started", "emergency-freeze-lifted", "incident-opened"],
            history.Value.Select(e => e.Event.Kind));
        var deployed = (TargetDeployed)history.Value[1].Event;
        Assert.Equal(Commit.Sha, deployed.Commit);
        Assert.True(((TargetDeployed)history.Value[2].Event).Rollback);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 3, 5, 0, TimeSpan.Zero), ((EmergencyFreezeStarted)history.Value[7].Event).Until);

        var state = head.Value.State;
        Assert.Equal(2, state.FailoverTests.Count);
        Assert.Null(state.EmergencyFreeze);
        Assert.Equal(1, state.FreezeCount);
        Assert.Equal("canary-01", Assert.Single(state.Rollout!.Rollbacks).Target);
        Assert.True(state.VersionOf("canary-01")!.Rollback);
        Assert.Equal(["anyang", "pangyo"], state.OpenIncidents.Select(i => i.Site));
    }

    [Fact]
    public void A_ledger_written_before_versions_sites_and_freezes_existed_still_verifies()
    {
        // Write a rollout, a deploy and an incident as an older changegate did: no commit on the deploy,
        // and snapshots without the fields added since. Reading it must neither fail nor change the old facts.
        using (var ledger = Open())
        {
            Write(ledger, "rm@kakao.com", (m, s, now) => m.Start(s, now, Commit, "redeploy v1", null));
        }

        var oldDeploy = new TargetDeployed { Id = Guid.NewGuid(), Actor = "deployer@kakao.com", At = _clock.GetUtcNow(), RolloutId = "R-1", Stage = "canary", Target = "canary-01", Status = DeployStatus.Ok };
        var oldIncident = new IncidentOpened { Id = Guid.NewGuid(), Actor = "rm@kakao.com", At = _clock.GetUtcNow(), IncidentId = "INC-1", Title = "latency", RolloutId = "R-1", Target = "canary-01" };
        AppendAsOlderVersion(oldDeploy, oldIncident);

        using var reopened = Open();
        var head = reopened.Read();
        var history = reopened.History();

        Assert.True(head.IsSuccess, string.Join("; ", head.Problems));
        Assert.True(history.IsSuccess, string.Join("; ", history.Problems));
        Assert.Empty(head.Value.State.Fleet);
        Assert.True(head.Value.State.Rollout!.Deploys.Single().RunsOk(Commit.Sha));
        Assert.Equal("deploy of R-1 to canary-01 (canary): ok", history.Value[1].Event.Describe());

        // And the next event, written by this version, builds on it.
        Write(reopened, "deployer@kakao.com", (m, s, now) => m.RecordDeploy(s, now, "canary-01", DeployStatus.Ok, null));
        Assert.True(reopened.History().IsSuccess);
    }

    private void AppendAsOlderVersion(params LedgerEvent[] events)
    {
        var git = _repository.Repository;
        var tip = git.Lookup<LibGit2Sharp.Commit>(LedgerRefs.Local(Service));
        var state = LedgerJson.DeserializeState(((Blob)tip.Tree["state.json"].Target).GetContentText(), "test");
        foreach (var e in events)
        {
            state = LedgerFold.Apply(state, e);
            var eventJson = JsonNode.Parse(LedgerJson.Serialize(e))!.AsObject();
            foreach (var added in new[] { "commit", "rollback", "site" })
            {
                eventJson.Remove(added);
            }

            var stateJson = JsonNode.Parse(LedgerJson.Serialize(state))!.AsObject();
            foreach (var added in new[] { "fleet", "failoverTests", "emergencyFreeze", "freezeCount" })
            {
                Assert.True(stateJson.Remove(added), added);
            }

            var rollout = stateJson["rollout"]!.AsObject();
            rollout.Remove("rollbacks");
            foreach (var deploy in rollout["deploys"]!.AsArray())
            {
                deploy!.AsObject().Remove("commit");
                deploy.AsObject().Remove("rollback");
            }

            foreach (var incident in stateJson["openIncidents"]!.AsArray())
            {
                incident!.AsObject().Remove("site");
            }

            var tree = new TreeDefinition();
            tree.Add("event.json", Blob(git, eventJson.ToJsonString(LedgerJson.Options)), Mode.NonExecutableFile);
            tree.Add("state.json", Blob(git, stateJson.ToJsonString(LedgerJson.Options)), Mode.NonExecutableFile);
            var signature = new Signature(e.Actor, e.Actor, e.At);
            tip = git.ObjectDatabase.CreateCommit(signature, signature, $"{e.Kind}: {e.Describe()}\n\nChangegate-Event: {e.Id}\nChangegate-Service: {Service}\n",
                git.ObjectDatabase.CreateTree(tree), [tip], false);
        }

        git.Refs.UpdateTarget(git.Refs[LedgerRefs.Local(Service)], tip.Id);
    }

    private static Blob Blob(Repository git, string text) => git.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));

    public void Dispose() => _repository.Dispose();
}
