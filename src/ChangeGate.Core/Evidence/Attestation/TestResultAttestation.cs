using System.Globalization;
using System.Text;
using System.Text.Json;
using ChangeGate.Core.Evidence.Gate;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Verification;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Evidence.Attestation;

/// <summary>An attestation that verified: who signed it and what it says.</summary>
/// <param name="Signature">The valid signature's key.</param>
/// <param name="Statement">The statement.</param>
/// <param name="Commit">The subject's gitCommit.</param>
public sealed record VerifiedAttestation(SignatureCheck Signature, InTotoStatement Statement, string Commit)
{
    /// <summary>PASSED, WARNED or FAILED.</summary>
    public string Result => Statement.Predicate!.Result!;
}

/// <summary>Why an attestation was not accepted: a reason per failed check (exit 1).</summary>
/// <param name="Reasons">What failed, each a sentence.</param>
public sealed record RejectedAttestation(IReadOnlyList<string> Reasons);

/// <summary>
/// Exports a commit's verified evidence as an in-toto test-result attestation in a DSSE envelope,
/// and verifies such an envelope with the policy's public keys.
/// </summary>
public static class TestResultAttestation
{
    /// <summary>The result values of the predicate.</summary>
    public const string Passed = "PASSED", Warned = "WARNED", Failed = "FAILED";

    private static readonly JsonSerializerOptions Write = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = InTotoJsonContext.Default,
    };

    private static readonly JsonSerializerOptions StrictRead = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = 16,
        TypeInfoResolver = InTotoJsonContext.Default,
    };

    /// <summary>
    /// The statement for a commit whose evidence verified: only records anchored in the ledger,
    /// in order, signed by a trusted key (or unsigned where the policy allows it) are attested.
    /// </summary>
    /// <param name="verification">The commit's verified evidence.</param>
    /// <param name="requirements">The policy's requirements (signatures, clean tree).</param>
    /// <param name="subjectName">The subject's name (the service).</param>
    /// <param name="url">The CI run, or null.</param>
    /// <returns>The statement, or why the evidence cannot be attested (the reasons the gate gives).</returns>
    public static Result<InTotoStatement> Build(EvidenceVerification verification, EvidenceRequirements requirements, string subjectName, string? url)
    {
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(requirements);
        var decision = EvidenceGate.Evaluate(verification, [], requirements);
        var untrusted = decision.Reasons.Where(r => r.Code is not ("tests-failed" or "run-error" or "no-tests" or "dirty-tree" or "affected-tests-missing")).ToList();
        if (untrusted.Count > 0)
        {
            return Result<InTotoStatement>.Fail([.. untrusted.Select(r => new Problem($"the evidence of {verification.Commit} cannot be attested: {r.Message}", r.Fix))]);
        }

        var records = verification.Counted.Where(r => r.Anchor is not null && r.Record is not null).OrderBy(r => verification.Anchors.ToList().IndexOf(r.Anchor!)).ToList();
        var passed = new List<string>();
        var warned = new List<string>();
        var failed = new List<string>();
        var configuration = new List<ResourceDescriptor>();
        foreach (var entry in records)
        {
            var record = entry.Record!;
            configuration.Add(new ResourceDescriptor
            {
                Name = $"changegate-evidence/{record.Id}",
                Digest = new() { ["sha256"] = entry.Digest! },
                Annotations = Annotations(
                    ("recordedBy", record.RecordedBy),
                    ("recordedAt", record.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                    ("job", record.Job),
                    ("keyId", record.Signature?.KeyId),
                    ("ledgerEvent", entry.Anchor!.Event.Id.ToString()),
                    ("cleanWorkingTree", record.WorkingTree.Clean ? "true" : "false")),
            });
            foreach (var file in record.Files)
            {
                configuration.Add(new ResourceDescriptor
                {
                    Name = file.Path,
                    Digest = new() { ["sha256"] = file.Sha256 },
                    Annotations = Annotations(
                        ("format", file.Format == Results.TestResultFormat.Trx ? "trx" : "junit"),
                        ("started", file.Started?.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                        ("runErrors", file.RunErrors.Count.ToString(CultureInfo.InvariantCulture))),
                });
                if (file.RunErrors.Count > 0)
                {
                    failed.Add($"{file.Path}#(run errors)");
                }

                foreach (var suite in file.Suites)
                {
                    var name = $"{file.Path}#{suite.Name}";
                    (suite.Failed > 0 ? failed : suite.Skipped > 0 || suite.Passed == 0 ? warned : passed).Add(name);
                }
            }
        }

        var result = decision.Reasons.Any(r => r.Code is "tests-failed" or "run-error") ? Failed
            : decision.Verdict == EvidenceGateVerdict.Block || warned.Count > 0 ? Warned
            : Passed;
        return Result<InTotoStatement>.Ok(new InTotoStatement
        {
            Type = InTotoStatement.StatementType,
            Subject = [new ResourceDescriptor { Name = subjectName, Digest = new() { ["gitCommit"] = verification.Commit, ["gitTree"] = verification.Tree } }],
            PredicateType = InTotoStatement.TestResultPredicateType,
            Predicate = new TestResultPredicate
            {
                Result = result,
                Configuration = configuration,
                Url = url,
                PassedTests = passed,
                WarnedTests = warned,
                FailedTests = failed,
            },
        });
    }

    /// <summary>The statement signed into a DSSE envelope with payload type <c>application/vnd.in-toto+json</c>.</summary>
    public static DsseEnvelope Sign(InTotoStatement statement, SigningKey key) =>
        DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, JsonSerializer.SerializeToUtf8Bytes(statement, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<InTotoStatement>)Write.GetTypeInfo(typeof(InTotoStatement))), key);

    /// <summary>
    /// Verifies an envelope: a signature by a trusted, unrevoked key over PAE(type, payload), the
    /// in-toto payload type, a Statement v1 with the test-result predicate, and a subject naming
    /// <paramref name="commitSha"/> (and, when given, its tree): an attestation of another commit
    /// is not evidence for this one.
    /// </summary>
    /// <returns>The verified attestation, or the reasons it is rejected.</returns>
    public static (VerifiedAttestation? Verified, RejectedAttestation? Rejected) Verify(DsseEnvelope envelope, KeyTrust keys, string commitSha, string? treeSha)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(keys);
        var (valid, failures) = envelope.Verify(keys);
        if (valid is null)
        {
            return (null, new RejectedAttestation([.. failures.Select(f => $"signature rejected: {f}")]));
        }

        var reasons = new List<string>();
        if (envelope.PayloadType != DsseEnvelope.InTotoPayloadType)
        {
            reasons.Add($"the payload type is '{envelope.PayloadType}', not {DsseEnvelope.InTotoPayloadType}");
            return (null, new RejectedAttestation(reasons));
        }

        InTotoStatement? statement;
        try
        {
            statement = JsonSerializer.Deserialize(Encoding.UTF8.GetString(envelope.Payload), (System.Text.Json.Serialization.Metadata.JsonTypeInfo<InTotoStatement>)StrictRead.GetTypeInfo(typeof(InTotoStatement)));
        }
        catch (JsonException e)
        {
            return (null, new RejectedAttestation([$"the signed payload is not an in-toto statement: {e.Message}"]));
        }

        if (statement?.Type != InTotoStatement.StatementType)
        {
            reasons.Add($"the statement's _type is '{statement?.Type}', not {InTotoStatement.StatementType}");
        }

        if (statement?.PredicateType != InTotoStatement.TestResultPredicateType)
        {
            reasons.Add($"the predicateType is '{statement?.PredicateType}', not {InTotoStatement.TestResultPredicateType}");
        }

        if (statement?.Predicate is not { Result: Passed or Warned or Failed, Configuration: not null })
        {
            reasons.Add("the predicate has no result (PASSED, WARNED or FAILED) or no configuration");
        }

        var subjects = statement?.Subject ?? [];
        var commits = subjects.Select(s => s.Digest?.GetValueOrDefault("gitCommit")).Where(c => c is not null).ToList();
        if (commits.Count == 0)
        {
            reasons.Add("the subject names no gitCommit");
        }
        else if (!commits.Contains(commitSha, StringComparer.OrdinalIgnoreCase))
        {
            reasons.Add($"the attestation is about commit {string.Join(", ", commits)}, not {commitSha}: an attestation of another commit is no evidence for this one");
        }
        else if (treeSha is not null && subjects.First(s => string.Equals(s.Digest?.GetValueOrDefault("gitCommit"), commitSha, StringComparison.OrdinalIgnoreCase)).Digest!.GetValueOrDefault("gitTree") is { } tree
            && !string.Equals(tree, treeSha, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"the attestation names tree {tree}, and commit {commitSha} has tree {treeSha}");
        }

        return reasons.Count > 0
            ? (null, new RejectedAttestation(reasons))
            : (new VerifiedAttestation(valid, statement!, commitSha.ToLowerInvariant()), null);
    }

    private static Dictionary<string, string> Annotations(params (string Key, string? Value)[] values) =>
        values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
}
