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

            var granted = result.Outcome == CheckOutcome.Block && result.Overridable ? context.Ledger.OverrideFor(check.Name, context.Now) : null;
            reports.Add(new CheckReport(check.Name, check.Description, result, granted, isBug));
        }

        return new GateReport(reports, skipped);
    }
}
