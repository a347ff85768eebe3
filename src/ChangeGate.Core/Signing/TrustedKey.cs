using System.Security.Cryptography;

namespace ChangeGate.Core.Signing;

/// <summary>A public key the policy trusts to sign: its id, an optional name for people, and the key.</summary>
public sealed class TrustedKey
{
    private readonly ECDsa _key;

    // ECDsa instances are not documented as safe to use from several threads at once.
    private readonly Lock _lock = new();

    private TrustedKey(string id, string? name, ECDsa key, string pem)
    {
        Id = id;
        Name = name;
        _key = key;
        Pem = pem;
    }

    /// <summary>The key id (SHA-256 of its SubjectPublicKeyInfo, 64 hex digits).</summary>
    public string Id { get; }

    /// <summary>A name for people, such as "ci-2026", or null.</summary>
    public string? Name { get; }

    /// <summary>The public key as SubjectPublicKeyInfo PEM.</summary>
    public string Pem { get; }

    /// <summary>The id with the name, for messages: <c>ci-2026 (4f1c...)</c>.</summary>
    public string Display => Name is null ? Id : $"{Name} ({Id})";

    /// <summary>
    /// Reads a public key from PEM and checks it against the id the policy declares for it.
    /// </summary>
    /// <param name="pem">The PEM text ("BEGIN PUBLIC KEY").</param>
    /// <param name="declaredId">The id the policy gives the key; must equal its fingerprint.</param>
    /// <param name="name">A name for people, or null.</param>
    /// <param name="what">What the text is, for messages.</param>
    public static Result<TrustedKey> FromPem(string pem, string declaredId, string? name, string what)
    {
        var key = EcdsaPem.ImportPublic(pem, what);
        if (!key.IsSuccess)
        {
            return Result<TrustedKey>.Fail(key.Problems);
        }

        var actual = KeyIds.Of(key.Value);
        if (!string.Equals(actual, declaredId, StringComparison.Ordinal))
        {
            key.Value.Dispose();
            return Result<TrustedKey>.Fail(new Problem(
                $"the key id {declaredId} does not match {what}, whose id is {actual}",
                $"write `id: {actual}` (the SHA-256 of the key's SubjectPublicKeyInfo: `openssl pkey -pubin -in KEY.pub.pem -outform DER | sha256sum`), or give the key this id belongs to"));
        }

        return Result<TrustedKey>.Ok(new TrustedKey(actual, name, key.Value, key.Value.ExportSubjectPublicKeyInfoPem()));
    }

    /// <summary>True when <paramref name="signature"/> (DER) signs PAE(<paramref name="payloadType"/>, <paramref name="payload"/>) under this key.</summary>
    public bool Verifies(string payloadType, ReadOnlySpan<byte> payload, byte[] signature)
    {
        var pae = Pae.Encode(payloadType, payload);
        try
        {
            lock (_lock)
            {
                return _key.VerifyData(pae, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
