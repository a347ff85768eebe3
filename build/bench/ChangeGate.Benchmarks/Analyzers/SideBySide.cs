using System.Collections.Immutable;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>
/// The cost of the ChangeGate rules next to a peer's, in one session: per run, the compile alone (no analyzers), then
/// the ChangeGate analyzers and Meziantou.Analyzer together in one <c>CompilationWithAnalyzers</c> with execution-time
/// logging. Figures are medians over the runs; nothing is asserted, the targets are printed with the figures.
/// </summary>
internal sealed class SideBySide
{
    // The targets of issue 9: all CG rules together at most 1% of the compile, every CG rule at most the peer's median rule.
    private const double ShareTarget = 0.01;

    private readonly List<TimeSpan> _compiles = new();
    private readonly List<TimeSpan> _walls = new();
    private readonly Dictionary<BenchAnalyzer, List<TimeSpan>> _times = new();
    private readonly Dictionary<BenchAnalyzer, int> _findings = new();
    private readonly List<string> _crashes = new();

    private SideBySide(BenchSources sources, ImmutableArray<BenchAnalyzer> analyzers)
    {
        Sources = sources;
        Analyzers = analyzers;
    }

    public BenchSources Sources { get; }

    public ImmutableArray<BenchAnalyzer> Analyzers { get; }

    public int Runs => _compiles.Count;

    /// <summary>Measures <paramref name="runs"/> runs after one warm-up (which also JIT-compiles every analyzer).</summary>
    public static SideBySide Measure(BenchSources sources, ImmutableArray<BenchAnalyzer> analyzers, int runs, bool concurrent, TextWriter progress)
    {
        var (_, errors) = AnalyzerRun.Compile(sources);
        if (!errors.IsEmpty)
        {
            throw new BenchSetupException(
                $"{sources.Name} does not compile here ({errors.Length} errors), so its figures would mean nothing; first errors:\n  " +
                string.Join("\n  ", errors.Take(5)));
        }

        var measurement = new SideBySide(sources, analyzers);
        for (var run = 0; run <= runs; run++)
        {
            Collect();
            var (compile, _) = AnalyzerRun.Compile(sources);
            Collect();
            var analysis = AnalyzerRun.Analyze(sources, analyzers, concurrent);
            progress.WriteLine($"  {(run == 0 ? "warm-up" : $"run {run}/{runs}")}: compile {AnalyzerRun.Format(compile)}, compile + analyzers {AnalyzerRun.Format(analysis.Wall)}, " +
                               $"ChangeGate {AnalyzerRun.Format(Sum(analysis.Analyzers.Where(a => a.Analyzer.IsChangeGate).Select(a => a.Time)))}");
            if (run == 0)
            {
                continue;
            }

            measurement._compiles.Add(compile);
            measurement._walls.Add(analysis.Wall);
            foreach (var time in analysis.Analyzers)
            {
                if (!measurement._times.TryGetValue(time.Analyzer, out var list))
                {
                    measurement._times[time.Analyzer] = list = new List<TimeSpan>();
                }

                list.Add(time.Time);
                measurement._findings[time.Analyzer] = time.Findings;
            }

            measurement._crashes.AddRange(analysis.Crashes.Except(measurement._crashes));
        }

        return measurement;
    }

    public TimeSpan Compile => AnalyzerRun.Median(_compiles);

    public TimeSpan MedianOf(BenchAnalyzer analyzer) => AnalyzerRun.Median(_times[analyzer]);

    /// <summary>The ChangeGate total of each run, then its median (not the sum of the rules' medians).</summary>
    public TimeSpan ChangeGateTotal => AnalyzerRun.Median(Enumerable.Range(0, Runs).Select(run => Sum(Analyzers.Where(a => a.IsChangeGate).Select(a => _times[a][run]))));

    /// <summary>The peer's analyzers that run with no configuration.</summary>
    public IReadOnlyList<BenchAnalyzer> PeerEnabled => Analyzers.Where(a => !a.IsChangeGate && a.EnabledByDefault).ToList();

    /// <summary>The median, over the peer's analyzers that run by default, of each one's median time.</summary>
    public TimeSpan PeerMedianRule => AnalyzerRun.Median(PeerEnabled.Select(MedianOf));

    /// <summary>Writes the figures as Markdown tables.</summary>
    public void Print(TextWriter output, string title)
    {
        var compile = Compile;
        var peerMedian = PeerMedianRule;
        var ranked = Analyzers.Where(a => a.IsChangeGate || a.EnabledByDefault).OrderByDescending(MedianOf).ToList();
        var changeGate = Analyzers.Where(a => a.IsChangeGate).ToList();

        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine();
        output.WriteLine($"{Sources.Trees.Length:N0} files, {Sources.Lines:N0} lines; {Runs} runs after one warm-up, medians; " +
                         $"{changeGate.Count} ChangeGate analyzers and {PeerEnabled.Count} of Meziantou.Analyzer's {Analyzers.Count(a => !a.IsChangeGate)} (those on by default) in one CompilationWithAnalyzers.");
        output.WriteLine();
        output.WriteLine("| measure | median | min | max |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine($"| compile (`GetDiagnostics`, no analyzers) | {F(compile)} | {F(_compiles.Min())} | {F(_compiles.Max())} |");
        output.WriteLine($"| compile + all analyzers (wall) | {F(AnalyzerRun.Median(_walls))} | {F(_walls.Min())} | {F(_walls.Max())} |");
        output.WriteLine();
        output.WriteLine("| analyzer | median | min | max | share of compile | vs Meziantou median rule | rank (of both packages) | findings |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var analyzer in changeGate)
        {
            var time = MedianOf(analyzer);
            output.WriteLine($"| {analyzer.Name} | {F(time)} | {F(_times[analyzer].Min())} | {F(_times[analyzer].Max())} | {Share(time, compile)} | {Ratio(time, peerMedian)} | " +
                             $"{ranked.IndexOf(analyzer) + 1} of {ranked.Count} | {_findings[analyzer]} |");
        }

        var total = ChangeGateTotal;
        output.WriteLine($"| **all ChangeGate rules** | **{F(total)}** | | | **{Share(total, compile)}** | {Ratio(total, peerMedian)} | | {changeGate.Sum(a => _findings[a])} |");
        output.WriteLine($"| Meziantou median rule (of {PeerEnabled.Count}) | {F(peerMedian)} | | | {Share(peerMedian, compile)} | 1.0× | | |");
        var peerTotal = AnalyzerRun.Median(Enumerable.Range(0, Runs).Select(run => Sum(PeerEnabled.Select(a => _times[a][run]))));
        output.WriteLine($"| all Meziantou rules | {F(peerTotal)} | | | {Share(peerTotal, compile)} | | | {PeerEnabled.Sum(a => _findings[a])} |");
        output.WriteLine();
        output.WriteLine("Slowest analyzers of both packages:");
        output.WriteLine();
        output.WriteLine("| rank | analyzer | median | vs Meziantou median rule |");
        output.WriteLine("|---:|---|---:|---:|");
        for (var i = 0; i < Math.Min(10, ranked.Count); i++)
        {
            var name = ranked[i].IsChangeGate ? $"**{ranked[i].Name}** (ChangeGate)" : ranked[i].Name;
            output.WriteLine($"| {i + 1} | {name} | {F(MedianOf(ranked[i]))} | {Ratio(MedianOf(ranked[i]), peerMedian)} |");
        }

        output.WriteLine();
        var overShare = total.Ticks > compile.Ticks * ShareTarget;
        var overPeer = changeGate.Where(a => MedianOf(a) > peerMedian).Select(a => a.Name).ToList();
        output.WriteLine($"- target \"all ChangeGate rules ≤ 1% of the compile\": {(overShare ? "NOT met" : "met")} ({Share(total, compile)})");
        output.WriteLine(PeerEnabled.Count == 0
            ? "- target \"every ChangeGate rule ≤ Meziantou's median rule\": not judged (the peer did not run)"
            : $"- target \"every ChangeGate rule ≤ Meziantou's median rule\": {(overPeer.Count == 0 ? "met" : "NOT met by " + string.Join(", ", overPeer))}");
        output.WriteLine($"- analyzer crashes (AD0001): {(_crashes.Count == 0 ? "none" : string.Join("; ", _crashes))}");
    }

    private static string F(TimeSpan time) => AnalyzerRun.Format(time);

    private static string Share(TimeSpan part, TimeSpan whole) => AnalyzerRun.Share(part, whole);

    private static string Ratio(TimeSpan part, TimeSpan reference) => AnalyzerRun.Ratio(part, reference);

    private static TimeSpan Sum(IEnumerable<TimeSpan> times) => AnalyzerRun.Sum(times);

    private static void Collect() => AnalyzerRun.Collect();
}
