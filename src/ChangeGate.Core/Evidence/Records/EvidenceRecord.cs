using ChangeGate.Core.Evidence.Results;

namespace ChangeGate.Core.Evidence.Records;

/// <summary>
/// What one test job proved about one commit: the summaries and hashes of its result files and
/// when each run started, the commit and tree they were run on, whether the working tree was clean,
/// the tool versions, who recorded it and when, the digest of the commit's previous record, and a
/// signature. Stored as one line of the commit's git note and anchored in the ledger.
/// </summary>
public sealed record EvidenceRecord
{
    /// <summary>The version of the line format this code writes and reads.</summary>
    public const int FormatVersion = 2;

    /// <summary>The format of changegate 0.1 (HMAC signatures any verifier could forge): recognised, never trusted.</summary>
    public const int LegacyFormatVersion = 1;

    /// <summary>A random id that tells records of the same commit apart (32 lower-case hex digits).</summary>
    public required string Id { get; init; }

    /// <summary>The full SHA of the tested commit.</summary>
    public required string Commit { get; init; }

    /// <summary>The full SHA of that commit's tree.</summary>
    public required string Tree { get; init; }

    /// <summary>When the evidence was recorded (UTC, millisecond precision).</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Who recorded it (the actor: a CI job identity or a person's e-mail).</summary>
    public required string RecordedBy { get; init; }

    /// <summary>
    /// The digest (<see cref="EvidenceLineFormat.Digest(EvidenceRecord)"/>) of the record recorded for
    /// the same commit just before this one, or null for the first: the chain that makes a deleted
    /// or reordered record visible. Covered by the signature.
    /// </summary>
    public string? Previous { get; init; }

    /// <summary>An optional label for the test job (such as "linux-unit-tests").</summary>
    public string? Job { get; init; }

    /// <summary>The state of the working tree the tests ran in.</summary>
    public required WorkingTreeState WorkingTree { get; init; }

    /// <summary>Tool names and versions (changegate, .NET runtime, the SDK, ...), sorted by name when written.</summary>
    public required IReadOnlyDictionary<string, string> Tools { get; init; }

    /// <summary>The result files: path (relative to the repository root when inside it), format, SHA-256, suites, run errors.</summary>
    public required IReadOnlyList<TestResultFile> Files { get; init; }

    /// <summary>The signature, or null when the record was not signed.</summary>
    public EvidenceSignature? Signature { get; init; }

    /// <summary>Passed tests over all files.</summary>
    public int Passed => Files.Sum(f => f.Passed);

    /// <summary>Failed tests over all files.</summary>
    public int Failed => Files.Sum(f => f.Failed);

    /// <summary>Skipped tests over all files.</summary>
    public int Skipped => Files.Sum(f => f.Skipped);

    /// <summary>All tests over all files.</summary>
    public int Total => Files.Sum(f => f.Total);

    /// <summary>Run errors (crashed test host, aborted run) over all files.</summary>
    public int RunErrors => Files.Sum(f => f.RunErrors.Count);
}

/// <summary>The working tree the tests ran in.</summary>
/// <param name="Clean">True when HEAD had the tested commit's tree and nothing was modified,
/// staged or untracked (ignored files and the recorded result files themselves do not count).</param>
/// <param name="Head">The commit HEAD pointed at, or null when HEAD was unborn.</param>
/// <param name="ChangeCount">How many paths differed from HEAD.</param>
/// <param name="Changes">Up to <see cref="WorkingTreeState.MaxListedChanges"/> of them, as "status path"
/// (such as "modified src/Deploy.cs"), plus a line when HEAD's tree was not the tested tree.</param>
public sealed record WorkingTreeState(bool Clean, string? Head, int ChangeCount, IReadOnlyList<string> Changes)
{
    /// <summary>How many changed paths a record lists at most; <see cref="ChangeCount"/> has them all.</summary>
    public const int MaxListedChanges = 20;
}

/// <summary>A signature over the canonical form of a record (see docs/evidence.md).</summary>
/// <param name="Algorithm">Always <see cref="EvidenceSignature.EcdsaP256Sha256"/>.</param>
/// <param name="KeyId">The signing key's id (SHA-256 of its SubjectPublicKeyInfo, 64 hex digits).</param>
/// <param name="Value">The DER-encoded ECDSA signature, base64.</param>
public sealed record EvidenceSignature(string Algorithm, string KeyId, string Value)
{
    /// <summary>ECDSA over P-256 with SHA-256, over DSSE's PAE of the record's payload type and canonical form.</summary>
    public const string EcdsaP256Sha256 = "ECDSA-P256-SHA256";
}
