using ChangeGate.Core.Rules;

namespace ChangeGate.Core.Gate.Checks;

/// <summary>Blocks while a freeze window of the policy is in force.</summary>
public sealed class FreezeCheck : IGateCheck
{
    /// <inheritdoc />
    public string Name => RuleNames.Freeze;

    /// <inheritdoc />
    public string Description => "no freeze window in force";

    /// <inheritdoc />
    public CheckResult Evaluate(GateContext context) => CheckResult.From(RolloutRules.Freeze(context.Policy, context.Now));
}
