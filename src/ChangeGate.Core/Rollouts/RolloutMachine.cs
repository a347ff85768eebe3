using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Time;

namespace ChangeGate.Core.Rollouts;

/// <summary>
/// The rollout state machine: given the policy, the current state and the time, each command
/// either yields the events to append or refuses with a reason and a fix. Pure, so the shared
/// ledger can run it again on a newer tip after a lost race.
/// </summary>
public sealed partial class RolloutMachine
{
    private readonly GatePolicy _policy;
    private readonly string _actor;

    /// <summary>Creates the machine for <paramref name="actor"/> under <paramref name="policy"/>.</summary>
    public RolloutMachine(GatePolicy policy, string actor)
    {
        _policy = policy;
        _actor = actor;
    }

    /// <summary>Starts a rollout of <paramref name="commit"/> at the first stage.</summary>
    public WriteDecision Start(LedgerState state, DateTimeOffset now, CommitInfo commit, string? rollbackPlan, string? reason)
    {
        if (state.ActiveRollout is { } active)
        {
            return WriteDecision.Refuse($"rollout {active.Id} of {Short(active.Commit)} is still {Status(active.Status)}",
                $"finish it first: `changegate rollout complete`, `changegate rollout abort --reason ...` or `changegate rollout rollback --reason ...`");
        }

        if (_policy.RollbackPlan.Required && string.IsNullOrWhiteSpace(rollbackPlan))
        {
            return WriteDecision.Refuse("the policy requires a rollback plan and none was given",
                "pass --rollback-plan \"how to go back\" (a runbook link or the steps)");
        }

        var id = $"R-{state.RolloutCount + 1}";
        return WriteDecision.Append(new RolloutStarted
        {
            Id = Guid.Empty,
            Actor = _actor,
            At = now,
            Reason = reason,
            RolloutId = id,
            Commit = commit.Sha,
            CommitAuthorEmail = commit.AuthorEmail,
            CommitAuthorName = commit.AuthorName,
            Stages = _policy.Stages.Select(s => new StageSnapshot(s.Name, s.Targets, s.Bake, s.Approvals)).ToList(),
            RollbackPlan = string.IsNullOrWhiteSpace(rollbackPlan) ? null : rollbackPlan.Trim(),
        });
    }

    /// <summary>
    /// Moves the rollout to the next stage when every promotion rule holds or is overridden.
    /// <paramref name="alerts"/> is the verdict on the service's firing alerts, when monitoring was read;
    /// it counts under the <c>incidents</c> rule.
    /// </summary>
    public WriteDecision Promote(LedgerState state, DateTimeOffset now, string? reason, RuleVerdict? alerts = null)
    {
        if (Active(state, out var refusal) is not { } rollout)
        {
            return refusal!;
        }

        // Stop-the-line: no override covers it, only lifting the freeze.
        var emergency = EmergencyFreezeRule.Evaluate(_policy, state, now);
        if (!emergency.Holds)
        {
            return WriteDecision.Refuse($"cannot promote {rollout.Id}: {emergency.Reason}", emergency.Fix);
        }

        if (rollout.Status == RolloutStatus.Paused)
        {
            return WriteDecision.Refuse($"rollout {rollout.Id} is paused" + (rollout.StatusReason is null ? "" : $" ({rollout.StatusReason})"),
                "resolve the cause, then `changegate rollout resume`");
        }

        if (rollout.StageIndex == rollout.Stages.Count - 1)
        {
            return WriteDecision.Refuse($"rollout {rollout.Id} is at its last stage ({rollout.CurrentStage.Name})",
                "when every target is deployed, finish it with `changegate rollout complete`");
        }

        var next = rollout.StageIndex + 1;
        var rules = new (string Name, RuleVerdict Verdict)[]
        {
            (RuleNames.Incidents, alerts is null ? RolloutRules.Incidents(state) : RolloutRules.Incidents(state, alerts)),
            (RuleNames.Bake, RolloutRules.Bake(rollout, now)),
            (RuleNames.Approvals, RolloutRules.Approvals(rollout, next)),
            (RuleNames.Freeze, RolloutRules.Freeze(_policy, now)),
            (RuleNames.RollbackPlan, RolloutRules.RollbackPlan(_policy, rollout)),
            (RuleNames.RollbackPlan, VersionRules.Rehearsal(_policy, rollout)),
            (RuleNames.Stage, VersionRules.Skew(rollout, rollout.StageIndex, currentStageMayBePending: true)),
        };

        var used = new List<string>();
        var blocked = new List<string>();
        string? fix = null;
        foreach (var (name, verdict) in rules.Where(r => !r.Verdict.Holds))
        {
            if (state.OverrideFor(name, now) is { } granted)
            {
                used.Add(granted.Id);
                continue;
            }

            blocked.Add($"{name}: {verdict.Reason}");
            fix ??= verdict.Fix;
        }

        if (blocked.Count > 0)
        {
            return WriteDecision.Refuse($"cannot promote {rollout.Id} from {rollout.CurrentStage.Name} to {rollout.Stages[next].Name}: " + string.Join("; ", blocked), fix);
        }

        return WriteDecision.Append(new StagePromoted
        {
            Id = Guid.Empty,
            Actor = _actor,
            At = now,
            Reason = reason,
            RolloutId = rollout.Id,
            FromStage = rollout.CurrentStage.Name,
            ToStage = rollout.Stages[next].Name,
            OverridesUsed = used,
        });
    }

    /// <summary>
    /// Records a deploy. A failure opens an incident and pauses the rollout in the same append; so
    /// does a forward deploy outside the approved stages or during an emergency freeze.
    /// <paramref name="commit"/> is what the target runs now (full SHA; default: the rollout's commit,
    /// or for a <paramref name="rollback"/> the last completed rollout's, unknown when there is none).
    /// </summary>
    public WriteDecision RecordDeploy(LedgerState state, DateTimeOffset now, string target, DeployStatus status, string? detail, string? commit = null, bool rollback = false)
    {
        if (Active(state, out var refusal) is not { } rollout)
        {
            return refusal!;
        }

        var stageIndex = rollout.StageIndexOf(target);
        if (stageIndex < 0)
        {
            return WriteDecision.Refuse($"target '{target}' is in no stage of rollout {rollout.Id}",
                "known targets: " + string.Join(", ", rollout.Stages.SelectMany(s => s.Targets)));
        }

        var runs = rollback ? commit ?? state.LastCompleted?.Commit : commit ?? rollout.Commit;
        var events = new List<LedgerEvent>
        {
            new TargetDeployed
            {
                Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Stage = rollout.Stages[stageIndex].Name, Target = target, Status = status, Detail = detail,
                Commit = runs, Rollback = rollback,
            },
        };

        string? incident = null;
        if (status == DeployStatus.Failed)
        {
            incident = (rollback ? $"rollback of {rollout.Id} on {target} failed" : $"deploy of {rollout.Id} to {target} failed") + (detail is null ? "" : $": {detail}");
        }
        else if (rollback)
        {
            // Going back is what one does in an incident: never an incident of its own.
        }
        else if (stageIndex > rollout.StageIndex)
        {
            // The 2024-05-20 case: a change reached servers outside its approved stage. Record the fact and stop.
            incident = $"{target} ({rollout.Stages[stageIndex].Name}) was deployed while rollout {rollout.Id} is at {rollout.CurrentStage.Name}";
        }
        else if (state.EmergencyFreezeAt(now) is { } freeze)
        {
            // The line was stopped and a change went out anyway: record the fact and stop the rollout too.
            incident = $"{target} was deployed during emergency freeze {freeze.Id} ({freeze.Reason})";
        }

        if (incident is not null)
        {
            var incidentId = $"INC-{state.IncidentCount + 1}";
            events.Add(new IncidentOpened { Id = Guid.Empty, Actor = _actor, At = now, IncidentId = incidentId, Title = incident, RolloutId = rollout.Id, Target = target });
            if (rollout.Status == RolloutStatus.Running)
            {
                events.Add(new RolloutPaused { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Reason = $"{incidentId}: {incident}" });
            }
        }

        return WriteDecision.Append([.. events]);
    }

    /// <summary>Opens an incident; a running rollout pauses with it. <paramref name="site"/> attributes it to a site of the policy (the redundancy check counts it).</summary>
    public WriteDecision OpenIncident(LedgerState state, DateTimeOffset now, string title, string? target, string? site = null)
    {
        if (site is not null)
        {
            if (_policy.Sites.Named(site) is not { } named)
            {
                return WriteDecision.Refuse($"'{site}' is not a site of the policy", SitesHint());
            }

            if (target is not null && _policy.Sites.SiteOf(target) is { } own && own.Name != named.Name)
            {
                return WriteDecision.Refuse($"target {target} is in site {own.Name}, not {named.Name}", $"name one of them, or both as the policy places them (--target {target} --site {own.Name})");
            }

            site = named.Name;
        }

        var incidentId = $"INC-{state.IncidentCount + 1}";
        var rollout = state.ActiveRollout;
        var events = new List<LedgerEvent>
        {
            new IncidentOpened { Id = Guid.Empty, Actor = _actor, At = now, IncidentId = incidentId, Title = title, RolloutId = rollout?.Id, Target = target, Site = site },
        };
        if (rollout is { Status: RolloutStatus.Running })
        {
            events.Add(new RolloutPaused { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Reason = $"{incidentId}: {title}" });
        }

        return WriteDecision.Append([.. events]);
    }

    /// <summary>Resolves an open incident; a resolution text is required.</summary>
    public WriteDecision ResolveIncident(LedgerState state, DateTimeOffset now, string incidentId, string resolution)
    {
        if (state.OpenIncidents.All(i => !string.Equals(i.Id, incidentId, StringComparison.OrdinalIgnoreCase)))
        {
            return WriteDecision.Refuse($"{incidentId} is not an open incident",
                state.OpenIncidents.Count == 0 ? "there are no open incidents" : "open incidents: " + string.Join(", ", state.OpenIncidents.Select(i => i.Id)));
        }

        var id = state.OpenIncidents.First(i => string.Equals(i.Id, incidentId, StringComparison.OrdinalIgnoreCase)).Id;
        return WriteDecision.Append(new IncidentResolved { Id = Guid.Empty, Actor = _actor, At = now, IncidentId = id, Reason = resolution });
    }

    /// <summary>Pauses the running rollout.</summary>
    public WriteDecision Pause(LedgerState state, DateTimeOffset now, string reason)
    {
        if (Active(state, out var refusal) is not { } rollout)
        {
            return refusal!;
        }

        return rollout.Status == RolloutStatus.Paused
            ? WriteDecision.Refuse($"rollout {rollout.Id} is already paused" + (rollout.StatusReason is null ? "" : $" ({rollout.StatusReason})"))
            : WriteDecision.Append(new RolloutPaused { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Reason = reason });
    }

    /// <summary>Resumes a paused rollout; refused while any incident is unresolved or, when <paramref name="alerts"/> is given, an alert fires.</summary>
    public WriteDecision Resume(LedgerState state, DateTimeOffset now, string? reason, RuleVerdict? alerts = null)
    {
        if (Active(state, out var refusal) is not { } rollout)
        {
            return refusal!;
        }

        if (rollout.Status != RolloutStatus.Paused)
        {
            return WriteDecision.Refuse($"rollout {rollout.Id} is not paused");
        }

        var incidents = alerts is null ? RolloutRules.Incidents(state) : RolloutRules.Incidents(state, alerts);
        if (!incidents.Holds && state.OverrideFor(RuleNames.Incidents, now) is null)
        {
            return WriteDecision.Refuse($"cannot resume {rollout.Id}: {incidents.Reason}",
                state.OpenIncidents.Count == 0 ? incidents.Fix : $"resolve it first: `changegate incident resolve {state.OpenIncidents[0].Id} --reason \"...\"`"
                    + (alerts is { Holds: false } ? "; for the alerts: " + alerts.Fix : ""));
        }

        return WriteDecision.Append(new RolloutResumed { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Reason = reason });
    }

    /// <summary>Ends the rollout without finishing it.</summary>
    public WriteDecision Abort(LedgerState state, DateTimeOffset now, string reason) =>
        Active(state, out var refusal) is { } rollout
            ? WriteDecision.Append(new RolloutAborted { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Reason = reason })
            : refusal!;

    /// <summary>Records that the rollout's targets were rolled back; ends the rollout.</summary>
    public WriteDecision RollBack(LedgerState state, DateTimeOffset now, string reason) =>
        Active(state, out var refusal) is { } rollout
            ? WriteDecision.Append(new RolloutRolledBack { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Reason = reason })
            : refusal!;

    /// <summary>
    /// Completes the rollout: it must be running at its last stage with every target of that stage deployed ok,
    /// no incident unresolved and, when <paramref name="alerts"/> is given, no alert firing.
    /// </summary>
    public WriteDecision Complete(LedgerState state, DateTimeOffset now, string? reason, RuleVerdict? alerts = null)
    {
        if (Active(state, out var refusal) is not { } rollout)
        {
            return refusal!;
        }

        if (rollout.Status == RolloutStatus.Paused)
        {
            return WriteDecision.Refuse($"rollout {rollout.Id} is paused", "resolve the cause and resume it, or end it with `changegate rollout abort`");
        }

        if (rollout.StageIndex < rollout.Stages.Count - 1)
        {
            return WriteDecision.Refuse($"rollout {rollout.Id} is at {rollout.CurrentStage.Name}, not at its last stage ({rollout.Stages[^1].Name})",
                "promote it through every stage first: `changegate rollout promote`");
        }

        var incidents = alerts is null ? RolloutRules.Incidents(state) : RolloutRules.Incidents(state, alerts);
        if (!incidents.Holds)
        {
            return WriteDecision.Refuse($"cannot complete {rollout.Id}: {incidents.Reason}", incidents.Fix);
        }

        var missing = rollout.CurrentStage.Targets.Where(t => rollout.Deploys.FirstOrDefault(d => d.Target == t) is not { Status: DeployStatus.Ok }).ToList();
        if (missing.Count > 0)
        {
            return WriteDecision.Refuse($"cannot complete {rollout.Id}: {string.Join(", ", missing)} not deployed ok", $"deploy and record them: `changegate deploy record --target {missing[0]} --status ok`");
        }

        // Knight Capital: a rollout is complete only when every target of every stage runs its commit.
        var skew = VersionRules.Skew(rollout, rollout.Stages.Count - 1, currentStageMayBePending: false);
        return skew.Holds
            ? WriteDecision.Append(new RolloutCompleted { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Reason = reason })
            : WriteDecision.Refuse($"cannot complete {rollout.Id}: {skew.Reason}", skew.Fix);
    }

    /// <summary>Approves a stage (default: the current stage while it lacks approvals, else the next one).</summary>
    public WriteDecision Approve(LedgerState state, DateTimeOffset now, string? stageName, string? comment)
    {
        if (Active(state, out var refusal) is not { } rollout)
        {
            return refusal!;
        }

        if (CommitInfo.IsAuthor(_actor, rollout.CommitAuthorEmail, rollout.CommitAuthorName))
        {
            return WriteDecision.Refuse($"{_actor} wrote commit {Short(rollout.Commit)} and cannot approve its rollout (two-person rule)",
                "ask another approver");
        }

        if (!_policy.Approvers.Allows(_actor))
        {
            return WriteDecision.Refuse($"{_actor} is not an approver in the policy", "approvers: " + string.Join(", ", _policy.Approvers.Approvers));
        }

        int index;
        if (stageName is null)
        {
            index = RolloutRules.Approvals(rollout, rollout.StageIndex).Holds ? Math.Min(rollout.StageIndex + 1, rollout.Stages.Count - 1) : rollout.StageIndex;
        }
        else
        {
            index = rollout.StageIndexByName(stageName);
            if (index < 0)
            {
                return WriteDecision.Refuse($"rollout {rollout.Id} has no stage '{stageName}'", "stages: " + string.Join(", ", rollout.Stages.Select(s => s.Name)));
            }

            if (index < rollout.StageIndex)
            {
                return WriteDecision.Refuse($"stage {stageName} is behind the rollout (it is at {rollout.CurrentStage.Name})", $"approve the current or a later stage");
            }
        }

        var stage = rollout.Stages[index];
        if (rollout.ApprovalsOf(stage.Name).Any(a => string.Equals(a.Actor, _actor, StringComparison.OrdinalIgnoreCase)))
        {
            return WriteDecision.Refuse($"{_actor} has already approved stage {stage.Name} of {rollout.Id}", "approvals must come from distinct people");
        }

        return WriteDecision.Append(new ApprovalGranted { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Stage = stage.Name, Reason = comment });
    }

    /// <summary>Grants an override of one check, for an actor the policy names, with a reason and a bounded expiry.</summary>
    public WriteDecision GrantOverride(LedgerState state, DateTimeOffset now, string check, string reason, TimeSpan duration, IReadOnlyCollection<string> overridableChecks)
    {
        if (!overridableChecks.Contains(check, StringComparer.Ordinal))
        {
            return WriteDecision.Refuse($"'{check}' is not a check that can be overridden", "checks: " + string.Join(", ", overridableChecks));
        }

        if (!_policy.Overrides.Allows(_actor))
        {
            return WriteDecision.Refuse($"{_actor} may not grant overrides",
                _policy.Overrides.Actors.Count == 0 ? "the policy names no override actors (section `overrides.actors`)" : "override actors: " + string.Join(", ", _policy.Overrides.Actors));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return WriteDecision.Refuse("an override needs a reason", "pass --reason \"why this exception is safe\"");
        }

        if (duration <= TimeSpan.Zero || duration > _policy.Overrides.MaxDuration)
        {
            return WriteDecision.Refuse($"an override must expire within {DurationText.Format(_policy.Overrides.MaxDuration)} (asked: {DurationText.Format(duration)})",
                $"pass --expires with at most {DurationText.Format(_policy.Overrides.MaxDuration)} (policy `overrides.max-duration`)");
        }

        return WriteDecision.Append(new OverrideGranted
        {
            Id = Guid.Empty,
            Actor = _actor,
            At = now,
            Reason = reason.Trim(),
            OverrideId = $"OVR-{state.OverrideCount + 1}",
            Check = check,
            ExpiresAt = now + duration,
            RolloutId = state.ActiveRollout?.Id,
        });
    }

    private static Rollout? Active(LedgerState state, out WriteDecision? refusal)
    {
        refusal = null;
        if (state.ActiveRollout is { } rollout)
        {
            return rollout;
        }

        refusal = state.Rollout is { } last
            ? WriteDecision.Refuse($"no rollout is active (the last one, {last.Id}, is {Status(last.Status)})", "start one with `changegate rollout start --rollback-plan \"...\"`")
            : WriteDecision.Refuse("no rollout has been started for this service", "start one with `changegate rollout start --rollback-plan \"...\"`");
        return null;
    }

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];

    /// <summary>A status as words.</summary>
    public static string Status(RolloutStatus status) => status switch
    {
        RolloutStatus.RolledBack => "rolled back",
        _ => status.ToString().ToLowerInvariant(),
    };
}
