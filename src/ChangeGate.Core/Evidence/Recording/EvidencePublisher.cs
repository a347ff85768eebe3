using ChangeGate.Core.Evidence.Anchors;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Signing;
using LibGit2Sharp;

namespace ChangeGate.Core.Evidence.Recording;

/// <summary>What publishing evidence did.</summary>
/// <param name="Record">The record now anchored and in the note; null when every file was already recorded.</param>
/// <param name="Anchor">Its ledger event; null when every file was already recorded.</param>
/// <param name="Position">Its place among the commit's anchored records (1-based); 0 when nothing was recorded.</param>
/// <param name="AlreadyRecorded">Result files (path and the record that holds them) left out because the commit's evidence already holds the same bytes.</param>
/// <param name="Note">The commit's note after publishing.</param>
/// <param name="Restored">Anchored records of the already recorded files that were missing from the note and were put back.</param>
public sealed record EvidencePublication(
    EvidenceRecord? Record,
    EvidenceRecorded? Anchor,
    int Position,
    IReadOnlyList<(string Path, EvidenceRecorded Record)> AlreadyRecorded,
    EvidenceNote Note,
    int Restored);

/// <summary>
/// Publishes an evidence record: anchors it in the service's ledger first, then adds it to the
/// commit's note. The ledger is the order of a commit's records: the record is chained to the
/// last anchored one and signed inside the ledger's compare-and-swap, so two jobs recording the
/// same commit at once never anchor two records with the same predecessor (the loser re-chains,
/// re-signs and tries again on the new tip). Result files whose bytes the commit's anchors already
/// hold are left out, so recording the same file twice counts it once.
/// </summary>
public static class EvidencePublisher
{
    /// <summary>Anchors and publishes <paramref name="unsigned"/> (built by <see cref="EvidenceRecorder.Create"/> without a key).</summary>
    /// <param name="ledger">The service's ledger, shared through the remote.</param>
    /// <param name="notes">The evidence notes, shared through the same remote.</param>
    /// <param name="unsigned">The record to publish, not yet chained nor signed.</param>
    /// <param name="key">The key to sign with, or null for an unsigned record.</param>
    /// <param name="author">Who writes the notes commits.</param>
    public static Result<EvidencePublication> Publish(SharedLedger ledger, SharedEvidenceNotes notes, EvidenceRecord unsigned, SigningKey? key, Signature author)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(unsigned);
        ArgumentNullException.ThrowIfNull(author);
        IReadOnlyList<Problem>? damage = null;
        IReadOnlyList<EvidenceAnchor> anchorsSeen = [];
        List<(string Path, EvidenceRecorded Record)> already = [];
        var written = ledger.AppendOnHead((head, now) =>
        {
            damage = null; // decided again on every new tip
            var anchors = EvidenceAnchors.Read(ledger.Repository, head, unsigned.Commit, ledger.RefName);
            if (!anchors.IsSuccess)
            {
                damage = anchors.Problems;
                return WriteDecision.Refuse("the ledger cannot be read");
            }

            anchorsSeen = anchors.Value;
            already = [.. unsigned.Files
                .Select(f => (f.Path, Anchor: anchors.Value.LastOrDefault(a => a.Event.ResultFiles.Contains(f.Sha256, StringComparer.Ordinal))))
                .Where(f => f.Anchor is not null)
                .Select(f => (f.Path, f.Anchor!.Event))];
            var files = unsigned.Files.Where(f => !already.Any(a => a.Path == f.Path)).ToList();
            if (files.Count == 0)
            {
                return WriteDecision.Refuse("every result file is already recorded for this commit");
            }

            var chained = unsigned with { Files = files, Previous = anchors.Value.Count == 0 ? null : anchors.Value[^1].Event.Digest, Signature = null };
            var record = key is null ? chained : EvidenceSigner.Sign(chained, key);
            return WriteDecision.Append(Anchor(record, now));
        });

        if (damage is not null)
        {
            return Result<EvidencePublication>.Fail(damage);
        }

        switch (written.Status)
        {
            case WriteStatus.Failed:
                // Nothing counts until the ledger holds the anchor; recording the same files again is safe.
                return Result<EvidencePublication>.Fail([.. written.Problems.Select(p => p with
                {
                    Fix = $"{p.Fix}; the evidence counts only once the ledger holds its anchor: run `changegate evidence record` again with the same files (a record the remote did take is recognised, not counted twice)",
                })]);
            case WriteStatus.Refused:
                // Nothing new: make sure the note holds the anchored records of these files (a job
                // that stopped between the ledger and the note left it without them), then report.
                return Republish(notes, unsigned.Commit, already, author);
        }

        var anchor = (EvidenceRecorded)written.Events[0];
        var stored = EvidenceLineFormat.Read(anchor.Record);
        if (!stored.Succeeded)
        {
            throw new InvalidOperationException($"The anchored record does not read back: {stored.Error}");
        }

        var note = notes.Append(stored.Value, author);
        if (!note.IsSuccess)
        {
            return Result<EvidencePublication>.Fail([.. note.Problems.Select(p => p with
            {
                Message = $"the record is anchored in the ledger (event {anchor.Id}), but its note was not published: {p.Message}",
                Fix = $"{p.Fix}. Until the note holds it, the gate blocks this commit (the anchored record is missing from the note): run `changegate evidence restore --commit {anchor.Commit}` once the remote can be reached",
            })]);
        }

        var position = anchorsSeen.Count + 1;
        return Result<EvidencePublication>.Ok(new EvidencePublication(stored.Value, anchor, position, already, note.Value, 0));
    }

    /// <summary>
    /// Puts the anchored records of <paramref name="commitSha"/> that the note lacks back into it,
    /// and drops lines no anchor names (edited, forged, legacy): the note then holds exactly the
    /// ledger's records.
    /// </summary>
    /// <returns>The note, and how many records were put back and how many lines dropped.</returns>
    public static Result<(EvidenceNote Note, int Restored, int Dropped)> Restore(SharedLedger ledger, SharedEvidenceNotes notes, string commitSha, Signature author)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(notes);
        var head = ledger.Read();
        if (!head.IsSuccess)
        {
            return Result<(EvidenceNote, int, int)>.Fail(head.Problems);
        }

        var anchors = EvidenceAnchors.Read(ledger.Repository, head.Value, commitSha, ledger.RefName);
        if (!anchors.IsSuccess)
        {
            return Result<(EvidenceNote, int, int)>.Fail(anchors.Problems);
        }

        var fetched = notes.Fetch();
        var before = fetched.IsSuccess ? notes.Read(commitSha) : EvidenceResult<EvidenceNote>.Failure(new EvidenceError(fetched.Problems[0].Message, fetched.Problems[0].Fix ?? ""));
        if (!before.Succeeded)
        {
            return Result<(EvidenceNote, int, int)>.Fail(before.Error.ToProblem());
        }

        var lines = anchors.Value.Select(a => a.Event.Record).Distinct(StringComparer.Ordinal).ToList();
        var digests = anchors.Value.Select(a => a.Event.Digest).ToHashSet(StringComparer.Ordinal);
        var present = before.Value.Lines.Select(l => EvidenceLineFormat.Digest(l.Text)).Where(d => d is not null).ToHashSet(StringComparer.Ordinal);
        var restored = digests.Count(d => !present.Contains(d));
        var dropped = before.Value.Lines.Count(l => !lines.Contains(l.Text, StringComparer.Ordinal));
        if (restored == 0 && dropped == 0)
        {
            return Result<(EvidenceNote, int, int)>.Ok((before.Value, 0, 0));
        }

        var replaced = notes.Replace(commitSha, lines, author, $"Evidence note of {commitSha} restored from the ledger");
        return replaced.IsSuccess
            ? Result<(EvidenceNote, int, int)>.Ok((replaced.Value, restored, dropped))
            : Result<(EvidenceNote, int, int)>.Fail(replaced.Problems);
    }

    private static Result<EvidencePublication> Republish(SharedEvidenceNotes notes, string commitSha, List<(string Path, EvidenceRecorded Record)> already, Signature author)
    {
        var fetched = notes.Fetch();
        if (!fetched.IsSuccess)
        {
            return Result<EvidencePublication>.Fail(fetched.Problems);
        }

        var note = notes.Read(commitSha);
        if (!note.Succeeded)
        {
            return Result<EvidencePublication>.Fail(note.Error.ToProblem());
        }

        var present = note.Value.Lines.Select(l => EvidenceLineFormat.Digest(l.Text)).ToHashSet(StringComparer.Ordinal);
        var restored = 0;
        foreach (var anchor in already.Select(a => a.Record).DistinctBy(a => a.Digest).Where(a => !present.Contains(a.Digest)))
        {
            var record = EvidenceLineFormat.Read(anchor.Record);
            if (!record.Succeeded)
            {
                continue; // an anchor the ledger holds in damaged form: the gate reports it
            }

            var appended = notes.Append(record.Value, author);
            if (!appended.IsSuccess)
            {
                return Result<EvidencePublication>.Fail(appended.Problems);
            }

            note = EvidenceResult<EvidenceNote>.Success(appended.Value);
            restored++;
        }

        return Result<EvidencePublication>.Ok(new EvidencePublication(null, null, 0, already, note.Value!, restored));
    }

    /// <summary>The ledger event that anchors <paramref name="record"/> (already chained and signed).</summary>
    internal static EvidenceRecorded Anchor(EvidenceRecord record, DateTimeOffset now) => new()
    {
        Id = Guid.Empty,
        Actor = record.RecordedBy,
        At = now,
        Commit = record.Commit,
        Tree = record.Tree,
        RecordId = record.Id,
        Digest = EvidenceLineFormat.Digest(record),
        Previous = record.Previous,
        Verdict = record.Failed > 0 || record.RunErrors > 0 ? "failed" : record.Passed == 0 ? "no-tests" : "passed",
        Passed = record.Passed,
        Failed = record.Failed,
        Skipped = record.Skipped,
        RunErrors = record.RunErrors,
        KeyId = record.Signature?.KeyId,
        Job = record.Job,
        ResultFiles = [.. record.Files.Select(f => f.Sha256)],
        Record = EvidenceLineFormat.Write(record),
    };
}
