using ChangeGate.Core.Ledger;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;
using Microsoft.Extensions.Time.Testing;

namespace ChangeGate.Core.Tests.Ledger;

/// <summary>The ledger in real temporary repositories, shared through a real bare remote.</summary>
public sealed class SharedLedgerTests : IDisposable
{
    private const string Service = "talk-message";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 3, 1, 0, 0, TimeSpan.Zero));
    private readonly List<IDisposable> _cleanup = [];

    private TemporaryGitRepository Track(TemporaryGitRepository repository)
    {
        _cleanup.Add(repository);
        return repository;
    }

    private SharedLedger Open(TemporaryGitRepository repository, string? remote = null, RetryPolicy? retry = null)
    {
        var ledger = SharedLedger.Open(repository.Path, Service, remote, _clock, retry);
        Assert.True(ledger.IsSuccess, string.Join("\n", ledger.Problems));
        _cleanup.Add(ledger.Value);
        return ledger.Value;
    }

    private static IncidentOpened Incident(string title, DateTimeOffset at, string actor = "rm@kakao.com") =>
        new() { Id = Guid.Empty, Actor = actor, At = at, IncidentId = "pending", Title = title };

    private static WriteResult OpenIncident(SharedLedger ledger, string title, string actor = "rm@kakao.com") =>
        ledger.Append((state, now) => WriteDecision.Append(Incident(title, now, actor) with { IncidentId = $"INC-{state.IncidentCount + 1}" }));

    [Fact]
    public void Each_event_is_a_commit_authored_by_the_actor_holding_the_event_and_the_folded_state()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        var ledger = Open(repository);

        var first = OpenIncident(ledger, "disk full", "sre@kakao.com");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = OpenIncident(ledger, "latency");

        Assert.Equal(WriteStatus.Written, first.Status);
        Assert.Equal(WriteStatus.Written, second.Status);
        using var git = new Repository(repository.Path);
        var tip = git.Lookup<LibGit2Sharp.Commit>(LedgerRefs.Local(Service));
        Assert.Equal("rm@kakao.com", tip.Author.Email);
        Assert.Equal(_clock.GetUtcNow(), tip.Author.When);
        Assert.Equal("sre@kakao.com", tip.Parents.Single().Author.Email);
        Assert.Empty(tip.Parents.Single().Parents);
        Assert.Equal(["event.json", "state.json"], tip.Tree.Select(e => e.Name));
        var state = LedgerJson.DeserializeState(((Blob)tip.Tree["state.json"].Target).GetContentText(), "test");
        Assert.Equal(2, state.Sequence);
        Assert.Equal(["INC-1", "INC-2"], state.OpenIncidents.Select(i => i.Id));
        Assert.Equal(second.Events[0].Id, state.LastEventId);
    }

    [Fact]
    public void Reading_uses_the_snapshot_and_history_checks_the_whole_chain()
    {
        var ledger = Open(Track(TemporaryGitRepository.CreateWithCommit()));
        for (var i = 0; i < 5; i++)
        {
            OpenIncident(ledger, $"incident {i}");
        }

        var head = ledger.Read();
        var history = ledger.History();

        Assert.Equal(5, head.Value.State.Sequence);
        Assert.Equal(5, history.Value.Count);
        Assert.Equal(history.Value.Select(e => e.Event.Id), history.Value.Select(e => e.Event.Id).Distinct());
        Assert.Equal(head.Value.Tip, history.Value[^1].Commit);
    }

    [Fact]
    public void A_missing_ledger_ref_reads_as_an_empty_ledger()
    {
        var head = Open(Track(TemporaryGitRepository.CreateWithCommit())).Read();

        Assert.True(head.IsSuccess);
        Assert.Null(head.Value.Tip);
        Assert.Equal(0, head.Value.State.Sequence);
    }

    [Fact]
    public void A_ledger_ref_holding_garbage_is_a_clear_problem_and_nothing_is_written()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        var refFile = Path.Combine(repository.Path, ".git", "refs", "changegate", Service, "ledger");
        Directory.CreateDirectory(Path.GetDirectoryName(refFile)!);
        File.WriteAllText(refFile, "this is not a commit id\n");
        var ledger = Open(repository);

        var read = ledger.Read();
        var write = OpenIncident(ledger, "x");

        var problem = Assert.Single(read.Problems);
        Assert.Contains($"the ledger at refs/changegate/{Service}/ledger is damaged", problem.Message, StringComparison.Ordinal);
        Assert.Contains("git update-ref -d", problem.Fix, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Failed, write.Status);
        Assert.Equal("this is not a commit id\n", File.ReadAllText(refFile));
    }

    [Fact]
    public void A_ledger_ref_pointing_at_an_ordinary_commit_is_damaged_not_reset()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        using (var git = new Repository(repository.Path))
        {
            git.Refs.Add(LedgerRefs.Local(Service), git.Head.Tip.Id);
        }

        var ledger = Open(repository);
        var read = ledger.Read();
        var write = OpenIncident(ledger, "x");

        Assert.Contains("has no state.json; it is not a changegate ledger commit", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Failed, write.Status);
        using var after = new Repository(repository.Path);
        Assert.Equal(repository.Head(), after.Refs[LedgerRefs.Local(Service)].TargetIdentifier);
    }

    [Fact]
    public void A_chain_whose_event_does_not_parse_is_damaged()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        var ledger = Open(repository);
        OpenIncident(ledger, "first");
        OpenIncident(ledger, "second");
        using (var git = new Repository(repository.Path))
        {
            // Rewrite the first event with broken JSON and re-chain the second on top of it.
            var tip = git.Lookup<LibGit2Sharp.Commit>(LedgerRefs.Local(Service));
            var first = tip.Parents.Single();
            var tree = TreeDefinition.From(first);
            tree.Add("event.json", git.ObjectDatabase.CreateBlob(new MemoryStream("{\"type\":\"incident-opened\",\"id\":"u8.ToArray())), Mode.NonExecutableFile);
            var broken = git.ObjectDatabase.CreateCommit(first.Author, first.Committer, first.Message, git.ObjectDatabase.CreateTree(tree), [], false);
            var rechained = git.ObjectDatabase.CreateCommit(tip.Author, tip.Committer, tip.Message, tip.Tree, [broken], false);
            git.Refs.UpdateTarget(git.Refs[LedgerRefs.Local(Service)], rechained.Id);
        }

        // This clone verified the chain before the rewrite: it refuses the rewritten ledger as such.
        Assert.Contains("is not a fast-forward of the tip this clone verified before", Assert.Single(ledger.History().Problems).Message, StringComparison.Ordinal);

        // A clone that never verified it (a fresh one) finds the damage itself.
        ForgetVerified(repository);
        var history = ledger.History();

        Assert.Contains("event.json does not parse", Assert.Single(history.Problems).Message, StringComparison.Ordinal);
    }

    // What a fresh clone knows: no record of a verified tip.
    private static void ForgetVerified(TemporaryGitRepository repository) =>
        File.Delete(Path.Combine(repository.Path, ".git", "changegate", "verified", Service));

    [Fact]
    public void A_duplicated_event_in_the_chain_is_detected()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        var ledger = Open(repository);
        OpenIncident(ledger, "first");
        using (var git = new Repository(repository.Path))
        {
            // Append a copy of the tip's event as a new commit.
            var tip = git.Lookup<LibGit2Sharp.Commit>(LedgerRefs.Local(Service));
            var copy = git.ObjectDatabase.CreateCommit(tip.Author, tip.Committer, tip.Message, tip.Tree, [tip], false);
            git.Refs.UpdateTarget(git.Refs[LedgerRefs.Local(Service)], copy.Id);
        }

        var history = ledger.History();

        Assert.Contains("appears twice in the ledger", Assert.Single(history.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tip_whose_snapshot_does_not_follow_from_its_parent_is_damaged_so_the_gate_cannot_be_fooled()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        var ledger = Open(repository);
        OpenIncident(ledger, "first");
        OpenIncident(ledger, "second");
        using (var git = new Repository(repository.Path))
        {
            // A hand-edited (or corrupted) snapshot at the tip: the open incidents are gone, the event is unchanged.
            var tip = git.Lookup<LibGit2Sharp.Commit>(LedgerRefs.Local(Service));
            var state = LedgerJson.DeserializeState(((Blob)tip.Tree["state.json"].Target).GetContentText(), "test") with { OpenIncidents = [] };
            var tree = TreeDefinition.From(tip);
            tree.Add("state.json", git.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(LedgerJson.Serialize(state)))), Mode.NonExecutableFile);
            var forged = git.ObjectDatabase.CreateCommit(tip.Author, tip.Committer, tip.Message, git.ObjectDatabase.CreateTree(tree), tip.Parents, false);
            git.Refs.UpdateTarget(git.Refs[LedgerRefs.Local(Service)], forged.Id);
        }

        var warm = ledger.Read();
        ForgetVerified(repository);
        var read = ledger.Read();
        var write = OpenIncident(ledger, "third");

        Assert.Contains("is not a fast-forward of the tip this clone verified before", Assert.Single(warm.Problems).Message, StringComparison.Ordinal);
        var problem = Assert.Single(read.Problems);
        Assert.Contains("is damaged", problem.Message, StringComparison.Ordinal);
        Assert.Contains("state.json differs from the state folded from its parent and event.json", problem.Message, StringComparison.Ordinal);
        Assert.Contains("openIncidents", problem.Message, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Failed, write.Status);
    }

    [Fact]
    public void A_ledger_object_missing_from_the_repository_is_damage_not_an_internal_error()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        var ledger = Open(repository);
        OpenIncident(ledger, "first");
        OpenIncident(ledger, "second");
        string blob;
        using (var git = new Repository(repository.Path))
        {
            blob = git.Lookup<LibGit2Sharp.Commit>(LedgerRefs.Local(Service)).Tree["state.json"].Target.Sha;
        }

        // As after a disk error or an interrupted copy: the snapshot's object is gone.
        var objectFile = Path.Combine(repository.Path, ".git", "objects", blob[..2], blob[2..]);
        File.SetAttributes(objectFile, FileAttributes.Normal);
        File.Delete(objectFile);

        var read = ledger.Read();
        var history = ledger.History();
        var write = OpenIncident(ledger, "third");

        Assert.Contains("is damaged", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
        Assert.Contains(blob[..12], read.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("is damaged", Assert.Single(history.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(WriteStatus.Failed, write.Status);
    }

    [Fact]
    public void A_refused_decision_writes_nothing()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        var ledger = Open(repository);

        var result = ledger.Append((_, _) => WriteDecision.Refuse("no", "because"));

        Assert.Equal(WriteStatus.Refused, result.Status);
        Assert.Null(ledger.Read().Value.Tip);
    }

    [Fact]
    public void Events_are_pushed_to_the_remote_and_fetched_by_another_clone()
    {
        var remote = Track(TemporaryGitRepository.CreateBare());
        var seed = Track(TemporaryGitRepository.CreateWithCommit());
        var alice = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");
        var bob = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");

        OpenIncident(alice, "from alice", "alice@kakao.com");
        var seenByBob = bob.Read();

        Assert.Equal("from alice", Assert.Single(seenByBob.Value.State.OpenIncidents).Title);
        using var bare = new Repository(remote.Path);
        Assert.NotNull(bare.Refs[LedgerRefs.Local(Service)]);
    }

    [Fact]
    public void A_lost_race_is_retried_on_the_new_tip_after_deciding_again()
    {
        var remote = Track(TemporaryGitRepository.CreateBare());
        var seed = Track(TemporaryGitRepository.CreateWithCommit());
        var alice = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");
        var bob = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");
        OpenIncident(alice, "first", "alice@kakao.com");
        bob.Read();

        // Bob decides on the state he has; before his push, Alice appends. Bob must see her event and decide again.
        var decisions = new List<long>();
        var raced = false;
        var result = bob.Append((state, now) =>
        {
            decisions.Add(state.Sequence);
            if (!raced)
            {
                raced = true;
                OpenIncident(alice, "second", "alice@kakao.com");
            }

            return WriteDecision.Append(Incident("bob's", now, "bob@kakao.com") with { IncidentId = $"INC-{state.IncidentCount + 1}" });
        });

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal([1L, 2L], decisions);
        Assert.Equal(["INC-1", "INC-2", "INC-3"], alice.Read().Value.State.OpenIncidents.Select(i => i.Id));
        Assert.Equal(3, bob.History().Value.Count);
    }

    [Fact]
    public void A_move_that_became_illegal_on_the_new_tip_is_refused()
    {
        var remote = Track(TemporaryGitRepository.CreateBare());
        var seed = Track(TemporaryGitRepository.CreateWithCommit());
        var alice = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");
        var bob = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");
        var first = OpenIncident(alice, "only one", "alice@kakao.com");
        bob.Read();

        var raced = false;
        var result = bob.Append((state, now) =>
        {
            if (!raced)
            {
                raced = true;
                alice.Append((s, t) => WriteDecision.Append(new IncidentResolved { Id = Guid.Empty, Actor = "alice@kakao.com", At = t, IncidentId = "INC-1", Reason = "fixed" }));
            }

            return state.OpenIncidents.Any(i => i.Id == "INC-1")
                ? WriteDecision.Append(new IncidentResolved { Id = Guid.Empty, Actor = "bob@kakao.com", At = now, IncidentId = "INC-1", Reason = "fixed too" })
                : WriteDecision.Refuse("INC-1 is not an open incident");
        });

        Assert.Equal(WriteStatus.Refused, result.Status);
        Assert.Equal(WriteStatus.Written, first.Status);
        Assert.Equal(2, bob.History().Value.Count);
    }

    [Fact]
    public void An_event_that_reached_the_remote_on_an_attempt_that_looked_lost_is_not_written_twice()
    {
        var remote = Track(TemporaryGitRepository.CreateBare());
        var seed = Track(TemporaryGitRepository.CreateWithCommit());
        var aliceRepository = Track(TemporaryGitRepository.CloneOf(remote, seed));
        var alice = Open(aliceRepository, "origin");
        var bob = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");
        OpenIncident(alice, "first", "alice@kakao.com");
        bob.Read();

        // Bob's first attempt is "lost" because, before his push, exactly his event (same id) reaches the
        // remote through another path, as after a push whose answer was lost. The retry must recognise it.
        var sent = Guid.NewGuid();
        var attempts = 0;
        var result = bob.Append((state, now) =>
        {
            if (attempts++ == 0)
            {
                alice.Append((s, t) => WriteDecision.Append(Incident("bob's", t, "bob@kakao.com") with { IncidentId = "INC-2", Id = sent }));
            }

            return WriteDecision.Append(Incident("bob's", now, "bob@kakao.com") with { IncidentId = $"INC-{state.IncidentCount + 1}", Id = sent });
        });

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal(1, attempts);
        var history = bob.History().Value;
        Assert.Equal(2, history.Count);
        Assert.Equal(sent, history[^1].Event.Id);
    }

    // A real git remote whose receive-pack dies at a given state of its ref transaction; returns the hook to delete.
    private static string KillReceivePackWhenTransaction(TemporaryGitRepository remote, string state)
    {
        var hook = System.IO.Path.Combine(remote.Path, "hooks", "reference-transaction");
        File.WriteAllText(hook, $"#!/bin/sh\n[ \"$1\" = {state} ] && kill -9 $PPID\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return hook;
    }

    [Fact]
    public void A_push_whose_answer_is_lost_after_the_remote_took_the_event_is_written_not_failed()
    {
        var remote = Track(TemporaryGitRepository.CreateBare());
        var seed = Track(TemporaryGitRepository.CreateWithCommit());
        var bob = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");
        OpenIncident(bob, "first", "bob@kakao.com");

        // The remote commits the ref update, then its receive-pack dies before answering: the push
        // fails on bob's side although the event is on the remote. "Failed" would make him repeat it.
        var hook = KillReceivePackWhenTransaction(remote, "committed");

        var result = OpenIncident(bob, "second", "bob@kakao.com");

        Assert.Equal(WriteStatus.Written, result.Status);
        Assert.Equal("INC-2", ((IncidentOpened)Assert.Single(result.Events)).IncidentId);
        Assert.Equal(2, result.State.IncidentCount);
        File.Delete(hook);
        Assert.Equal(2, bob.History().Value.Count);
    }

    [Fact]
    public void A_push_that_fails_and_did_not_reach_the_remote_is_failed()
    {
        var remote = Track(TemporaryGitRepository.CreateBare());
        var seed = Track(TemporaryGitRepository.CreateWithCommit());
        var bob = Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin");
        OpenIncident(bob, "first", "bob@kakao.com");

        // receive-pack dies before it updates anything.
        var hook = KillReceivePackWhenTransaction(remote, "prepared");

        var result = OpenIncident(bob, "second", "bob@kakao.com");

        Assert.Equal(WriteStatus.Failed, result.Status);
        Assert.Contains("could not push to remote 'origin'", result.Problems[0].Message, StringComparison.Ordinal);
        File.Delete(hook);
        Assert.Single(bob.History().Value);
    }

    [Fact]
    public void Diverged_local_and_remote_ledgers_are_a_problem_not_a_silent_reset()
    {
        var remote = Track(TemporaryGitRepository.CreateBare());
        var seed = Track(TemporaryGitRepository.CreateWithCommit());
        var aliceRepository = Track(TemporaryGitRepository.CloneOf(remote, seed));
        OpenIncident(Open(aliceRepository), "local only", "alice@kakao.com");
        OpenIncident(Open(Track(TemporaryGitRepository.CloneOf(remote, seed)), "origin"), "shared", "bob@kakao.com");

        var read = Open(aliceRepository, "origin").Read();

        Assert.Contains("have diverged", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_that_does_not_exist_is_a_problem()
    {
        var result = SharedLedger.Open(Track(TemporaryGitRepository.CreateWithCommit()).Path, Service, "upstream", _clock);

        Assert.Equal("there is no git remote named 'upstream'", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void An_unreachable_remote_is_a_problem_and_nothing_is_recorded_locally()
    {
        var repository = Track(TemporaryGitRepository.CreateWithCommit());
        using (var git = new Repository(repository.Path))
        {
            git.Network.Remotes.Add("origin", Path.Combine(Path.GetTempPath(), "no-such-remote-" + Guid.NewGuid().ToString("N")));
        }

        var ledger = Open(repository, "origin");
        var result = OpenIncident(ledger, "x");

        Assert.Equal(WriteStatus.Failed, result.Status);
        Assert.Contains("could not fetch from remote 'origin'", result.Problems[0].Message, StringComparison.Ordinal);
        // The cause git gives, not the last line of its advice.
        Assert.Contains("does not appear to be a git repository", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Null(Open(repository).Read().Value.Tip);
    }

    [Fact]
    public void A_path_outside_any_repository_is_a_problem()
    {
        var folder = Directory.CreateTempSubdirectory("changegate-norepo-");
        try
        {
            var result = SharedLedger.Open(folder.FullName, Service, null, _clock);

            Assert.Contains("is not inside a git repository", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    public void Dispose()
    {
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            _cleanup[i].Dispose();
        }
    }
}
