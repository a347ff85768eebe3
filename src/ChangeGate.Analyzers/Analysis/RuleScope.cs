namespace ChangeGate.Analyzers.Analysis;

/// <summary>Where a rule looks for findings.</summary>
internal enum RuleScope
{
    /// <summary>Only in update code (the default).</summary>
    UpdateCode,

    /// <summary>In all code.</summary>
    All,
}
