using ChangeGate.Core.Affected;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rules;
using LibGit2Sharp;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>
/// Blocks unless the commit's evidence note proves that its tests ran and passed, on a clean tree,
/// signed where the policy says so, covering the test projects the change affects (the
/// regulator's "no pre-tests" finding). An adapter: the decision is <see cref="EvidenceGate"/>'s.
/// </summary>
public sealed class EvidenceCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.Evidence;

    /// <inheritdoc />
    public string Description => "tests ran and passed on this exact commit, covering the affected test projects";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        var policy = context.Policy.Evidence;
        if (!policy.Required)
        {
            return CheckResult.Pass("the policy does not require test evidence (evidence.required: false)");
        }

        var root = Repository.Discover(context.RepositoryPath);
        if (root is null)
        {
            return CheckResult.Error($"{context.RepositoryPath} is not inside a git repository, so there is no evidence to read", "run the gate in a clone of the repository");
        }

        using var repository = new Repository(root);
        var commit = repository.Lookup<Commit>(context.Commit.Sha);
        if (commit is null)
        {
            return CheckResult.Error($"commit {context.Commit.ShortSha} is not in this repository", "fetch it, or pass --commit with a commit the clone has");
        }

        var notes = SharedEvidenceNotes.Open(repository, context.Remote);
        if (!notes.IsSuccess)
        {
            return CheckResult.Error(notes.Problems[0].Message, notes.Problems[0].Fix);
        }

        var note = notes.Value.Read(commit.Sha);
        if (!note.Succeeded)
        {
            return CheckResult.Error(note.Error.ToProblem().Message, note.Error.Fix);
        }

        var verification = EvidenceVerifier.Verify(note.Value, commit.Sha, commit.Tree.Sha, context.SigningKey);
        var requirements = new EvidenceRequirements { RequireSignature = policy.RequireSignature, RequireCleanWorkingTree = policy.RequireCleanTree };

        // Without evidence the answer is "no evidence" whatever the coverage: skip evaluating projects.
        var details = new List<string>();
        IReadOnlyList<RequiredTestProject> required = [];
        if (verification.HasEvidence && policy.TestProjects != RequiredTestProjects.None)
        {
            var since = policy.TestProjects == RequiredTestProjects.Affected ? context.ChangeBase : null;
            var affected = AffectedProjectsFinder.Find(new AffectedProjectsRequest { RepositoryPath = context.RepositoryPath, Since = since, Commit = commit.Sha });
            if (!affected.Succeeded)
            {
                var problem = affected.Error.ToProblem();
                return CheckResult.Error($"cannot tell which test projects must have results: {problem.Message}", problem.Fix);
            }

            required = [.. affected.Report.AffectedTestProjects.Select(p => new RequiredTestProject(p.Path, p.AssemblyName))];
            details.Add(since is null
                ? (policy.TestProjects == RequiredTestProjects.All ? "required: every test project" : "required: every test project (no rollout has completed yet, so there is no base to compare with)")
                : $"required: the test projects affected since {since[..Math.Min(12, since.Length)]} (the commit of rollout {context.Ledger.LastCompleted!.Id})");
            details.AddRange(required.Select(p => $"  {p.Project} ({p.AssemblyName})"));
            details.AddRange(affected.Report.Warnings);

            // What the change touched that no test project answers for: shown, so a pass is read knowing it.
            details.AddRange(affected.Report.UnownedFiles.Select(f => $"changed outside every project (no tests required for it): {f}"));
            details.AddRange(affected.Report.RemovedProjects.Select(p => $"project removed by the change: {p}"));
        }

        details.AddRange(verification.Records.Select(r => r.Record is { } record
            ? $"evidence line {r.LineNumber}: {record.Passed} passed, {record.Failed} failed, {record.Skipped} skipped, by {record.RecordedBy}{(record.Job is null ? "" : $" ({record.Job})")}, signature {r.Signature.ToString().ToLowerInvariant()}"
            : $"evidence line {r.LineNumber}: unreadable"));

        var decision = EvidenceGate.Evaluate(verification, required, requirements);
        if (decision.Verdict == EvidenceGateVerdict.Pass)
        {
            return CheckResult.Pass(decision.Summary, details);
        }

        // One line for the reason and one fix; every reason with its own fix goes to the details.
        var reasons = decision.Reasons.Select(r => $"{r.Code}: {r.Message} Fix: {r.Fix}");
        return CheckResult.Block(decision.Summary.TrimEnd('.'), decision.Reasons[0].Fix, [.. reasons, .. details]);
    }
}
