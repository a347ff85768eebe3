using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Evidence.Attestation;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Recording;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Signing;
using Spectre.Console;

namespace ChangeGate.Cli.Rendering;

/// <summary>How <c>changegate evidence</c> prints records, verifications, attestations and keys.</summary>
internal static class EvidenceRenderer
{
    public static void Recorded(IAnsiConsole console, EvidencePublication publication, EvidenceRecord given, SigningKey? signer, KeyTrust keys, string ledgerRef, string notesRef, string? remote, IReadOnlyList<string> warnings)
    {
        foreach (var (path, earlier) in publication.AlreadyRecorded)
        {
            console.MarkupLine($"[grey]{Safe.Markup(path)} is already recorded for {Short(given.Commit)} (record {Short(earlier.Digest)}, {Safe.Markup(earlier.Verdict)}, by {Safe.Markup(earlier.Actor)} at {Time(earlier.At)}): not counted again[/]");
        }

        if (publication.Record is not { } record)
        {
            console.MarkupLine($"[green]✓[/] nothing new to record: every result file is already in the evidence of {Short(given.Commit)}"
                + (publication.Restored > 0 ? $"; {publication.Restored} anchored record{(publication.Restored == 1 ? " was" : "s were")} missing from the note and {(publication.Restored == 1 ? "was" : "were")} put back" : ""));
            return;
        }

        var mark = record.Failed > 0 || record.RunErrors > 0 || !record.WorkingTree.Clean ? "[yellow]![/]" : "[green]✓[/]";
        console.MarkupLine($"{mark} recorded evidence for {Short(record.Commit)}{(record.Job is null ? "" : $" ({Safe.Markup(record.Job)})")}: {Totals(record)} in {record.Files.Count} result file{(record.Files.Count == 1 ? "" : "s")}");
        foreach (var file in record.Files)
        {
            console.MarkupLine($"  {Safe.Markup(file.Path)} ({file.Format.ToString().ToLowerInvariant()}, sha256 {file.Sha256[..12]}; {Safe.Markup(file.Started?.Describe() ?? "start unknown")})");
            foreach (var suite in file.Suites)
            {
                console.MarkupLine($"    {Safe.Markup(suite.Name)}: {suite.Passed} passed, {suite.Failed} failed, {suite.Skipped} skipped, {suite.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s");
            }
        }

        if (record.Failed > 0)
        {
            console.MarkupLine($"[yellow]![/] {record.Failed} test{(record.Failed == 1 ? "" : "s")} failed: the gate's evidence check blocks this commit");
        }

        if (record.RunErrors > 0)
        {
            console.MarkupLine($"[yellow]![/] the run reported {record.RunErrors} error{(record.RunErrors == 1 ? "" : "s")} outside the tests (crashed host, aborted run): the gate blocks this commit");
        }

        if (!record.WorkingTree.Clean)
        {
            console.MarkupLine($"[yellow]![/] the working tree was not clean ({Safe.Markup(string.Join("; ", record.WorkingTree.Changes.Take(3)))}{(record.WorkingTree.ChangeCount > 3 ? "; ..." : "")}): the gate blocks unless the policy allows it");
        }

        foreach (var warning in warnings)
        {
            console.MarkupLine($"[yellow]![/] {Safe.Markup(warning)}");
        }

        var trusted = signer is null ? null : keys.Find(signer.KeyId);
        console.MarkupLine(signer is null ? "[yellow]unsigned[/]" : $"signed with key {Safe.Markup(trusted?.Display ?? signer.KeyId)}");
        var anchor = publication.Anchor!;
        console.MarkupLine($"[grey]record {Short(anchor.Digest)} is record {publication.Position} of {Short(record.Commit)}{(anchor.Previous is null ? "" : $", chained to {Short(anchor.Previous)}")}; anchored in {Safe.Markup(ledgerRef)} (event {anchor.Id})[/]");
        console.MarkupLine($"[grey]recorded by {Safe.Markup(record.RecordedBy)} in {Safe.Markup(notesRef)} ({publication.Note.Lines.Count} line{(publication.Note.Lines.Count == 1 ? "" : "s")} on {Short(record.Commit)}){(remote is null ? " (local only: no remote)" : $" and pushed to {Safe.Markup(remote)}")}[/]");
    }

    public static void Show(IAnsiConsole console, EvidenceVerification verification, string? remote)
    {
        if (!verification.HasEvidence)
        {
            console.MarkupLine($"no evidence for {verification.Commit}{(remote is null ? "" : $" (notes and ledger fetched from {Safe.Markup(remote)})")}");
            console.MarkupLine("  [grey]fix:[/] run the tests on this commit and record them: changegate evidence record --results <files>");
            return;
        }

        console.MarkupLine($"evidence for {verification.Commit} (tree {Short(verification.Tree)}): {verification.Records.Count} line{(verification.Records.Count == 1 ? "" : "s")} in the note, {verification.Anchors.Count} anchored in the ledger; {verification.Status}");
        foreach (var entry in verification.Records)
        {
            console.WriteLine();
            if (entry.Record is not { } record)
            {
                console.MarkupLine(entry.Legacy
                    ? $"[yellow]line {entry.LineNumber}: legacy record[/] (format 1, HMAC-signed): never trusted{(verification.Anchors.Count > 0 ? "; ignored, this commit has anchored evidence" : "; record the evidence again")}"
                    : $"[red]line {entry.LineNumber}: unreadable[/] — {Safe.Markup(string.Join(" ", entry.Problems))}");
                continue;
            }

            console.MarkupLine($"[bold]line {entry.LineNumber}[/] · record {Short(entry.Digest ?? "?")}{(record.Job is null ? "" : $" · job {Safe.Markup(record.Job)}")} · recorded {record.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z by {Safe.Markup(record.RecordedBy)}");
            console.MarkupLine($"  {Totals(record)} · working tree {(record.WorkingTree.Clean ? "clean" : "[yellow]dirty[/]: " + Safe.Markup(string.Join("; ", record.WorkingTree.Changes.Take(3))))}");
            console.MarkupLine($"  signature: {Signature(entry.Signature)}");
            console.MarkupLine($"  ledger: {(entry.Anchor is { } anchor ? $"anchored in {anchor.LedgerCommit[..12]} (event {anchor.Event.Id}){(record.Previous is null ? ", first record of the commit" : $", after {Short(record.Previous)}")}" : "[red]not anchored[/]")}");
            foreach (var problem in entry.Problems)
            {
                console.MarkupLine($"  [red]![/] {Safe.Markup(problem)}");
            }

            foreach (var file in record.Files)
            {
                console.MarkupLine($"  {Safe.Markup(file.Path)} ({file.Format.ToString().ToLowerInvariant()}, sha256 {file.Sha256[..12]}){(file.RunErrors.Count > 0 ? $", [red]{file.RunErrors.Count} run error(s)[/]" : "")}");
                foreach (var suite in file.Suites)
                {
                    console.MarkupLine($"    {Safe.Markup(suite.Name)}: {suite.Passed} passed, {suite.Failed} failed, {suite.Skipped} skipped");
                }
            }

            console.MarkupLine($"  [grey]tools: {Safe.Markup(string.Join(", ", record.Tools.Select(t => $"{t.Key} {t.Value}")))}[/]");
        }

        if (verification.SetProblems.Count > 0)
        {
            console.WriteLine();
            foreach (var problem in verification.SetProblems)
            {
                console.MarkupLine($"[red]{Safe.Markup(problem.Code)}:[/] {Safe.Markup(problem.Message)}");
            }
        }
    }

    public static void Verified(IAnsiConsole console, EvidenceVerification verification, IReadOnlyList<EvidenceGateReason> untrusted)
    {
        if (!verification.HasEvidence)
        {
            console.MarkupLine($"[red]✗[/] no evidence for {verification.Commit}");
            return;
        }

        foreach (var entry in verification.Records)
        {
            var what = entry.Record is { } record ? $"{Totals(record)}{(record.Job is null ? "" : $" ({Safe.Markup(record.Job)})")} by {Safe.Markup(record.RecordedBy)}" : entry.Legacy ? "legacy record (HMAC)" : "unreadable";
            console.MarkupLine($"line {entry.LineNumber}: {Signature(entry.Signature)} · {(entry.Anchor is null ? "[red]not anchored[/]" : "anchored")} · {what}");
        }

        foreach (var reason in untrusted)
        {
            console.MarkupLine($"  [red]✗[/] {Safe.Markup(reason.Code)}: {Safe.Markup(reason.Message)}");
            console.MarkupLine($"    [grey]fix:[/] {Safe.Markup(reason.Fix)}");
        }

        console.MarkupLine(untrusted.Count == 0
            ? $"[green]✓[/] the evidence of {Short(verification.Commit)} verifies: {verification.Anchors.Count} record{(verification.Anchors.Count == 1 ? "" : "s")}, {(verification.Status == "unsigned" ? "unsigned records accepted by the policy" : "each signed by a trusted key")}, every one anchored in the ledger in chain order"
            : $"[red]✗[/] the evidence of {Short(verification.Commit)} does not verify");
    }

    public static void Attestation(IAnsiConsole console, string file, string commit, VerifiedAttestation? verified, RejectedAttestation? rejected)
    {
        if (verified is null)
        {
            foreach (var reason in rejected!.Reasons)
            {
                console.MarkupLine($"  [red]✗[/] {Safe.Markup(reason)}");
            }

            console.MarkupLine($"[red]✗[/] {Safe.Markup(file)} does not verify as a test-result attestation of {Short(commit)}");
            return;
        }

        var predicate = verified.Statement.Predicate!;
        console.MarkupLine($"[green]✓[/] {Safe.Markup(file)} verifies: an in-toto test-result attestation of {Short(commit)}, signed by {Safe.Markup(verified.Signature.KeyName ?? verified.Signature.KeyId!)}");
        console.MarkupLine($"  result {Safe.Markup(verified.Result)}: {predicate.PassedTests?.Count ?? 0} suite(s) passed, {predicate.WarnedTests?.Count ?? 0} warned, {predicate.FailedTests?.Count ?? 0} failed{(predicate.Url is null ? "" : $" · {Safe.Markup(predicate.Url)}")}");
        foreach (var failed in predicate.FailedTests ?? [])
        {
            console.MarkupLine($"  [red]failed:[/] {Safe.Markup(failed)}");
        }
    }

    public static void Exported(IAnsiConsole console, InTotoStatement statement, EvidenceVerification verification, string keyId, string output)
    {
        var predicate = statement.Predicate!;
        console.MarkupLine($"[green]✓[/] wrote {Safe.Markup(output)}: in-toto test-result attestation of {Short(verification.Commit)}, result {Safe.Markup(predicate.Result!)} ({verification.Anchors.Count} record{(verification.Anchors.Count == 1 ? "" : "s")}), DSSE envelope signed with key {KeyIds.Short(keyId)}");
        console.MarkupLine($"  [grey]check it: changegate evidence verify --attestation {Safe.Markup(output)} --commit {verification.Commit}[/]");
    }

    public static void KeyMade(IAnsiConsole console, string keyId, string name, string privatePath, string publicPath, string workingDirectory)
    {
        string Display(string path) => Path.GetRelativePath(workingDirectory, path) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : path;
        console.MarkupLine($"[green]✓[/] made ECDSA P-256 key pair {Safe.Markup(name)}, key id {keyId}");
        console.MarkupLine($"  private key: {Safe.Markup(Display(privatePath))} (owner-only). Store its text as the test job's CI secret {Commands.EvidenceCommand.SigningKeyVariable}, then delete the file; never give it to deploy jobs: the gate needs only the public key.");
        // The policy reads key files inside the repository only: suggest a place there when the key was written elsewhere.
        var inside = Path.GetRelativePath(workingDirectory, publicPath) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        var policyPath = inside ? Path.GetRelativePath(workingDirectory, publicPath).Replace('\\', '/') : $"keys/{name}.pub.pem";
        console.MarkupLine(inside
            ? $"  public key:  {Safe.Markup(policyPath)}. Commit it and add to changegate.yml (the path is relative to the policy file):"
            : $"  public key:  {Safe.Markup(publicPath)}. Copy it into the repository as {Safe.Markup(policyPath)}, commit it and add to changegate.yml (the path is relative to the policy file):");
        console.WriteLine();
        console.WriteLine("evidence:");
        console.WriteLine("  trusted-keys:");
        console.WriteLine($"    - id: {keyId}");
        console.WriteLine($"      name: {name}");
        console.WriteLine($"      public-key: {policyPath}");
    }

    /// <summary>The verification as JSON: each line's status, the record as stored, the anchors and the disagreements.</summary>
    public static string Json(EvidenceVerification verification, IReadOnlyList<EvidenceGateReason> untrusted)
    {
        var records = new JsonArray();
        foreach (var entry in verification.Records)
        {
            records.Add((JsonNode)new JsonObject
            {
                ["line"] = entry.LineNumber,
                ["digest"] = entry.Digest,
                ["legacy"] = entry.Legacy,
                ["signature"] = SignatureWord(entry.Signature.Verdict),
                ["keyId"] = entry.Signature.KeyId,
                ["signatureReason"] = entry.Signature.Reason,
                ["anchoredIn"] = entry.Anchor?.LedgerCommit,
                ["problems"] = new JsonArray([.. entry.Problems.Select(p => (JsonNode?)p)]),
                ["record"] = entry.Record is null ? null : JsonNode.Parse(EvidenceLineFormat.Write(entry.Record)),
            });
        }

        var root = new JsonObject
        {
            ["version"] = 2,
            ["commit"] = verification.Commit,
            ["tree"] = verification.Tree,
            ["status"] = verification.Status,
            ["verified"] = verification.HasEvidence && untrusted.Count == 0,
            ["trustedKeys"] = verification.TrustedKeys,
            ["records"] = records,
            ["anchors"] = new JsonArray([.. verification.Anchors.Select(a => (JsonNode?)new JsonObject
            {
                ["ledgerCommit"] = a.LedgerCommit,
                ["event"] = a.Event.Id.ToString(),
                ["digest"] = a.Event.Digest,
                ["previous"] = a.Event.Previous,
                ["verdict"] = a.Event.Verdict,
                ["recordedBy"] = a.Event.Actor,
                ["at"] = a.Event.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            })]),
            ["problems"] = new JsonArray([.. untrusted.Select(r => (JsonNode?)new JsonObject { ["code"] = r.Code, ["message"] = r.Message, ["fix"] = r.Fix })]),
        };
        return Safe.Json(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static string SignatureWord(SignatureVerdict verdict) => verdict switch
    {
        SignatureVerdict.Valid => "valid",
        SignatureVerdict.Missing => "missing",
        SignatureVerdict.UntrustedKey => "untrusted-key",
        SignatureVerdict.RevokedKey => "revoked-key",
        _ => "invalid",
    };

    private static string Signature(SignatureCheck check) => check.Verdict switch
    {
        SignatureVerdict.Valid => $"[green]valid[/] ({Safe.Markup(check.KeyName ?? KeyIds.Short(check.KeyId!))})",
        SignatureVerdict.Missing => "[yellow]missing[/] (unsigned)",
        SignatureVerdict.UntrustedKey => $"[red]untrusted key[/]: {Safe.Markup(check.Reason ?? "")}",
        SignatureVerdict.RevokedKey => $"[red]revoked key[/]: {Safe.Markup(check.Reason ?? "")}",
        _ => $"[red]signature invalid[/]: {Safe.Markup(check.Reason ?? "")}",
    };

    private static string Totals(EvidenceRecord record) =>
        $"{record.Passed} passed, {record.Failed} failed, {record.Skipped} skipped";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];
}
