using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Tests.Evidence.Records;

namespace ChangeGate.Core.Tests.Evidence.Gate;

/// <summary>The evidence check as a pure function over notes that verification has read.</summary>
public sealed class EvidenceGateTests
{
    private static readonly string Commit = new('a', 40);
    private static readonly string Tree = new('b', 40);
    private static readonly SigningKey Key = SigningKey.FromSecret("gate-test-secret-0123456789").Value!;
    private static readonly RequiredTestProject DeployTests = new("tests/Deploy.Tests/Deploy.Tests.csproj", "Deploy.Tests");

    [Fact]
    public void Passing_clean_signed_evidence_covering_the_affected_tests_passes()
    {
        var decision = Evaluate([Signed(EvidenceLineFormatTests.Sample())], [DeployTests], signatureRequired: true);

        Assert.Equal(EvidenceGateVerdict.Pass, decision.Verdict);
        Assert.Empty(decision.Reasons);
        Assert.Equal("41 tests passed, 2 skipped on aaaaaaaaaaaa (1 record, signatures valid, 1 affected test project covered)", decision.Summary);
    }

    [Fact]
    public void No_lines_means_no_evidence()
    {
        var decision = Evaluate([], [DeployTests]);

        Assert.Equal("no-evidence", Assert.Single(decision.Reasons).Code);
        Assert.StartsWith($"no evidence for {Commit}", decision.Summary);
    }

    [Fact]
    public void Any_failure_blocks()
    {
        var decision = Evaluate([Line(EvidenceLineFormatTests.Sample(failed: 2))], [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(("tests-failed", "2 tests failed on aaaaaaaaaaaa: Deploy.Tests (2 in artifacts/test-results/unit.trx)."), (reason.Code, reason.Message));
    }

    [Fact]
    public void A_failure_in_one_of_several_records_blocks()
    {
        var decision = Evaluate([Line(EvidenceLineFormatTests.Sample("a")), Line(EvidenceLineFormatTests.Sample("b", failed: 1))], [DeployTests]);

        Assert.Equal("tests-failed", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public void Zero_tests_block()
    {
        var empty = EvidenceLineFormatTests.Sample() with { Files = [new TestResultFile("r.trx", TestResultFormat.Trx, new string('c', 64), [], [])] };

        var decision = Evaluate([Line(empty)], []);

        Assert.Equal("no-tests", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public void A_run_whose_tests_were_all_skipped_proves_nothing_and_blocks()
    {
        var skipped = EvidenceLineFormatTests.Sample() with
        {
            Files = [new TestResultFile("r.trx", TestResultFormat.Trx, new string('c', 64), [new TestSuiteSummary("Deploy.Tests", null, 0, 0, 12, TimeSpan.Zero)], [])],
        };

        var decision = Evaluate([Line(skipped)], []);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("no-tests", reason.Code);
        Assert.Equal("no test passed on aaaaaaaaaaaa: the recorded result files hold 12 skipped tests and no others.", reason.Message);
    }

    [Fact]
    public void An_affected_test_project_whose_tests_were_all_skipped_is_not_covered()
    {
        var record = EvidenceLineFormatTests.Sample() with
        {
            Files = [new TestResultFile("r.trx", TestResultFormat.Trx, new string('c', 64), [new TestSuiteSummary("Deploy.Tests", null, 0, 0, 4, TimeSpan.Zero), new TestSuiteSummary("Other.Tests", null, 5, 0, 0, TimeSpan.Zero)], [])],
        };

        var decision = Evaluate([Line(record)], [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("affected-tests-missing", reason.Code);
        Assert.Contains("tests/Deploy.Tests/Deploy.Tests.csproj (every test skipped)", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_errors_block()
    {
        var crashed = EvidenceLineFormatTests.Sample() with
        {
            Files = [new TestResultFile("r.trx", TestResultFormat.Trx, new string('c', 64), [new TestSuiteSummary("Deploy.Tests", null, 3, 0, 0, TimeSpan.Zero)], ["Test host process crashed"])],
        };

        var decision = Evaluate([Line(crashed)], [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("run-error", reason.Code);
        Assert.Contains("r.trx: Test host process crashed", reason.Message);
    }

    [Fact]
    public void A_dirty_tree_blocks_unless_the_policy_allows_it()
    {
        var dirty = EvidenceLineFormatTests.Sample() with { WorkingTree = new WorkingTreeState(false, Commit, 1, ["modified src/Deploy.cs"]) };

        var strict = Evaluate([Line(dirty)], [DeployTests]);
        var lenient = EvidenceGate.Evaluate(Verify([Line(dirty)], null), [DeployTests], new EvidenceRequirements { RequireCleanWorkingTree = false });

        Assert.Equal("dirty-tree", Assert.Single(strict.Reasons).Code);
        Assert.Contains("modified src/Deploy.cs", strict.Reasons[0].Message);
        Assert.Equal(EvidenceGateVerdict.Pass, lenient.Verdict);
    }

    [Fact]
    public void Unsigned_evidence_passes_only_when_signing_is_not_required()
    {
        var lines = new[] { Line(EvidenceLineFormatTests.Sample()) };

        Assert.Equal(EvidenceGateVerdict.Pass, Evaluate(lines, [DeployTests]).Verdict);
        Assert.Equal("signature-missing", Assert.Single(Evaluate(lines, [DeployTests], signatureRequired: true).Reasons).Code);
    }

    [Fact]
    public void Signed_evidence_without_a_key_blocks_only_when_signing_is_required()
    {
        var lines = new[] { Signed(EvidenceLineFormatTests.Sample()) };

        Assert.Equal(EvidenceGateVerdict.Pass, EvidenceGate.Evaluate(Verify(lines, null), [DeployTests], new EvidenceRequirements()).Verdict);
        var required = EvidenceGate.Evaluate(Verify(lines, null), [DeployTests], new EvidenceRequirements { RequireSignature = true });
        Assert.Equal("signature-unchecked", Assert.Single(required.Reasons).Code);
    }

    [Fact]
    public void An_invalid_signature_blocks_even_when_signing_is_not_required()
    {
        var tampered = Signed(EvidenceLineFormatTests.Sample(failed: 1)).Replace("\"failed\":1", "\"failed\":0", StringComparison.Ordinal);

        var decision = Evaluate([tampered], [DeployTests], signatureRequired: false);

        Assert.Equal("signature-invalid", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public void An_unreadable_line_blocks_and_the_readable_ones_still_count()
    {
        var decision = Evaluate(["{\"garbage\":true}", Line(EvidenceLineFormatTests.Sample(failed: 1))], [DeployTests]);

        Assert.Equal(["unreadable-record", "tests-failed"], decision.Reasons.Select(r => r.Code).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void Evidence_of_another_commit_blocks()
    {
        var other = EvidenceLineFormatTests.Sample() with { Commit = new string('f', 40) };

        var decision = Evaluate([Line(other)], [DeployTests]);

        Assert.Equal("wrong-commit", Assert.Single(decision.Reasons).Code);
    }

    [Theory]
    [InlineData("Deploy.Tests", true)]
    [InlineData("deploy.tests", true)]
    [InlineData("Deploy.Tests.dll", true)]
    [InlineData("Deploy.Tests.Integration", false)]
    public void Affected_test_projects_are_matched_by_assembly_name(string suiteName, bool covered)
    {
        var record = EvidenceLineFormatTests.Sample() with
        {
            Files = [new TestResultFile("r.xml", TestResultFormat.JUnit, new string('c', 64), [new TestSuiteSummary(suiteName, null, 1, 0, 0, TimeSpan.Zero)], [])],
        };

        var decision = Evaluate([Line(record)], [DeployTests]);

        Assert.Equal(covered ? EvidenceGateVerdict.Pass : EvidenceGateVerdict.Block, decision.Verdict);
        if (!covered)
        {
            Assert.Equal("affected-tests-missing", Assert.Single(decision.Reasons).Code);
        }
    }

    [Fact]
    public void An_affected_test_project_whose_suite_ran_no_tests_is_not_covered()
    {
        var record = EvidenceLineFormatTests.Sample() with
        {
            Files = [new TestResultFile("r.trx", TestResultFormat.Trx, new string('c', 64), [new TestSuiteSummary("Deploy.Tests", null, 0, 0, 0, TimeSpan.Zero), new TestSuiteSummary("Other.Tests", null, 5, 0, 0, TimeSpan.Zero)], [])],
        };

        var decision = Evaluate([Line(record)], [DeployTests]);

        Assert.Equal("affected-tests-missing", Assert.Single(decision.Reasons).Code);
    }

    private static string Line(EvidenceRecord record) => EvidenceLineFormat.Write(record);

    private static string Signed(EvidenceRecord record) => EvidenceLineFormat.Write(EvidenceSigner.Sign(record, Key));

    private static EvidenceVerification Verify(IEnumerable<string> lines, SigningKey? key) =>
        EvidenceVerifier.Verify(EvidenceNote.Parse(Commit, string.Join("\n", lines)), Commit, Tree, key);

    private static EvidenceGateDecision Evaluate(IEnumerable<string> lines, RequiredTestProject[] affected, bool signatureRequired = false) =>
        EvidenceGate.Evaluate(Verify(lines, Key), affected, new EvidenceRequirements { RequireSignature = signatureRequired });
}
