using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>
/// The "analyzers-cpu" group: the side-by-side cost measured as thread CPU time instead of the driver's wall times, so
/// that it moves far less with the machine's load. Every callback of every analyzer (ChangeGate's and the peer's alike)
/// is wrapped (<see cref="CpuTimedAnalyzer"/>) and its thread CPU time summed per analyzer. The compile it is compared
/// with is the thread CPU time of <c>GetDiagnostics</c> (no analyzers) on the harness's thread, with the compilation's
/// concurrent build off so that all its binding runs on that thread. Analysis is sequential (concurrentAnalysis: false)
/// and the driver's own timing is off (it would add its own stopwatch to every callback).
/// </summary>
internal sealed class CpuSideBySide
{
    private const double ShareTarget = 0.01;

    private readonly List<TimeSpan> _compiles = new();
    private readonly List<TimeSpan> _analysisProcess = new();
    private readonly Dictionary<BenchAnalyzer, List<TimeSpan>> _times = new();
    private readonly Dictionary<BenchAnalyzer, List<TimeSpan>> _raw = new();
    private readonly List<double> _overheads = new();
    private readonly Dictionary<(BenchAnalyzer Analyzer, string Kind), List<TimeSpan>> _kindTimes = new();
    private readonly Dictionary<(BenchAnalyzer Analyzer, string Kind), long> _kindCallbacks = new();
    private readonly Dictionary<BenchAnalyzer, long> _callbacks = new();
    private readonly Dictionary<BenchAnalyzer, List<long>> _allocated = new();
    private readonly Dictionary<BenchAnalyzer, int> _findings = new();
    private readonly List<string> _crashes = new();

    private CpuSideBySide(BenchSources sources, ImmutableArray<BenchAnalyzer> analyzers, long tightLoopNanoseconds)
    {
        Sources = sources;
        Analyzers = analyzers;
        TightLoopNanoseconds = tightLoopNanoseconds;
    }

    public BenchSources Sources { get; }

    public ImmutableArray<BenchAnalyzer> Analyzers { get; }

    /// <summary>What the timing adds to an empty callback in a tight loop (for comparison with the probe's figure).</summary>
    public long TightLoopNanoseconds { get; }

    /// <summary>What the timing adds to each callback in place (the probe's CPU per callback), median over the runs.</summary>
    public double OverheadNanoseconds => _overheads.Count == 0 ? 0 : _overheads.Order().ElementAt(_overheads.Count / 2);

    private long _probeCallbacks;

    /// <summary>Whether the warm-up's findings, with every analyzer wrapped, were those of the same analyzers unwrapped.</summary>
    public bool SameFindingsAsUnwrapped { get; private set; }

    public string FindingsDifference { get; private set; } = "";

    public int Runs => _compiles.Count;

    public static CpuSideBySide Measure(BenchSources sources, ImmutableArray<BenchAnalyzer> analyzers, int runs, TextWriter progress)
    {
        if (!ThreadCpu.IsAvailable)
        {
            throw new BenchSetupException("analyzers-cpu reads clock_gettime(CLOCK_THREAD_CPUTIME_ID) from libc: it runs on Linux only");
        }

        var sequential = new BenchSources(sources.Name, sources.Trees, sources.Options.WithConcurrentBuild(false));
        var (_, errors) = AnalyzerRun.Compile(sequential);
        if (!errors.IsEmpty)
        {
            throw new BenchSetupException(
                $"{sources.Name} does not compile here ({errors.Length} errors), so its figures would mean nothing; first errors:\n  " +
                string.Join("\n  ", errors.Take(5)));
        }

        var overheadFallback = CpuMeter.CalibrateOverhead();
        var measurement = new CpuSideBySide(sequential, analyzers, overheadFallback);
        for (var run = 0; run <= runs; run++)
        {
            Collect();
            var compile = CompileCpu(sequential);
            Collect();
            var (process, wrapped, probe, result) = Analyze(sequential, analyzers);
            var findings = Findings(result);
            var overhead = probe.Meter.Callbacks == 0 ? overheadFallback : (double)probe.Meter.Nanoseconds / probe.Meter.Callbacks;
            if (run == 0)
            {
                // The wrapping must not change what the analyzers do: the same findings as without it.
                Collect();
                var (_, plain) = RunDriver(sequential, analyzers.Select(a => a.Analyzer).ToImmutableArray());
                var expected = Findings(plain);
                var missing = expected.Except(findings).ToList();
                var extra = findings.Except(expected).ToList();
                measurement.SameFindingsAsUnwrapped = missing.Count == 0 && extra.Count == 0;
                measurement.FindingsDifference = $"{missing.Count} missing, {extra.Count} extra" +
                                                 (missing.Concat(extra).FirstOrDefault() is { } first ? $" (first: {first})" : "");
            }

            var changeGate = wrapped.Where(w => w.Analyzer.IsChangeGate).Sum(w => Net(w.Timed.Meter, overhead));
            progress.WriteLine($"  {(run == 0 ? "warm-up" : $"run {run}/{runs}")}: compile {AnalyzerRun.Format(compile)} CPU, " +
                               $"compile + analyzers {AnalyzerRun.Format(process)} process CPU, ChangeGate {AnalyzerRun.Format(ThreadCpu.ToTimeSpan(changeGate))} CPU");
            if (run == 0)
            {
                continue;
            }

            measurement._compiles.Add(compile);
            measurement._analysisProcess.Add(process);
            measurement._overheads.Add(overhead);
            measurement._probeCallbacks = probe.Meter.Callbacks;
            var all = result.GetAllDiagnostics();
            foreach (var (analyzer, timed) in wrapped)
            {
                if (!measurement._times.TryGetValue(analyzer, out var list))
                {
                    measurement._times[analyzer] = list = new List<TimeSpan>();
                }

                list.Add(ThreadCpu.ToTimeSpan(Net(timed.Meter, overhead)));
                if (!measurement._raw.TryGetValue(analyzer, out var raw))
                {
                    measurement._raw[analyzer] = raw = new List<TimeSpan>();
                }

                raw.Add(ThreadCpu.ToTimeSpan(timed.Meter.Nanoseconds));
                if (analyzer.IsChangeGate)
                {
                    foreach (var (kind, sums) in timed.Meter.Kinds)
                    {
                        if (!measurement._kindTimes.TryGetValue((analyzer, kind), out var kindList))
                        {
                            measurement._kindTimes[(analyzer, kind)] = kindList = new List<TimeSpan>();
                        }

                        kindList.Add(ThreadCpu.ToTimeSpan(Math.Max(0, sums.Nanoseconds - (long)(sums.Callbacks * overhead))));
                        measurement._kindCallbacks[(analyzer, kind)] = sums.Callbacks;
                    }
                }
                measurement._callbacks[analyzer] = timed.Meter.Callbacks;
                if (!measurement._allocated.TryGetValue(analyzer, out var bytes))
                {
                    measurement._allocated[analyzer] = bytes = new List<long>();
                }

                bytes.Add(timed.Meter.Allocated);
                measurement._findings[analyzer] = all.Count(d => analyzer.Analyzer.SupportedDiagnostics.Any(s => s.Id == d.Id));
            }

            foreach (var crash in Crashes(result).Except(measurement._crashes).ToList())
            {
                measurement._crashes.Add(crash);
            }
        }

        return measurement;
    }

    private static long Net(CpuMeter meter, double overhead) => Math.Max(0, meter.Nanoseconds - (long)(meter.Callbacks * overhead));

    // GetDiagnostics of a fresh compilation (no analyzers), timed as this thread's CPU, less the collections' pauses (as for
    // the analyzers' callbacks).
    private static TimeSpan CompileCpu(BenchSources sources)
    {
        var compilation = sources.Compile();
        var paused = GC.GetTotalPauseDuration();
        var start = ThreadCpu.Now();
        _ = compilation.GetDiagnostics();
        var end = ThreadCpu.Now();
        return ThreadCpu.ToTimeSpan(end - start) - (GC.GetTotalPauseDuration() - paused);
    }

    private static (TimeSpan Process, List<(BenchAnalyzer Analyzer, CpuTimedAnalyzer Timed)> Wrapped, CpuTimedAnalyzer Probe, AnalysisResult Result) Analyze(
        BenchSources sources, ImmutableArray<BenchAnalyzer> analyzers)
    {
        var wrapped = analyzers.Select(a => (Analyzer: a, Timed: new CpuTimedAnalyzer(a.Analyzer))).ToList();
        var probe = new CpuTimedAnalyzer(new ProbeAnalyzer());
        var (process, result) = RunDriver(sources, wrapped.Select(w => (DiagnosticAnalyzer)w.Timed).Append(probe).ToImmutableArray());
        return (process, wrapped, probe, result);
    }

    // One sequential CompilationWithAnalyzers over a fresh compilation whose assembly symbol is built first, untimed (as
    // AnalyzerRun.Analyze does); the whole process's CPU time over the analysis, for the report.
    private static (TimeSpan Process, AnalysisResult Result) RunDriver(BenchSources sources, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var compilation = sources.Compile();
        _ = compilation.Assembly;
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        var process = Process.GetCurrentProcess().TotalProcessorTime - before;
        return (process, result);
    }

    private static HashSet<string> Findings(AnalysisResult result) =>
        result.GetAllDiagnostics().Where(d => d.Id is not "AD0001" and not "CGBENCH01").Select(d => $"{d.Id} {d.Location.GetLineSpan()}").ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Crashes(AnalysisResult result) =>
        result.GetAllDiagnostics().Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).Distinct();

    public TimeSpan Compile => AnalyzerRun.Median(_compiles);

    public TimeSpan MedianOf(BenchAnalyzer analyzer) => AnalyzerRun.Median(_times[analyzer]);

    public IReadOnlyList<BenchAnalyzer> PeerEnabled => Analyzers.Where(a => !a.IsChangeGate && a.EnabledByDefault).ToList();

    public TimeSpan PeerMedianRule => AnalyzerRun.Median(PeerEnabled.Select(MedianOf));

    private TimeSpan TotalOf(IEnumerable<BenchAnalyzer> analyzers, Func<IEnumerable<TimeSpan>, TimeSpan> pick)
    {
        var set = analyzers.ToList();
        return pick(Enumerable.Range(0, Runs).Select(run => Sum(set.Select(a => _times[a][run]))));
    }

    public void Print(TextWriter output, string title)
    {
        var compile = Compile;
        var peerMedian = PeerMedianRule;
        var ranked = Analyzers.Where(a => a.IsChangeGate || a.EnabledByDefault).OrderByDescending(MedianOf).ToList();
        var changeGate = Analyzers.Where(a => a.IsChangeGate).ToList();

        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine();
        output.WriteLine($"{Sources.Trees.Length:N0} files, {Sources.Lines:N0} lines; {Runs} runs after one warm-up, thread CPU time; " +
                         $"{changeGate.Count} ChangeGate analyzers and {PeerEnabled.Count} of Meziantou.Analyzer's {Analyzers.Count(a => !a.IsChangeGate)} (those on by default) in one sequential CompilationWithAnalyzers.");
        output.WriteLine();
        output.WriteLine("| measure | median | min | max |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine($"| compile (`GetDiagnostics`, no analyzers, concurrent build off): thread CPU less GC pauses | {F(compile)} | {F(_compiles.Min())} | {F(_compiles.Max())} |");
        output.WriteLine($"| compile + all analyzers: process CPU (every thread, GC and JIT included) | {F(AnalyzerRun.Median(_analysisProcess))} | {F(_analysisProcess.Min())} | {F(_analysisProcess.Max())} |");
        output.WriteLine();
        output.WriteLine($"Timing overhead per callback: {OverheadNanoseconds / 1000.0:0.00} µs in place (median over the runs of a probe analyzer's CPU per empty callback, " +
                         $"{_probeCallbacks:N0} callbacks per run; {TightLoopNanoseconds / 1000.0:0.00} µs in a tight loop), subtracted per run from every analyzer's sum " +
                         $"(callbacks × overhead; per run: {string.Join(", ", _overheads.Select(o => $"{o / 1000:0.00}"))} µs); the raw sums are shown too. " +
                         $"Findings with every analyzer wrapped, against the same analyzers unwrapped (warm-up): {(SameFindingsAsUnwrapped ? "identical" : "DIFFERENT: " + FindingsDifference)}.");
        output.WriteLine();
        output.WriteLine("| analyzer | callbacks | CPU median | CPU min | raw median (no subtraction) | allocated (median) | share of compile (median) | vs Meziantou median rule (median) | vs Meziantou median rule (min) | vs Meziantou median rule (raw) | rank (of both packages) | findings |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var peerRaw = AnalyzerRun.Median(PeerEnabled.Select(a => AnalyzerRun.Median(_raw[a])));
        var peerMin = AnalyzerRun.Median(PeerEnabled.Select(a => _times[a].Min()));
        foreach (var analyzer in changeGate)
        {
            var time = MedianOf(analyzer);
            var min = _times[analyzer].Min();
            var raw = AnalyzerRun.Median(_raw[analyzer]);
            output.WriteLine($"| {analyzer.Name} | {_callbacks[analyzer]:N0} | {F(time)} | {F(min)} | {F(raw)} | {Bytes(_allocated[analyzer])} | {Share(time, compile)} | {Ratio(time, peerMedian)} | {Ratio(min, peerMin)} | {Ratio(raw, peerRaw)} | " +
                             $"{ranked.IndexOf(analyzer) + 1} of {ranked.Count} | {_findings[analyzer]} |");
        }

        var total = TotalOf(changeGate, AnalyzerRun.Median);
        var totalMin = TotalOf(changeGate, t => t.Min());
        output.WriteLine($"| **all ChangeGate rules** | {changeGate.Sum(a => _callbacks[a]):N0} | **{F(total)}** | {F(totalMin)} | | | **{Share(total, compile)}** (min: {Share(totalMin, _compiles.Min())}) | {Ratio(total, peerMedian)} | {Ratio(totalMin, peerMin)} | | | {changeGate.Sum(a => _findings[a])} |");
        output.WriteLine($"| Meziantou median rule (of {PeerEnabled.Count}) | | {F(peerMedian)} | {F(peerMin)} | {F(peerRaw)} | | {Share(peerMedian, compile)} | 1.0× | 1.0× | 1.0× | | |");
        var peerTotal = TotalOf(PeerEnabled, AnalyzerRun.Median);
        var peerTight = AnalyzerRun.Median(PeerEnabled.Select(a => AnalyzerRun.Median(_raw[a].Select(r => TimeSpan.FromTicks(Math.Max(0, r.Ticks - (_callbacks[a] * TightLoopNanoseconds / 100)))))));
        output.WriteLine($"| all Meziantou rules | {PeerEnabled.Sum(a => _callbacks[a]):N0} | {F(peerTotal)} | {F(TotalOf(PeerEnabled, t => t.Min()))} | | | {Share(peerTotal, compile)} | | | | | {PeerEnabled.Sum(a => _findings[a])} |");
        output.WriteLine();
        output.WriteLine($"The peer's median rule is mostly callbacks, so it moves with the overhead subtracted: net of the tight-loop figure instead of the probe's it is {F(peerTight)} (raw: {F(peerRaw)}). " +
                         "A ChangeGate rule has few callbacks, so its figure hardly moves.");
        output.WriteLine();
        output.WriteLine("Slowest analyzers of both packages (CPU):");
        output.WriteLine();
        output.WriteLine("| rank | analyzer | callbacks | CPU median | CPU min | vs Meziantou median rule |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|");
        for (var i = 0; i < Math.Min(10, ranked.Count); i++)
        {
            var name = ranked[i].IsChangeGate ? $"**{ranked[i].Name}** (ChangeGate)" : ranked[i].Name;
            output.WriteLine($"| {i + 1} | {name} | {_callbacks[ranked[i]]:N0} | {F(MedianOf(ranked[i]))} | {F(_times[ranked[i]].Min())} | {Ratio(MedianOf(ranked[i]), peerMedian)} |");
        }

        output.WriteLine();
        output.WriteLine("Where each ChangeGate rule's CPU goes, per kind of callback (what it registered; medians of the runs, net of the timing overhead):");
        output.WriteLine();
        output.WriteLine("| rule | callback | callbacks | CPU median | µs per callback |");
        output.WriteLine("|---|---|---:|---:|---:|");
        foreach (var analyzer in changeGate)
        {
            foreach (var ((_, kind), times) in _kindTimes.Where(k => k.Key.Analyzer == analyzer).OrderByDescending(k => AnalyzerRun.Median(k.Value)))
            {
                var median = AnalyzerRun.Median(times);
                var count = _kindCallbacks[(analyzer, kind)];
                output.WriteLine($"| {analyzer.Name} | {kind} | {count:N0} | {F(median)} | {(count == 0 ? "–" : $"{median.TotalMilliseconds * 1000 / count:0.0}")} |");
            }
        }

        output.WriteLine();
        var overPeer = changeGate.Where(a => MedianOf(a) > peerMedian).Select(a => a.Name).ToList();
        output.WriteLine($"- target \"all ChangeGate rules ≤ 1% of the compile\" (CPU): {(total.Ticks > compile.Ticks * ShareTarget ? "NOT met" : "met")} ({Share(total, compile)})");
        output.WriteLine(PeerEnabled.Count == 0
            ? "- target \"every ChangeGate rule ≤ Meziantou's median rule\": not judged (the peer did not run)"
            : $"- target \"every ChangeGate rule ≤ Meziantou's median rule\" (CPU): {(overPeer.Count == 0 ? "met" : "NOT met by " + string.Join(", ", overPeer))}");
        output.WriteLine($"- analyzer crashes (AD0001): {(_crashes.Count == 0 ? "none" : string.Join("; ", _crashes))}");
    }

    private static string F(TimeSpan time) => AnalyzerRun.Format(time);

    private static string Bytes(List<long> runs) => Measurement.Bytes(runs.Order().ElementAt(runs.Count / 2));

    private static string Share(TimeSpan part, TimeSpan whole) => AnalyzerRun.Share(part, whole);

    private static string Ratio(TimeSpan part, TimeSpan reference) => AnalyzerRun.Ratio(part, reference);

    private static TimeSpan Sum(IEnumerable<TimeSpan> times) => AnalyzerRun.Sum(times);

    private static void Collect() => AnalyzerRun.Collect();
}
