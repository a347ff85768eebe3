using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Policy;

public sealed class EvidenceAndAnalyzersPolicyTests
{
    private static Result<GatePolicy> Read(string sections) => new PolicyReader(GateChecks.Names).Read(TestPolicies.ThreeStages + "\n" + sections, "changegate.yml");

    [Fact]
    public void Without_the_sections_signed_evidence_is_required_from_a_clean_tree_for_the_affected_tests_and_the_change_is_analyzed()
    {
        var policy = TestPolicies.Parse();

        Assert.Equal(new EvidencePolicy(true, true, true, RequiredTestProjects.Affected), policy.Evidence);
        Assert.Equal(new AnalyzersPolicy(null, AnalysisScope.Changed), policy.Analyzers);
        Assert.True(policy.Checks.IsEnabled("evidence"));
        Assert.True(policy.Checks.IsEnabled("analyzers"));
    }

    [Fact]
    public void Reads_every_key()
    {
        var policy = Read("evidence:\n  required: true\n  require-signature: true\n  require-clean-tree: false\n  test-projects: all\nanalyzers:\n  solution: src/Service.sln\n  scope: all\n");

        Assert.True(policy.IsSuccess, string.Join("\n", policy.Problems));
        Assert.Equal(new EvidencePolicy(true, true, false, RequiredTestProjects.All), policy.Value.Evidence);
        Assert.Equal(new AnalyzersPolicy("src/Service.sln", AnalysisScope.All), policy.Value.Analyzers);
    }

    [Fact]
    public void Mistakes_are_reported_with_their_place()
    {
        var lines = TestPolicies.ThreeStages.Split('\n').Length;
        var policy = Read("evidence:\n  require-signatures: true\n  require-clean-tree: maybe\n  test-projects: some\nanalyzers:\n  solution: ../elsewhere.sln\n");

        Assert.False(policy.IsSuccess);
        var problems = policy.Problems.Select(p => $"{p.Location!.Line}: {p.Message}").ToList();
        Assert.Contains($"{lines + 2}: unknown key 'require-signatures' in evidence; did you mean 'require-signature'?", problems);
        Assert.Contains($"{lines + 3}: evidence.require-clean-tree must be true or false", problems);
        Assert.Contains($"{lines + 4}: evidence.test-projects must be 'affected', 'all' or 'none', not 'some'", problems);
        Assert.Contains(problems, p => p.StartsWith($"{lines + 6}: analyzers.solution '../elsewhere.sln' must be a path inside the repository", StringComparison.Ordinal));
    }

    [Fact]
    public void The_new_checks_can_be_chosen_by_name()
    {
        var policy = Read("checks: [evidence, analyzers]\n");

        Assert.True(policy.IsSuccess, string.Join("\n", policy.Problems));
        Assert.False(policy.Value.Checks.IsEnabled("stage"));
        Assert.True(policy.Value.Checks.IsEnabled("evidence"));
    }
}
