using ChangeGate.Core.Analysis;
using ChangeGate.Core.Git;
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

    /// <summary>
    /// Why SARIF files do not show that this commit was analyzed, or null when they do. Without it a
    /// clean SARIF from another commit, an empty one, or one from a modified working tree would let a
    /// commit with findings through.
    /// </summary>
    private static string? NotOfThisCommit(IReadOnlyList<SarifRun> runs, GateContext context, string? changeBase)
    {
        var commit = context.Commit.Sha.ToLowerInvariant();
        var shortSha = context.Commit.ShortSha;
        if (runs.Count == 0)
        {
            return "the SARIF files hold no run of the ChangeGate analyzers (no run is ChangeGate's and none has CG rules or results; `\"runs\": []` counts as none), so nothing shows that commit " + shortSha + " was analyzed";
        }

        foreach (var run in runs)
        {
            if (run.RevisionIds.Count == 0)
            {
                return $"{run.Where} names no commit (no versionControlProvenance revisionId), so it cannot show that commit {shortSha} was analyzed";
            }

            if (!run.RevisionIds.Contains(commit, StringComparer.OrdinalIgnoreCase))
            {
                return $"{run.Where} was written for commit {Short(run.RevisionIds[0])}, not for {shortSha}, the commit gated";
            }

            if (run.ModifiedFiles.Count > 0)
            {
                return $"{run.Where} was written from a working tree with changes to commit {shortSha} ({string.Join(", ", run.ModifiedFiles.Take(MaxListed))}{(run.ModifiedFiles.Count > MaxListed ? ", ..." : "")}), so it may not show what the commit holds";
            }

            if (run.ChangedSince is { } since)
            {
                // A run limited to changes since X covers the gate's change when X is the change base or before it.
                var covers = changeBase is not null && CommitLookup.IsAncestorOrSame(context.RepositoryPath, since, changeBase) == true;
                if (!covers)
                {
                    return changeBase is not null
                        ? $"{run.Where} analyzed only the documents changed since {Short(since)}, which does not cover the change since {Short(changeBase)} (the commit of the last completed rollout)"
                        : context.Policy.Analyzers.Scope == AnalysisScope.All
                            ? $"{run.Where} analyzed only the documents changed since {Short(since)}, but the policy's analyzers.scope is all, so every document must be analyzed"
                            : $"{run.Where} analyzed only the documents changed since {Short(since)}, but no rollout has completed, so every document must be analyzed";
                }
            }
        }

        return null;
    }

    private static string ThisCommitFix(GateContext context) =>
        $"write the SARIF with `changegate analyze --format sarif --output FILE` on a clean checkout of {context.Commit.ShortSha} (without --changed-since, or since the last completed rollout), "
        + "in the job that runs the gate; SARIF from the compiler (-p:ErrorLog) names no commit, so use `changegate analyze`, or leave out --sarif to let the gate analyze";

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];

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
        if (report.SarifRuns is { } runs && NotOfThisCommit(runs, context, since) is { } stale)
        {
            details.AddRange(runs.Select(r => $"{r.Where}: revision {(r.RevisionIds.Count == 0 ? "none" : string.Join(", ", r.RevisionIds))}"
                + (r.ModifiedFiles.Count == 0 ? "" : $"; modified: {string.Join(", ", r.ModifiedFiles)}")
                + (r.ChangedSince is null ? "; every document" : $"; changed since {r.ChangedSince}")));
            return CheckResult.Block(stale, ThisCommitFix(context), details);
        }

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
        if (report.SarifRuns is { Count: > 0 } accepted)
        {
            details.Add($"SARIF of commit {context.Commit.Sha}: {string.Join(", ", accepted.Select(r => r.Where))}");
        }

        return CheckResult.Pass(
            $"no ChangeGate finding of error severity in {scope}" + (warnings == 0 ? "" : $" ({warnings} warning{(warnings == 1 ? "" : "s")})")
                + (report.SuppressedInSource == 0 ? "" : $"; {report.SuppressedInSource} suppressed in source"),
            details);
    }
}
