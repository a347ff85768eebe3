using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;

namespace ChangeGate.Core.Rules;

/// <summary>
/// Stop-the-line: while an emergency freeze is in force every gate blocks and every promotion is
/// refused. No override covers it; only <c>changegate freeze lift</c> (or its end time) ends it.
/// </summary>
public static class EmergencyFreezeRule
{
    /// <summary>No emergency freeze is in force at <paramref name="now"/>.</summary>
    public static RuleVerdict Evaluate(GatePolicy policy, LedgerState state, DateTimeOffset now)
    {
        if (state.EmergencyFreezeAt(now) is not { } freeze)
        {
            return RuleVerdict.Pass("no emergency freeze");
        }

        var lifters = Lifters(policy);
        return RuleVerdict.Fail(
            $"emergency freeze {freeze.Id} is in force since {freeze.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (by {freeze.Actor}" +
                (freeze.Until is { } until ? $", until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : ", until lifted") + $"): {freeze.Reason}",
            LiftFix(lifters),
            $"{freeze.Id} stops every deploy and promotion of the service; an override does not cover it");
    }

    /// <summary>Who may lift an emergency freeze: the override actors and <c>freeze.emergency-actors</c>.</summary>
    public static IReadOnlyList<string> Lifters(GatePolicy policy) =>
        policy.Overrides.Actors.Concat(policy.Freeze.EmergencyActors).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>True when <paramref name="actor"/> may lift an emergency freeze.</summary>
    public static bool MayLift(GatePolicy policy, string actor) => Lifters(policy).Contains(actor, StringComparer.OrdinalIgnoreCase);

    private static string LiftFix(IReadOnlyList<string> lifters) => lifters.Count == 0
        ? "the policy names nobody who may lift it: add `freeze.emergency-actors` (or `overrides.actors`) in a reviewed change, then `changegate freeze lift --reason \"...\"`"
        : $"when it is safe again, one of {string.Join(", ", lifters)} runs `changegate freeze lift --reason \"...\"` (an override does not lift it)";
}
