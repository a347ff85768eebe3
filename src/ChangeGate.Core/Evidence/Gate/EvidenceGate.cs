using System.Globalization;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Evidence.Gate;

/// <summary>What the evidence check demands, from the policy.</summary>
public sealed record EvidenceRequirements
{
    /// <summary>Every record must be signed by a trusted key (on by default); false also counts unsigned records.</summary>
    public bool RequireSignature { get; init; } = true;

    /// <summary>Every record must come from a clean working tree (on by default).</summary>
    public bool RequireCleanWorkingTree { get; init; } = true;
}

/// <summary>A test project that the change affects, and so must have results in the evidence.</summary>
/// <param name="Project">The project as shown to users (such as its path).</param>
/// <param name="AssemblyName">Its assembly name, which TRX results are summarised under.</param>
public sealed record RequiredTestProject(string Project, string AssemblyName);

/// <summary>Pass or block.</summary>
public enum EvidenceGateVerdict
{
    /// <summary>The evidence proves the commit was tested and passed.</summary>
    Pass,

    /// <summary>Something is missing or wrong; see the reasons.</summary>
    Block,
}

/// <summary>One reason to block, with how to fix it.</summary>
/// <param name="Code">A stable identifier: no-evidence, unreadable-record, legacy-record, wrong-commit,
/// signature-missing, signature-invalid, signature-untrusted, signature-revoked, missing-record,
/// unanchored-record, chain-broken, anchor-mismatch, stale-results, tests-failed, run-error, no-tests,
/// dirty-tree, affected-tests-missing.</param>
/// <param name="Message">What is wrong, as a clause that follows the check's name (lower-case start).</param>
/// <param name="Fix">What to do.</param>
public sealed record EvidenceGateReason(string Code, string Message, string Fix);

/// <summary>The evidence check's decision.</summary>
/// <param name="Verdict">Pass or block.</param>
/// <param name="Summary">One line for the gate's output.</param>
/// <param name="Reasons">Every reason to block (empty on pass).</param>
public sealed record EvidenceGateDecision(EvidenceGateVerdict Verdict, string Summary, IReadOnlyList<EvidenceGateReason> Reasons);

/// <summary>
/// The evidence check as a pure function: from verified records and anchors, the affected test
/// projects and the requirements to pass or block. It fails closed: any record it cannot trust,
/// and any disagreement between the note and the ledger, blocks.
/// </summary>
public static class EvidenceGate
{
    private const int MaxListed = 5;
    private const string Rerecord = "Run the tests on this exact commit and record them: changegate evidence record --results <files>.";

    /// <summary>Decides whether <paramref name="verification"/> proves the commit was tested.</summary>
    public static EvidenceGateDecision Evaluate(
        EvidenceVerification verification,
        IReadOnlyList<RequiredTestProject> affectedTestProjects,
        EvidenceRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(affectedTestProjects);
        ArgumentNullException.ThrowIfNull(requirements);
        var commit = verification.Commit;
        var reasons = new List<EvidenceGateReason>();

        if (!verification.HasEvidence)
        {
            reasons.Add(new("no-evidence", $"no evidence for {commit}.", Rerecord + " If the commit was amended or rebased, the evidence of the old commit does not count."));
            return Block(reasons);
        }

        var usable = new List<EvidenceRecord>();
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in verification.Counted)
        {
            var where = $"evidence line {entry.LineNumber} of {Short(commit)}";
            if (entry.Legacy)
            {
                reasons.Add(new("legacy-record", $"the {where} was recorded by an older changegate and cannot be verified: it is signed with a shared HMAC secret that every verifier held, so anyone who could check it could have forged it.",
                    "Record the evidence again with this changegate and a signing key (changegate evidence keygen makes one; the private key goes to the test job's CI secret CHANGEGATE_SIGNING_KEY, the public key into evidence.trusted-keys): changegate evidence record --results <files>. The old line is then ignored."));
                continue;
            }

            if (entry.Record is null)
            {
                reasons.Add(new("unreadable-record", $"the {where} cannot be read: {string.Join(" ", entry.Problems)}", "Restore the note from the ledger (changegate evidence restore --commit " + commit + ") or record the evidence again."));
                continue;
            }

            if (entry.Problems.Count > 0)
            {
                reasons.Add(new("wrong-commit", $"the {where} does not describe this commit: {string.Join(" ", entry.Problems)}", Rerecord));
                continue;
            }

            var rejected = entry.Signature.Verdict switch
            {
                SignatureVerdict.Invalid => new EvidenceGateReason("signature-invalid", $"signature invalid on the {where}: {entry.Signature.Reason}.", "Evidence must not be edited after it is recorded: restore the note from the ledger (changegate evidence restore) or record the tests again."),
                SignatureVerdict.UntrustedKey => new EvidenceGateReason("signature-untrusted", $"untrusted key on the {where}: {entry.Signature.Reason}.", "Record the evidence with a key listed in evidence.trusted-keys, or, if this key is the test job's, add its public key there in a reviewed change (changegate evidence keygen prints the entry)."),
                SignatureVerdict.RevokedKey => new EvidenceGateReason("signature-revoked", $"revoked key on the {where}: {entry.Signature.Reason}.", "Everything a revoked key signed blocks, whatever its date. Run the tests again and record them with a trusted key."),
                SignatureVerdict.Missing when requirements.RequireSignature => new EvidenceGateReason("signature-missing", $"signature missing on the {where}, and the policy requires signed evidence.", "Give the test job the private key (CHANGEGATE_SIGNING_KEY or --signing-key) and record the evidence again; its public key goes into evidence.trusted-keys."),
                _ => null,
            };
            if (rejected is not null)
            {
                reasons.Add(rejected);
                continue;
            }

            if (entry.Anchor is null)
            {
                continue; // reported with the set's problems (unanchored-record)
            }

            var stale = entry.Record.Files.Where(f => f.Started is { } started && started.At < verification.CommitTime).Select(f => f.Path).ToList();
            if (stale.Count > 0)
            {
                reasons.Add(new("stale-results", $"the {where} holds results that predate commit {Short(commit)} (made {Time(verification.CommitTime)}): {string.Join(", ", stale.Take(MaxListed))}.", "Run the tests again on this commit and record the new results."));
                continue;
            }

            // The same record twice (a copy with its signature re-encoded) is one record: counted once.
            if (counted.Add(entry.Digest!))
            {
                usable.Add(entry.Record);
            }
        }

        foreach (var problem in verification.SetProblems)
        {
            reasons.Add(new(problem.Code, problem.Message[..1].ToLowerInvariant() + problem.Message[1..], problem.Code switch
            {
                "missing-record" => $"Find out who removed it (git log -p refs/notes/changegate); the ledger keeps the signed record, and `changegate evidence restore --commit {commit}` puts it back in the note. A failing record stays failing: fix the tests and record a new commit.",
                "unanchored-record" => $"Evidence counts only when `changegate evidence record` anchored it in the ledger. Remove the line (changegate evidence restore --commit {commit} rewrites the note from the ledger) and record the tests again.",
                _ => "The ledger's evidence anchors were changed after they were written: inspect the ledger (changegate log) and the note; evidence for this commit cannot be trusted until they agree. Record a new commit's evidence.",
            }));
        }

        if (usable.Count == 0)
        {
            // Every record was rejected above; whatever else is missing follows from that.
            if (reasons.Count == 0)
            {
                reasons.Add(new("no-evidence", $"no evidence that counts for {commit}.", Rerecord));
            }

            return Block(reasons);
        }

        CheckResults(usable, commit, reasons);
        if (requirements.RequireCleanWorkingTree)
        {
            foreach (var record in usable.Where(r => !r.WorkingTree.Clean))
            {
                var changes = string.Join("; ", record.WorkingTree.Changes.Take(MaxListed));
                reasons.Add(new(
                    "dirty-tree",
                    $"evidence {record.Id[..8]} ({Describe(record)}) was recorded from a dirty working tree: {changes}{(record.WorkingTree.Changes.Count > MaxListed ? "; ..." : string.Empty)}.",
                    "Run the tests in a clean checkout of the commit (commit or remove the changes, ignore build output in .gitignore) and record again."));
            }
        }

        CheckCoverage(usable, affectedTestProjects, commit, reasons);
        if (reasons.Count > 0)
        {
            return Block(reasons);
        }

        var passed = usable.Sum(r => r.Passed);
        var skipped = usable.Sum(r => r.Skipped);
        // In the order the ledger anchored them, not the note's (a set, sorted).
        var order = verification.Anchors.Select((a, i) => (a.Event.Digest, i)).DistinctBy(p => p.Digest).ToDictionary(p => p.Digest, p => p.i, StringComparer.Ordinal);
        var signers = verification.Counted
            .Where(v => v.Signature.IsValid)
            .OrderBy(v => v.Digest is not null && order.TryGetValue(v.Digest, out var index) ? index : int.MaxValue)
            .Select(v => v.Signature.KeyName ?? KeyIds.Short(v.Signature.KeyId!))
            .Distinct()
            .ToList();
        var unsigned = verification.Counted.Any(v => v.Signature.Verdict == SignatureVerdict.Missing);
        var signing = unsigned
            ? "unsigned records accepted: the policy does not require signatures"
            : $"signed by {string.Join(", ", signers)}";
        return new EvidenceGateDecision(
            EvidenceGateVerdict.Pass,
            string.Create(CultureInfo.InvariantCulture, $"{passed} test{(passed == 1 ? string.Empty : "s")} passed{(skipped > 0 ? $", {skipped} skipped" : string.Empty)} on {Short(commit)} ({usable.Count} record{(usable.Count == 1 ? string.Empty : "s")} anchored in the ledger, {signing}, {affectedTestProjects.Count} affected test project{(affectedTestProjects.Count == 1 ? string.Empty : "s")} covered)"),
            []);
    }

    private static void CheckResults(List<EvidenceRecord> usable, string commit, List<EvidenceGateReason> reasons)
    {
        var failedSuites = usable
            .SelectMany(r => r.Files.SelectMany(f => f.Suites.Where(s => s.Failed > 0).Select(s => $"{s.Name} ({s.Failed} in {f.Path})")))
            .ToList();
        var failed = usable.Sum(r => r.Failed);
        if (failed > 0)
        {
            reasons.Add(new(
                "tests-failed",
                $"{failed} test{(failed == 1 ? string.Empty : "s")} failed on {Short(commit)}: {string.Join(", ", failedSuites.Take(MaxListed))}{(failedSuites.Count > MaxListed ? ", ..." : string.Empty)}.",
                "Fix the failing tests, commit, run the tests again and record the new evidence."));
        }

        var runErrors = usable.SelectMany(r => r.Files.SelectMany(f => f.RunErrors.Select(e => $"{f.Path}: {e}"))).ToList();
        if (runErrors.Count > 0)
        {
            reasons.Add(new(
                "run-error",
                $"the test run reported errors outside any test result: {string.Join("; ", runErrors.Take(MaxListed))}{(runErrors.Count > MaxListed ? "; ..." : string.Empty)}.",
                "Read these errors in the result file: a crashed test host or an aborted run means not every test ran. Fix the cause and record a complete run."));
        }

        // Skipped tests prove nothing: a run in which no test passed is no evidence that the code works.
        if (usable.Sum(r => r.Passed) == 0 && failed == 0)
        {
            var skipped = usable.Sum(r => r.Skipped);
            reasons.Add(new(
                "no-tests",
                skipped == 0
                    ? $"zero tests ran on {Short(commit)}: the recorded result files hold no test results."
                    : $"no test passed on {Short(commit)}: the recorded result files hold {skipped} skipped test{(skipped == 1 ? string.Empty : "s")} and no others.",
                "Check the test filter and that the result files are the right ones, then run the tests and record again."));
        }
    }

    private static void CheckCoverage(List<EvidenceRecord> usable, IReadOnlyList<RequiredTestProject> required, string commit, List<EvidenceGateReason> reasons)
    {
        // A project counts as covered when at least one of its tests ran (passed or failed; failures block
        // on their own). Results in which every one of its tests was skipped do not cover it.
        var missing = required
            .Select(project => (project.Project, Suites: usable.SelectMany(r => r.Files).SelectMany(f => f.Suites).Where(s => Matches(s.Name, project.AssemblyName)).ToList()))
            .Where(p => !p.Suites.Any(s => s.Passed + s.Failed > 0))
            .Select(p => p.Suites.Any(s => s.Skipped > 0) ? $"{p.Project} (every test skipped)" : p.Project)
            .ToList();
        if (missing.Count > 0)
        {
            reasons.Add(new(
                "affected-tests-missing",
                $"affected test project{(missing.Count == 1 ? string.Empty : "s")} without results in the evidence for {Short(commit)}: {string.Join(", ", missing)}.",
                "Run those test projects (dotnet test PROJECT --logger trx) on this commit and record their TRX files."));
        }
    }

    /// <summary>TRX names suites by assembly name; .NET JUnit loggers often add ".dll".</summary>
    private static bool Matches(string suiteName, string assemblyName) =>
        string.Equals(suiteName, assemblyName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(suiteName, assemblyName + ".dll", StringComparison.OrdinalIgnoreCase);

    private static string Describe(EvidenceRecord record) =>
        $"{(record.Job is null ? string.Empty : record.Job + ", ")}by {record.RecordedBy} at {record.RecordedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static EvidenceGateDecision Block(List<EvidenceGateReason> reasons) =>
        new(EvidenceGateVerdict.Block, reasons[0].Message + (reasons.Count > 1 ? $" (and {reasons.Count - 1} more)" : string.Empty), reasons);
}
