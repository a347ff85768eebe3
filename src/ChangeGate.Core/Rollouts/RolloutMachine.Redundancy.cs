using ChangeGate.Core.Ledger;
using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Rollouts;

/// <summary>The commands about sites and stopping the line: failover tests and emergency freezes.</summary>
public sealed partial class RolloutMachine
{
    /// <summary>
    /// Records a failover test from one site of the policy to another. A failed test opens an
    /// incident attributed to <paramref name="to"/> (the site that did not take over) and pauses a
    /// running rollout, like a failed deploy.
    /// </summary>
    public WriteDecision RecordFailoverTest(LedgerState state, DateTimeOffset now, string from, string to, FailoverResult result, string? detail)
    {
        if (!_policy.Sites.IsDeclared)
        {
            return WriteDecision.Refuse("the policy declares no sites, so there is nothing to fail over between",
                "declare the sites and their targets in the policy (`sites:`, docs/policy.md#sites), then record the test");
        }

        var fromSite = _policy.Sites.Named(from);
        var toSite = _policy.Sites.Named(to);
        if (fromSite is null || toSite is null)
        {
            return WriteDecision.Refuse($"'{(fromSite is null ? from : to)}' is not a site of the policy", SitesHint());
        }

        if (fromSite.Name == toSite.Name)
        {
            return WriteDecision.Refuse($"a failover goes from one site to another, but --from and --to both name {fromSite.Name}", SitesHint());
        }

        var events = new List<LedgerEvent>
        {
            new FailoverTested { Id = Guid.Empty, Actor = _actor, At = now, From = fromSite.Name, To = toSite.Name, Result = result, Detail = detail },
        };
        if (result == FailoverResult.Failed)
        {
            var incidentId = $"INC-{state.IncidentCount + 1}";
            var title = $"failover test {fromSite.Name} → {toSite.Name} failed" + (detail is null ? "" : $": {detail}");
            var rollout = state.ActiveRollout;
            events.Add(new IncidentOpened { Id = Guid.Empty, Actor = _actor, At = now, IncidentId = incidentId, Title = title, RolloutId = rollout?.Id, Site = toSite.Name });
            if (rollout is { Status: RolloutStatus.Running })
            {
                events.Add(new RolloutPaused { Id = Guid.Empty, Actor = _actor, At = now, RolloutId = rollout.Id, Reason = $"{incidentId}: {title}" });
            }
        }

        return WriteDecision.Append([.. events]);
    }

    /// <summary>
    /// Stops the line: every gate of the service blocks and every promotion is refused until the
    /// freeze is lifted or <paramref name="until"/> passes. Anyone who may write the ledger may stop it.
    /// </summary>
    public WriteDecision FreezeNow(LedgerState state, DateTimeOffset now, string reason, DateTimeOffset? until)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return WriteDecision.Refuse("an emergency freeze needs a reason", "pass --reason \"what is wrong\"");
        }

        if (state.EmergencyFreezeAt(now) is { } active)
        {
            return WriteDecision.Refuse($"emergency freeze {active.Id} is already in force since {active.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (by {active.Actor}): {active.Reason}",
                "it stops every deploy and promotion already; lift it with `changegate freeze lift --reason \"...\"` when it is safe");
        }

        if (until is { } end && end <= now)
        {
            return WriteDecision.Refuse($"--until {end.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z is not in the future", "give a later time, a duration such as 2h, or leave --until out to freeze until lifted");
        }

        return WriteDecision.Append(new EmergencyFreezeStarted { Id = Guid.Empty, Actor = _actor, At = now, Reason = reason.Trim(), FreezeId = $"FRZ-{state.FreezeCount + 1}", Until = until });
    }

    /// <summary>Lifts the emergency freeze in force; only the policy's override actors and <c>freeze.emergency-actors</c> may.</summary>
    public WriteDecision LiftFreeze(LedgerState state, DateTimeOffset now, string reason)
    {
        if (state.EmergencyFreezeAt(now) is not { } active)
        {
            return WriteDecision.Refuse("no emergency freeze is in force" + (state.EmergencyFreeze is { Until: { } ended } past ? $" ({past.Id} ran out at {ended.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)" : ""),
                "nothing to lift; `changegate rollout status` shows what stops the rollout");
        }

        if (!EmergencyFreezeRule.MayLift(_policy, _actor))
        {
            var lifters = EmergencyFreezeRule.Lifters(_policy);
            return WriteDecision.Refuse($"{_actor} may not lift emergency freeze {active.Id}",
                lifters.Count == 0
                    ? "the policy names nobody who may: add `freeze.emergency-actors` (or `overrides.actors`) in a reviewed change"
                    : $"ask one of {string.Join(", ", lifters)} (policy `overrides.actors` and `freeze.emergency-actors`)");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return WriteDecision.Refuse("lifting an emergency freeze needs a reason", "pass --reason \"why it is safe again\"");
        }

        return WriteDecision.Append(new EmergencyFreezeLifted { Id = Guid.Empty, Actor = _actor, At = now, Reason = reason.Trim(), FreezeId = active.Id });
    }

    private string SitesHint() => _policy.Sites.IsDeclared
        ? "sites: " + string.Join(", ", _policy.Sites.Sites.Select(s => s.Name))
        : "the policy declares no sites (`sites:`, docs/policy.md#sites)";
}
