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
        var context = new GateContext(TestPolicies.Parse(policy), state ?? LedgerState.Empty, new CommitInfo(new string('a', 40), "Author", "author@kakao.com"), _root, DateTimeOffset.UtcNow, null, null)
        {
            Analysis = source,
        };
        return new AnalyzersCheck().Evaluate(context);
    }

    private string Sarif(params AnalyzerFinding[] findings)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + ".sarif");
        var rules = new[] { new AnalyzerRule("CG1001", "UnguardedDeleteInUpdate", "Unguarded delete", null, "https://example.invalid/CG1001.md", FindingLevel.Warning) };
        File.WriteAllText(path, SarifWriter.Write(new AnalysisReport("ChangeGate", "0.1.0", _root, rules, findings, [], 1, 0, [])));
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
