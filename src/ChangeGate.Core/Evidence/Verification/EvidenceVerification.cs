using ChangeGate.Core.Evidence.Records;

namespace ChangeGate.Core.Evidence.Verification;

/// <summary>What verifying the evidence of one commit found.</summary>
/// <param name="Commit">The commit's SHA.</param>
/// <param name="Tree">The commit's tree SHA.</param>
/// <param name="KeyConfigured">Whether a signing key was given to check signatures with.</param>
/// <param name="Records">One entry per line of the commit's note, in note order.</param>
public sealed record EvidenceVerification(string Commit, string Tree, bool KeyConfigured, IReadOnlyList<RecordVerification> Records)
{
    /// <summary>False when the commit has no evidence note at all.</summary>
    public bool HasEvidence => Records.Count > 0;

    /// <summary>
    /// One word for the whole note: "none" (no evidence), "invalid" (a line is broken, belongs to
    /// another commit, or fails its signature), "missing" (a record is unsigned), "unchecked"
    /// (signed, but no key to check with), or "valid" (every record's signature verified).
    /// </summary>
    public string Status =>
        !HasEvidence ? "none"
        : Records.Any(r => r.Problems.Count > 0 || r.Signature == SignatureStatus.Invalid) ? "invalid"
        : Records.Any(r => r.Signature == SignatureStatus.Missing) ? "missing"
        : Records.Any(r => r.Signature == SignatureStatus.NotChecked) ? "unchecked"
        : "valid";
}

/// <summary>The verdict on one line of an evidence note.</summary>
/// <param name="LineNumber">1-based line number in the note.</param>
/// <param name="Record">The record, or null when the line is not a valid record.</param>
/// <param name="Signature">What checking the line's signature found.</param>
/// <param name="SignatureReason">Why the signature is not valid, or null when it is.</param>
/// <param name="Problems">Why the record cannot count for this commit (unreadable line, another
/// commit or tree); empty when it can.</param>
public sealed record RecordVerification(
    int LineNumber,
    EvidenceRecord? Record,
    SignatureStatus Signature,
    string? SignatureReason,
    IReadOnlyList<string> Problems);
