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
    private const string Policy = TestPolicies.ThreeStages + "\nevidence:\n  test-projects: affected\n";
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
    public void A_policy_that_requires_signatures_blocks_unsigned_evidence()
    {
        Record(trx.Passing);

        var result = Evaluate(Completed(_repo.Head()), TestPolicies.ThreeStages + "\nevidence:\n  require-signature: true\n");

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.StartsWith("signature missing", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_does_not_require_evidence_passes_and_says_so()
    {
        var result = Evaluate(LedgerState.Empty, TestPolicies.ThreeStages + "\nevidence:\n  required: false\n");

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Contains("evidence.required: false", result.Reason, StringComparison.Ordinal);
    }

    private CheckResult Evaluate(LedgerState state, string policy = Policy)
    {
        var head = _repo.Repository.Head.Tip;
        var context = new GateContext(TestPolicies.Parse(policy), state, new CommitInfo(head.Sha, "Author", "author@kakao.com"), _repo.Path, DateTimeOffset.UtcNow, null, null);
        return new EvidenceCheck().Evaluate(context);
    }

    private static LedgerState Completed(string commit) => LedgerState.Empty with { LastCompleted = new CompletedRollout("R-1", commit, DateTimeOffset.UtcNow) };

    private void Record(string trxPath)
    {
        var target = Path.Combine(_repo.Path, "TestResults", Path.GetFileName(trxPath));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(trxPath, target, overwrite: true);
        var record = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = _repo.Path, ResultFiles = [target], RecordedBy = "ci@kakao.com" });
        Assert.True(record.Succeeded, record.Error?.ToString());
        Assert.True(new EvidenceNoteStore(_repo.Repository).Append(record.Value, TemporaryGitRepository.Author).Succeeded);
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
