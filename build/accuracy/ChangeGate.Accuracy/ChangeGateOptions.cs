using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Accuracy;

/// <summary>
/// A repository's own .editorconfig files, used only when one of them sets a <c>changegate.*</c> key
/// (the measurement takes what a team configured, and configures nothing on a team's behalf).
/// Only the <c>changegate.*</c> keys are passed to the analyzers.
/// </summary>
internal sealed class ChangeGateOptions : AnalyzerConfigOptionsProvider
{
    private readonly AnalyzerConfigSet? _set;

    private ChangeGateOptions(AnalyzerConfigSet? set, IReadOnlyList<string> files)
    {
        _set = set;
        Files = files;
    }

    /// <summary>The .editorconfig files that set changegate keys (empty when none do).</summary>
    public IReadOnlyList<string> Files { get; }

    public override AnalyzerConfigOptions GlobalOptions => Options.Empty;

    public static ChangeGateOptions Load(string root)
    {
        var configs = Directory.EnumerateFiles(root, ".editorconfig", SearchOption.AllDirectories).ToList();
        var withKeys = configs.Where(f => File.ReadLines(f).Any(l => l.TrimStart().StartsWith("changegate.", StringComparison.OrdinalIgnoreCase))).ToList();
        if (withKeys.Count == 0)
        {
            return new ChangeGateOptions(null, []);
        }

        var parsed = configs.Select(f => AnalyzerConfig.Parse(File.ReadAllText(f), f)).ToList();
        return new ChangeGateOptions(AnalyzerConfigSet.Create(parsed), withKeys);
    }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree)
    {
        if (_set is null || string.IsNullOrEmpty(tree.FilePath))
        {
            return Options.Empty;
        }

        var options = _set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions;
        return new Options(options.Where(o => o.Key.StartsWith("changegate.", StringComparison.OrdinalIgnoreCase))
            .ToImmutableDictionary(o => o.Key, o => o.Value, AnalyzerConfigOptions.KeyComparer));
    }

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => values.Keys;
    }
}
