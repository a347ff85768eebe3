using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;

namespace ChangeGate.Cli.Rendering;

/// <summary>What a reader of the ledger should know about how far to trust it: verification, signatures, witnesses, pin.</summary>
internal static class LedgerInputs
{
    /// <summary>Lines for the gate's inputs (and <c>rollout status</c>).</summary>
    public static IReadOnlyList<string> Describe(GatePolicy policy, LedgerHead head)
    {
        var lines = new List<string>();
        if (head.Verified is { } verified)
        {
            lines.Add(verified.VerifiedBefore is null
                ? $"ledger verified: every one of its {verified.Recorded.Sequence} snapshots follows from the events"
                : $"ledger verified: {verified.Entries.Count} new event{(verified.Entries.Count == 1 ? "" : "s")} since {verified.VerifiedBefore.Sha[..12]}, which this clone verified before");
        }

        var ledger = policy.Ledger;
        if (ledger.RequireSignedEvents)
        {
            var uncounted = head.Verified?.Uncounted ?? [];
            lines.Add($"signed events required: {ledger.Signers.Count} key{(ledger.Signers.Count == 1 ? "" : "s")} in ledger.signers" +
                (uncounted.Count == 0 ? "; every event that loosens the gate is signed" : $"; {uncounted.Count} event{(uncounted.Count == 1 ? " does" : "s do")} not count:"));
            lines.AddRange(uncounted.TakeLast(10).Select(u => "  " + u.Describe()));
        }
        else
        {
            lines.Add("warning: identities are unverified (ledger.require-signed-events is false): anyone who can push the ledger can approve, override or resolve as anyone");
        }

        foreach (var witness in head.Witnesses)
        {
            lines.Add(witness.Tip is null
                ? $"witness {witness.Remote}: holds no ledger (the ledger is empty)"
                : $"witness {witness.Remote}: {(witness.Behind == 0 ? "up to date" : $"{witness.Behind} event{(witness.Behind == 1 ? "" : "s")} behind")} ({witness.Tip.Sha[..12]})");
        }

        if (ledger.Witnesses.Count == 0 && ledger.PinnedTip is null)
        {
            lines.Add("warning: no witness and no pinned tip (ledger.witnesses, ledger.pinned-tip): a fresh clone cannot tell a rewound ledger");
        }

        if (ledger.PinnedTip is { } pin)
        {
            lines.Add($"pinned tip {pin[..12]}: in the ledger");
        }

        return lines;
    }
}
