using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers;

/// <summary>
/// The one factory for rule descriptors, so category, help link and tags are set the same way for every rule.
/// </summary>
internal static class RuleDescriptors
{
    /// <summary>Creates the descriptor of a ChangeGate rule.</summary>
    /// <param name="id">One of <see cref="RuleIdentifiers"/>.</param>
    /// <param name="title">Short title, as in the rule table of the docs.</param>
    /// <param name="messageFormat">The message, with <c>{0}</c>-style arguments.</param>
    /// <param name="description">Why the rule exists and how to fix a finding.</param>
    /// <param name="severity">The default severity.</param>
    /// <param name="analyzesGeneratedCode">True when the rule also reports in generated code; tagged so tools can tell.</param>
    /// <param name="compilationEnd">True when the rule reports once per compilation, at its end (tagged so the IDE knows).</param>
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string description,
        DiagnosticSeverity severity = DiagnosticSeverity.Warning,
        bool analyzesGeneratedCode = false,
        bool compilationEnd = false)
    {
        var tags = new System.Collections.Generic.List<string> { "ChangeGate" };
        if (analyzesGeneratedCode)
        {
            tags.Add("AnalyzesGeneratedCode");
        }

        if (compilationEnd)
        {
            tags.Add(WellKnownDiagnosticTags.CompilationEnd);
        }

        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            RuleIdentifiers.Category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: RuleIdentifiers.HelpLink(id),
            customTags: tags.ToArray());
    }
}
