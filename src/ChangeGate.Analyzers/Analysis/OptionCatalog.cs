using System;
using System.Collections.Immutable;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>The syntax of a ChangeGate option value.</summary>
internal enum OptionSyntax
{
    /// <summary>Identifier words separated by <c>|</c> or <c>,</c> (<see cref="NameVocabulary"/>).</summary>
    Words,

    /// <summary>Word patterns with <c>*</c> (<see cref="WordPatterns"/>); an empty value is an empty list.</summary>
    WordPatterns,

    /// <summary>Method-name patterns with <c>*</c> (<c>Wipe*|Purge*</c>); <c>none</c> is the empty list.</summary>
    MethodPatterns,

    /// <summary>A rule scope: <c>update</c> (also <c>update_code</c>) or <c>all</c>.</summary>
    Scope,
}

/// <summary>One ChangeGate option that has a syntax or a closed set of values, with its default as documented.</summary>
internal sealed class OptionDefinition
{
    public OptionDefinition(string name, OptionSyntax syntax, string defaultText)
    {
        Name = name;
        Syntax = syntax;
        DefaultText = defaultText;
    }

    /// <summary>The key without the <c>changegate.</c> prefix, as read by <see cref="ChangeGateOptions"/>.</summary>
    public string Name { get; }

    /// <summary>The full key: <c>changegate.</c> and the name.</summary>
    public string Key => ChangeGateOptions.Prefix + Name;

    /// <summary>The syntax its value must follow.</summary>
    public OptionSyntax Syntax { get; }

    /// <summary>The default, as a reader writes it in <c>.editorconfig</c>.</summary>
    public string DefaultText { get; }

    /// <summary>What is wrong with <paramref name="value"/> for this option, or null when it is valid.</summary>
    public string? Problem(string value) => Syntax switch
    {
        OptionSyntax.Words => NameVocabulary.TryParse(value, out _, out var problem) ? null : problem,
        OptionSyntax.WordPatterns => Analysis.WordPatterns.TryParse(value, out _, out var problem) ? null : problem,
        OptionSyntax.MethodPatterns => OptionCatalog.MethodPatternProblem(value),
        OptionSyntax.Scope => OptionCatalog.TryParseScope(value, out _) ? null : "expected one of update, update_code, all (not case-sensitive)",
        _ => null,
    };
}

/// <summary>
/// Every ChangeGate option with a syntax or a closed set of values: what <see cref="ChangeGateOptions"/> reads and what
/// CG0001 checks. A value that is not valid is reported by CG0001, and the rules use the default.
/// </summary>
internal static class OptionCatalog
{
    // The file-system wrapper lists are documented with their defaults in docs/configuration.md; the message points there.
    private const string WrapperDefault = "the built-in list, see docs/configuration.md#file-system-wrappers";

    /// <summary>The options, in the order of docs/configuration.md.</summary>
    public static ImmutableArray<OptionDefinition> All { get; } = ImmutableArray.Create(
        Words("update_names", DefaultVocabularies.UpdateNames),
        new OptionDefinition("non_update_names", OptionSyntax.WordPatterns, string.Join("|", DefaultVocabularies.NonUpdateNames.Entries)),
        Words("step_interfaces", DefaultVocabularies.StepInterfaces),
        Words("backup_methods", DefaultVocabularies.BackupMethods),
        Words("backup_attributes", DefaultVocabularies.BackupAttributes),
        Words("target_names", DefaultVocabularies.TargetNames),
        Words("rollback_names", DefaultVocabularies.RollbackNames),
        Words("apply_names", DefaultVocabularies.ApplyNames),
        Words("health_methods", DefaultVocabularies.HealthMethods),
        new OptionDefinition("delete_methods", OptionSyntax.MethodPatterns, WrapperDefault),
        new OptionDefinition("copy_methods", OptionSyntax.MethodPatterns, WrapperDefault),
        new OptionDefinition("move_methods", OptionSyntax.MethodPatterns, WrapperDefault),
        new OptionDefinition("write_methods", OptionSyntax.MethodPatterns, WrapperDefault),
        new OptionDefinition("CG1001.scope", OptionSyntax.Scope, "update"),
        new OptionDefinition("CG1002.scope", OptionSyntax.Scope, "update"),
        new OptionDefinition("install_directory", OptionSyntax.WordPatterns, "none"));

    /// <summary>Parses a rule scope: <c>update</c> or <c>update_code</c>, or <c>all</c>, ignoring case and surrounding spaces.</summary>
    public static bool TryParseScope(string? value, out RuleScope scope)
    {
        scope = RuleScope.UpdateCode;
        switch (value?.Trim().ToLowerInvariant())
        {
            case "all":
                scope = RuleScope.All;
                return true;
            case "update":
            case "update_code":
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// What is wrong with a list of method-name patterns (<c>Wipe*|Purge*|Delete*Directory</c>), or null when it is valid:
    /// <c>none</c> (the empty list), or entries separated by <c>|</c> or <c>,</c>, each made of letters, digits, <c>_</c> and
    /// <c>*</c> and naming at least one character besides <c>*</c>.
    /// </summary>
    public static string? MethodPatternProblem(string value)
    {
        if (string.Equals(value.Trim(), "none", System.StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var entries = 0;
        foreach (var part in value.Split('|', ','))
        {
            var entry = part.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            entries++;
            var sawName = false;
            foreach (var c in entry)
            {
                if (c == '*')
                {
                    continue;
                }

                if (!char.IsLetterOrDigit(c) && c != '_')
                {
                    return "'" + entry + "' holds '" + c + "': a pattern is letters, digits, _ and *";
                }

                sawName = true;
            }

            if (!sawName)
            {
                return "'" + entry + "' names no word";
            }
        }

        return entries == 0 ? "it names no pattern (write none for an empty list)" : null;
    }

    private static OptionDefinition Words(string name, NameVocabulary defaults) =>
        new(name, OptionSyntax.Words, string.Join("|", defaults.Words));
}
