namespace ChangeGate.Analyzers;

/// <summary>
/// Every ChangeGate rule ID, defined once. IDs are a public contract: stable and never reused.
/// </summary>
public static class RuleIdentifiers
{
    /// <summary>A ChangeGate option in <c>.editorconfig</c> has a value that is not valid; the rules use its default.</summary>
    public const string InvalidOptionValue = "CG0001";

    /// <summary>Existing file or directory deleted in update code without a backup or rollback path.</summary>
    public const string UnguardedDeleteInUpdate = "CG1001";

    /// <summary>Live file overwritten in place during an update.</summary>
    public const string InPlaceOverwriteInUpdate = "CG1002";

    /// <summary>Update step has no rollback (missing, empty, or throws).</summary>
    public const string UpdateStepWithoutRollback = "CG2001";

    /// <summary>Migration cannot be rolled back (EF Core Down empty/throws, FluentMigrator forward-only or empty Down).</summary>
    public const string IrreversibleMigration = "CG2002";

    /// <summary>Rollout loop swallows a failure and continues to the next target.</summary>
    public const string RolloutLoopSwallowsFailure = "CG3001";

    /// <summary>Change fanned out to every target at once, with no staging or health gate.</summary>
    public const string UnstagedFanOut = "CG3002";

    /// <summary>The category of every ChangeGate rule, as used in <c>[SuppressMessage("ChangeGate", "CG1001")]</c>.</summary>
    public const string Category = "ChangeGate";

    /// <summary>Where the documentation page of a rule lives; the rule ID is appended with <c>.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/changegate/changegate/blob/main/docs/rules/";

    /// <summary>The documentation page of the rule <paramref name="id"/>.</summary>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
