using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Time;

namespace ChangeGate.Core.Rules;

/// <summary>The rules a promotion and a gate run apply. Pure functions of policy, state and time.</summary>
public static class RolloutRules
{
    /// <summary>No incident of the service is unresolved (the 2024-05-21 rule).</summary>
    public static RuleVerdict Incidents(LedgerState state)
    {
        if (state.OpenIncidents.Count == 0)
        {
            return RuleVerdict.Pass("no unresolved incident");
        }

        var names = string.Join("; ", state.OpenIncidents.Select(i => $"{i.Id} \"{i.Title}\""));
        var first = state.OpenIncidents[0].Id;
        return RuleVerdict.Fail(
            $"{state.OpenIncidents.Count} unresolved incident{(state.OpenIncidents.Count == 1 ? "" : "s")}: {names}",
            $"resolve it once the cause is fixed: `changegate incident resolve {first} --reason \"...\"`, then `changegate rollout resume`",
            [.. state.OpenIncidents.Select(i => $"{i.Id} opened {i.OpenedAt:yyyy-MM-dd HH:mm:ss}Z by {i.OpenedBy}" + (i.Target is null ? "" : $" on {i.Target}"))]);
    }

    /// <summary>
    /// No incident of the service is unresolved and no alert for it fires: <paramref name="alerts"/>
    /// is the verdict on the monitoring (see <see cref="Monitoring.FiringAlertsRule"/>). The reasons
    /// of both are shown when both fail.
    /// </summary>
    public static RuleVerdict Incidents(LedgerState state, RuleVerdict alerts)
    {
        var ledger = Incidents(state);
        var details = ledger.Details.Concat(alerts.Details).ToArray();
        if (ledger.Holds && alerts.Holds)
        {
            return RuleVerdict.Pass($"{ledger.Reason}; {alerts.Reason}", details);
        }

        var failing = new[] { ledger, alerts }.Where(v => !v.Holds).ToList();
        return RuleVerdict.Fail(
            string.Join("; and ", failing.Select(v => v.Reason)),
            string.Join("; for the alerts: ", failing.Select(v => v.Fix).OfType<string>()),
            details);
    }

    /// <summary>No freeze window of the policy is in force at <paramref name="now"/>.</summary>
    public static RuleVerdict Freeze(GatePolicy policy, DateTimeOffset now)
    {
        var windows = policy.Freeze.Windows;
        var active = windows.Select(w => w.ActiveAt(now)).OfType<FreezeOccurrence>().OrderByDescending(o => o.End).FirstOrDefault();
        var details = windows.Select(w => $"{w.Name}: {w.Describe()}").ToArray();
        if (active is null)
        {
            return RuleVerdict.Pass(windows.Count == 0 ? "no freeze windows in the policy" : $"no freeze window in force ({windows.Count} defined)", details);
        }

        var local = TimeZoneInfo.ConvertTime(active.End, active.Window.Zone);
        return RuleVerdict.Fail(
            $"freeze window '{active.Window.Name}' is in force until {local:yyyy-MM-dd HH:mm} {active.Window.Zone.Id} ({active.End.UtcDateTime:yyyy-MM-dd HH:mm}Z)" + (active.Window.Reason is null ? "" : $": {active.Window.Reason}"),
            "wait until the window ends, or have an override actor run `changegate override --check freeze --reason \"...\" --expires 1h`",
            details);
    }

    /// <summary>The stage at <paramref name="stageIndex"/> has the approvals it needs.</summary>
    public static RuleVerdict Approvals(Rollout rollout, int stageIndex)
    {
        var stage = rollout.Stages[stageIndex];
        var approvals = rollout.ApprovalsOf(stage.Name);
        var details = approvals.Select(a => $"{a.Actor} at {a.At:yyyy-MM-dd HH:mm:ss}Z" + (a.Comment is null ? "" : $": {a.Comment}")).ToArray();
        if (approvals.Count >= stage.Approvals)
        {
            return RuleVerdict.Pass(stage.Approvals == 0
                ? $"stage {stage.Name} needs no approval"
                : $"stage {stage.Name} has {approvals.Count} of {stage.Approvals} approvals ({string.Join(", ", approvals.Select(a => a.Actor))})", details);
        }

        return RuleVerdict.Fail(
            $"stage {stage.Name} has {approvals.Count} of {stage.Approvals} required approvals",
            $"{stage.Approvals - approvals.Count} more approver(s) other than the commit's author ({rollout.CommitAuthorEmail}) run `changegate approve --stage {stage.Name}`",
            details);
    }

    /// <summary>The rollout has a rollback plan, when the policy requires one.</summary>
    public static RuleVerdict RollbackPlan(GatePolicy policy, Rollout rollout)
    {
        if (!string.IsNullOrWhiteSpace(rollout.RollbackPlan))
        {
            return RuleVerdict.Pass($"rollback plan: {rollout.RollbackPlan}");
        }

        return policy.RollbackPlan.Required
            ? RuleVerdict.Fail($"rollout {rollout.Id} has no rollback plan and the policy requires one",
                "abort it and start again with `changegate rollout start --rollback-plan \"how to go back\"`")
            : RuleVerdict.Pass("the policy does not require a rollback plan");
    }

    /// <summary>Every target of the current stage deployed ok, and the stage baked since its last successful deploy.</summary>
    public static RuleVerdict Bake(Rollout rollout, DateTimeOffset now)
    {
        var stage = rollout.CurrentStage;
        var deploys = stage.Targets.Select(t => rollout.Deploys.FirstOrDefault(d => d.Target == t)).ToList();
        var details = stage.Targets.Zip(deploys, (t, d) => d is null ? $"{t}: not deployed" : $"{t}: {d.Status.ToString().ToLowerInvariant()} at {d.At:yyyy-MM-dd HH:mm:ss}Z").ToArray();
        var missing = stage.Targets.Where((t, i) => deploys[i] is not { Status: DeployStatus.Ok }).ToList();
        if (missing.Count > 0)
        {
            return RuleVerdict.Fail($"stage {stage.Name} is not fully deployed: {string.Join(", ", missing)} not deployed ok",
                $"deploy them and record it: `changegate deploy record --target {missing[0]} --status ok`", details);
        }

        var last = deploys.Max(d => d!.At);
        var baked = now - last;
        if (baked >= stage.Bake)
        {
            return RuleVerdict.Pass($"stage {stage.Name} baked {DurationText.Format(baked)} (needs {DurationText.Format(stage.Bake)})", details);
        }

        return RuleVerdict.Fail(
            $"stage {stage.Name} has baked {DurationText.Format(baked)} of {DurationText.Format(stage.Bake)} since its last successful deploy",
            $"wait {DurationText.Format(TimeSpan.FromSeconds(Math.Ceiling((stage.Bake - baked).TotalSeconds)))} more (until {(last + stage.Bake).UtcDateTime:yyyy-MM-dd HH:mm:ss}Z) and promote again", details);
    }
}
