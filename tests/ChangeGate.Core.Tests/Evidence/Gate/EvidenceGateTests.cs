using ChangeGate.Core.Evidence.Anchors;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Signing;
using ChangeGate.Core.Tests.Evidence.Records;
using ChangeGate.Core.Tests.Evidence.TestSupport;

namespace ChangeGate.Core.Tests.Evidence.Gate;

/// <summary>
/// The evidence check as a pure function over a note and the ledger's anchors that verification
/// has read. Records are chained, signed with a real key and anchored as `evidence record` does;
/// the attacks edit the note or the anchors afterwards.
/// </summary>
public sealed class EvidenceGateTests
{
    private static readonly string Commit = new('a', 40);
    private static readonly string Tree = new('b', 40);
    private static readonly DateTimeOffset CommitTime = new(2026, 5, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly RequiredTestProject DeployTests = new("tests/Deploy.Tests/Deploy.Tests.csproj", "Deploy.Tests");

    [Fact]
    public void Passing_clean_signed_anchored_evidence_covering_the_affected_tests_passes()
    {
        var decision = Evaluate([EvidenceLineFormatTests.Sample()], [DeployTests]);

        Assert.Equal(EvidenceGateVerdict.Pass, decision.Verdict);
        Assert.Empty(decision.Reasons);
        Assert.Equal("41 tests passed, 2 skipped on aaaaaaaaaaaa (1 record anchored in the ledger, signed by ci, 1 affected test project covered)", decision.Summary);
    }

    [Fact]
    public void Records_signed_by_either_of_two_trusted_keys_count_while_a_key_is_rotated()
    {
        var (note, anchors, _) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample("old-runner"));
        var next = EvidenceSigner.Sign(EvidenceLineFormatTests.Sample("new-runner") with { Id = new string('9', 32), Previous = anchors[0].Event.Digest }, TestKeys.Next);
        var nextAnchor = new EvidenceAnchor(new string('7', 40), Core.Evidence.Recording.EvidencePublisher.Anchor(next, next.RecordedAt));
        var lines = note.Lines.Select(l => l.Text).Append(EvidenceLineFormat.Write(next));

        var decision = Decide(lines, [.. anchors, nextAnchor], [DeployTests]);

        Assert.True(decision.Verdict == EvidenceGateVerdict.Pass, string.Join("\n", decision.Reasons));
        Assert.Contains("2 records anchored in the ledger, signed by ci, next", decision.Summary);
    }

    [Fact]
    public void No_lines_means_no_evidence()
    {
        var decision = Decide([], [], [DeployTests]);

        Assert.Equal("no-evidence", Assert.Single(decision.Reasons).Code);
        Assert.StartsWith($"no evidence for {Commit}", decision.Summary);
    }

    [Fact]
    public void Any_failure_blocks()
    {
        var decision = Evaluate([EvidenceLineFormatTests.Sample(failed: 2)], [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(("tests-failed", "2 tests failed on aaaaaaaaaaaa: Deploy.Tests (2 in artifacts/test-results/unit.trx)."), (reason.Code, reason.Message));
    }

    [Fact]
    public void A_failure_in_one_of_several_records_blocks()
    {
        var decision = Evaluate([EvidenceLineFormatTests.Sample("a"), EvidenceLineFormatTests.Sample("b", failed: 1) with { Id = new string('1', 32) }], [DeployTests]);

        Assert.Equal("tests-failed", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public void Zero_tests_block()
    {
        var empty = EvidenceLineFormatTests.Sample() with { Files = [File("r.trx", TestResultFormat.Trx, [], [])] };

        var decision = Evaluate([empty], []);

        Assert.Equal("no-tests", Assert.Single(decision.Reasons).Code);
    }

    [Fact]
    public void A_run_whose_tests_were_all_skipped_proves_nothing_and_blocks()
    {
        var skipped = EvidenceLineFormatTests.Sample() with
        {
            Files = [File("r.trx", TestResultFormat.Trx, [new TestSuiteSummary("Deploy.Tests", null, 0, 0, 12, TimeSpan.Zero)], [])],
        };

        var decision = Evaluate([skipped], []);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("no-tests", reason.Code);
        Assert.Equal("no test passed on aaaaaaaaaaaa: the recorded result files hold 12 skipped tests and no others.", reason.Message);
    }

    [Fact]
    public void An_affected_test_project_whose_tests_were_all_skipped_is_not_covered()
    {
        var record = EvidenceLineFormatTests.Sample() with
        {
            Files = [File("r.trx", TestResultFormat.Trx, [new TestSuiteSummary("Deploy.Tests", null, 0, 0, 4, TimeSpan.Zero), new TestSuiteSummary("Other.Tests", null, 5, 0, 0, TimeSpan.Zero)], [])],
        };

        var decision = Evaluate([record], [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("affected-tests-missing", reason.Code);
        Assert.Contains("tests/Deploy.Tests/Deploy.Tests.csproj (every test skipped)", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_errors_block()
    {
        var crashed = EvidenceLineFormatTests.Sample() with
        {
            Files = [File("r.trx", TestResultFormat.Trx, [new TestSuiteSummary("Deploy.Tests", null, 3, 0, 0, TimeSpan.Zero)], ["Test host process crashed"])],
        };

        var decision = Evaluate([crashed], [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("run-error", reason.Code);
        Assert.Contains("r.trx: Test host process crashed", reason.Message);
    }

    [Fact]
    public void A_dirty_tree_blocks_unless_the_policy_allows_it()
    {
        var dirty = EvidenceLineFormatTests.Sample() with { WorkingTree = new WorkingTreeState(false, Commit, 1, ["modified src/Deploy.cs"]) };

        var strict = Evaluate([dirty], [DeployTests]);
        var lenient = Evaluate([dirty], [DeployTests], new EvidenceRequirements { RequireCleanWorkingTree = false });

        Assert.Equal("dirty-tree", Assert.Single(strict.Reasons).Code);
        Assert.Contains("modified src/Deploy.cs", strict.Reasons[0].Message);
        Assert.Equal(EvidenceGateVerdict.Pass, lenient.Verdict);
    }

    [Fact]
    public void Unsigned_evidence_passes_only_when_the_policy_does_not_require_signatures()
    {
        var (note, anchors, _) = Chain(null, EvidenceLineFormatTests.Sample());
        var lines = note.Lines.Select(l => l.Text).ToList();

        var required = Decide(lines, anchors, [DeployTests]);
        var lenient = Decide(lines, anchors, [DeployTests], new EvidenceRequirements { RequireSignature = false });

        Assert.Equal("signature-missing", Assert.Single(required.Reasons).Code);
        Assert.Equal(EvidenceGateVerdict.Pass, lenient.Verdict);
        Assert.Contains("unsigned records accepted: the policy does not require signatures", lenient.Summary);
    }

    [Fact]
    public void A_record_signed_by_an_untrusted_key_blocks_naming_the_key_even_when_signatures_are_optional()
    {
        var (note, anchors, _) = Chain(TestKeys.Stranger, EvidenceLineFormatTests.Sample());

        var decision = Decide(note.Lines.Select(l => l.Text), anchors, [DeployTests], new EvidenceRequirements { RequireSignature = false });

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("signature-untrusted", reason.Code);
        Assert.Contains(TestKeys.Stranger.KeyId, reason.Message);
    }

    [Fact]
    public void A_record_signed_by_a_revoked_key_blocks_naming_the_key()
    {
        var (note, anchors, _) = Chain(TestKeys.Leaked, EvidenceLineFormatTests.Sample());

        var decision = Decide(note.Lines.Select(l => l.Text), anchors, [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("signature-revoked", reason.Code);
        Assert.Contains(TestKeys.Leaked.KeyId, reason.Message);
        Assert.Contains("revoked on 2026-05-20", reason.Message);
    }

    [Fact]
    public void An_edited_record_blocks_even_when_signatures_are_optional()
    {
        var (note, anchors, _) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample(failed: 1));
        var tampered = note.Lines[0].Text.Replace("\"failed\":1", "\"failed\":0", StringComparison.Ordinal);

        var decision = Decide([tampered], anchors, [DeployTests], new EvidenceRequirements { RequireSignature = false });

        // The edit changes the digest too, so the anchored record is missing and the edited one unanchored.
        Assert.Equal(["missing-record", "signature-invalid", "unanchored-record"], decision.Reasons.Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deleting_the_newest_failing_record_from_the_note_blocks_naming_it()
    {
        var (note, anchors, lines) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample("unit"), EvidenceLineFormatTests.Sample("integration", failed: 2) with { Id = new string('1', 32) });

        var decision = Decide([lines[0]], anchors, [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("missing-record", reason.Code);
        Assert.Contains($"record {anchors[1].Event.Digest[..12]} (failed: 41 passed, 2 failed, 2 skipped, job integration", reason.Message);
        Assert.Contains("record 2 of 2", reason.Message);
        Assert.Contains("changegate evidence restore", reason.Fix);
    }

    [Fact]
    public void Deleting_a_record_from_both_the_note_and_the_ledger_breaks_the_chain()
    {
        var (_, anchors, lines) = Chain(TestKeys.Ci,
            EvidenceLineFormatTests.Sample("one"),
            EvidenceLineFormatTests.Sample("two", failed: 1) with { Id = new string('1', 32) },
            EvidenceLineFormatTests.Sample("three") with { Id = new string('2', 32) });

        var decision = Decide([lines[0], lines[2]], [anchors[0], anchors[2]], [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("chain-broken", reason.Code);
        Assert.Contains($"names {anchors[1].Event.Digest[..12]} as the record before it, but the ledger anchors {anchors[0].Event.Digest[..12]}", reason.Message);
    }

    [Fact]
    public void Reordered_anchors_break_the_chain_and_the_note_order_means_nothing()
    {
        var (_, anchors, lines) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample("one"), EvidenceLineFormatTests.Sample("two") with { Id = new string('1', 32) });

        var reorderedLedger = Decide(lines, [anchors[1], anchors[0]], [DeployTests]);
        var reorderedNote = Decide([lines[1], lines[0]], anchors, [DeployTests]);

        Assert.Equal(["chain-broken", "chain-broken"], reorderedLedger.Reasons.Select(r => r.Code));
        Assert.Contains("claims to be the first record of this commit", reorderedLedger.Reasons[1].Message);
        Assert.Equal(EvidenceGateVerdict.Pass, reorderedNote.Verdict);
    }

    [Fact]
    public void The_same_record_twice_in_the_note_counts_once()
    {
        var (_, anchors, lines) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample());
        var reformatted = lines[0].Replace(",", ", ", StringComparison.Ordinal);

        var decision = Decide([lines[0], reformatted], anchors, [DeployTests]);

        Assert.Equal(EvidenceGateVerdict.Pass, decision.Verdict);
        Assert.StartsWith("41 tests passed, 2 skipped", decision.Summary);
        Assert.Contains("(1 record anchored", decision.Summary);
    }

    [Fact]
    public void A_record_without_an_anchor_blocks_even_when_validly_signed()
    {
        var (_, anchors, lines) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample("one"));
        var (_, _, extra) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample("side-door") with { Id = new string('3', 32) });

        var decision = Decide([lines[0], extra[0]], anchors, [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("unanchored-record", reason.Code);
    }

    [Fact]
    public void An_anchor_whose_copy_of_the_record_was_changed_in_the_ledger_blocks()
    {
        var (_, anchors, lines) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample(failed: 1));
        var edited = anchors[0] with { Event = anchors[0].Event with { Record = lines[0].Replace("\"failed\":1", "\"failed\":0", StringComparison.Ordinal) } };

        var decision = Decide(lines, [edited], [DeployTests]);

        Assert.Contains("anchor-mismatch", decision.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Results_that_predate_the_commit_block()
    {
        var old = EvidenceLineFormatTests.Sample() with
        {
            Files = [File("r.trx", TestResultFormat.Trx, [new TestSuiteSummary("Deploy.Tests", null, 3, 0, 0, TimeSpan.Zero)], [], CommitTime.AddMinutes(-5))],
        };

        var decision = Evaluate([old], [DeployTests]);

        var reason = Assert.Single(decision.Reasons);
        Assert.Equal("stale-results", reason.Code);
        Assert.Contains("predate commit aaaaaaaaaaaa", reason.Message);
    }

    [Fact]
    public void A_legacy_hmac_record_blocks_alone_and_is_ignored_once_anchored_evidence_exists()
    {
        const string Legacy = """{"commit":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","files":[],"id":"0123456789abcdef0123456789abcdef","recordedAt":"2026-05-21T00:30:15.123Z","recordedBy":"ci@kakao.example","signature":{"alg":"HMAC-SHA256","keyId":"0011223344556677","value":"00"},"tools":{},"tree":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","type":"changegate.evidence","v":1,"workingTree":{"changeCount":0,"changes":[],"clean":true,"head":null}}""";
        var (_, anchors, lines) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample());

        var alone = Decide([Legacy], [], [DeployTests]);
        var superseded = Decide([Legacy, lines[0]], anchors, [DeployTests]);

        var reason = Assert.Single(alone.Reasons);
        Assert.Equal("legacy-record", reason.Code);
        Assert.Contains("changegate evidence record", reason.Fix);
        Assert.Equal(EvidenceGateVerdict.Pass, superseded.Verdict);
    }

    [Fact]
    public void An_unreadable_line_blocks_and_the_readable_ones_still_count()
    {
        var (_, anchors, lines) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample(failed: 1));

        var decision = Decide(["{\"garbage\":true}", lines[0]], anchors, [DeployTests]);

        Assert.Equal(["tests-failed", "unreadable-record"], decision.Reasons.Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evidence_of_another_commit_blocks()
    {
        // Anchored for its own commit; the ledger holds no anchor for this one.
        var (_, _, lines) = Chain(TestKeys.Ci, EvidenceLineFormatTests.Sample() with { Commit = new string('f', 40) });

        var decision = Decide(lines, [], [DeployTests]);

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
            Files = [File("r.xml", TestResultFormat.JUnit, [new TestSuiteSummary(suiteName, null, 1, 0, 0, TimeSpan.Zero)], [])],
        };

        var decision = Evaluate([record], [DeployTests]);

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
            Files = [File("r.trx", TestResultFormat.Trx, [new TestSuiteSummary("Deploy.Tests", null, 0, 0, 0, TimeSpan.Zero), new TestSuiteSummary("Other.Tests", null, 5, 0, 0, TimeSpan.Zero)], [])],
        };

        var decision = Evaluate([record], [DeployTests]);

        Assert.Equal("affected-tests-missing", Assert.Single(decision.Reasons).Code);
    }

    private static TestResultFile File(string path, TestResultFormat format, IReadOnlyList<TestSuiteSummary> suites, IReadOnlyList<string> runErrors, DateTimeOffset? started = null) =>
        new(path, format, new string('c', 64), suites, runErrors) { Started = new RunStart(started ?? CommitTime.AddMinutes(5), RunStartSource.Reported) };

    private static (EvidenceNote Note, IReadOnlyList<EvidenceAnchor> Anchors, IReadOnlyList<string> Lines) Chain(SigningKey? key, params EvidenceRecord[] records) =>
        TestKeys.Anchored(Commit, key, records);

    private static EvidenceGateDecision Decide(IEnumerable<string> lines, IReadOnlyList<EvidenceAnchor> anchors, RequiredTestProject[] affected, EvidenceRequirements? requirements = null) =>
        EvidenceGate.Evaluate(
            EvidenceVerifier.Verify(EvidenceNote.Parse(Commit, string.Join("\n", lines)), Commit, Tree, CommitTime, TestKeys.Policy, anchors),
            affected,
            requirements ?? new EvidenceRequirements());

    /// <summary>The records recorded in order with the CI key, then judged.</summary>
    private static EvidenceGateDecision Evaluate(EvidenceRecord[] records, RequiredTestProject[] affected, EvidenceRequirements? requirements = null)
    {
        var (note, anchors, _) = Chain(TestKeys.Ci, records);
        return Decide(note.Lines.Select(l => l.Text), anchors, affected, requirements);
    }
}
