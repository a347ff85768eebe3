using System.Collections.Generic;
using System.Collections.Immutable;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Rules;

/// <summary>
/// CG0001: a ChangeGate option in <c>.editorconfig</c> (or a global config) has a value that is not valid — a scope that
/// is not <c>update</c> or <c>all</c>, a word list with a word that is not an identifier, a pattern with a character a
/// pattern cannot hold. Reported once per compilation for each key and value, naming the accepted values; the rules
/// then use the default, so a typo never silently narrows or widens what is checked without anyone seeing it.
/// </summary>
/// <remarks>
/// Not a <see cref="ChangeGateAnalyzer"/>: it looks at no code, only at the options, once the compilation is known.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidOptionValueAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.InvalidOptionValue,
        title: "Invalid ChangeGate option value",
        messageFormat: "ChangeGate option '{0} = {1}' is not valid: {2}; the default is used ({3})",
        description:
            "A ChangeGate option in .editorconfig or a global AnalyzerConfig file has a value the analyzers cannot use. The rules " +
            "use the option's default instead, which may check more or less than intended. Fix the value (the message names what " +
            "is accepted) or remove the key.",
        compilationEnd: true);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(Analyze);
    }

    private static void Analyze(CompilationAnalysisContext context)
    {
        var provider = context.Options.AnalyzerConfigOptionsProvider;
        var checkedOptions = new HashSet<AnalyzerConfigOptions>();
        var problems = new Dictionary<(string Key, string Value), (OptionDefinition Option, string Problem)>();

        Check(provider.GlobalOptions, checkedOptions, problems);
        foreach (var tree in context.Compilation.SyntaxTrees)
        {
            Check(provider.GetOptions(tree), checkedOptions, problems);
        }

        var ordered = new List<KeyValuePair<(string Key, string Value), (OptionDefinition Option, string Problem)>>(problems);
        ordered.Sort(static (x, y) => string.CompareOrdinal(x.Key.Key + "=" + x.Key.Value, y.Key.Key + "=" + y.Key.Value));
        foreach (var entry in ordered)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Rule, Location.None, entry.Value.Option.Key, entry.Key.Value, entry.Value.Problem, entry.Value.Option.DefaultText));
        }
    }

    // Options objects are shared by the trees of one .editorconfig section; each is read once.
    private static void Check(
        AnalyzerConfigOptions options,
        HashSet<AnalyzerConfigOptions> checkedOptions,
        Dictionary<(string Key, string Value), (OptionDefinition Option, string Problem)> problems)
    {
        if (!checkedOptions.Add(options))
        {
            return;
        }

        foreach (var option in OptionCatalog.All)
        {
            if (options.TryGetValue(option.Key, out var value) && option.Problem(value) is { } problem)
            {
                if (!problems.ContainsKey((option.Key, value)))
                {
                    problems.Add((option.Key, value), (option, problem));
                }
            }
        }
    }
}
