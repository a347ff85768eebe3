using ChangeGate.Core.Ledger;
using LibGit2Sharp;

namespace ChangeGate.Core.Evidence.Anchors;

/// <summary>An <see cref="EvidenceRecorded"/> event and the ledger commit that holds it.</summary>
/// <param name="LedgerCommit">The ledger commit's SHA.</param>
/// <param name="Event">The anchor.</param>
public sealed record EvidenceAnchor(string LedgerCommit, EvidenceRecorded Event);

/// <summary>Reads the evidence anchors of one commit from a service's ledger chain.</summary>
public static class EvidenceAnchors
{
    /// <summary>
    /// Every <c>evidence-recorded</c> event for <paramref name="commitSha"/> in the ledger chain that
    /// ends at <paramref name="tip"/>, oldest first. Every event of the chain is looked at (commit
    /// messages are not trusted to say what an event is); a chain that does not read is damage.
    /// </summary>
    /// <param name="repository">The repository holding the ledger.</param>
    /// <param name="tip">The ledger tip the decision is made on; null: no ledger, no anchors.</param>
    /// <param name="commitSha">The tested commit's full SHA.</param>
    /// <param name="refName">The ledger ref, for messages.</param>
    public static Result<IReadOnlyList<EvidenceAnchor>> Read(Repository repository, ObjectId? tip, string commitSha, string refName)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrEmpty(commitSha);
        return ReadFrom(repository, tip, commitSha, refName, []);
    }

    /// <summary>
    /// Like <see cref="Read(Repository, ObjectId?, string, string)"/> on the tip of <paramref name="head"/>,
    /// reusing the events its verification already read: in a fresh clone that is the whole chain, so
    /// the chain is read once; in a warm clone only the part verified by an earlier run is read here.
    /// </summary>
    public static Result<IReadOnlyList<EvidenceAnchor>> Read(Repository repository, LedgerHead head, string commitSha, string refName)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentException.ThrowIfNullOrEmpty(commitSha);
        if (head.Verified is not { } verified || verified.Tip != head.Tip)
        {
            return Read(repository, head.Tip, commitSha, refName);
        }

        var newer = verified.Entries
            .Where(e => e.Event is EvidenceRecorded anchor && string.Equals(anchor.Commit, commitSha, StringComparison.OrdinalIgnoreCase))
            .Select(e => new EvidenceAnchor(e.Commit.Sha, (EvidenceRecorded)e.Event))
            .ToList();
        return ReadFrom(repository, verified.VerifiedBefore, commitSha, refName, newer);
    }

    // The anchors from `tip` back to the first event, oldest first, followed by `newer`.
    private static Result<IReadOnlyList<EvidenceAnchor>> ReadFrom(Repository repository, ObjectId? tip, string commitSha, string refName, IReadOnlyList<EvidenceAnchor> newer)
    {
        var found = new List<EvidenceAnchor>();
        if (tip is null)
        {
            return Result<IReadOnlyList<EvidenceAnchor>>.Ok(newer);
        }

        try
        {
            for (var commit = repository.Lookup<Commit>(tip); commit is not null;)
            {
                var parents = commit.Parents.Take(2).ToList();
                if (parents.Count > 1)
                {
                    return Damaged(refName, $"ledger commit {commit.Sha[..12]} is a merge; the ledger is a single chain");
                }

                if (commit.Tree["event.json"]?.Target is not Blob blob)
                {
                    return Damaged(refName, $"ledger commit {commit.Sha[..12]} has no event.json");
                }

                // Only events that can be about this commit are parsed: its SHA appears in them, or
                // they escape characters (JSON could spell the SHA or the type with \u escapes).
                var text = blob.GetContentText();
                if ((text.Contains(commitSha, StringComparison.OrdinalIgnoreCase) || text.Contains('\\', StringComparison.Ordinal))
                    && LedgerJson.DeserializeEvent(text, $"ledger commit {commit.Sha[..12]}") is EvidenceRecorded anchor
                    && string.Equals(anchor.Commit, commitSha, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(new EvidenceAnchor(commit.Sha, anchor));
                }

                commit = parents.Count == 1 ? parents[0] : null;
            }
        }
        catch (LedgerFormatException e)
        {
            return Damaged(refName, e.Message);
        }
        catch (LibGit2SharpException e)
        {
            return Damaged(refName, $"git cannot read it: {e.Message}");
        }

        found.Reverse();
        found.AddRange(newer);
        return Result<IReadOnlyList<EvidenceAnchor>>.Ok(found);
    }

    private static Result<IReadOnlyList<EvidenceAnchor>> Damaged(string refName, string what) =>
        Result<IReadOnlyList<EvidenceAnchor>>.Fail(new Problem(
            $"the ledger at {refName} is damaged: {what}",
            $"nothing was changed. Inspect it with `git log -p {refName}`; if the remote holds a good copy, delete the local ref with `git update-ref -d {refName}` and run again"));
}
