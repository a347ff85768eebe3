using System.Security.Cryptography;

namespace ChangeGate.Core.Signing;

/// <summary>Reads ECDSA P-256 keys from PEM text with errors a user can act on.</summary>
internal static class EcdsaPem
{
    /// <summary>The OID of NIST P-256 (prime256v1, secp256r1).</summary>
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public const string MakeKeyHint =
        "make a key pair with `changegate evidence keygen --output DIR` (or `openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out key.pem` and `openssl ec -in key.pem -pubout -out key.pub.pem`)";

    /// <summary>Imports a private key; <paramref name="what"/> names the input in messages.</summary>
    public static Result<ECDsa> ImportPrivate(string pem, string what) => Import(pem, what, wantPrivate: true);

    /// <summary>Imports a public key (SubjectPublicKeyInfo, "BEGIN PUBLIC KEY").</summary>
    public static Result<ECDsa> ImportPublic(string pem, string what) => Import(pem, what, wantPrivate: false);

    private static Result<ECDsa> Import(string pem, string what, bool wantPrivate)
    {
        var kind = wantPrivate ? "private" : "public";
        if (string.IsNullOrWhiteSpace(pem) || !pem.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            return Fail($"{what} holds no PEM text (no \"-----BEGIN\" line)", wantPrivate
                ? $"give the PEM text of an ECDSA P-256 {kind} key (-----BEGIN PRIVATE KEY-----); an HMAC secret from an older changegate is no longer accepted: {MakeKeyHint}"
                : $"give the PEM text of an ECDSA P-256 public key (-----BEGIN PUBLIC KEY-----): {MakeKeyHint}");
        }

        if (pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return Fail($"{what} is an encrypted private key, and changegate reads unencrypted keys only", "keep the key in the CI secret store instead of encrypting it: `openssl pkcs8 -topk8 -nocrypt -in encrypted.pem -out key.pem`");
        }

        if (pem.Contains("-----BEGIN OPENSSH PRIVATE KEY-----", StringComparison.Ordinal) || pem.Contains("-----BEGIN RSA ", StringComparison.Ordinal))
        {
            return Fail($"{what} is not an ECDSA P-256 key (it is an {(pem.Contains("OPENSSH", StringComparison.Ordinal) ? "OpenSSH" : "RSA")} key)", MakeKeyHint);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var parameters = key.ExportParameters(includePrivateParameters: false);
            if (parameters.Curve.Oid?.Value != P256Oid && parameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256" or "prime256v1" or "secp256r1"))
            {
                key.Dispose();
                return Fail($"{what} is an ECDSA key on curve {parameters.Curve.Oid?.FriendlyName ?? parameters.Curve.Oid?.Value ?? "(explicit parameters)"}, not P-256", MakeKeyHint);
            }

            if (wantPrivate && !HasPrivatePart(key))
            {
                key.Dispose();
                return Fail($"{what} is a public key; signing needs the private key", "give the private key file (-----BEGIN PRIVATE KEY-----), kept as a CI secret; the public key goes into the policy");
            }

            return Result<ECDsa>.Ok(key);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return Fail($"{what} is not a readable ECDSA P-256 {kind} key ({e.Message.TrimEnd('.')})", MakeKeyHint);
        }
    }

    private static bool HasPrivatePart(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static Result<ECDsa> Fail(string message, string fix) => Result<ECDsa>.Fail(new Problem(message, fix));
}
