using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeGate.Core.Signing;

/// <summary>
/// A DSSE envelope (secure-systems-lab/dsse, envelope.md): a payload, its type, and signatures
/// over PAE(payloadType, payload). Written as <c>{"payloadType", "payload" (base64), "signatures":
/// [{"keyid", "sig" (base64)}]}</c>; standard and URL-safe base64 are both read.
/// </summary>
/// <param name="PayloadType">The payload type, such as <c>application/vnd.in-toto+json</c>.</param>
/// <param name="Payload">The serialized body.</param>
/// <param name="Signatures">The signatures (at least one in an envelope that was read).</param>
public sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures)
{
    /// <summary>The in-toto payload type.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>The largest envelope read, in bytes: an attestation of test results is kilobytes.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    // '+' in the payload type and base64 stay as they are, not \u002B: the file is no HTML.
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = DsseJsonContext.Default,
    };

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = 8,
        TypeInfoResolver = DsseJsonContext.Default,
    };

    /// <summary>Signs <paramref name="payload"/> with <paramref name="key"/>.</summary>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new DsseEnvelope(payloadType, payload, [new DsseSignature(key.KeyId, key.Sign(payloadType, payload))]);
    }

    /// <summary>The envelope as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new DsseEnvelopeJson
        {
            PayloadType = PayloadType,
            Payload = Convert.ToBase64String(Payload),
            Signatures = [.. Signatures.Select(s => new DsseSignatureJson { KeyId = s.KeyId, Sig = Convert.ToBase64String(s.Signature) })],
        },
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<DsseEnvelopeJson>)WriteOptions.GetTypeInfo(typeof(DsseEnvelopeJson))) + "\n";

    /// <summary>Reads an envelope; anything that is not one is a problem naming <paramref name="what"/> and what is wrong.</summary>
    public static Result<DsseEnvelope> Parse(string json, string what)
    {
        DsseEnvelopeJson? read;
        try
        {
            read = JsonSerializer.Deserialize(json, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<DsseEnvelopeJson>)ReadOptions.GetTypeInfo(typeof(DsseEnvelopeJson)));
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{what}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : what;
            return Malformed($"{where}: not a DSSE envelope: the JSON does not parse ({FirstSentence(e.Message)})", what);
        }

        if (read is null)
        {
            return Malformed($"{what}: not a DSSE envelope: it is JSON null", what);
        }

        if (string.IsNullOrEmpty(read.PayloadType))
        {
            return Malformed($"{what}: not a DSSE envelope: \"payloadType\" is missing or empty", what);
        }

        if (read.Payload is null || !TryBase64(read.Payload, out var payload))
        {
            return Malformed($"{what}: not a DSSE envelope: \"payload\" is {(read.Payload is null ? "missing" : "not base64")}", what);
        }

        if (read.Signatures is not { Count: > 0 })
        {
            return Malformed($"{what}: the envelope has no signatures", what);
        }

        var signatures = new List<DsseSignature>();
        foreach (var (signature, index) in read.Signatures.Select((s, i) => (s, i)))
        {
            if (signature?.Sig is null || !TryBase64(signature.Sig, out var bytes) || bytes.Length == 0)
            {
                return Malformed($"{what}: signature {index + 1} has no base64 \"sig\"", what);
            }

            signatures.Add(new DsseSignature(string.IsNullOrEmpty(signature.KeyId) ? null : signature.KeyId, bytes));
        }

        return Result<DsseEnvelope>.Ok(new DsseEnvelope(read.PayloadType, payload, signatures));
    }

    /// <summary>
    /// DSSE verification with a threshold of one: some signature verifies under a trusted,
    /// unrevoked key (the keyid, when given, only picks the key to try). Returns the first valid
    /// check, or every reason the signatures failed.
    /// </summary>
    public (SignatureCheck? Valid, IReadOnlyList<string> Failures) Verify(KeyTrust keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var failures = new List<string>();
        foreach (var signature in Signatures)
        {
            if (signature.KeyId is { } keyId)
            {
                var check = keys.Check(PayloadType, Payload, keyId, signature.Signature);
                if (check.IsValid)
                {
                    return (check, failures);
                }

                failures.Add(check.Reason!);
                continue;
            }

            // No keyid: it is only a hint, so try every trusted key.
            var match = keys.Trusted.FirstOrDefault(k => k.Verifies(PayloadType, Payload, signature.Signature));
            if (match is not null)
            {
                return (new SignatureCheck(SignatureVerdict.Valid, match.Id, null, match.Name), failures);
            }

            failures.Add("a signature without a keyid does not verify under any trusted key");
        }

        return (null, failures);
    }

    private static Result<DsseEnvelope> Malformed(string message, string what) =>
        Result<DsseEnvelope>.Fail(new Problem(message, $"give the envelope exactly as `changegate evidence export` (or another DSSE signer) wrote it; {what} is damaged or not an attestation"));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    /// <summary>Standard or URL-safe base64, padded or not (DSSE: verifiers must accept either).</summary>
    internal static bool TryBase64(string text, out byte[] bytes)
    {
        var normal = text.Trim().Replace('-', '+').Replace('_', '/');
        normal = (normal.Length % 4) switch
        {
            2 => normal + "==",
            3 => normal + "=",
            _ => normal,
        };
        bytes = new byte[normal.Length / 4 * 3 + 3];
        if (Convert.TryFromBase64String(normal, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}

/// <summary>One DSSE signature.</summary>
/// <param name="KeyId">The key id hint, or null.</param>
/// <param name="Signature">The signature bytes (DER for ECDSA).</param>
public sealed record DsseSignature(string? KeyId, byte[] Signature);

/// <summary>The envelope as it is written (member names from envelope.md).</summary>
internal sealed class DsseEnvelopeJson
{
    [JsonPropertyName("payloadType")]
    public string? PayloadType { get; set; }

    [JsonPropertyName("payload")]
    public string? Payload { get; set; }

    [JsonPropertyName("signatures")]
    public List<DsseSignatureJson?>? Signatures { get; set; }
}

/// <summary>One signature as it is written.</summary>
internal sealed class DsseSignatureJson
{
    [JsonPropertyName("keyid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KeyId { get; set; }

    [JsonPropertyName("sig")]
    public string? Sig { get; set; }
}

/// <summary>Source-generated JSON for DSSE envelopes (no reflection: the CLI is published Native AOT).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(DsseEnvelopeJson))]
internal sealed partial class DsseJsonContext : JsonSerializerContext;
