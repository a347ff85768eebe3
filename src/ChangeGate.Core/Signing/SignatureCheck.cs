namespace ChangeGate.Core.Signing;

/// <summary>What checking one signature found.</summary>
public enum SignatureVerdict
{
    /// <summary>There is no signature.</summary>
    Missing,

    /// <summary>The signature is malformed or does not verify under the key it names.</summary>
    Invalid,

    /// <summary>The key that signed is not trusted by the policy.</summary>
    UntrustedKey,

    /// <summary>The key that signed was revoked by the policy.</summary>
    RevokedKey,

    /// <summary>A trusted key made the signature over exactly this content.</summary>
    Valid,
}

/// <summary>The verdict on a signature, the key it names, and why it is not valid.</summary>
/// <param name="Verdict">Valid, or what is wrong.</param>
/// <param name="KeyId">The key the signature names, when it names one.</param>
/// <param name="Reason">Why it is not valid, as a clause ("it is signed with key ..."); null when valid.</param>
/// <param name="KeyName">The trusted key's name from the policy, when it has one.</param>
public sealed record SignatureCheck(SignatureVerdict Verdict, string? KeyId, string? Reason, string? KeyName = null)
{
    /// <summary>No signature.</summary>
    public static SignatureCheck Missing { get; } = new(SignatureVerdict.Missing, null, "it is not signed");

    /// <summary>True when a trusted key made it.</summary>
    public bool IsValid => Verdict == SignatureVerdict.Valid;
}
