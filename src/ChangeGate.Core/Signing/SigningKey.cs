using System.Security.Cryptography;

namespace ChangeGate.Core.Signing;

/// <summary>
/// An ECDSA P-256 private key that signs ChangeGate payloads (evidence records, in-toto
/// attestations). Held only by the job that produces them (a CI secret); verifiers hold the public
/// key, listed in the policy. Every signature covers <see cref="Pae"/> of a payload type and the
/// payload, and is DER-encoded (ASN.1 SEQUENCE of r and s), as DSSE and Sigstore write ECDSA.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    // ECDsa instances are not documented as safe to use from several threads at once.
    private readonly Lock _lock = new();

    private SigningKey(ECDsa key)
    {
        _key = key;
        KeyId = KeyIds.Of(key);
    }

    /// <summary>The key id: SHA-256 of the public key's SubjectPublicKeyInfo (see <see cref="KeyIds"/>).</summary>
    public string KeyId { get; }

    /// <summary>Reads a private key from PEM ("BEGIN PRIVATE KEY" or "BEGIN EC PRIVATE KEY").</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="what">What the text is, for messages (such as "the file key.pem" or "CHANGEGATE_SIGNING_KEY").</param>
    public static Result<SigningKey> FromPem(string pem, string what)
    {
        var key = EcdsaPem.ImportPrivate(pem, what);
        return key.IsSuccess ? Result<SigningKey>.Ok(new SigningKey(key.Value)) : Result<SigningKey>.Fail(key.Problems);
    }

    /// <summary>Makes a new random P-256 key pair.</summary>
    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The private key as unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY").</summary>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>The public key as SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY"), for the policy.</summary>
    public string ExportPublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The public half, as a verifier holds it.</summary>
    public TrustedKey PublicKey(string? name = null) => TrustedKey.FromPem(ExportPublicKeyPem(), KeyId, name, "the generated key").Value;

    /// <summary>Signs <see cref="Pae.Encode"/>(<paramref name="payloadType"/>, <paramref name="payload"/>) with ECDSA P-256 and SHA-256.</summary>
    /// <returns>The DER-encoded signature.</returns>
    public byte[] Sign(string payloadType, ReadOnlySpan<byte> payload)
    {
        var pae = Pae.Encode(payloadType, payload);
        lock (_lock)
        {
            return _key.SignData(pae, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
