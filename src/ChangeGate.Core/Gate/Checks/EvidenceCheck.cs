using ChangeGate.Core.Evidence.Anchors;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Git;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rules;
using LibGit2Sharp;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>
/// Blocks unless the commit's evidence proves that its tests ran and passed after the commit was
/// made, on a clean tree, signed by a key the policy trusts, every record anchored in the ledger in
/// order, covering the test projects the change affects (the regulator's "no pre-tests" finding).
/// An adapter: the decision is <see cref="EvidenceGate"/>'s.
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

        var root = GitLocations.DiscoverRepository(context.RepositoryPath);
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

        var ledgerRef = Ledger.LedgerRefs.Local(context.Policy.Service);
        var anchors = context.LedgerHead is { } head && head.Tip?.Sha == context.LedgerTip
            ? EvidenceAnchors.Read(repository, head, commit.Sha, ledgerRef)
            : EvidenceAnchors.Read(repository, context.LedgerTip is null ? null : new ObjectId(context.LedgerTip), commit.Sha, ledgerRef);
        if (!anchors.IsSuccess)
        {
            return CheckResult.Error(anchors.Problems[0].Message, anchors.Problems[0].Fix ?? "inspect the ledger");
        }

        var verification = EvidenceVerifier.Verify(note.Value, commit.Sha, commit.Tree.Sha, commit.Committer.When, policy.Keys, anchors.Value);
        var requirements = new EvidenceRequirements { RequireSignature = policy.RequireSignature, RequireCleanWorkingTree = policy.RequireCleanTree };

        // Without evidence the answer is "no evidence" whatever the coverage: skip evaluating projects.
        var details = new List<string>();
        if (!policy.RequireSignature)
        {
            details.Add("warning: evidence.require-signature is false, so unsigned records count: anyone who can push notes and the ledger can write them");
        }

        IReadOnlyList<RequiredTestProject> required = [];
        if (verification.HasEvidence && policy.TestProjects != RequiredTestProjects.None)
        {
            var since = policy.TestProjects == RequiredTestProjects.Affected ? context.ChangeBase : null;
            if (context.ChangeScope is not { } source)
            {
                return CheckResult.Error("cannot tell which test projects must have results: this host gave the gate no way to map the change to projects",
                    "set evidence.test-projects: none in the policy, or run a changegate with its managed part installed");
            }

            var scope = source.Find(new ChangeScopeRequest(context.RepositoryPath, since, commit.Sha));
            if (!scope.IsSuccess)
            {
                var problem = scope.Problems[0];
                return CheckResult.Error($"cannot tell which test projects must have results: {problem.Message}", problem.Fix ?? "fix the project files MSBuild reported");
            }

            required = scope.Value.TestProjects;
            details.Add(since is null
                ? (policy.TestProjects == RequiredTestProjects.All ? "required: every test project" : "required: every test project (no rollout has completed yet, so there is no base to compare with)")
                : $"required: the test projects affected since {since[..Math.Min(12, since.Length)]} (the commit of rollout {context.Ledger.LastCompleted!.Id})");
            details.AddRange(required.Select(p => $"  {p.Project} ({p.AssemblyName})"));
            details.AddRange(scope.Value.Warnings);

            // What the change touched that no test project answers for: shown, so a pass is read knowing it.
            details.AddRange(scope.Value.UnownedFiles.Select(f => $"changed outside every project (no tests required for it): {f}"));
            details.AddRange(scope.Value.RemovedProjects.Select(p => $"project removed by the change: {p}"));
        }

        details.Add($"trusted keys: {(policy.Keys.Trusted.Count == 0 ? "none (evidence.trusted-keys is empty)" : string.Join(", ", policy.Keys.Trusted.Select(k => k.Display)))}{(policy.Keys.Revoked.Count == 0 ? "" : $"; revoked: {string.Join(", ", policy.Keys.Revoked.Select(k => k.Id))}")}");
        details.Add($"ledger anchors for {context.Commit.ShortSha}: {verification.Anchors.Count}");
        details.AddRange(verification.Records.Select(r => r.Record is { } record
            ? $"evidence line {r.LineNumber}: {record.Passed} passed, {record.Failed} failed, {record.Skipped} skipped, by {record.RecordedBy}{(record.Job is null ? "" : $" ({record.Job})")}, signature {Describe(r.Signature)}, {(r.Anchor is null ? "not anchored" : $"anchored in ledger commit {r.Anchor.LedgerCommit[..12]}")}"
            : r.Legacy
                ? $"evidence line {r.LineNumber}: legacy record (HMAC, format 1), never trusted{(verification.Anchors.Count > 0 ? "; ignored: this commit has anchored evidence" : "")}"
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

    private static string Describe(Signing.SignatureCheck check) => check.Verdict switch
    {
        Signing.SignatureVerdict.Valid => $"valid ({check.KeyName ?? Signing.KeyIds.Short(check.KeyId!)})",
        Signing.SignatureVerdict.Missing => "missing",
        Signing.SignatureVerdict.UntrustedKey => $"by untrusted key {check.KeyId}",
        Signing.SignatureVerdict.RevokedKey => $"by revoked key {check.KeyId}",
        _ => "invalid",
    };
}
