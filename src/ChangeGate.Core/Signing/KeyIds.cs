using System.Security.Cryptography;

namespace ChangeGate.Core.Signing;

/// <summary>
/// Key ids: the lower-case hex SHA-256 of the key's DER SubjectPublicKeyInfo, as
/// <c>openssl pkey -pubin -in key.pub.pem -outform DER | sha256sum</c> prints it. The id is
/// derived from the key, never chosen, so a policy cannot give a key another key's name: a
/// declared id that does not match its key is a policy error.
/// </summary>
public static class KeyIds
{
    /// <summary>The number of hex digits in a key id.</summary>
    public const int Length = 64;

    /// <summary>The id of <paramref name="key"/> (public part only is used).</summary>
    public static string Of(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>True when <paramref name="text"/> has the shape of a key id (64 lower-case hex digits).</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.All(char.IsAsciiHexDigitLower);

    /// <summary>The first 16 digits, for messages where the whole id would drown the sentence.</summary>
    public static string Short(string keyId) => keyId.Length > 16 ? keyId[..16] : keyId;
}
