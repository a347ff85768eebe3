namespace ChangeGate.Analyzers.Rules;

/// <summary>
/// The contract between CG3001 and its code fix: a diagnostic property that says whether and how the
/// catch can be fixed by rethrowing. Absent when the fix needs human judgement.
/// </summary>
internal static class RethrowFix
{
    /// <summary>The diagnostic property key.</summary>
    public const string PropertyName = "RethrowFix";

    /// <summary>Add <c>throw;</c> as the last statement of the catch.</summary>
    public const string Append = "Append";

    /// <summary>Replace the catch's last statement (<c>continue;</c>, <c>break;</c> or <c>return;</c>, which moves on) with <c>throw;</c>.</summary>
    public const string ReplaceLast = "ReplaceLast";
}
