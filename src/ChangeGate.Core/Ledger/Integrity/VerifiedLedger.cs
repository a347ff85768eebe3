using LibGit2Sharp;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>
/// A ledger whose every snapshot was checked: each follows from its parent's verified state and its
/// event, from the first event (or from a tip this clone verified before) to <see cref="Tip"/>.
/// </summary>
public sealed class VerifiedLedger
{
    internal VerifiedLedger(ObjectId? tip, LedgerState recorded, TrustedView? trusted, ObjectId? verifiedBefore, IReadOnlyList<LedgerEntry> entries)
    {
        Tip = tip;
        Recorded = recorded;
        Trusted = trusted;
        VerifiedBefore = verifiedBefore;
        Entries = entries;
    }

    /// <summary>The empty ledger (no ref).</summary>
    public static VerifiedLedger Empty { get; } = new(null, LedgerState.Empty, null, null, []);

    /// <summary>The verified tip; null when there is no ledger.</summary>
    public ObjectId? Tip { get; }

    /// <summary>The state the events fold to, which equals every snapshot (<c>state.json</c>) in the chain.</summary>
    public LedgerState Recorded { get; }

    /// <summary>With signed events required: the trusted state and the events that do not count; else null.</summary>
    public TrustedView? Trusted { get; }

    /// <summary>The state decisions are made on: the trusted state when signed events are required, else the recorded one.</summary>
    public LedgerState State => Trusted?.State ?? Recorded;

    /// <summary>The events that do not count (the latest ones); empty when signed events are not required.</summary>
    public IReadOnlyList<UncountedEvent> Uncounted => Trusted?.Uncounted ?? [];

    /// <summary>
    /// The tip an earlier run of this clone verified, from which this verification folded forward;
    /// null when the whole chain was read now (a fresh clone, or a full verification).
    /// </summary>
    public ObjectId? VerifiedBefore { get; }

    /// <summary>The events read by this verification (after <see cref="VerifiedBefore"/>), oldest first.</summary>
    public IReadOnlyList<LedgerEntry> Entries { get; }

    /// <summary>The tip and the state decisions are made on, as readers of the ledger take it.</summary>
    public LedgerHead Head => new(Tip, State) { Recorded = Recorded, Verified = this };
}
