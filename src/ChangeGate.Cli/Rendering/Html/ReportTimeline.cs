using ChangeGate.Core.Ledger;

namespace ChangeGate.Cli.Rendering.Html;

/// <summary>What the timeline draws, folded from the ledger's events: bars (a span of time) and marks (a moment), each on a lane.</summary>
internal sealed class ReportTimeline
{
    /// <summary>A span of time on a lane; <see cref="End"/> null means still open when the report was made.</summary>
    public sealed record Bar(string Lane, string Kind, DateTimeOffset Start, DateTimeOffset? End, string Label, string Title, long Sequence);

    /// <summary>A moment on a lane.</summary>
    public sealed record Mark(string Lane, string Kind, DateTimeOffset At, string Title, long Sequence);

    public List<Bar> Bars { get; } = [];

    public List<Mark> Marks { get; } = [];

    /// <summary>The lanes in drawing order.</summary>
    public List<string> Lanes { get; } = [];

    public const string StagesLane = "stages";
    public const string PausedLane = "paused";
    public const string IncidentsLane = "incidents";
    public const string ApprovalsLane = "approvals";
    public const string OverridesLane = "overrides";
    public const string FailoverLane = "failover tests";
    public const string FreezeLane = "emergency freeze";
    public const string EvidenceLane = "test evidence";
    public const string OtherLane = "other events";

    /// <summary>Folds <paramref name="history"/> (oldest first); <paramref name="targets"/> are the policy's, in stage order.</summary>
    public static ReportTimeline Fold(IReadOnlyList<LedgerEntry> history, IReadOnlyList<string> targets)
    {
        var timeline = new ReportTimeline();
        var stage = (Name: (string?)null, Start: default(DateTimeOffset), Sequence: 0L, Rollout: "");
        var paused = new Dictionary<string, (DateTimeOffset At, long Sequence, string? Reason)>(StringComparer.Ordinal);
        var incidents = new Dictionary<string, (DateTimeOffset At, long Sequence, IncidentOpened Event)>(StringComparer.Ordinal);
        var freezes = new Dictionary<string, (DateTimeOffset At, long Sequence, EmergencyFreezeStarted Event)>(StringComparer.Ordinal);
        var deployedTargets = new List<string>();

        void CloseStage(DateTimeOffset at)
        {
            if (stage.Name is { } name)
            {
                timeline.Bars.Add(new Bar(StagesLane, "stage", stage.Start, at, name, $"{stage.Rollout} in stage {name}", stage.Sequence));
                stage.Name = null;
            }
        }

        void ClosePause(string rollout, DateTimeOffset at)
        {
            if (paused.Remove(rollout, out var open))
            {
                timeline.Bars.Add(new Bar(PausedLane, "paused", open.At, at, rollout, $"{rollout} paused" + (open.Reason is null ? "" : $": {open.Reason}"), open.Sequence));
            }
        }

        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i].Event;
            var sequence = i + 1L;
            var who = $" ({e.Actor})" + (e.Reason is null ? "" : $" — {e.Reason}");
            switch (e)
            {
                case RolloutStarted started:
                    CloseStage(e.At);
                    stage = (started.Stages[0].Name, e.At, sequence, started.RolloutId);
                    break;
                case StagePromoted promoted:
                    CloseStage(e.At);
                    stage = (promoted.ToStage, e.At, sequence, promoted.RolloutId);
                    break;
                case RolloutPaused pause:
                    paused[pause.RolloutId] = (e.At, sequence, e.Reason);
                    break;
                case RolloutResumed resume:
                    ClosePause(resume.RolloutId, e.At);
                    break;
                case RolloutStatusChanged ended:
                    // Completed, aborted or rolled back: the stage and any pause end here.
                    CloseStage(e.At);
                    ClosePause(ended.RolloutId, e.At);
                    timeline.Marks.Add(new Mark(StagesLane, ended.Kind, e.At, e.Describe() + who, sequence));
                    break;
                case TargetDeployed deploy:
                    if (!targets.Contains(deploy.Target) && !deployedTargets.Contains(deploy.Target))
                    {
                        deployedTargets.Add(deploy.Target);
                    }

                    var kind = deploy.Status == DeployStatus.Failed ? "deploy-failed" : deploy.Rollback ? "rollback" : "deploy-ok";
                    timeline.Marks.Add(new Mark(deploy.Target, kind, e.At, e.Describe() + who, sequence));
                    break;
                case IncidentOpened opened:
                    incidents[opened.IncidentId] = (e.At, sequence, opened);
                    break;
                case IncidentResolved resolved:
                    if (incidents.Remove(resolved.IncidentId, out var incident))
                    {
                        timeline.Bars.Add(new Bar(IncidentsLane, "incident", incident.At, e.At, incident.Event.IncidentId,
                            $"{incident.Event.Describe()} — resolved by {e.Actor}: {e.Reason}", incident.Sequence));
                    }

                    break;
                case ApprovalGranted approval:
                    timeline.Marks.Add(new Mark(ApprovalsLane, "approval", e.At, e.Describe() + who, sequence));
                    break;
                case OverrideGranted grant:
                    timeline.Bars.Add(new Bar(OverridesLane, "override", e.At, grant.ExpiresAt, grant.OverrideId, e.Describe() + who, sequence));
                    break;
                case FailoverTested failover:
                    timeline.Marks.Add(new Mark(FailoverLane, failover.Result == FailoverResult.Passed ? "failover-passed" : "failover-failed", e.At, e.Describe() + who, sequence));
                    break;
                case EmergencyFreezeStarted freeze:
                    freezes[freeze.FreezeId] = (e.At, sequence, freeze);
                    break;
                case EmergencyFreezeLifted lifted:
                    if (freezes.Remove(lifted.FreezeId, out var frozen))
                    {
                        timeline.Bars.Add(new Bar(FreezeLane, "freeze", frozen.At, e.At, frozen.Event.FreezeId,
                            $"{frozen.Event.Describe()} ({frozen.Event.Actor}): {frozen.Event.Reason} — lifted by {e.Actor}: {e.Reason}", frozen.Sequence));
                    }

                    break;
                case { Kind: "evidence-recorded" }:
                    timeline.Marks.Add(new Mark(EvidenceLane, "evidence", e.At, e.Describe() + who, sequence));
                    break;
                default:
                    timeline.Marks.Add(new Mark(OtherLane, e.Kind, e.At, e.Describe() + who, sequence));
                    break;
            }
        }

        // What is still open when the report is made runs to the right edge.
        if (stage.Name is { } current)
        {
            timeline.Bars.Add(new Bar(StagesLane, "stage", stage.Start, null, current, $"{stage.Rollout} in stage {current} (current)", stage.Sequence));
        }

        foreach (var (rollout, open) in paused)
        {
            timeline.Bars.Add(new Bar(PausedLane, "paused", open.At, null, rollout, $"{rollout} paused (still)" + (open.Reason is null ? "" : $": {open.Reason}"), open.Sequence));
        }

        foreach (var (_, open) in incidents)
        {
            timeline.Bars.Add(new Bar(IncidentsLane, "incident", open.At, null, open.Event.IncidentId, $"{open.Event.Describe()} (open)", open.Sequence));
        }

        foreach (var (_, open) in freezes)
        {
            timeline.Bars.Add(new Bar(FreezeLane, "freeze", open.At, open.Event.Until, open.Event.FreezeId, $"{open.Event.Describe()} ({open.Event.Actor}): {open.Event.Reason}", open.Sequence));
        }

        timeline.Lanes.Add(StagesLane);
        timeline.Lanes.Add(PausedLane);
        timeline.Lanes.AddRange(targets);
        timeline.Lanes.AddRange(deployedTargets);
        timeline.Lanes.AddRange([IncidentsLane, ApprovalsLane, OverridesLane, FailoverLane, FreezeLane]);
        if (timeline.Marks.Any(m => m.Lane == EvidenceLane))
        {
            timeline.Lanes.Insert(2, EvidenceLane);
        }

        if (timeline.Marks.Any(m => m.Lane == OtherLane))
        {
            timeline.Lanes.Add(OtherLane);
        }

        return timeline;
    }
}
