using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>
/// Blocks while a freeze window of the policy is in force, and while an emergency freeze
/// (stop-the-line, <c>changegate freeze now</c>) is: an override covers a window, never an emergency freeze.
/// </summary>
public sealed class FreezeCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.Freeze;

    /// <inheritdoc />
    public string Description => "no freeze window or emergency freeze in force";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context)
    {
        var windows = RolloutRules.Freeze(context.Policy, context.Now);
        var emergency = EmergencyFreezeRule.Evaluate(context.Policy, context.Ledger, context.Now);
        var details = windows.Details.Concat(emergency.Holds ? ["no emergency freeze in force"] : emergency.Details).ToList();
        if (!emergency.Holds)
        {
            return CheckResult.Block(emergency.Reason + (windows.Holds ? "" : $"; also {windows.Reason}"), emergency.Fix, [.. details, "no override covers an emergency freeze: only `changegate freeze lift` (or its end time) ends it"])
                with { Overridable = false };
        }

        return CheckResult.From(windows with { Details = [.. details] });
    }
}
