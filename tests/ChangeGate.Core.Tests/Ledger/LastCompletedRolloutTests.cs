using ChangeGate.Core.Ledger;

namespace ChangeGate.Core.Tests.Ledger;

/// <summary>The snapshot remembers the last completed rollout after a newer one starts: it is the base "the change" is measured from.</summary>
public sealed class LastCompletedRolloutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Completing_a_rollout_records_its_commit_and_a_new_rollout_keeps_it()
    {
        var released = Started("R-1", new string('1', 40));
        var state = new LedgerEvent[]
        {
            released,
            new RolloutCompleted { Id = Guid.NewGuid(), Actor = "rm@kakao.com", At = T0.AddHours(1), RolloutId = "R-1" },
            Started("R-2", new string('2', 40)),
            new RolloutAborted { Id = Guid.NewGuid(), Actor = "rm@kakao.com", At = T0.AddHours(3), RolloutId = "R-2", Reason = "wrong build" },
        }.Aggregate(LedgerState.Empty, LedgerFold.Apply);

        Assert.Equal(new CompletedRollout("R-1", new string('1', 40), T0.AddHours(1)), state.LastCompleted);
        Assert.Equal("R-2", state.Rollout!.Id);
        Assert.Equal(state.LastCompleted, LedgerJson.DeserializeState(LedgerJson.Serialize(state), "test").LastCompleted);
    }

    [Fact]
    public void Before_any_completion_there_is_none()
    {
        var state = LedgerFold.Apply(LedgerState.Empty, Started("R-1", new string('1', 40)));

        Assert.Null(state.LastCompleted);
    }

    private static RolloutStarted Started(string id, string commit) => new()
    {
        Id = Guid.NewGuid(),
        Actor = "rm@kakao.com",
        At = T0,
        RolloutId = id,
        Commit = commit,
        CommitAuthorEmail = "dev@kakao.com",
        CommitAuthorName = "Dev",
        Stages = [new StageSnapshot("canary", ["canary-01"], TimeSpan.Zero, 0)],
    };
}
