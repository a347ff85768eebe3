namespace ChangeGate.Core.Ledger;

/// <summary>
/// Folds events into state. Pure: the rules of what may happen live in the rollout state machine
/// at write time; here an event that cannot follow the state means the ledger itself is damaged.
/// </summary>
public static class LedgerFold
{
    /// <summary>The state after <paramref name="e"/>.</summary>
    /// <exception cref="LedgerFormatException">The event cannot follow the state.</exception>
    public static LedgerState Apply(LedgerState state, LedgerEvent e)
    {
        var next = e switch
        {
            RolloutStarted started => Started(state, started),
            StagePromoted promoted => WithRollout(state, promoted.RolloutId, e, r =>
            {
                var index = r.StageIndexByName(promoted.ToStage);
                if (index != r.StageIndex + 1 || r.CurrentStage.Name != promoted.FromStage)
                {
                    throw new LedgerFormatException($"event {e.Id} promotes {r.Id} from {promoted.FromStage} to {promoted.ToStage}, but it is at {r.CurrentStage.Name}");
                }

                return r with { StageIndex = index, StageEnteredAt = e.At };
            }),
            TargetDeployed deployed => Deployed(state, deployed),
            ApprovalGranted approval => WithRollout(state, approval.RolloutId, e, r => r with
            {
                Approvals = [.. r.Approvals, new ApprovalRecord(approval.Stage, e.Actor, e.At, e.Reason)],
            }),
            RolloutPaused p => WithRollout(state, p.RolloutId, e, r => r with { Status = RolloutStatus.Paused, StatusReason = e.Reason }),
            RolloutResumed p => WithRollout(state, p.RolloutId, e, r => r with { Status = RolloutStatus.Running, StatusReason = e.Reason }),
            RolloutAborted p => WithRollout(state, p.RolloutId, e, r => r with { Status = RolloutStatus.Aborted, StatusReason = e.Reason }),
            RolloutRolledBack p => WithRollout(state, p.RolloutId, e, r => r with { Status = RolloutStatus.RolledBack, StatusReason = e.Reason }) with
            {
                // Its targets went back to the version before it.
                Fleet = [.. state.Fleet.Select(v => v.RolloutId == p.RolloutId ? v with { Commit = state.LastCompleted?.Commit, Status = DeployStatus.Ok, Rollback = true, At = e.At } : v)],
            },
            RolloutCompleted p => WithRollout(state, p.RolloutId, e, r => r with { Status = RolloutStatus.Completed, StatusReason = e.Reason }) with
            {
                LastCompleted = new CompletedRollout(p.RolloutId, state.Rollout!.Commit, e.At),
            },
            IncidentOpened opened => state with
            {
                IncidentCount = state.IncidentCount + 1,
                OpenIncidents = [.. state.OpenIncidents, new Incident(opened.IncidentId, opened.Title, e.At, e.Actor, opened.RolloutId, opened.Target, opened.Site)],
            },
            // Resolving an incident that is not open (any more) changes nothing: with signed events
            // required, an unsigned resolution does not count, so the incident stays open for the
            // gate while the recorded state has it resolved, and the signed resolution that follows
            // must still be a valid event.
            IncidentResolved resolved => state with { OpenIncidents = [.. state.OpenIncidents.Where(i => i.Id != resolved.IncidentId)] },
            OverrideGranted granted => state with
            {
                OverrideCount = state.OverrideCount + 1,
                Overrides = [.. state.Overrides, new OverrideRecord(granted.OverrideId, granted.Check, e.Actor, e.Reason ?? "", e.At, granted.ExpiresAt, granted.RolloutId)],
            },
            FailoverTested tested => state with
            {
                FailoverTests = [.. state.FailoverTests.Where(t => t.From != tested.From || t.To != tested.To || t.Result != tested.Result),
                    new FailoverTestRecord(tested.From, tested.To, tested.Result, e.At, e.Actor, tested.Detail)],
            },
            EmergencyFreezeStarted started => state.EmergencyFreezeAt(e.At) is { } active
                ? throw new LedgerFormatException($"event {e.Id} starts emergency freeze {started.FreezeId} while {active.Id} is in force")
                : state with
                {
                    FreezeCount = state.FreezeCount + 1,
                    EmergencyFreeze = new EmergencyFreezeRecord(started.FreezeId, e.Actor, e.At, e.Reason ?? "", started.Until),
                },
            // Likewise lifting a freeze that is not in force changes nothing (an unsigned lift did not count).
            EmergencyFreezeLifted lifted => state.EmergencyFreeze?.Id == lifted.FreezeId ? state with { EmergencyFreeze = null } : state,
            // Evidence anchors change no rollout state; the gate reads them from the chain.
            EvidenceRecorded => state,
            _ => throw new LedgerFormatException($"event {e.Id} has a type this changegate does not know ({e.GetType().Name})"),
        };

        return Finish(state, next, e);
    }

    /// <summary>
    /// The state after <paramref name="e"/> when the event changes nothing but the count: with signed
    /// events required, an event that does not count still takes its place in the chain.
    /// </summary>
    internal static LedgerState Skip(LedgerState state, LedgerEvent e) => Finish(state, state, e);

    private static LedgerState Finish(LedgerState state, LedgerState next, LedgerEvent e)
    {
        // Expired overrides and an emergency freeze that ran out drop out, so the snapshot does not grow with the ledger's age.
        return next with
        {
            Sequence = state.Sequence + 1,
            LastEventId = e.Id,
            Overrides = [.. next.Overrides.Where(o => o.ExpiresAt > e.At)],
            EmergencyFreeze = next.EmergencyFreeze is { } freeze && !freeze.InForceAt(e.At) ? null : next.EmergencyFreeze,
        };
    }

    private static LedgerState Deployed(LedgerState state, TargetDeployed deployed)
    {
        var next = WithRollout(state, deployed.RolloutId, deployed, r => r with
        {
            Deploys = [.. r.Deploys.Where(d => d.Target != deployed.Target),
                new DeployRecord(deployed.Target, deployed.Stage, deployed.Status, deployed.At, deployed.Actor, deployed.Detail, deployed.Commit, deployed.Rollback)],
            Rollbacks = deployed.Rollback && deployed.Status == DeployStatus.Ok ? [.. r.Rollbacks, new RollbackRecord(deployed.Target, deployed.At, deployed.Actor)] : r.Rollbacks,
        });

        // Events written before versions were recorded carry no commit: they leave the fleet as it was,
        // so snapshots written then still agree with the fold.
        return deployed.Commit is null && !deployed.Rollback
            ? next
            : next with
            {
                Fleet = [.. state.Fleet.Where(v => v.Target != deployed.Target),
                    new TargetVersion(deployed.Target, deployed.Commit, deployed.Status, deployed.Rollback, deployed.RolloutId, deployed.At)],
            };
    }

    private static LedgerState Started(LedgerState state, RolloutStarted e)
    {
        if (state.ActiveRollout is { } active)
        {
            throw new LedgerFormatException($"event {e.Id} starts {e.RolloutId} while {active.Id} is still active");
        }

        if (e.Stages.Count == 0)
        {
            throw new LedgerFormatException($"event {e.Id} starts {e.RolloutId} with no stages");
        }

        return state with
        {
            RolloutCount = state.RolloutCount + 1,
            Rollout = new Rollout
            {
                Id = e.RolloutId,
                Commit = e.Commit,
                CommitAuthorEmail = e.CommitAuthorEmail,
                CommitAuthorName = e.CommitAuthorName,
                Stages = e.Stages,
                RollbackPlan = e.RollbackPlan,
                StageIndex = 0,
                Status = RolloutStatus.Running,
                StartedBy = e.Actor,
                StartedAt = e.At,
                StageEnteredAt = e.At,
            },
        };
    }

    private static LedgerState WithRollout(LedgerState state, string rolloutId, LedgerEvent e, Func<Rollout, Rollout> change)
    {
        if (state.Rollout is not { } rollout || rollout.Id != rolloutId)
        {
            throw new LedgerFormatException($"event {e.Id} ({e.Kind}) refers to rollout {rolloutId}, but the latest rollout is {state.Rollout?.Id ?? "none"}");
        }

        return state with { Rollout = change(rollout) };
    }
}

/// <summary>The ledger's content is damaged or was written by an incompatible version. A bug-free run never throws it for good data.</summary>
public sealed class LedgerFormatException(string message) : Exception(message);
