using ChangeGate.Core.Evidence.Anchors;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Evidence.Verification;

/// <summary>What verifying the evidence of one commit found: each note line, the ledger's anchors, and how the two agree.</summary>
/// <param name="Commit">The commit's SHA.</param>
/// <param name="Tree">The commit's tree SHA.</param>
/// <param name="CommitTime">The commit's committer time: no result may predate it.</param>
/// <param name="TrustedKeys">How many keys the policy trusts.</param>
/// <param name="Records">One entry per line of the commit's note, in note order (which means nothing: the note is a set).</param>
/// <param name="Anchors">The ledger's <c>evidence-recorded</c> events for the commit, in ledger order.</param>
/// <param name="SetProblems">Where the note and the anchors disagree: a record missing from the note,
/// a record without an anchor, a broken or forked chain, an anchor that does not match its record.</param>
public sealed record EvidenceVerification(
    string Commit,
    string Tree,
    DateTimeOffset CommitTime,
    int TrustedKeys,
    IReadOnlyList<RecordVerification> Records,
    IReadOnlyList<EvidenceAnchor> Anchors,
    IReadOnlyList<EvidenceSetProblem> SetProblems)
{
    /// <summary>False when neither the note nor the ledger holds anything for the commit.</summary>
    public bool HasEvidence => Records.Count > 0 || Anchors.Count > 0;

    /// <summary>
    /// One word for the whole: "none" (no evidence), "invalid" (a line is broken, belongs to another
    /// commit, fails its signature or names an untrusted or revoked key, or the note and the ledger
    /// disagree), "unsigned" (a record is unsigned) or "valid" (every record signed by a trusted key
    /// and anchored in order). Legacy records are left out when anchored records exist.
    /// </summary>
    public string Status =>
        !HasEvidence ? "none"
        : SetProblems.Count > 0 || Counted.Any(r => r.Problems.Count > 0 || r.Signature.Verdict is not (SignatureVerdict.Valid or SignatureVerdict.Missing)) || (Anchors.Count == 0 && Records.Any(r => r.Legacy)) ? "invalid"
        : Counted.Any(r => r.Signature.Verdict == SignatureVerdict.Missing) ? "unsigned"
        : "valid";

    /// <summary>The lines that count: every line but legacy ones once anchored records exist (they are superseded).</summary>
    public IEnumerable<RecordVerification> Counted => Anchors.Count > 0 ? Records.Where(r => !r.Legacy) : Records;
}

/// <summary>The verdict on one line of an evidence note.</summary>
/// <param name="LineNumber">1-based line number in the note.</param>
/// <param name="Record">The record, or null when the line is not a valid record.</param>
/// <param name="Legacy">The line is a record of the legacy format (HMAC-signed): recognised, never trusted.</param>
/// <param name="Digest">The record's digest, or null when the line has no canonical form.</param>
/// <param name="Signature">What checking the line's signature with the policy's keys found.</param>
/// <param name="Anchor">The ledger anchor with this record's digest, or null when there is none.</param>
/// <param name="Problems">Why the record cannot count for this commit (unreadable line, another
/// commit or tree); empty when it can.</param>
public sealed record RecordVerification(
    int LineNumber,
    EvidenceRecord? Record,
    bool Legacy,
    string? Digest,
    SignatureCheck Signature,
    EvidenceAnchor? Anchor,
    IReadOnlyList<string> Problems);

/// <summary>A disagreement between a commit's note and its anchors in the ledger.</summary>
/// <param name="Code">missing-record, unanchored-record, chain-broken or anchor-mismatch.</param>
/// <param name="Message">What is wrong, naming the record (digest, verdict, job, who and when).</param>
public sealed record EvidenceSetProblem(string Code, string Message);
