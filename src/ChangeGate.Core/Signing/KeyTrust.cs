namespace ChangeGate.Core.Signing;

/// <summary>
/// The keys a verifier trusts and the keys it has revoked (from the policy). Verification needs
/// only public keys: whoever can verify cannot sign.
/// </summary>
public sealed class KeyTrust
{
    /// <summary>Creates a key list; an id may not be both trusted and revoked (the policy reader refuses that).</summary>
    public KeyTrust(IReadOnlyList<TrustedKey> trusted, IReadOnlyList<RevokedKey> revoked)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        ArgumentNullException.ThrowIfNull(revoked);
        Trusted = trusted;
        Revoked = revoked;
    }

    /// <summary>No key trusted, none revoked.</summary>
    public static KeyTrust None { get; } = new([], []);

    /// <summary>The trusted keys.</summary>
    public IReadOnlyList<TrustedKey> Trusted { get; }

    /// <summary>The revoked keys.</summary>
    public IReadOnlyList<RevokedKey> Revoked { get; }

    /// <summary>The trusted key with <paramref name="keyId"/>, or null.</summary>
    public TrustedKey? Find(string keyId) => Trusted.FirstOrDefault(k => k.Id == keyId);

    /// <summary>The revocation of <paramref name="keyId"/>, or null.</summary>
    public RevokedKey? RevocationOf(string keyId) => Revoked.FirstOrDefault(k => k.Id == keyId);

    /// <summary>
    /// Checks a signature made by the key <paramref name="keyId"/> names: a revoked or unknown key
    /// fails whatever the signature, a trusted key must verify it over PAE(type, payload).
    /// </summary>
    /// <param name="payloadType">The payload type the signer bound into the signature.</param>
    /// <param name="payload">The signed bytes.</param>
    /// <param name="keyId">The key the signature says it was made with.</param>
    /// <param name="signature">The DER signature.</param>
    public SignatureCheck Check(string payloadType, ReadOnlySpan<byte> payload, string keyId, byte[] signature)
    {
        if (RevocationOf(keyId) is { } revoked)
        {
            return new SignatureCheck(SignatureVerdict.RevokedKey, keyId, $"it is signed with key {keyId}, which the policy revoked ({revoked.Describe()})");
        }

        if (Find(keyId) is not { } key)
        {
            return new SignatureCheck(SignatureVerdict.UntrustedKey, keyId, Trusted.Count == 0
                ? $"it is signed with key {keyId}, and the policy trusts no key (evidence.trusted-keys is empty)"
                : $"it is signed with key {keyId}, which is not among the policy's trusted keys ({string.Join(", ", Trusted.Select(k => k.Name ?? KeyIds.Short(k.Id)))})");
        }

        return key.Verifies(payloadType, payload, signature)
            ? new SignatureCheck(SignatureVerdict.Valid, keyId, null, key.Name)
            : new SignatureCheck(SignatureVerdict.Invalid, keyId, $"the signature does not verify under key {key.Display}: the signed content was changed after signing, or the signature was made with another key", key.Name);
    }
}
