namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>A ledger event that does not count for the gate, and what follows from that.</summary>
/// <param name="Commit">The ledger commit holding it (full SHA).</param>
/// <param name="EventId">The event's id.</param>
/// <param name="Kind">The event's type, e.g. <c>approval-granted</c>.</param>
/// <param name="Actor">Who it names as actor.</param>
/// <param name="At">When it says it happened.</param>
/// <param name="Reason">Why it does not count (unsigned, an untrusted key, not the actor's role...).</param>
/// <param name="Effect">What the gate decides on instead, e.g. "INC-1 stays open".</param>
public sealed record UncountedEvent(string Commit, Guid EventId, string Kind, string Actor, DateTimeOffset At, string Reason, string Effect)
{
    /// <summary>What the event was about: the rollout (approvals, steps, deploys), the incident (resolutions), the freeze (lifts) or the override; null for others.</summary>
    public string? Subject { get; init; }

    /// <summary>One line for people.</summary>
    public string Describe() => $"{Kind} by {Actor} at {At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (ledger commit {Commit[..Math.Min(12, Commit.Length)]}) does not count: {Reason}; {Effect}";
}

/// <summary>A rollout the trusted state treats as aborted because a step that let it go on was not signed.</summary>
/// <param name="RolloutId">The rollout.</param>
/// <param name="Reason">Why, for the rollout's status reason.</param>
public sealed record VoidedRollout(string RolloutId, string Reason);

/// <summary>
/// The state the gate decides on when signed events are required: the ledger's events folded with
/// every loosening event that does not count taken out (or turned into its restrictive reading), the
/// voided rollout, and the events that did not count (the latest ones, for messages).
/// </summary>
/// <param name="State">The trusted state.</param>
/// <param name="Void">The latest rollout when it is void, else null.</param>
/// <param name="Uncounted">The most recent events that did not count, oldest first.</param>
public sealed record TrustedView(LedgerState State, VoidedRollout? Void, IReadOnlyList<UncountedEvent> Uncounted)
{
    /// <summary>The most uncounted events kept for messages.</summary>
    public const int MaxUncounted = 50;

    /// <summary>The empty ledger.</summary>
    public static TrustedView Empty { get; } = new(LedgerState.Empty, null, []);
}

/// <summary>
/// Folds events into the trusted state. An event that counts is folded as usual; one that does not
/// (see <see cref="LedgerTrust.WhyNotCounted"/>) is folded by the restrictive reading of its type:
/// <list type="bullet">
/// <item>an approval, an override, a resolution, an emergency-freeze lift or a passed failover test does not happen (the incident stays open, the freeze stays in force);</item>
/// <item>a rollout start, promotion or resume voids the rollout: it is treated as aborted, and nothing later revives it;</item>
/// <item>a completion ends the rollout without making it the last completed one (the change base and known-good version stay);</item>
/// <item>a rollback ends the rollout without setting the fleet back to the known-good version;</item>
/// <item>a successful deploy counts as a failed one (not deployed ok, not serving the known-good version).</item>
/// </list>
/// The trusted state keeps the recorded state's shape (same rollout ids, stage positions and counters),
/// so commands decided on it write events the recorded chain accepts.
/// </summary>
public static class TrustedFold
{
    /// <summary>The trusted view after <paramref name="e"/>, held in ledger commit <paramref name="commit"/>.</summary>
    /// <param name="view">The view before the event.</param>
    /// <param name="e">The event.</param>
    /// <param name="notCounted">Why it does not count, or null when it counts.</param>
    /// <param name="commit">The ledger commit (full SHA), for messages.</param>
    /// <exception cref="LedgerFormatException">The event cannot follow the state (the chain is damaged).</exception>
    public static TrustedView Apply(TrustedView view, LedgerEvent e, string? notCounted, string commit)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(e);
        var state = view.State;
        var voided = view.Void;
        var effect = (string?)null;

        // A counted step of a void rollout cannot revive it, and its completion is not a completion.
        if (notCounted is null && voided is not null && e is RolloutCompleted completedVoid && completedVoid.RolloutId == voided.RolloutId)
        {
            notCounted = $"rollout {voided.RolloutId} is void ({voided.Reason})";
        }

        LedgerState next;
        if (notCounted is null)
        {
            next = Counted(state, e);
        }
        else
        {
            (next, effect) = e switch
            {
                ApprovalGranted => (LedgerFold.Skip(state, e), "the approval does not count"),
                OverrideGranted granted => (LedgerFold.Skip(state, e) with { OverrideCount = state.OverrideCount + 1 }, $"override {granted.OverrideId} does not count"),
                IncidentResolved resolved => (LedgerFold.Skip(state, e), $"{resolved.IncidentId} stays open"),
                EmergencyFreezeLifted lifted => (LedgerFold.Skip(state, e), $"emergency freeze {lifted.FreezeId} stays in force"),
                FailoverTested tested => (LedgerFold.Skip(state, e), $"the failover test {tested.From} → {tested.To} does not count"),
                RolloutStarted started => Void(LedgerFold.Apply(state, e), started.RolloutId, notCounted, out voided),
                StagePromoted promoted => Void(LedgerFold.Apply(state, e), promoted.RolloutId, notCounted, out voided),
                RolloutResumed resumed => Void(LedgerFold.Apply(state, e), resumed.RolloutId, notCounted, out voided),
                RolloutCompleted completed => (LedgerFold.Apply(state, e) with { LastCompleted = state.LastCompleted },
                    $"{completed.RolloutId} does not become the last completed rollout" + (state.LastCompleted is { } last ? $" (that stays {last.Id})" : "")),
                RolloutRolledBack rolledBack => (LedgerFold.Apply(state, e) with { Fleet = state.Fleet }, $"the targets of {rolledBack.RolloutId} do not count as back on the known-good version"),
                TargetDeployed deployed => (LedgerFold.Apply(state, deployed with { Status = DeployStatus.Failed, Detail = $"does not count: {notCounted}" }),
                    $"it counts as a failed deploy of {deployed.Target}"),
                _ => (Counted(state, e), null),
            };
        }

        // Nothing brings a void rollout back to life: it stays aborted whatever follows.
        if (voided is not null && next.Rollout is { } rollout && rollout.Id == voided.RolloutId && rollout.Status is not RolloutStatus.Aborted)
        {
            next = next with { Rollout = rollout with { Status = RolloutStatus.Aborted, StatusReason = voided.Reason } };
        }

        if (voided is not null && next.Rollout?.Id != voided.RolloutId)
        {
            voided = null;
        }

        var uncounted = view.Uncounted;
        if (notCounted is not null && effect is not null)
        {
            uncounted = [.. uncounted.Skip(Math.Max(0, uncounted.Count - TrustedView.MaxUncounted + 1)),
                new UncountedEvent(commit, e.Id, e.Kind, e.Actor, e.At, notCounted, effect) { Subject = SubjectOf(e) }];
        }

        return new TrustedView(next, voided, uncounted);
    }

    private static string? SubjectOf(LedgerEvent e) => e switch
    {
        ApprovalGranted a => a.RolloutId,
        RolloutStarted r => r.RolloutId,
        StagePromoted p => p.RolloutId,
        RolloutStatusChanged c => c.RolloutId,
        TargetDeployed d => d.RolloutId,
        IncidentResolved r => r.IncidentId,
        EmergencyFreezeLifted l => l.FreezeId,
        OverrideGranted o => o.OverrideId,
        _ => null,
    };

    private static LedgerState Counted(LedgerState state, LedgerEvent e)
    {
        // The recorded state may have lifted a freeze the trusted one keeps (the lift did not count):
        // a new freeze then runs alongside it, and the one that lasts longer is the one in force.
        if (e is EmergencyFreezeStarted && state.EmergencyFreezeAt(e.At) is { } active)
        {
            var started = LedgerFold.Apply(state with { EmergencyFreeze = null }, e);
            return started.EmergencyFreeze is { } fresh && (fresh.Until is null || (active.Until is { } activeUntil && fresh.Until > activeUntil))
                ? started
                : started with { EmergencyFreeze = active };
        }

        return LedgerFold.Apply(state, e);
    }

    private static (LedgerState, string) Void(LedgerState state, string rolloutId, string reason, out VoidedRollout? voided)
    {
        voided = new VoidedRollout(rolloutId, $"void: a step of {rolloutId} does not count ({reason})");
        return (state, $"rollout {rolloutId} is void (treated as aborted): start a new rollout, signed");
    }
}
