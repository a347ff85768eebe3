using System.Security.Cryptography;
using System.Text;

namespace ChangeGate.Core.Evidence.Records;

/// <summary>
/// The secret that signs and verifies evidence (the CLI reads it from CHANGEGATE_SIGNING_KEY).
/// The key is the UTF-8 bytes of the secret text; its <see cref="KeyId"/> is a fingerprint that
/// can be shown and stored without revealing the key.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The shortest secret accepted, in characters.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _key;

    private SigningKey(byte[] key)
    {
        _key = key;
        var fingerprint = SHA256.HashData([.. "changegate-signing-key:"u8, .. key]);
        KeyId = Convert.ToHexStringLower(fingerprint.AsSpan(0, 8));
    }

    /// <summary>16 hex digits derived from the key, the same for the same key everywhere.</summary>
    public string KeyId { get; }

    /// <summary>Makes a key from a secret, or says why the secret cannot be one.</summary>
    /// <param name="secret">The secret text, such as the value of CHANGEGATE_SIGNING_KEY.</param>
    public static EvidenceResult<SigningKey> FromSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return new EvidenceError(
                "The signing key is empty.",
                "Set CHANGEGATE_SIGNING_KEY to a random secret, such as the output of `openssl rand -base64 32`, kept in the CI secret store.");
        }

        if (secret.Length < MinimumLength)
        {
            return new EvidenceError(
                $"The signing key is too short ({secret.Length} characters; at least {MinimumLength} are needed).",
                "Use a random secret of 32 bytes or more, such as the output of `openssl rand -base64 32`.");
        }

        return new SigningKey(Encoding.UTF8.GetBytes(secret));
    }

    internal byte[] Mac(byte[] data) => HMACSHA256.HashData(_key, data);
}
