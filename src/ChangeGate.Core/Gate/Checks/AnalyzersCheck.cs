using ChangeGate.Core.Analysis;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>
/// Blocks when a ChangeGate analyzer finding of error severity (after .editorconfig and in-source
/// suppressions) is in the change. Findings come from <see cref="GateContext.Analysis"/>: SARIF
/// files a build wrote, or the analysis engine run over the policy's solution.
/// </summary>
public sealed class AnalyzersCheck : IGateCheck
{
    private const int MaxListed = 5;

    /// <inheritdoc />
    public string Name => RuleNames.Analyzers;

    /// <inheritdoc />
    public string Description => "no ChangeGate analyzer finding of error severity in the change";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        if (context.Analysis is not { } source)
        {
            return CheckResult.Error("no analyzer findings to judge: this host gave the gate neither SARIF files nor the analysis engine",
                "pass the build's SARIF with `changegate gate --sarif FILE`, or take `analyzers` out of the policy's checks");
        }

        var policy = context.Policy.Analyzers;
        var since = policy.Scope == AnalysisScope.Changed ? context.ChangeBase : null;
        var request = new AnalysisRequest(context.RepositoryPath, policy.Solution, since);
        var result = source.Analyze(request);
        if (!result.IsSuccess)
        {
            var first = result.Problems[0];
            // The engine's own hint speaks to `changegate analyze` users; at the gate, the policy and --sarif are the levers too.
            var fix = (first.Fix is null ? "fix the input" : first.Fix) +
                "; or set `analyzers: { solution: PATH }` in the policy, or pass the build's SARIF with `changegate gate --sarif FILE`";
            return CheckResult.Error($"cannot read the analyzer findings ({source.Describe(request)}): {first}", fix,
                [.. result.Problems.Skip(1).Select(p => p.ToString())]);
        }

        var report = result.Value;
        var scope = since is null ? "everything" : $"the change since {since[..Math.Min(12, since.Length)]} (rollout {context.Ledger.LastCompleted!.Id})";
        var details = new List<string> { $"source: {source.Describe(request)}; scope: {scope}" };
        details.AddRange(report.Findings.Select(f => f.ToString()));
        details.AddRange(report.Warnings);
        var errors = report.Errors;
        if (errors.Count > 0)
        {
            var listed = string.Join(", ", errors.Take(MaxListed).Select(f => $"{f.RuleId} at {f.Path}:{f.Line}"));
            return CheckResult.Block(
                $"{errors.Count} ChangeGate finding{(errors.Count == 1 ? "" : "s")} of error severity: {listed}{(errors.Count > MaxListed ? ", ..." : "")}",
                "fix them (each rule's page under docs/rules/ says how), or, where the code is right, suppress with a justification: [SuppressMessage(\"ChangeGate\", \"CGxxxx\", Justification = \"...\")]",
                details);
        }

        var warnings = report.Findings.Count(f => f.Level == FindingLevel.Warning);
        return CheckResult.Pass(
            $"no ChangeGate finding of error severity in {scope}" + (warnings == 0 ? "" : $" ({warnings} warning{(warnings == 1 ? "" : "s")})")
                + (report.SuppressedInSource == 0 ? "" : $"; {report.SuppressedInSource} suppressed in source"),
            details);
    }
}
