using ChangeGate.Affected;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Gate.Checks;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Tests.Evidence.TestSupport;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Gate;

/// <summary>
/// The gate's evidence check on a real repository with two real test projects (evaluated by
/// MSBuild) and a TRX from a real <c>dotnet test</c> run of one of them.
/// </summary>
public sealed class EvidenceCheckTests(RealTrxFiles trx) : IClassFixture<RealTrxFiles>, IDisposable
{
    private static readonly string Policy = TestPolicies.ThreeStages + "\n" + TestKeys.EvidenceSection([(TestKeys.Ci, "ci")], extra: "  test-projects: affected\n");
    private readonly TemporaryGitRepository _repo = NewRepository();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Without_evidence_it_blocks_naming_the_commit()
    {
        var result = Evaluate(LedgerState.Empty);

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Equal($"no evidence for {_repo.Head()}", result.Reason);
        Assert.Contains("changegate evidence record", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_any_completed_rollout_every_test_project_must_have_results()
    {
        Record(trx.Passing);

        var result = Evaluate(LedgerState.Empty);

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("affected test project without results in the evidence", result.Reason, StringComparison.Ordinal);
        Assert.Contains("tests/Ledger.Tests/Ledger.Tests.csproj", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Rollout.Tests", result.Reason, StringComparison.Ordinal);
        Assert.Contains(result.Details, d => d.Contains("no rollout has completed yet", StringComparison.Ordinal));
    }

    [Fact]
    public void After_a_completed_rollout_only_the_test_projects_the_change_affects_are_required()
    {
        var released = _repo.Head();
        _repo.Write("tests/Rollout.Tests/MoreTests.cs", "public class MoreTests { }\n");
        _repo.CommitAll("More rollout tests");
        Record(trx.Passing);

        var result = Evaluate(Completed(released));

        Assert.True(result.Outcome == CheckOutcome.Pass, $"{result.Reason}\n{string.Join("\n", result.Details)}");
        Assert.Contains("3 tests passed, 1 skipped", result.Reason, StringComparison.Ordinal);
        Assert.Contains(result.Details, d => d.Contains($"affected since {released[..12]}", StringComparison.Ordinal));
        Assert.Contains(result.Details, d => d.Contains("tests/Rollout.Tests/Rollout.Tests.csproj", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Details, d => d.Contains("Ledger.Tests", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_outside_every_project_is_named_in_the_details()
    {
        var released = _repo.Head();
        _repo.Write("deploy/rollout.sh", "echo deploy\n");
        _repo.CommitAll("Deploy script");
        Record(trx.Passing);

        var result = Evaluate(Completed(released));

        Assert.True(result.Outcome == CheckOutcome.Pass, $"{result.Reason}\n{string.Join("\n", result.Details)}");
        Assert.Contains("changed outside every project (no tests required for it): added deploy/rollout.sh", result.Details);
    }

    [Fact]
    public void A_change_to_a_test_project_without_results_blocks()
    {
        var released = _repo.Head();
        _repo.Write("tests/Ledger.Tests/LedgerTests.cs", "public class LedgerTests { public void Appends() { } }\n");
        _repo.CommitAll("Ledger tests");
        Record(trx.Passing);

        var result = Evaluate(Completed(released));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("tests/Ledger.Tests/Ledger.Tests.csproj", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_tests_block_with_their_fix()
    {
        Record(trx.WithFailure);

        var result = Evaluate(Completed(_repo.Head()));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("1 test failed", result.Reason, StringComparison.Ordinal);
        Assert.Contains(result.Details, d => d.StartsWith("tests-failed: ", StringComparison.Ordinal));
        Assert.Contains("Fix the failing tests", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_policy_blocks_unsigned_evidence_and_an_explicit_opt_out_accepts_it_with_a_warning()
    {
        Record(trx.Passing, signed: false);

        var strict = Evaluate(Completed(_repo.Head()), TestPolicies.ThreeStages + "\nevidence:\n  test-projects: none\n");
        var lenient = Evaluate(Completed(_repo.Head()), TestPolicies.ThreeStages + "\nevidence:\n  require-signature: false\n  test-projects: none\n");

        Assert.Equal(CheckOutcome.Block, strict.Outcome);
        Assert.StartsWith("signature missing", strict.Reason, StringComparison.Ordinal);
        Assert.True(lenient.Outcome == CheckOutcome.Pass, lenient.Reason);
        Assert.Contains("unsigned records accepted", lenient.Reason, StringComparison.Ordinal);
        Assert.Contains(lenient.Details, d => d.StartsWith("warning: evidence.require-signature is false", StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_in_the_note_that_the_ledger_never_anchored_blocks()
    {
        var target = Path.Combine(_repo.Path, "TestResults", "side-door.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(trx.Passing, target, overwrite: true);
        var record = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = _repo.Path, ResultFiles = [target], RecordedBy = "ci@kakao.com", SigningKey = TestKeys.Ci });
        Assert.True(new EvidenceNoteStore(_repo.Repository).Append(record.Value!, TemporaryGitRepository.Author).Succeeded);

        var result = Evaluate(Completed(_repo.Head()));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.StartsWith("evidence line 1", result.Reason, StringComparison.Ordinal);
        Assert.Contains("has no evidence-recorded event in the ledger", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_does_not_require_evidence_passes_and_says_so()
    {
        var result = Evaluate(LedgerState.Empty, TestPolicies.ThreeStages + "\nevidence:\n  required: false\n");

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Contains("evidence.required: false", result.Reason, StringComparison.Ordinal);
    }

    private CheckResult Evaluate(LedgerState state, string? policy = null)
    {
        var head = _repo.Repository.Head.Tip;
        var tip = _repo.Repository.Refs[LedgerRefs.Local("talk-message")]?.TargetIdentifier;
        var context = new GateContext(TestPolicies.Parse(policy ?? Policy), state, new CommitInfo(head.Sha, "Author", "author@kakao.com"), _repo.Path, DateTimeOffset.UtcNow, null, null) { LedgerTip = tip, ChangeScope = new ProjectGraphChangeScope() };
        return new EvidenceCheck().Evaluate(context);
    }

    private static LedgerState Completed(string commit) => LedgerState.Empty with { LastCompleted = new CompletedRollout("R-1", commit, DateTimeOffset.UtcNow) };

    /// <summary>Records as `evidence record` does in a repository without a remote: anchored in the local ledger, signed with the CI key.</summary>
    private void Record(string trxPath, bool signed = true)
    {
        var target = Path.Combine(_repo.Path, "TestResults", Path.GetFileName(trxPath));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(trxPath, target, overwrite: true);
        var record = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = _repo.Path, ResultFiles = [target], RecordedBy = "ci@kakao.com" });
        Assert.True(record.Succeeded, record.Error?.ToString());
        using var ledger = SharedLedger.Open(_repo.Path, "talk-message", null, TimeProvider.System).Value;
        var published = Core.Evidence.Recording.EvidencePublisher.Publish(ledger, SharedEvidenceNotes.Open(ledger.Repository, null).Value, record.Value, signed ? TestKeys.Ci : null, TemporaryGitRepository.Author);
        Assert.True(published.IsSuccess, string.Join("\n", published.Problems));
    }

    private static TemporaryGitRepository NewRepository()
    {
        var repo = TemporaryGitRepository.Create();
        repo.Write(".gitignore", "TestResults/\nbin/\nobj/\n");
        repo.Write("deploy.txt", "stage: canary\n");
        DotnetTestRun.WriteProject(Path.Combine(repo.Path, "tests"), RealTrxFiles.AssemblyName);
        DotnetTestRun.WriteProject(Path.Combine(repo.Path, "tests"), "Ledger.Tests");
        repo.CommitAll("Rollout service with two test projects");
        return repo;
    }
}
