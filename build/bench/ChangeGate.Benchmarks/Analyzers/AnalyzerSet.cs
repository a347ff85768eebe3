using System.Collections.Immutable;
using System.Reflection;
using ChangeGate.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>An analyzer under measurement: its name in tables, its package, and whether it runs by default.</summary>
internal sealed record BenchAnalyzer(string Name, string Package, DiagnosticAnalyzer Analyzer)
{
    public const string ChangeGatePackage = "ChangeGate";
    public const string PeerPackage = "Meziantou.Analyzer";

    public bool IsChangeGate => Package == ChangeGatePackage;

    /// <summary>
    /// True when at least one of its rules is on with no configuration. The driver skips an analyzer whose rules are
    /// all off, so such an analyzer costs nothing and would only drag a median down.
    /// </summary>
    public bool EnabledByDefault => Analyzer.SupportedDiagnostics.Any(d => d.IsEnabledByDefault);
}

/// <summary>
/// The analyzers the benchmarks run: the six ChangeGate rules, built from this checkout's src/ChangeGate.Analyzers
/// (a project reference), and the peer, Meziantou.Analyzer, loaded from its NuGet package as a compiler would.
/// </summary>
internal static class AnalyzerSet
{
    /// <summary>The peer's version; the project downloads it (PackageDownload) and copies its analyzer here.</summary>
    public const string PeerVersion = "3.0.341";

    /// <summary>One instance of each ChangeGate analyzer, named by its rule id (CG1001…), in id order.</summary>
    public static ImmutableArray<BenchAnalyzer> ChangeGate() =>
        typeof(ChangeGateAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ChangeGateAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Select(a => new BenchAnalyzer(a.SupportedDiagnostics[0].Id, BenchAnalyzer.ChangeGatePackage, a))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToImmutableArray();

    /// <summary>
    /// The six code rules and CG0001 (the option check, which reads only the options, once per compilation): every
    /// analyzer the package ships, for the side-by-side cost.
    /// </summary>
    public static ImmutableArray<BenchAnalyzer> ChangeGateWithOptionCheck() =>
        ChangeGate().Insert(0, new BenchAnalyzer("CG0001", BenchAnalyzer.ChangeGatePackage, new ChangeGate.Analyzers.Rules.InvalidOptionValueAnalyzer()));

    /// <summary>
    /// The analyzers of one side-by-side run: ChangeGate's (only those named in <paramref name="rules"/> when some are),
    /// then the peer's when <paramref name="withPeer"/>.
    /// </summary>
    public static ImmutableArray<BenchAnalyzer> ForRun(IReadOnlyCollection<string>? rules, bool withPeer)
    {
        var ours = ChangeGateWithOptionCheck();
        if (rules is { Count: > 0 })
        {
            ours = ours.Where(a => rules.Contains(a.Name)).ToImmutableArray();
        }

        return withPeer ? ours.AddRange(Peer()) : ours;
    }

    /// <summary>
    /// Every C# analyzer of Meziantou.Analyzer, named by its type and rule ids, loaded from the package's analyzer
    /// assembly (the build copies it next to the harness: peers/Meziantou.Analyzer.dll).
    /// </summary>
    public static ImmutableArray<BenchAnalyzer> Peer()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "peers", "Meziantou.Analyzer.dll");
        if (!File.Exists(path))
        {
            throw new BenchSetupException($"{path} is missing: build the harness with build/bench/run.sh (it downloads Meziantou.Analyzer {PeerVersion})");
        }

        var assembly = Assembly.LoadFrom(path);
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) &&
                        t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Select(a => new BenchAnalyzer(Describe(a), BenchAnalyzer.PeerPackage, a))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    // "UseStringComparerAnalyzer (MA0002)", at most three ids.
    private static string Describe(DiagnosticAnalyzer analyzer)
    {
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();
        var shown = string.Join(", ", ids.Take(3)) + (ids.Count > 3 ? ", …" : "");
        return $"{analyzer.GetType().Name} ({shown})";
    }
}
