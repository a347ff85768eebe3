using ChangeGate.Core.Analysis;
using ChangeGate.Core.Analysis.Sarif;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Gate.Checks;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Gate;

public sealed class AnalyzersCheckTests : IDisposable
{
    private const string Gated = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "changegate-analyzers-check-" + Guid.NewGuid().ToString("N")[..12]);

    public AnalyzersCheckTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void An_error_finding_blocks_naming_rule_and_place()
    {
        var result = Evaluate(new SarifFileSource([Sarif(new AnalyzerFinding("CG1001", FindingLevel.Error, "deletes", "src/Updater.cs", 7, 9, 7, 40))]));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Equal("1 ChangeGate finding of error severity: CG1001 at src/Updater.cs:7", result.Reason);
        Assert.Contains("SuppressMessage", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_alone_pass_and_are_counted()
    {
        var result = Evaluate(new SarifFileSource([Sarif(new AnalyzerFinding("CG1002", FindingLevel.Warning, "overwrites", "src/Updater.cs", 9, 9, 9, 40))]));

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Equal("no ChangeGate finding of error severity in everything (1 warning)", result.Reason);
    }

    [Fact]
    public void An_unreadable_sarif_file_blocks_as_an_error()
    {
        var broken = Path.Combine(_root, "broken.sarif");
        File.WriteAllText(broken, "{ \"version\": ");

        var result = Evaluate(new SarifFileSource([broken]));

        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.Contains("broken.sarif:1:", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_without_any_run_blocks_although_it_has_no_finding()
    {
        var empty = Path.Combine(_root, "empty.sarif");
        File.WriteAllText(empty, "{ \"version\": \"2.1.0\", \"runs\": [] }");

        var result = Evaluate(new SarifFileSource([empty]));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.StartsWith("the SARIF files hold no run of the ChangeGate analyzers", result.Reason, StringComparison.Ordinal);
        Assert.Contains("changegate analyze --format sarif --output FILE", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_sarif_written_for_another_commit_blocks()
    {
        var other = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

        var result = Evaluate(new SarifFileSource([Sarif(new AnalyzedRevision(other, [], null))]));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.EndsWith("runs[0] was written for commit bbbbbbbbbbbb, not for aaaaaaaaaaaa, the commit gated", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_that_names_no_commit_blocks_like_the_compilers_error_log()
    {
        var result = Evaluate(new SarifFileSource([Sarif(revision: null)]));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("names no commit (no versionControlProvenance revisionId)", result.Reason, StringComparison.Ordinal);
        Assert.Contains("-p:ErrorLog", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_from_a_modified_working_tree_blocks_naming_the_files()
    {
        var result = Evaluate(new SarifFileSource([Sarif(new AnalyzedRevision(Gated, ["src/Updater.cs"], null))]));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("was written from a working tree with changes to commit aaaaaaaaaaaa (src/Updater.cs)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_of_only_the_changed_documents_needs_a_change_base_it_covers()
    {
        var since = Sarif(new AnalyzedRevision(Gated, [], "cccccccccccccccccccccccccccccccccccccccc"));

        var result = Evaluate(new SarifFileSource([since]));

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("analyzed only the documents changed since cccccccccccc, but no rollout has completed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_of_only_the_changed_documents_is_refused_when_the_policy_wants_all()
    {
        var state = LedgerState.Empty with { LastCompleted = new CompletedRollout("R-4", "cccccccccccccccccccccccccccccccccccccccc", DateTimeOffset.UtcNow) };
        var since = Sarif(new AnalyzedRevision(Gated, [], "cccccccccccccccccccccccccccccccccccccccc"));

        var result = Evaluate(new SarifFileSource([since]), state, TestPolicies.ThreeStages + "\nanalyzers:\n  scope: all\n");

        Assert.Equal(CheckOutcome.Block, result.Outcome);
        Assert.Contains("but the policy's analyzers.scope is all, so every document must be analyzed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_of_the_gated_commit_passes_and_says_so()
    {
        var result = Evaluate(new SarifFileSource([Sarif()]));

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Contains(result.Details, d => d.StartsWith($"SARIF of commit {Gated}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_any_source_of_findings_it_is_an_error()
    {
        var result = Evaluate(null);

        Assert.Equal(CheckOutcome.Error, result.Outcome);
        Assert.Contains("--sarif", result.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scope_is_the_change_since_the_last_completed_rollout()
    {
        var source = new RecordingSource();
        var state = LedgerState.Empty with { LastCompleted = new CompletedRollout("R-4", "0123456789abcdef0123456789abcdef01234567", DateTimeOffset.UtcNow) };

        Evaluate(source, state, TestPolicies.ThreeStages + "\nanalyzers:\n  solution: src/Service.sln\n");
        Evaluate(source, state, TestPolicies.ThreeStages + "\nanalyzers:\n  scope: all\n");

        Assert.Equal(new AnalysisRequest(_root, "src/Service.sln", "0123456789abcdef0123456789abcdef01234567"), source.Requests[0]);
        Assert.Equal(new AnalysisRequest(_root, null, null), source.Requests[1]);
    }

    private CheckResult Evaluate(IAnalysisSource? source, LedgerState? state = null, string policy = TestPolicies.ThreeStages)
    {
        var context = new GateContext(TestPolicies.Parse(policy), state ?? LedgerState.Empty, new CommitInfo(Gated, "Author", "author@kakao.com"), _root, DateTimeOffset.UtcNow, null, null)
        {
            Analysis = source,
        };
        return new AnalyzersCheck().Evaluate(context);
    }

    private string Sarif(params AnalyzerFinding[] findings) => Sarif(new AnalyzedRevision(Gated, [], null), findings);

    private string Sarif(AnalyzedRevision? revision, params AnalyzerFinding[] findings)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + ".sarif");
        var rules = new[] { new AnalyzerRule("CG1001", "UnguardedDeleteInUpdate", "Unguarded delete", null, "https://example.invalid/CG1001.md", FindingLevel.Warning) };
        File.WriteAllText(path, SarifWriter.Write(new AnalysisReport("ChangeGate", "0.1.0", _root, rules, findings, [], 1, 0, []) { Revision = revision }));
        return path;
    }

    /// <summary>Records what the check asked for; reports nothing. Stands in for the engine, which has its own tests.</summary>
    private sealed class RecordingSource : IAnalysisSource
    {
        public List<AnalysisRequest> Requests { get; } = [];

        public string Describe(AnalysisRequest request) => "recording";

        public Result<AnalysisReport> Analyze(AnalysisRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return Result<AnalysisReport>.Ok(new AnalysisReport("test", "0", request.RepositoryRoot, [], [], [], 0, 0, []));
        }
    }
}
