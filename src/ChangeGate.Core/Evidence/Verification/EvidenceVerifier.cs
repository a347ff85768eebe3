using System.Globalization;
using ChangeGate.Core.Evidence.Anchors;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Evidence.Verification;

/// <summary>
/// Checks a commit's evidence: each record readable, about this commit and tree, signed by a
/// trusted key; and the set of records exactly the ledger's anchors, chained in ledger order.
/// </summary>
public static class EvidenceVerifier
{
    /// <summary>Verifies <paramref name="note"/> against the commit it must describe, the policy's keys and the ledger's anchors.</summary>
    /// <param name="note">The commit's note (local and remote lines together).</param>
    /// <param name="commitSha">The commit.</param>
    /// <param name="treeSha">Its tree.</param>
    /// <param name="commitTime">Its committer time.</param>
    /// <param name="keys">The policy's trusted and revoked keys.</param>
    /// <param name="anchors">The ledger's anchors for the commit, oldest first (<see cref="EvidenceAnchors.Read(LibGit2Sharp.Repository, LibGit2Sharp.ObjectId?, string, string)"/>).</param>
    public static EvidenceVerification Verify(EvidenceNote note, string commitSha, string treeSha, DateTimeOffset commitTime, KeyTrust keys, IReadOnlyList<EvidenceAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(anchors);
        var byDigest = anchors.GroupBy(a => a.Event.Digest, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var records = new List<RecordVerification>();
        foreach (var line in note.Lines)
        {
            var problems = new List<string>();
            string? digest = null;
            if (line.Record is null)
            {
                problems.Add(line.Error?.Message ?? "The line is not a valid evidence record.");
            }
            else
            {
                digest = EvidenceLineFormat.Digest(line.Text);

                // A note that git copied along (notes.rewriteRef on amend or rebase) or that was
                // pasted onto another commit describes other code: it must not count here.
                if (!string.Equals(line.Record.Commit, commitSha, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"The record is for commit {line.Record.Commit}, not {commitSha}.");
                }

                if (!string.Equals(line.Record.Tree, treeSha, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"The record is for tree {line.Record.Tree}, and the commit's tree is {treeSha}.");
                }
            }

            var signature = line.Record is null ? new SignatureCheck(SignatureVerdict.Invalid, null, "the line is not a record") : EvidenceSigner.Check(line.Text, keys);
            var anchor = digest is not null && problems.Count == 0 && byDigest.TryGetValue(digest, out var found) ? found : null;
            records.Add(new RecordVerification(line.Number, line.Record, line.Legacy, digest, signature, anchor, problems));
        }

        return new EvidenceVerification(commitSha, treeSha, commitTime, keys.Trusted.Count, records, anchors, SetProblems(records, anchors, commitSha));
    }

    /// <summary>Where the note and the anchors disagree.</summary>
    private static List<EvidenceSetProblem> SetProblems(List<RecordVerification> records, IReadOnlyList<EvidenceAnchor> anchors, string commitSha)
    {
        var problems = new List<EvidenceSetProblem>();
        var seen = new Dictionary<string, EvidenceAnchor>(StringComparer.Ordinal);
        string? expectedPrevious = null;
        foreach (var (anchor, index) in anchors.Select((a, i) => (a, i)))
        {
            var e = anchor.Event;
            var position = $"record {Short(e.Digest)} ({Describe(anchor)})";
            if (seen.TryGetValue(e.Digest, out var first))
            {
                problems.Add(new("chain-broken", $"{position} is anchored twice in the ledger (events {first.Event.Id} and {e.Id}): the ledger was edited."));
                continue;
            }

            seen[e.Digest] = anchor;

            // The ledger keeps the signed line too: it must be the record the anchor names.
            var copy = EvidenceLineFormat.Read(e.Record);
            if (!copy.Succeeded || EvidenceLineFormat.Digest(e.Record) != e.Digest || !string.Equals(copy.Value.Commit, commitSha, StringComparison.OrdinalIgnoreCase) || copy.Value.Previous != e.Previous)
            {
                problems.Add(new("anchor-mismatch", $"the ledger's anchor of {position} does not hold the record it names: the ledger was edited."));
                expectedPrevious = e.Digest;
                continue;
            }

            var inNote = records.Where(r => r.Anchor?.Event.Digest == e.Digest).Select(r => r.Record).FirstOrDefault();
            if (inNote is null)
            {
                problems.Add(new("missing-record", $"{position}, anchored in the ledger as record {index + 1} of {anchors.Count} for this commit, is missing from the note: it was deleted, or the job that recorded it stopped before publishing the note."));
            }

            // The chain: each record names the one anchored before it (the signed copy decides).
            var signed = inNote ?? copy.Value;
            if (signed.Previous != expectedPrevious)
            {
                problems.Add(new("chain-broken", expectedPrevious is null
                    ? $"{position} is the first record anchored for this commit, yet it names {Short(signed.Previous!)} as the record before it: records were deleted from the ledger."
                    : signed.Previous is null
                        ? $"{position} claims to be the first record of this commit, yet the ledger anchors {Short(expectedPrevious)} before it: the ledger's records were reordered."
                        : $"{position} names {Short(signed.Previous)} as the record before it, but the ledger anchors {Short(expectedPrevious)} before it: records were deleted or reordered."));
            }

            expectedPrevious = e.Digest;
        }

        foreach (var record in records.Where(r => r.Record is not null && r.Problems.Count == 0 && r.Anchor is null))
        {
            problems.Add(new("unanchored-record", $"evidence line {record.LineNumber} (record {Short(record.Digest ?? "?")}, {record.Record!.Passed} passed, {record.Record.Failed} failed, by {record.Record.RecordedBy} at {Time(record.Record.RecordedAt)}) has no evidence-recorded event in the ledger: it was not written by `changegate evidence record`, or the ledger lost its anchor."));
        }

        return problems;
    }

    private static string Describe(EvidenceAnchor anchor)
    {
        var e = anchor.Event;
        return $"{e.Verdict}: {e.Passed} passed, {e.Failed} failed, {e.Skipped} skipped{(e.Job is null ? "" : $", job {e.Job}")}, recorded by {e.Actor} at {Time(e.At)}, ledger event {e.Id}";
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;
}
