using ChangeGate.Core.Tests.Support;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Tests.Evidence.TestSupport;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Evidence;

/// <summary>
/// Real TRX from today's <c>dotnet test</c>, recorded as a git note on a real commit, verified
/// and judged by the evidence gate: the acceptance scenarios of issue 5 without the CLI.
/// </summary>
public sealed class EvidenceEndToEndTests(RealTrxFiles trx) : IClassFixture<RealTrxFiles>
{
    private const string Secret = "correct-horse-battery-staple-2024";
    private static readonly RequiredTestProject[] RolloutTests = [new("tests/Rollout.Tests/Rollout.Tests.csproj", RealTrxFiles.AssemblyName)];

    [Fact]
    public void Real_dotnet_test_trx_is_counted_per_assembly()
    {
        var all = TestResultReader.Read(trx.WithFailure);
        var passing = TestResultReader.Read(trx.Passing);

        Assert.Equal("Rollout.Tests 3/1/1", Describe(all.Value!));
        Assert.Equal("Rollout.Tests 3/0/1", Describe(passing.Value!));
    }

    [Fact]
    public void Signed_evidence_of_a_clean_passing_run_passes_the_gate()
    {
        using var repo = NewRepository();
        var key = Key();
        var head = repo.Repository.Head.Tip;

        var record = Record(repo, trx.Passing, key);
        new EvidenceNoteStore(repo.Repository).Append(record, TemporaryGitRepository.Author);
        var verification = EvidenceVerifier.Verify(repo.Path, "HEAD", key);
        var decision = EvidenceGate.Evaluate(verification.Value!, RolloutTests, new EvidenceRequirements { RequireSignature = true });

        Assert.Equal((head.Sha, head.Tree.Sha, true), (record.Commit, record.Tree, record.WorkingTree.Clean));
        Assert.Equal("TestResults/passing.trx", Assert.Single(record.Files).Path);
        Assert.Equal("valid", verification.Value!.Status);
        Assert.Equal(EvidenceGateVerdict.Pass, decision.Verdict);
        Assert.Contains("3 tests passed, 1 skipped", decision.Summary);
        // git itself reads the note: the format is plain git notes.
        Assert.Equal(EvidenceLineFormat.Write(record), GitCli.Run(repo.Path, "notes", "--ref=changegate", "show", "HEAD").Trim());
    }

    [Fact]
    public void An_amended_commit_has_no_evidence()
    {
        using var repo = NewRepository();
        new EvidenceNoteStore(repo.Repository).Append(Record(repo, trx.Passing, null), TemporaryGitRepository.Author);
        repo.Write("deploy.txt", "stage: gasan\n");
        var amended = repo.CommitAll("Deploy to gasan", amend: true);

        var verification = EvidenceVerifier.Verify(repo.Path, "HEAD", null);
        var decision = EvidenceGate.Evaluate(verification.Value!, RolloutTests, new EvidenceRequirements());

        Assert.False(verification.Value!.HasEvidence);
        Assert.Equal(EvidenceGateVerdict.Block, decision.Verdict);
        Assert.Equal("no-evidence", Assert.Single(decision.Reasons).Code);
        Assert.Contains($"no evidence for {amended.Sha}", decision.Summary);
    }

    [Fact]
    public void A_note_edited_by_hand_fails_verification_and_blocks()
    {
        using var repo = NewRepository();
        var key = Key();
        var record = Record(repo, trx.WithFailure, key);
        new EvidenceNoteStore(repo.Repository).Append(record, TemporaryGitRepository.Author);
        var line = EvidenceLineFormat.Write(record);
        Assert.Contains("\"failed\":1", line);

        // What `git notes edit` would do: hide the failure.
        var edited = line.Replace("\"failed\":1", "\"failed\":0", StringComparison.Ordinal);
        repo.Repository.Notes.Add(new ObjectId(record.Commit), edited + "\n", TemporaryGitRepository.Author, TemporaryGitRepository.Author, "changegate");

        var verification = EvidenceVerifier.Verify(repo.Path, "HEAD", key).Value!;
        var decision = EvidenceGate.Evaluate(verification, RolloutTests, new EvidenceRequirements());

        Assert.Equal("invalid", verification.Status);
        Assert.Equal(SignatureStatus.Invalid, Assert.Single(verification.Records).Signature);
        Assert.Equal(EvidenceGateVerdict.Block, decision.Verdict);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("signature-invalid", reason.Code);
        Assert.StartsWith("signature invalid", reason.Message);
    }

    [Fact]
    public void Without_signing_the_same_edit_is_not_detectable_which_is_why_policy_can_require_it()
    {
        using var repo = NewRepository();
        var record = Record(repo, trx.WithFailure, null);
        var edited = EvidenceLineFormat.Write(record).Replace("\"failed\":1", "\"failed\":0", StringComparison.Ordinal);
        repo.Repository.Notes.Add(new ObjectId(record.Commit), edited + "\n", TemporaryGitRepository.Author, TemporaryGitRepository.Author, "changegate");

        var verification = EvidenceVerifier.Verify(repo.Path, "HEAD", Key()).Value!;
        var required = EvidenceGate.Evaluate(verification, RolloutTests, new EvidenceRequirements { RequireSignature = true });

        Assert.Equal("missing", verification.Status);
        Assert.Equal("signature-missing", Assert.Single(required.Reasons).Code);
    }

    [Fact]
    public void Failed_tests_block_and_name_the_assembly()
    {
        using var repo = NewRepository();
        new EvidenceNoteStore(repo.Repository).Append(Record(repo, trx.WithFailure, null), TemporaryGitRepository.Author);

        var decision = EvidenceGate.Evaluate(EvidenceVerifier.Verify(repo.Path, "HEAD", null).Value!, RolloutTests, new EvidenceRequirements());

        // xunit also logs each failure as a run-level error, which the gate shows as well.
        Assert.Equal(["tests-failed", "run-error"], decision.Reasons.Select(r => r.Code));
        Assert.Contains("1 test failed", decision.Reasons[0].Message);
        Assert.Contains("Rollout.Tests (1 in TestResults/all.trx)", decision.Reasons[0].Message);
        Assert.Contains("GasanFollowsPangyo [FAIL]", decision.Reasons[1].Message);
    }

    [Fact]
    public void A_dirty_working_tree_is_recorded_and_blocks()
    {
        using var repo = NewRepository();
        repo.Write("deploy.txt", "stage: edited but not committed\n");
        repo.Write("notes/untracked.txt", "scratch\n");

        var record = Record(repo, trx.Passing, null);
        new EvidenceNoteStore(repo.Repository).Append(record, TemporaryGitRepository.Author);
        var decision = EvidenceGate.Evaluate(EvidenceVerifier.Verify(repo.Path, "HEAD", null).Value!, RolloutTests, new EvidenceRequirements());

        Assert.False(record.WorkingTree.Clean);
        Assert.Equal(2, record.WorkingTree.ChangeCount);
        Assert.Equal(["modified deploy.txt", "untracked notes/untracked.txt"], record.WorkingTree.Changes.Order(StringComparer.Ordinal));
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("dirty-tree", reason.Code);
        Assert.Contains("modified deploy.txt", reason.Message);
    }

    [Fact]
    public void Ignored_files_and_the_recorded_result_files_do_not_make_the_tree_dirty()
    {
        using var repo = NewRepository();
        repo.Write("bin/Debug/app.dll", "ignored build output");
        var unignored = Path.Combine(repo.Path, "results", "passing.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(unignored)!);
        File.Copy(trx.Passing, unignored);

        var record = EvidenceRecorder.Create(new EvidenceRecordRequest
        {
            RepositoryPath = repo.Path,
            ResultFiles = [unignored],
            RecordedBy = "ci@example.com",
        });

        Assert.True(record.Succeeded, record.Error?.ToString());
        Assert.True(record.Value.WorkingTree.Clean, string.Join(", ", record.Value.WorkingTree.Changes));
        Assert.Equal("results/passing.trx", Assert.Single(record.Value.Files).Path);
    }

    [Fact]
    public void Evidence_for_a_commit_other_than_the_checked_out_one_is_not_clean()
    {
        using var repo = NewRepository();
        var first = repo.Repository.Head.Tip;
        repo.Write("deploy.txt", "stage: pangyo\n");
        repo.CommitAll("Promote to pangyo");

        var record = EvidenceRecorder.Create(new EvidenceRecordRequest
        {
            RepositoryPath = repo.Path,
            Commit = first.Sha,
            ResultFiles = [CopyIntoRepository(repo, trx.Passing)],
            RecordedBy = "ci@example.com",
        }).Value!;

        Assert.Equal(first.Sha, record.Commit);
        Assert.False(record.WorkingTree.Clean);
        Assert.Contains("whose files differ from the tested commit", record.WorkingTree.Changes[0]);
    }

    [Fact]
    public void Several_jobs_recording_the_same_commit_keep_every_record()
    {
        using var repo = NewRepository();
        var head = repo.Repository.Head.Tip.Sha;
        var file = CopyIntoRepository(repo, trx.Passing);

        Parallel.For(0, 4, job =>
        {
            using var repository = new Repository(repo.Path);
            var store = new EvidenceNoteStore(repository);
            for (var i = 0; i < 10; i++)
            {
                var record = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = repo.Path, ResultFiles = [file], RecordedBy = $"job{job}@ci", Job = $"job-{job}-{i}" }).Value!;
                store.Append(record, TemporaryGitRepository.Author);
            }
        });

        var note = new EvidenceNoteStore(repo.Repository).Read(head).Value!;
        Assert.Equal(40, note.Lines.Count);
        Assert.All(note.Lines, line => Assert.NotNull(line.Record));
        Assert.Equal(40, note.Lines.Select(l => l.Record!.Job).Distinct().Count());
    }

    [Fact]
    public void A_note_copied_onto_another_commit_does_not_count_there()
    {
        using var repo = NewRepository();
        var record = Record(repo, trx.Passing, null);
        repo.Write("deploy.txt", "stage: anyang\n");
        var next = repo.CommitAll("Deploy to anyang");
        repo.Repository.Notes.Add(next.Id, EvidenceLineFormat.Write(record) + "\n", TemporaryGitRepository.Author, TemporaryGitRepository.Author, "changegate");

        var verification = EvidenceVerifier.Verify(repo.Path, "HEAD", null).Value!;
        var decision = EvidenceGate.Evaluate(verification, RolloutTests, new EvidenceRequirements());

        Assert.Equal("invalid", verification.Status);
        Assert.Equal("wrong-commit", Assert.Single(decision.Reasons).Code);
        Assert.Contains($"for commit {record.Commit}, not {next.Sha}", decision.Reasons[0].Message);
    }

    [Fact]
    public void An_affected_test_project_without_results_blocks()
    {
        using var repo = NewRepository();
        new EvidenceNoteStore(repo.Repository).Append(Record(repo, trx.Passing, null), TemporaryGitRepository.Author);

        var decision = EvidenceGate.Evaluate(
            EvidenceVerifier.Verify(repo.Path, "HEAD", null).Value!,
            [.. RolloutTests, new RequiredTestProject("tests/Ledger.Tests/Ledger.Tests.csproj", "Ledger.Tests")],
            new EvidenceRequirements());

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("affected-tests-missing", reason.Code);
        Assert.Contains("tests/Ledger.Tests/Ledger.Tests.csproj", reason.Message);
        Assert.DoesNotContain("Rollout.Tests", reason.Message);
    }

    [Fact]
    public void Recording_a_malformed_result_file_is_an_error_with_its_location()
    {
        using var repo = NewRepository();
        var broken = Path.Combine(repo.Path, "TestResults", "broken.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, File.ReadAllText(trx.Passing)[..600]);

        var result = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = repo.Path, ResultFiles = [broken], RecordedBy = "ci@example.com" });


        Assert.False(result.Succeeded);
        Assert.Equal(broken, result.Error.File);
        Assert.NotNull(result.Error.Line);
    }

    [Fact]
    public void Recording_for_an_unknown_commit_is_an_error()
    {
        using var repo = NewRepository();

        var result = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = repo.Path, Commit = "no-such-branch", ResultFiles = [CopyIntoRepository(repo, trx.Passing)], RecordedBy = "ci@example.com" });

        Assert.False(result.Succeeded);
        Assert.Contains("'no-such-branch' not found", result.Error.Message);
    }

    private static TemporaryGitRepository NewRepository()
    {
        var repo = TemporaryGitRepository.Create();
        repo.Write(".gitignore", "TestResults/\nbin/\nobj/\n");
        repo.Write("deploy.txt", "stage: canary\n");
        DotnetTestRun.WriteProject(Path.Combine(repo.Path, "tests"), RealTrxFiles.AssemblyName);
        repo.CommitAll("Deploy to canary");
        return repo;
    }

    private static string CopyIntoRepository(TemporaryGitRepository repo, string trxPath)
    {
        var target = Path.Combine(repo.Path, "TestResults", Path.GetFileName(trxPath));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(trxPath, target, overwrite: true);
        return target;
    }

    private static EvidenceRecord Record(TemporaryGitRepository repo, string trxPath, SigningKey? key)
    {
        var result = EvidenceRecorder.Create(new EvidenceRecordRequest
        {
            RepositoryPath = repo.Path,
            ResultFiles = [CopyIntoRepository(repo, trxPath)],
            RecordedBy = "ci@example.com",
            Job = "unit-tests",
            SigningKey = key,
        });
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Value;
    }

    private static SigningKey Key() => SigningKey.FromSecret(Secret).Value!;

    private static string Describe(TestResultFile file) =>
        string.Join(" | ", file.Suites.Select(s => $"{s.Name} {s.Passed}/{s.Failed}/{s.Skipped}"));
}
