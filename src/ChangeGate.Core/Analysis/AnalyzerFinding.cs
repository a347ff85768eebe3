namespace ChangeGate.Core.Analysis;

/// <summary>How serious a finding is, in SARIF's words (a finding of severity none is not reported at all).</summary>
public enum FindingLevel
{
    /// <summary>Blocks: <c>changegate analyze</c> exits 1 and the <c>analyzers</c> gate check blocks.</summary>
    Error,

    /// <summary>Reported; does not block.</summary>
    Warning,

    /// <summary>Informational (Roslyn's Info severity).</summary>
    Note,
}

/// <summary>
/// One analyzer finding at a place in a file. Positions are 1-based; <see cref="Path"/> is relative
/// to the repository root with '/' separators, as SARIF and GitHub code scanning want it.
/// </summary>
/// <param name="RuleId">The rule, such as CG1001.</param>
/// <param name="Level">The effective severity (after .editorconfig and project settings).</param>
/// <param name="Message">The finding's message.</param>
/// <param name="Path">The file, relative to the repository root.</param>
/// <param name="Line">First line, 1-based.</param>
/// <param name="Column">First column, 1-based (UTF-16 code units).</param>
/// <param name="EndLine">Last line, 1-based.</param>
/// <param name="EndColumn">Column after the last character, 1-based.</param>
public sealed record AnalyzerFinding(string RuleId, FindingLevel Level, string Message, string Path, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The finding as <c>path:line:column: level id: message</c>.</summary>
    public override string ToString() => $"{Path}:{Line}:{Column}: {Level.ToString().ToLowerInvariant()} {RuleId}: {Message}";
}

/// <summary>A rule that can report findings.</summary>
/// <param name="Id">The rule id, such as CG1001.</param>
/// <param name="Name">A name for the rule (SARIF <c>name</c>), such as UnguardedDeleteInUpdate.</param>
/// <param name="Title">One line saying what it finds.</param>
/// <param name="Description">Why it matters and how to fix it, or null.</param>
/// <param name="HelpUri">The rule's documentation page, or null.</param>
/// <param name="DefaultLevel">Its severity when nothing configures it.</param>
public sealed record AnalyzerRule(string Id, string Name, string Title, string? Description, string? HelpUri, FindingLevel DefaultLevel);
