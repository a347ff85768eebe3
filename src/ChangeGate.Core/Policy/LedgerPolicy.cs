using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Policy;

/// <summary>An actor and one key the policy trusts to sign that actor's ledger events.</summary>
/// <param name="Actor">The actor, as events name it (an e-mail address); matched ignoring case.</param>
/// <param name="Key">The public key; its id is derived from the key (see <see cref="KeyIds"/>).</param>
public sealed record LedgerSigner(string Actor, TrustedKey Key);

/// <summary>
/// The <c>ledger</c> section: what protects the ledger against someone with push rights to the
/// repository's refs. Signed events (identities bound to keys), witnesses (other remotes every write
/// goes to, so a rewound remote is noticed by a fresh clone) and a pinned tip (a ledger commit the
/// reviewed policy vouches for). See docs/ledger.md, "Threat model".
/// </summary>
/// <param name="RequireSignedEvents">
/// True: an event that loosens the gate (an approval, an override, a resolution, a promotion, a
/// successful deploy, ...) counts only when its commit carries a valid signature by a key listed in
/// <paramref name="Signers"/> for its actor, and the actor holds the role the event needs.
/// </param>
/// <param name="Signers">The keys of the actors, several per actor while a key is rotated.</param>
/// <param name="RevokedKeys">Keys trusted no more: nothing they signed counts, whatever its date.</param>
/// <param name="Witnesses">Git remotes besides the ledger's own that every write pushes to and every read compares with.</param>
public sealed record LedgerPolicy(bool RequireSignedEvents, IReadOnlyList<LedgerSigner> Signers, IReadOnlyList<RevokedKey> RevokedKeys, IReadOnlyList<string> Witnesses)
{
    /// <summary>No section: identities are not verified, no witness, no pin (today's behaviour).</summary>
    public static LedgerPolicy Default { get; } = new(false, [], [], []);

    /// <summary>
    /// A ledger commit (full SHA) the ledger must contain: a rewind past it is refused even by a fresh
    /// clone with no witness. It is committed with the policy, so branch protection covers it.
    /// </summary>
    public string? PinnedTip { get; init; }

    /// <summary>
    /// With <see cref="RequireSignedEvents"/>: the ledger commit up to which (inclusive) events count as
    /// recorded, signed or not: the history written before signing was turned on. Null: every event needs its signature.
    /// </summary>
    public string? UnsignedUntil { get; init; }

    /// <summary>The keys listed for <paramref name="actor"/> (ignoring case).</summary>
    public IEnumerable<LedgerSigner> KeysOf(string actor) => Signers.Where(s => string.Equals(s.Actor, actor, StringComparison.OrdinalIgnoreCase));

    /// <summary>The signer entry of the key <paramref name="keyId"/>, or null.</summary>
    public LedgerSigner? SignerOf(string keyId) => Signers.FirstOrDefault(s => s.Key.Id == keyId);

    /// <summary>The revocation of <paramref name="keyId"/>, or null.</summary>
    public RevokedKey? RevocationOf(string keyId) => RevokedKeys.FirstOrDefault(k => k.Id == keyId);
}
