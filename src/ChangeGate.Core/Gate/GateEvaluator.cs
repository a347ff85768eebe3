namespace ChangeGate.Core.Gate;

/// <summary>Runs the checks the policy enables and composes the decision. Fails closed.</summary>
public sealed class GateEvaluator
{
    private readonly IReadOnlyList<IGateCheck> _checks;

    /// <summary>Creates an evaluator over <paramref name="checks"/> (default: <see cref="GateChecks.CreateDefault"/>).</summary>
    public GateEvaluator(IReadOnlyList<IGateCheck>? checks = null) => _checks = checks ?? GateChecks.CreateDefault();

    /// <summary>Evaluates every enabled check against <paramref name="context"/>.</summary>
    public GateReport Evaluate(GateContext context)
    {
        var reports = new List<CheckReport>();
        var skipped = new List<string>();
        foreach (var check in _checks)
        {
            if (!context.Policy.Checks.IsEnabled(check.Name))
            {
                skipped.Add(check.Name);
                continue;
            }

            CheckResult result;
            var isBug = false;
            try
            {
                result = check.Evaluate(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug in a check must never let a deploy through.
                result = CheckResult.Error($"internal error in the check: {e.GetType().Name}: {e.Message}", "report this as a changegate bug; the gate blocks meanwhile");
                isBug = true;
            }

            result = WithUncounted(check.Name, result, context);
            var granted = result.Outcome == CheckOutcome.Block && result.Overridable ? context.Ledger.OverrideFor(check.Name, context.Now) : null;
            reports.Add(new CheckReport(check.Name, check.Description, result, granted, isBug));
        }

        return new GateReport(reports, skipped);
    }

    // With signed events required, a block may stand because an event that would lift it does not
    // count (unsigned, or signed by a key the policy does not list for its actor): say which.
    private static CheckResult WithUncounted(string check, CheckResult result, GateContext context)
    {
        if (result.Outcome == CheckOutcome.Pass || context.LedgerHead?.Verified?.Uncounted is not { Count: > 0 } uncounted)
        {
            return result;
        }

        var state = context.Ledger;
        var relevant = uncounted.Where(u => (check, u.Kind) switch
        {
            (Rules.RuleNames.Approvals, "approval-granted") => u.Subject == state.Rollout?.Id,
            (Rules.RuleNames.Stage, "rollout-started" or "stage-promoted" or "rollout-resumed" or "target-deployed") => u.Subject == state.Rollout?.Id,
            (Rules.RuleNames.Incidents, "incident-resolved") => state.OpenIncidents.Any(i => i.Id == u.Subject),
            (Rules.RuleNames.Freeze, "emergency-freeze-lifted") => u.Subject == state.EmergencyFreeze?.Id,
            _ => false,
        }).ToList();
        if (relevant.Count == 0)
        {
            return result;
        }

        var last = relevant[^1];
        return result with
        {
            Reason = $"{result.Reason} ({(relevant.Count == 1 ? "an event" : $"{relevant.Count} events")} that would lift this do{(relevant.Count == 1 ? "es" : "")} not count: {last.Kind} by {last.Actor} in ledger commit {last.Commit[..Math.Min(12, last.Commit.Length)]}: {last.Reason}; {last.Effect})",
            Details = [.. result.Details, .. relevant.Select(u => u.Describe())],
        };
    }
}
