using System.Collections.Immutable;
using System.Reflection;
using ChangeGate.Analyzers;
using ChangeGate.Core.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.SolutionAnalysis;

/// <summary>
/// The ChangeGate analyzers that ship with the tool, found once in the analyzer assembly: every
/// C# <see cref="DiagnosticAnalyzer"/> in it, and the rules they report.
/// </summary>
public static class ShippedAnalyzers
{
    private static readonly Lazy<(ImmutableArray<DiagnosticAnalyzer> Analyzers, IReadOnlyList<AnalyzerRule> Rules)> Loaded = new(Load);

    /// <summary>One instance of each analyzer.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => Loaded.Value.Analyzers;

    /// <summary>Every rule they report, by id.</summary>
    public static IReadOnlyList<AnalyzerRule> Rules => Loaded.Value.Rules;

    /// <summary>The analyzer assembly's version, which is the tool's.</summary>
    public static string Version { get; } =
        typeof(ChangeGateAnalyzer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ChangeGateAnalyzer).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    private static (ImmutableArray<DiagnosticAnalyzer>, IReadOnlyList<AnalyzerRule>) Load()
    {
        var analyzers = typeof(ChangeGateAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var rules = analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .DistinctBy(d => d.Id)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new AnalyzerRule(
                d.Id,
                RuleName(d.Id),
                d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture),
                d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } description ? description : null,
                string.IsNullOrEmpty(d.HelpLinkUri) ? null : d.HelpLinkUri,
                Level(d.DefaultSeverity) ?? FindingLevel.Note))
            .ToList();
        return (analyzers, rules);
    }

    /// <summary>The rule's constant name in <see cref="RuleIdentifiers"/> (such as UnguardedDeleteInUpdate), else its id.</summary>
    private static string RuleName(string id) =>
        typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(f => f.IsLiteral && (string?)f.GetRawConstantValue() == id)?.Name ?? id;

    /// <summary>SARIF's level for a Roslyn severity; null for Hidden, which is not reported.</summary>
    internal static FindingLevel? Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => FindingLevel.Error,
        DiagnosticSeverity.Warning => FindingLevel.Warning,
        DiagnosticSeverity.Info => FindingLevel.Note,
        _ => null,
    };
}
