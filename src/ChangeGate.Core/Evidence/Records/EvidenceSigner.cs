using System.Text.Json;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Evidence.Records;

/// <summary>
/// Signs evidence records with an ECDSA P-256 private key, and checks the signature of a stored
/// line against the line's own bytes with the policy's public keys, so any edit to a signed line
/// is caught and no verifier can sign.
/// </summary>
/// <remarks>
/// The signature covers <c>PAE("application/vnd.changegate.evidence.v2+json", canonical form of
/// the record without its "signature" member)</c>, DSSE's pre-authentication encoding: the same
/// key signs in-toto attestations (and, later, ledger events) under other payload types, and
/// none of those signatures can be passed off as one on a record.
/// </remarks>
public static class EvidenceSigner
{
    /// <summary>The payload type bound into every record signature.</summary>
    public const string PayloadType = "application/vnd.changegate.evidence.v2+json";

    /// <summary>Returns <paramref name="record"/> signed with <paramref name="key"/> (any old signature replaced).</summary>
    public static EvidenceRecord Sign(EvidenceRecord record, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(key);
        var unsigned = record with { Signature = null };
        var signature = key.Sign(PayloadType, EvidenceLineFormat.SignedBytes(unsigned));
        return unsigned with { Signature = new EvidenceSignature(EvidenceSignature.EcdsaP256Sha256, key.KeyId, Convert.ToBase64String(signature)) };
    }

    /// <summary>
    /// Checks the signature of a stored evidence line as it is written: the canonical form of the
    /// line's JSON without its "signature" member. Members the record type does not know are
    /// covered too, so adding one by hand also invalidates the signature.
    /// </summary>
    /// <param name="line">One line of an evidence note.</param>
    /// <param name="keys">The policy's trusted and revoked keys.</param>
    public static SignatureCheck Check(string line, KeyTrust keys)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(keys);
        using var document = EvidenceLineFormat.TryParse(line);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return new SignatureCheck(SignatureVerdict.Invalid, null, "the line is not a JSON object");
        }

        var root = document.RootElement;
        if (!root.TryGetProperty(EvidenceLineFormat.SignatureMember, out var signature))
        {
            return SignatureCheck.Missing;
        }

        if (signature.ValueKind != JsonValueKind.Object
            || !signature.TryGetProperty("alg", out var algorithm) || algorithm.ValueKind != JsonValueKind.String
            || !signature.TryGetProperty("keyId", out var keyIdElement) || keyIdElement.ValueKind != JsonValueKind.String
            || !signature.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return new SignatureCheck(SignatureVerdict.Invalid, null, "the signature member is malformed");
        }

        var keyId = keyIdElement.GetString()!;
        if (algorithm.GetString() != EvidenceSignature.EcdsaP256Sha256)
        {
            return new SignatureCheck(SignatureVerdict.Invalid, keyId, $"the signature algorithm '{algorithm.GetString()}' is not {EvidenceSignature.EcdsaP256Sha256}");
        }

        byte[] signed;
        try
        {
            signed = CanonicalJson.ToUtf8(root, EvidenceLineFormat.SignatureMember);
        }
        catch (FormatException e)
        {
            return new SignatureCheck(SignatureVerdict.Invalid, keyId, $"the record has no canonical form: {e.Message}");
        }

        if (!DsseEnvelope.TryBase64(value.GetString()!, out var bytes) || bytes.Length == 0)
        {
            return new SignatureCheck(SignatureVerdict.Invalid, keyId, "the signature value is not base64");
        }

        return keys.Check(PayloadType, signed, keyId, bytes);
    }
}
