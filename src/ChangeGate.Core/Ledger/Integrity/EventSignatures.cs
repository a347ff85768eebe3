using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>
/// Signatures of ledger events: <c>signature.json</c> in the event commit's tree, an ECDSA P-256
/// signature (the evidence scheme's keys, key ids and PAE) over a payload that binds the service,
/// the exact bytes of <c>event.json</c> and the parent ledger commit:
/// <code>{"eventSha256":"&lt;hex&gt;","parent":"&lt;40 hex&gt;"|null,"service":"&lt;service&gt;"}</code>
/// signed as PAE(<see cref="PayloadType"/>, payload). Binding the parent means a signature is valid
/// in one place of one chain only: an event copied onto another tip (a replay after a rewind, or into
/// another service's ledger) does not verify, and a write rebased after a lost race is signed again.
/// </summary>
public static class EventSignatures
{
    /// <summary>The name of the signature file in an event commit's tree.</summary>
    public const string FileName = "signature.json";

    /// <summary>The DSSE payload type the signature binds: a signature over anything else never verifies as an event's.</summary>
    public const string PayloadType = "application/vnd.changegate.ledger-event.v1+json";

    /// <summary>The signature algorithm, as written in <c>signature.json</c>.</summary>
    public const string Algorithm = "ECDSA-P256-SHA256";

    /// <summary>The largest <c>signature.json</c> read: a signature is a few hundred bytes.</summary>
    internal const int MaxBytes = 16 * 1024;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = EventSignatureJsonContext.Default,
    };

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = 4,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = EventSignatureJsonContext.Default,
    };

    /// <summary>The bytes the signature covers (before PAE) for an event of <paramref name="service"/> on top of <paramref name="parent"/>.</summary>
    public static byte[] Payload(string service, string? parent, ReadOnlySpan<byte> eventJson)
    {
        ArgumentNullException.ThrowIfNull(service);
        var digest = Convert.ToHexStringLower(SHA256.HashData(eventJson));
        var parentText = parent is null ? "null" : $"\"{parent.ToLowerInvariant()}\"";

        // Members in canonical (ordinal) order, no whitespace: the JSON Canonicalization Scheme for these three strings.
        return Encoding.UTF8.GetBytes($"{{\"eventSha256\":\"{digest}\",\"parent\":{parentText},\"service\":{JsonSerializer.Serialize(service, EventSignatureJsonContext.Default.String)}}}");
    }

    /// <summary>The <c>signature.json</c> text signing <paramref name="eventJson"/> with <paramref name="key"/>.</summary>
    public static string Sign(SigningKey key, string service, string? parent, ReadOnlySpan<byte> eventJson)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.Sign(PayloadType, Payload(service, parent, eventJson));
        var file = new EventSignatureFile { PayloadType = PayloadType, Alg = Algorithm, KeyId = key.KeyId, Sig = Convert.ToBase64String(signature) };
        return JsonSerializer.Serialize(file, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<EventSignatureFile>)WriteOptions.GetTypeInfo(typeof(EventSignatureFile))) + "\n";
    }

    /// <summary>
    /// Checks the signature of an event by <paramref name="actor"/>: valid only when a key that
    /// <paramref name="policy"/> lists for that actor (and has not revoked) signed exactly this event,
    /// service and parent.
    /// </summary>
    /// <param name="signatureJson">The text of <c>signature.json</c>, or null when the commit has none.</param>
    /// <param name="service">The ledger's service.</param>
    /// <param name="parent">The parent ledger commit (full SHA), or null for the first event.</param>
    /// <param name="eventJson">The bytes of <c>event.json</c>.</param>
    /// <param name="actor">The event's actor.</param>
    /// <param name="policy">The signers and revoked keys.</param>
    public static SignatureCheck Check(string? signatureJson, string service, string? parent, ReadOnlySpan<byte> eventJson, string actor, LedgerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (signatureJson is null)
        {
            return SignatureCheck.Missing;
        }

        EventSignatureFile? file;
        try
        {
            file = JsonSerializer.Deserialize(signatureJson, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<EventSignatureFile>)ReadOptions.GetTypeInfo(typeof(EventSignatureFile)));
        }
        catch (JsonException e)
        {
            return Invalid(null, $"{FileName} is not a changegate event signature ({e.Message.Split(". ")[0].TrimEnd('.')})");
        }

        if (file is null || file.KeyId is null || file.Sig is null || file.Alg is null || file.PayloadType is null)
        {
            return Invalid(file?.KeyId, $"{FileName} lacks {(file is null ? "everything" : string.Join(", ", Missing(file)))}");
        }

        if (file.PayloadType != PayloadType || file.Alg != Algorithm)
        {
            return Invalid(file.KeyId, $"{FileName} is for payload type '{file.PayloadType}' with '{file.Alg}', not a changegate ledger event ({PayloadType}, {Algorithm})");
        }

        if (!KeyIds.IsWellFormed(file.KeyId) || !DsseEnvelope.TryBase64(file.Sig, out var bytes) || bytes.Length == 0)
        {
            return Invalid(file.KeyId, $"{FileName} holds a malformed key id or signature");
        }

        if (policy.RevocationOf(file.KeyId) is { } revoked)
        {
            return new SignatureCheck(SignatureVerdict.RevokedKey, file.KeyId, $"it is signed with key {KeyIds.Short(file.KeyId)}, which the policy revoked ({revoked.Describe()})");
        }

        if (policy.SignerOf(file.KeyId) is not { } signer)
        {
            return new SignatureCheck(SignatureVerdict.UntrustedKey, file.KeyId, $"it is signed with key {KeyIds.Short(file.KeyId)}, which ledger.signers does not list");
        }

        if (!string.Equals(signer.Actor, actor, StringComparison.OrdinalIgnoreCase))
        {
            return new SignatureCheck(SignatureVerdict.UntrustedKey, file.KeyId, $"it is signed with {signer.Key.Name ?? KeyIds.Short(file.KeyId)}, a key ledger.signers lists for {signer.Actor}, not for {actor}", signer.Key.Name);
        }

        return signer.Key.Verifies(PayloadType, Payload(service, parent, eventJson), bytes)
            ? new SignatureCheck(SignatureVerdict.Valid, file.KeyId, null, signer.Key.Name)
            : new SignatureCheck(SignatureVerdict.Invalid, file.KeyId,
                $"the signature by {signer.Key.Name ?? KeyIds.Short(file.KeyId)} does not verify: the event, its place in the chain (parent) or the service differ from what was signed (an edited or copied event)", signer.Key.Name);
    }

    private static SignatureCheck Invalid(string? keyId, string reason) => new(SignatureVerdict.Invalid, keyId, reason);

    private static IEnumerable<string> Missing(EventSignatureFile file)
    {
        if (file.PayloadType is null)
        {
            yield return "payloadType";
        }

        if (file.Alg is null)
        {
            yield return "alg";
        }

        if (file.KeyId is null)
        {
            yield return "keyId";
        }

        if (file.Sig is null)
        {
            yield return "sig";
        }
    }
}

/// <summary><c>signature.json</c> as written.</summary>
internal sealed class EventSignatureFile
{
    [JsonPropertyName("payloadType")]
    public string? PayloadType { get; set; }

    [JsonPropertyName("alg")]
    public string? Alg { get; set; }

    [JsonPropertyName("keyId")]
    public string? KeyId { get; set; }

    [JsonPropertyName("sig")]
    public string? Sig { get; set; }
}

/// <summary>Source-generated JSON for event signatures (no reflection: the CLI is published Native AOT).</summary>
[JsonSerializable(typeof(EventSignatureFile))]
[JsonSerializable(typeof(string))]
internal sealed partial class EventSignatureJsonContext : JsonSerializerContext;
