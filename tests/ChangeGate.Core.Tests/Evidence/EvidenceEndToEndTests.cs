using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Tests.Evidence.TestSupport;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Evidence;

/// <summary>
/// Real TRX from today's <c>dotnet test</c>, recorded by a CI clone through the real ledger and
/// notes on a bare remote, judged by the gate's evidence check in a deploy clone that holds only
/// the policy's public keys; and every attack of issue 11 against it, each by someone with push
/// rights working in a clone of their own.
/// </summary>
public sealed class EvidenceEndToEndTests(RealTrxFiles trx) : IClassFixture<RealTrxFiles>, IDisposable
{
    private readonly EvidenceWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void Real_dotnet_test_trx_is_counted_per_assembly_and_a_failing_test_is_a_failed_test_not_a_run_error()
    {
        var all = TestResultReader.Read(trx.WithFailure).Value!;
        var passing = TestResultReader.Read(trx.Passing).Value!;

        Assert.Equal("Rollout.Tests 3/1/1", Describe(all));
        Assert.Empty(all.RunErrors);
        Assert.Equal("Rollout.Tests 3/0/1", Describe(passing));
        Assert.Equal(RunStartSource.Reported, all.Started!.Source);
    }

    [Fact]
    public void Evidence_signed_in_ci_passes_the_gate_that_holds_only_public_keys()
    {
        var published = _world.Record(trx.Passing, TestKeys.Ci, "unit");

        var result = _world.Gate();

        Assert.True(published.IsSuccess, string.Join("\n", published.Problems));
        Assert.True(result.Outcome == CheckOutcome.Pass, $"{result.Reason}\n{string.Join("\n", result.Details)}");
        Assert.Equal("3 tests passed, 1 skipped on " + _world.Commit[..12] + " (1 record anchored in the ledger, signed by ci, 0 affected test projects covered)", result.Reason);
        // git itself reads the note, and the ledger holds its anchor.
        var line = Assert.Single(_world.RemoteNote());
        Assert.Equal(published.Value.Anchor!.Record, line);
        Assert.Contains("evidence-recorded: recorded evidence for " + _world.Commit, GitCli.Run(_world.Remote.Path, "log", "--format=%s", "refs/changegate/talk-message/ledger"));
    }

    [Fact]
    public void A_record_forged_by_a_verifier_blocks_whether_unsigned_self_signed_or_with_a_borrowed_signature()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        var verifier = _world.Clone();

        // The deploy job has the policy (public keys) and push rights, not the private key. It makes
        // a passing record for a new commit: with a key of its own, and with no key.
        verifier.Write("deploy.txt", "untested change\n");
        var untested = verifier.CommitAll("untested change");
        GitCli.Run(verifier.Path, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        var forged = Forge(untested);
        Assert.True(EvidenceWorld.Publish(verifier, forged, TestKeys.Stranger).IsSuccess);
        var selfSigned = _world.Gate(commit: untested.Sha);

        // A copy of a real record's signature on the forged content.
        var real = EvidenceLineFormat.Read(_world.RemoteNote()[0]).Value!;
        var borrowed = EvidenceLineFormat.Write(Forge(untested) with { Signature = real.Signature });
        _world.RewriteRemoteNote(verifier, [borrowed], untested.Sha);
        var withBorrowed = _world.Gate(commit: untested.Sha);

        Assert.Equal(CheckOutcome.Block, selfSigned.Outcome);
        Assert.StartsWith("untrusted key on the evidence line 1", selfSigned.Reason);
        Assert.Contains(TestKeys.Stranger.KeyId, selfSigned.Reason);
        Assert.Equal(CheckOutcome.Block, withBorrowed.Outcome);
        Assert.Contains(withBorrowed.Details, d => d.StartsWith("signature-invalid: ", StringComparison.Ordinal));
        Assert.Contains(withBorrowed.Details, d => d.StartsWith("missing-record: ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsigned_record_blocks_under_the_default_policy()
    {
        Assert.True(_world.Record(trx.Passing, null, "unit").IsSuccess);

        var result = _world.Gate();

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.StartsWith("signature missing on the evidence line 1", result.Reason);
    }

    [Fact]
    public void Deleting_the_newest_failing_record_from_the_note_blocks_and_restoring_it_shows_the_failure()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        var failing = _world.Record(trx.WithFailure, TestKeys.Ci, "integration", _world.Clone());
        Assert.True(failing.IsSuccess, string.Join("\n", failing.Problems));
        Assert.Equal(2, _world.RemoteNote().Count);
        var passingLine = _world.RemoteNote().Single(l => !l.Contains("\"failed\":1", StringComparison.Ordinal));

        _world.RewriteRemoteNote(_world.Clone(), [passingLine]);
        var deleted = _world.Gate();

        Assert.Equal(CheckOutcome.Block, deleted.Outcome);
        Assert.StartsWith($"record {failing.Value.Anchor!.Digest[..12]} (failed: 3 passed, 1 failed, 1 skipped, job integration", deleted.Reason);
        Assert.Contains("is missing from the note", deleted.Reason);
        Assert.Contains("changegate evidence restore", deleted.Fix);

        using (var ledger = SharedLedger.Open(_world.Deploy.Path, EvidenceWorld.Service, "origin", TimeProvider.System).Value)
        {
            var restored = Core.Evidence.Recording.EvidencePublisher.Restore(ledger, Core.Evidence.Notes.SharedEvidenceNotes.Open(ledger.Repository, "origin").Value, _world.Commit, TemporaryGitRepository.Author);
            Assert.True(restored.IsSuccess, string.Join("\n", restored.Problems));
            Assert.Equal((1, 0), (restored.Value.Restored, restored.Value.Dropped));
        }

        var honest = _world.Gate();
        Assert.Equal(CheckOutcome.Block, honest.Outcome);
        Assert.StartsWith("1 test failed", honest.Reason);
    }

    [Fact]
    public void Truncating_the_newest_failing_record_by_force_pushing_the_ledger_and_the_note_back_is_refused_by_an_old_clone_and_a_fresh_clone_with_a_witness()
    {
        const string ledgerRef = "refs/changegate/talk-message/ledger";
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        var failing = _world.Record(trx.WithFailure, TestKeys.Ci, "integration", _world.Clone());
        Assert.True(failing.IsSuccess, string.Join("\n", failing.Problems));
        Assert.StartsWith("1 test failed", _world.Gate().Reason);

        // A witness that holds the ledger as it is now (as every write keeps it).
        var witness = TemporaryGitRepository.CreateBare();
        try
        {
            GitCli.Run(_world.Remote.Path, "push", "--quiet", witness.Path, $"{ledgerRef}:{ledgerRef}");

            // The attacker drops the failing record's anchor and its note: both refs force-pushed back one commit.
            var attacker = _world.Clone();
            GitCli.Run(attacker.Path, "fetch", "--quiet", "origin", $"+{ledgerRef}:{ledgerRef}", "+refs/notes/changegate:refs/notes/changegate");
            GitCli.Run(attacker.Path, "push", "--quiet", "--force", "origin", $"{ledgerRef}~1:{ledgerRef}", "refs/notes/changegate~1:refs/notes/changegate");
            Assert.Single(_world.RemoteNote());

            // The deploy clone verified the anchor before: the truncated ledger is a rewind.
            using (var old = SharedLedger.Open(_world.Deploy.Path, EvidenceWorld.Service, "origin", TimeProvider.System).Value)
            {
                Assert.Contains("1 events vanished", Assert.Single(old.Read().Problems).Message, StringComparison.Ordinal);
            }

            // A fresh clone whose policy names the witness refuses it too.
            var fresh = _world.Clone();
            fresh.AddRemote("backup", witness);
            var policy = TestPolicies.Parse(TestPolicies.ThreeStages + "\n" + _world.EvidenceSection + "\nledger:\n  witnesses: [backup]\n");
            using var ledger = SharedLedger.Open(fresh.Path, EvidenceWorld.Service, "origin", TimeProvider.System).Value;
            ledger.Guards = Core.Ledger.Integrity.LedgerGuards.From(policy);
            Assert.Contains("witness 'backup' holds 1 events that the ledger on 'origin' does not", Assert.Single(ledger.Read().Problems).Message, StringComparison.Ordinal);
        }
        finally
        {
            witness.Dispose();
        }
    }

    [Fact]
    public void Reordering_the_ledgers_anchors_blocks_and_reordering_the_notes_lines_changes_nothing()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        var second = _world.Record(CopyWithNewBytes(trx.Passing), TestKeys.Ci, "second");
        Assert.True(second.IsSuccess, string.Join("\n", second.Problems));
        var lines = _world.RemoteNote();
        Assert.Equal(2, lines.Count);

        _world.RewriteRemoteNote(_world.Clone(), lines.Reverse());
        var reorderedNote = _world.Gate();

        // Someone with force-push rights to the ledger writes the two anchors in the other order.
        var attacker = _world.Clone();
        GitCli.Run(attacker.Path, "fetch", "--quiet", "origin", "+refs/changegate/talk-message/ledger:refs/changegate/talk-message/ledger");
        using (var repository = new Repository(attacker.Path))
        {
            var store = new LedgerStore(repository, EvidenceWorld.Service);
            var tip = repository.Lookup<Commit>(repository.Refs["refs/changegate/talk-message/ledger"].TargetIdentifier);
            var events = new[] { tip, tip.Parents.Single() }.Select(c => LedgerJson.DeserializeEvent(((Blob)c.Tree["event.json"].Target).GetContentText(), "test")).ToList();
            var swapped = store.Write(null, LedgerState.Empty, events);
            repository.Refs.UpdateTarget(repository.Refs["refs/changegate/talk-message/ledger"], swapped);
        }

        GitCli.Run(attacker.Path, "push", "--quiet", "--force", "origin", "refs/changegate/talk-message/ledger:refs/changegate/talk-message/ledger");

        // The deploy clone had verified the ledger: the rewrite itself is refused.
        using (var ledger = SharedLedger.Open(_world.Deploy.Path, EvidenceWorld.Service, "origin", TimeProvider.System).Value)
        {
            Assert.Contains("have diverged", Assert.Single(ledger.Read().Problems).Message, StringComparison.Ordinal);
        }

        // A fresh clone (no witness configured here) sees a consistent chain: the evidence check catches the order.
        GitCli.Run(_world.Deploy.Path, "update-ref", "-d", "refs/changegate/talk-message/ledger");
        File.Delete(Path.Combine(_world.Deploy.Path, ".git", "changegate", "verified", EvidenceWorld.Service));
        var reorderedLedger = _world.Gate();

        Assert.True(reorderedNote.Outcome == CheckOutcome.Pass, reorderedNote.Reason);
        Assert.Equal(CheckOutcome.Block, reorderedLedger.Outcome);
        Assert.Contains(reorderedLedger.Details, d => d.StartsWith("chain-broken: ", StringComparison.Ordinal) && d.Contains("reordered", StringComparison.Ordinal));
    }

    [Fact]
    public void Results_older_than_the_commit_are_refused_at_record_time()
    {
        // The tests ran (the fixture's TRX, made now if no test made it yet), then a change was
        // committed: the old results are not its results.
        var ranBefore = trx.Passing;
        _world.Ci.Write("deploy.txt", "breaks the tests\n");
        var later = _world.Ci.Commit("a change made after the tests ran", "dev@kakao.com");
        var target = Path.Combine(_world.Ci.Path, "TestResults", "unit.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(ranBefore, target, overwrite: true);

        var record = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = _world.Ci.Path, ResultFiles = [target], RecordedBy = "ci@kakao.com" });

        Assert.False(record.Succeeded);
        Assert.StartsWith($"These results predate commit {later[..12]}: the run started at ", record.Error.Message);
        Assert.Contains("Run the tests again", record.Error.Fix);
        Assert.Equal(target, record.Error.File);
    }

    [Fact]
    public void A_record_signed_by_an_untrusted_key_blocks_naming_the_key()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Stranger, "unit").IsSuccess);

        var result = _world.Gate();

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains($"it is signed with key {TestKeys.Stranger.KeyId}, which is not among the policy's trusted keys (ci, next)", result.Reason);
    }

    [Fact]
    public void A_record_signed_by_a_revoked_key_blocks_naming_the_key()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Leaked, "unit").IsSuccess);

        var result = _world.Gate();

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains($"it is signed with key {TestKeys.Leaked.KeyId}, which the policy revoked (revoked on 2026-05-20: the runner image leaked)", result.Reason);
    }

    [Fact]
    public void Key_rotation_two_keys_trusted_at_once_then_the_old_one_revoked()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "old-runner").IsSuccess);
        Assert.True(_world.Record(CopyWithNewBytes(trx.Passing), TestKeys.Next, "new-runner").IsSuccess);
        var bothTrusted = _world.Gate();

        // The old key leaks: the reviewed policy moves it to revoked-keys; what it signed no longer counts.
        var rotated = TestKeys.EvidenceSection([(TestKeys.Next, "next")], [TestKeys.Ci], "  test-projects: none\n");
        var afterRevocation = _world.Gate(rotated);

        Assert.True(bothTrusted.Outcome == CheckOutcome.Pass, bothTrusted.Reason);
        Assert.Contains("2 records anchored in the ledger, signed by ci, next", bothTrusted.Reason);
        Assert.Equal(CheckOutcome.Block, afterRevocation.Outcome);
        Assert.StartsWith("revoked key on the evidence line", afterRevocation.Reason);
        Assert.Contains(TestKeys.Ci.KeyId, afterRevocation.Reason);
        Assert.Contains(afterRevocation.Details, d => d.Contains("signature valid (next)", StringComparison.Ordinal));
    }

    [Fact]
    public void Recording_the_same_result_file_twice_is_idempotent()
    {
        var first = _world.Record(trx.WithFailure, TestKeys.Ci, "unit");
        var again = _world.Record(trx.WithFailure, TestKeys.Ci, "unit", _world.Clone());

        Assert.True(again.IsSuccess, string.Join("\n", again.Problems));
        Assert.Null(again.Value.Record);
        Assert.Equal(first.Value.Anchor!.Digest, Assert.Single(again.Value.AlreadyRecorded).Record.Digest);
        Assert.Single(_world.RemoteNote());
        var result = _world.Gate();
        Assert.StartsWith("1 test failed", result.Reason);
    }

    [Fact]
    public void Two_jobs_recording_the_same_commit_at_once_make_one_chain_without_a_fork()
    {
        var jobs = Enumerable.Range(0, 3).Select(_ => _world.Clone()).ToList();
        var files = jobs.Select(_ => CopyWithNewBytes(trx.Passing)).ToList();

        var results = new Core.Result<Core.Evidence.Recording.EvidencePublication>[jobs.Count];
        Parallel.For(0, jobs.Count, i => results[i] = _world.Record(files[i], TestKeys.Ci, $"job-{i}", jobs[i]));

        Assert.All(results, r => Assert.True(r.IsSuccess, string.Join("\n", r.Problems)));
        Assert.Equal([1, 2, 3], results.Select(r => r.Value.Position).Order());
        var chain = results.OrderBy(r => r.Value.Position).Select(r => r.Value.Anchor!).ToList();
        Assert.Null(chain[0].Previous);
        Assert.Equal(chain[0].Digest, chain[1].Previous);
        Assert.Equal(chain[1].Digest, chain[2].Previous);
        Assert.Equal(3, _world.RemoteNote().Count);
        var gate = _world.Gate();
        Assert.True(gate.Outcome == CheckOutcome.Pass, gate.Reason);
    }

    [Fact]
    public void An_amended_commit_has_no_evidence()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        _world.Ci.Write("deploy.txt", "stage: gasan\n");
        var amended = _world.Ci.CommitAll("Deploy to gasan", amend: true);
        GitCli.Run(_world.Ci.Path, "push", "--quiet", "--force", "origin", "HEAD:refs/heads/main");

        var result = _world.Gate(commit: amended.Sha);

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Equal($"no evidence for {amended.Sha}", result.Reason);
    }

    [Fact]
    public void A_note_copied_onto_another_commit_does_not_count_there()
    {
        Assert.True(_world.Record(trx.Passing, TestKeys.Ci, "unit").IsSuccess);
        var line = _world.RemoteNote()[0];
        var attacker = _world.Clone();
        attacker.Write("deploy.txt", "stage: anyang\n");
        var next = attacker.CommitAll("Deploy to anyang");
        GitCli.Run(attacker.Path, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        _world.RewriteRemoteNote(attacker, [line], next.Sha);

        var result = _world.Gate(commit: next.Sha);

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains($"for commit {_world.Commit}, not {next.Sha}", result.Reason);
    }

    [Fact]
    public void A_dirty_working_tree_and_a_modified_tracked_result_file_are_recorded_and_block()
    {
        // A result file committed by mistake, then overwritten by the run: a change like any other.
        var tracked = _world.Ci.FullPath("reports/unit.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(tracked)!);
        File.WriteAllText(tracked, "<TestRun/>");
        _world.Ci.CommitAll("results committed by mistake");
        GitCli.Run(_world.Ci.Path, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        File.Copy(trx.Passing, tracked, overwrite: true);
        _world.Ci.Write("deploy.txt", "stage: edited but not committed\n");

        var record = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = _world.Ci.Path, ResultFiles = [tracked], RecordedBy = "ci@kakao.com" }).Value!;
        Assert.True(EvidenceWorld.Publish(_world.Ci, record, TestKeys.Ci).IsSuccess);
        var result = _world.Gate();

        Assert.False(record.WorkingTree.Clean);
        Assert.Equal(["modified reports/unit.trx", "untracked deploy.txt"], record.WorkingTree.Changes.Order(StringComparer.Ordinal));
        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("dirty working tree", result.Reason);
    }

    [Fact]
    public void Ignored_files_and_untracked_result_files_do_not_make_the_tree_dirty()
    {
        _world.Ci.Write("bin/Debug/app.dll", "ignored build output");
        var unignored = Path.Combine(_world.Ci.Path, "results", "passing.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(unignored)!);
        File.Copy(trx.Passing, unignored);

        var record = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = _world.Ci.Path, ResultFiles = [unignored, unignored], RecordedBy = "ci@example.com" });

        Assert.True(record.Succeeded, record.Error?.ToString());
        Assert.True(record.Value.WorkingTree.Clean, string.Join(", ", record.Value.WorkingTree.Changes));
        Assert.Equal("results/passing.trx", Assert.Single(record.Value.Files).Path);
    }

    [Fact]
    public void Recording_a_malformed_result_file_is_an_error_with_its_location()
    {
        var broken = Path.Combine(_world.Ci.Path, "TestResults", "broken.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, File.ReadAllText(trx.Passing)[..600]);

        var result = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = _world.Ci.Path, ResultFiles = [broken], RecordedBy = "ci@example.com" });

        Assert.False(result.Succeeded);
        Assert.Equal(broken, result.Error.File);
        Assert.NotNull(result.Error.Line);
    }

    /// <summary>A passing record the verifier makes up for <paramref name="commit"/>.</summary>
    private static EvidenceRecord Forge(Commit commit) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Commit = commit.Sha,
        Tree = commit.Tree.Sha,
        RecordedAt = DateTimeOffset.UtcNow,
        RecordedBy = "ci@kakao.com",
        WorkingTree = new WorkingTreeState(true, commit.Sha, 0, []),
        Tools = new Dictionary<string, string> { ["changegate"] = "0.1.0" },
        Files =
        [
            new TestResultFile("TestResults/unit.trx", TestResultFormat.Trx, new string('e', 64), [new TestSuiteSummary("Rollout.Tests", null, 40, 0, 0, TimeSpan.FromSeconds(3))], [])
            {
                Started = new RunStart(DateTimeOffset.UtcNow, RunStartSource.Reported),
            },
        ],
        Job = "unit",
    };

    /// <summary>A copy of a TRX with other bytes (a run id changed), so it is another result file for the same run shape.</summary>
    private static string CopyWithNewBytes(string trxPath)
    {
        var copy = Path.Combine(Path.GetDirectoryName(trxPath)!, Guid.NewGuid().ToString("N")[..8] + ".trx");
        File.WriteAllText(copy, File.ReadAllText(trxPath).Replace("<TestRun id=\"", $"<TestRun id=\"{Guid.NewGuid()}", StringComparison.Ordinal));
        return copy;
    }

    private static string Describe(TestResultFile file) =>
        string.Join(" | ", file.Suites.Select(s => $"{s.Name} {s.Passed}/{s.Failed}/{s.Skipped}"));
}
