using System.Security.Cryptography;

namespace ChangeGate.Core.Evidence.Records;

/// <summary>
/// Signs evidence records with HMAC-SHA256 over their canonical form, and checks the signature of
/// a stored line against the line's own bytes, so any edit to a signed line is caught.
/// </summary>
public static class EvidenceSigner
{
    /// <summary>Returns <paramref name="record"/> signed with <paramref name="key"/> (any old signature replaced).</summary>
    public static EvidenceRecord Sign(EvidenceRecord record, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(key);
        var unsigned = record with { Signature = null };
        var mac = key.Mac(EvidenceLineFormat.SignedBytes(unsigned));
        return unsigned with { Signature = new EvidenceSignature(EvidenceSignature.HmacSha256, key.KeyId, Convert.ToHexStringLower(mac)) };
    }

    /// <summary>
    /// Checks the signature of a stored evidence line as it is written: the canonical form of the
    /// line's JSON without its "signature" member. Members the record type does not know are
    /// covered too, so adding one by hand also invalidates the signature.
    /// </summary>
    /// <param name="line">One line of an evidence note.</param>
    /// <param name="key">The key, or null when none is configured.</param>
    /// <returns>The status, and a reason when it is not <see cref="SignatureStatus.Valid"/>.</returns>
    public static (SignatureStatus Status, string? Reason) Check(string line, SigningKey? key)
    {
        ArgumentNullException.ThrowIfNull(line);
        using var document = EvidenceLineFormat.TryParse(line);
        if (document is null || document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return (SignatureStatus.Invalid, "the line is not a JSON object");
        }

        var root = document.RootElement;
        if (!root.TryGetProperty(EvidenceLineFormat.SignatureMember, out var signature))
        {
            return (SignatureStatus.Missing, "the record is not signed");
        }

        if (key is null)
        {
            return (SignatureStatus.NotChecked, "no signing key is configured to check the signature");
        }

        if (signature.ValueKind != System.Text.Json.JsonValueKind.Object
            || !signature.TryGetProperty("alg", out var algorithm) || algorithm.ValueKind != System.Text.Json.JsonValueKind.String
            || !signature.TryGetProperty("value", out var value) || value.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            return (SignatureStatus.Invalid, "the signature member is malformed");
        }

        if (algorithm.GetString() != EvidenceSignature.HmacSha256)
        {
            return (SignatureStatus.Invalid, $"the signature algorithm '{algorithm.GetString()}' is not {EvidenceSignature.HmacSha256}");
        }

        byte[] expected;
        try
        {
            expected = key.Mac(CanonicalJson.ToUtf8(root, EvidenceLineFormat.SignatureMember));
        }
        catch (FormatException e)
        {
            return (SignatureStatus.Invalid, $"the record has no canonical form: {e.Message}");
        }

        byte[] actual;
        try
        {
            actual = Convert.FromHexString(value.GetString()!);
        }
        catch (FormatException)
        {
            return (SignatureStatus.Invalid, "the signature value is not hex");
        }

        if (CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return (SignatureStatus.Valid, null);
        }

        var signedWith = signature.TryGetProperty("keyId", out var keyId) && keyId.ValueKind == System.Text.Json.JsonValueKind.String ? keyId.GetString() : null;
        return signedWith is not null && signedWith != key.KeyId
            ? (SignatureStatus.Invalid, $"the record was signed with key {signedWith}, and the configured key is {key.KeyId}")
            : (SignatureStatus.Invalid, "the signature does not match the record (it was changed after signing)");
    }
}
