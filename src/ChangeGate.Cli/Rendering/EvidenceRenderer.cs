using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Verification;
using Spectre.Console;

namespace ChangeGate.Cli.Rendering;

/// <summary>How <c>changegate evidence</c> prints records and verifications.</summary>
internal static class EvidenceRenderer
{
    public static void Recorded(IAnsiConsole console, EvidenceRecord record, int recordsOnCommit, string actor, string notesRef, string? remote)
    {
        var mark = record.Failed > 0 || record.RunErrors > 0 || !record.WorkingTree.Clean ? "[yellow]![/]" : "[green]✓[/]";
        console.MarkupLine($"{mark} recorded evidence for {Short(record.Commit)}{(record.Job is null ? "" : $" ({Safe.Markup(record.Job)})")}: {Totals(record)} in {record.Files.Count} result file{(record.Files.Count == 1 ? "" : "s")}");
        foreach (var file in record.Files)
        {
            console.MarkupLine($"  {Safe.Markup(file.Path)} ({file.Format.ToString().ToLowerInvariant()}, sha256 {file.Sha256[..12]})");
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

        console.MarkupLine(record.Signature is { } signature ? $"signed with key {signature.KeyId}" : "[grey]unsigned (set CHANGEGATE_SIGNING_KEY to sign)[/]");
        console.MarkupLine($"[grey]recorded by {Safe.Markup(actor)} in {Safe.Markup(notesRef)} ({recordsOnCommit} record{(recordsOnCommit == 1 ? "" : "s")} on {Short(record.Commit)}){(remote is null ? " (local only: no remote)" : $" and pushed to {Safe.Markup(remote)}")}[/]");
    }

    public static void Show(IAnsiConsole console, EvidenceVerification verification, string? remote)
    {
        if (!verification.HasEvidence)
        {
            console.MarkupLine($"no evidence for {verification.Commit}{(remote is null ? "" : $" (notes fetched from {Safe.Markup(remote)})")}");
            console.MarkupLine("  [grey]fix:[/] run the tests on this commit and record them: changegate evidence record --results <files>");
            return;
        }

        console.MarkupLine($"evidence for {verification.Commit} (tree {Short(verification.Tree)}): {verification.Records.Count} record{(verification.Records.Count == 1 ? "" : "s")}, signatures {verification.Status}");
        foreach (var entry in verification.Records)
        {
            console.WriteLine();
            if (entry.Record is not { } record)
            {
                console.MarkupLine($"[red]line {entry.LineNumber}: unreadable[/] — {Safe.Markup(string.Join(" ", entry.Problems))}");
                continue;
            }

            console.MarkupLine($"[bold]line {entry.LineNumber}[/]{(record.Job is null ? "" : $" · job {Safe.Markup(record.Job)}")} · recorded {record.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z by {Safe.Markup(record.RecordedBy)}");
            console.MarkupLine($"  {Totals(record)} · working tree {(record.WorkingTree.Clean ? "clean" : "[yellow]dirty[/]: " + Safe.Markup(string.Join("; ", record.WorkingTree.Changes.Take(3))))}");
            console.MarkupLine($"  signature: {Signature(entry)}");
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
    }

    public static void Verified(IAnsiConsole console, EvidenceVerification verification)
    {
        if (!verification.HasEvidence)
        {
            console.MarkupLine($"[red]no evidence for {verification.Commit}[/]");
            return;
        }

        foreach (var entry in verification.Records)
        {
            var what = entry.Record is { } record ? $"{Totals(record)}{(record.Job is null ? "" : $" ({Safe.Markup(record.Job)})")} by {Safe.Markup(record.RecordedBy)}" : "unreadable";
            console.MarkupLine($"line {entry.LineNumber}: {Signature(entry)} · {what}");
            foreach (var problem in entry.Problems)
            {
                console.MarkupLine($"  [red]![/] {Safe.Markup(problem)}");
            }
        }

        console.MarkupLine(verification.Status == "valid"
            ? $"[green]✓[/] every record of {Short(verification.Commit)} is signed and unchanged"
            : $"[red]✗[/] evidence of {Short(verification.Commit)} is {verification.Status}");
    }

    /// <summary>The verification as JSON: each line's status and the record as stored.</summary>
    public static string Json(EvidenceVerification verification)
    {
        var records = new JsonArray();
        foreach (var entry in verification.Records)
        {
            var node = new JsonObject
            {
                ["line"] = entry.LineNumber,
                ["signature"] = entry.Signature.ToString().ToLowerInvariant(),
                ["signatureReason"] = entry.SignatureReason,
                ["problems"] = new JsonArray([.. entry.Problems.Select(p => (JsonNode?)p)]),
                ["record"] = entry.Record is null ? null : JsonNode.Parse(EvidenceLineFormat.Write(entry.Record)),
            };
            records.Add(node);
        }

        var root = new JsonObject
        {
            ["version"] = 1,
            ["commit"] = verification.Commit,
            ["tree"] = verification.Tree,
            ["status"] = verification.Status,
            ["keyConfigured"] = verification.KeyConfigured,
            ["records"] = records,
        };
        return Safe.Json(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    private static string Signature(RecordVerification entry) => entry.Signature switch
    {
        SignatureStatus.Valid => "[green]valid[/]",
        SignatureStatus.Invalid => $"[red]signature invalid[/]: {Safe.Markup(entry.SignatureReason ?? "")}",
        SignatureStatus.Missing => "[yellow]missing[/] (unsigned)",
        _ => "not checked (no CHANGEGATE_SIGNING_KEY)",
    };

    private static string Totals(EvidenceRecord record) =>
        $"{record.Passed} passed, {record.Failed} failed, {record.Skipped} skipped";

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];
}
