using ChangeGate.Core.Policy;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>What protects a ledger beyond its chain: signed events, witnesses and a pinned tip (the policy's <c>ledger</c> section).</summary>
/// <param name="Ledger">The <c>ledger</c> section.</param>
/// <param name="Trust">With signed events required, the signers and roles; else null.</param>
public sealed record LedgerGuards(LedgerPolicy Ledger, LedgerTrust? Trust)
{
    /// <summary>Nothing but the chain: no signatures required, no witness, no pin.</summary>
    public static LedgerGuards None { get; } = new(LedgerPolicy.Default, null);

    /// <summary>The remotes every write pushes to and every read compares with.</summary>
    public IReadOnlyList<string> Witnesses => Ledger.Witnesses;

    /// <summary>The ledger commit the ledger must contain, or null.</summary>
    public string? PinnedTip => Ledger.PinnedTip;

    /// <summary>The guards <paramref name="policy"/> asks for.</summary>
    public static LedgerGuards From(GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new LedgerGuards(policy.Ledger, LedgerTrust.From(policy));
    }
}
