using System.Collections.Immutable;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>
/// The "analyzers" group: the ChangeGate rules side by side with Meziantou.Analyzer on a real library (when its
/// snapshot is given) and on a generated library that uses no watched API.
/// </summary>
internal static class AnalyzerCost
{
    // About the size of the real library, so the two cases read alike.
    private const int NoWatchedApiLines = 60_000;

    public static void Run(TextWriter output, string? library, string scratch, int runs, bool concurrent, bool withPeer = true, IReadOnlyCollection<string>? rules = null)
    {
        // Without the peer (--changegate-only) the run is shorter: for profiling the ChangeGate rules, not for the tables.
        // With --rules only the named ChangeGate analyzers run: work they share (symbol lookups, the per-type update-code
        // decision) is then charged to them alone, which the full set spreads over whoever asks first.
        var analyzers = AnalyzerSet.ForRun(rules, withPeer);
        output.WriteLine();
        output.WriteLine("## Analyzer cost, side by side");
        output.WriteLine();
        output.WriteLine($"ChangeGate analyzers of this checkout; {(withPeer ? $"Meziantou.Analyzer {AnalyzerSet.PeerVersion} from its package" : "no peer (--changegate-only)")}; " +
                         $"{(rules is { Count: > 0 } ? $"only {string.Join(", ", rules)} of ChangeGate; " : "")}{(concurrent ? "concurrent" : "sequential")} analysis; times are the driver's own per-analyzer execution times " +
                         "(`logAnalyzerExecutionTime`).");

        if (library is null)
        {
            output.WriteLine();
            output.WriteLine("Real library: not measured.");
            Console.Error.WriteLine(RealLibrary.HowToFetch);
        }
        else
        {
            var (sources, origin) = RealLibrary.Load(library, scratch);
            Console.Error.WriteLine($"analyzers: {origin}: {sources.Trees.Length} files; compiling its {RealLibrary.TargetFramework} configuration");
            var real = SideBySide.Measure(sources, analyzers, runs, concurrent, Console.Error);
            output.WriteLine();
            output.WriteLine($"References: {BenchSources.ReferenceSource}.");
            real.Print(output, $"Real library: {origin}, its {RealLibrary.TargetFramework} configuration");
        }

        var synthetic = GeneratedSources.NoWatchedApi(NoWatchedApiLines);
        Console.Error.WriteLine($"analyzers: a generated library of {synthetic.Lines:N0} lines that uses no watched API");
        var none = SideBySide.Measure(synthetic, analyzers, runs, concurrent, Console.Error);
        none.Print(output, "No watched API: a generated library with no System.IO, migration, rollout or update code");
    }

    /// <summary>
    /// The "analyzers-cpu" group: the same side by side, measured as each analyzer's thread CPU time (every callback
    /// wrapped), on the real library when its snapshot is given and on the generated one. False when the wrapping changed
    /// the findings (the figures would then not be those of the analyzers as they run).
    /// </summary>
    public static bool RunCpu(TextWriter output, string? library, string scratch, int runs, bool withPeer = true, IReadOnlyCollection<string>? rules = null, bool withGenerated = true)
    {
        var analyzers = AnalyzerSet.ForRun(rules, withPeer);
        output.WriteLine();
        output.WriteLine("## Analyzer CPU time, side by side");
        output.WriteLine();
        output.WriteLine($"ChangeGate analyzers of this checkout; {(withPeer ? $"Meziantou.Analyzer {AnalyzerSet.PeerVersion} from its package" : "no peer (--changegate-only)")}; " +
                         $"{(rules is { Count: > 0 } ? $"only {string.Join(", ", rules)} of ChangeGate; " : "")}sequential analysis, concurrent build off; " +
                         "times are each analyzer's thread CPU time (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)` around every callback it registered) less the " +
                         "garbage collections' pauses that fell in them (`GC.GetTotalPauseDuration`; the bytes allocated are shown instead), summed.");

        var same = true;
        if (library is null)
        {
            output.WriteLine();
            output.WriteLine("Real library: not measured.");
            Console.Error.WriteLine(RealLibrary.HowToFetch);
        }
        else
        {
            var (sources, origin) = RealLibrary.Load(library, scratch);
            Console.Error.WriteLine($"analyzers-cpu: {origin}: {sources.Trees.Length} files; compiling its {RealLibrary.TargetFramework} configuration");
            var real = CpuSideBySide.Measure(sources, analyzers, runs, Console.Error);
            output.WriteLine();
            output.WriteLine($"References: {BenchSources.ReferenceSource}.");
            real.Print(output, $"Real library: {origin}, its {RealLibrary.TargetFramework} configuration (CPU)");
            same &= real.SameFindingsAsUnwrapped;
        }

        if (!withGenerated)
        {
            return same;
        }

        var synthetic = GeneratedSources.NoWatchedApi(NoWatchedApiLines);
        Console.Error.WriteLine($"analyzers-cpu: a generated library of {synthetic.Lines:N0} lines that uses no watched API");
        var none = CpuSideBySide.Measure(synthetic, analyzers, runs, Console.Error);
        none.Print(output, "No watched API: a generated library with no System.IO, migration, rollout or update code (CPU)");
        return same && none.SameFindingsAsUnwrapped;
    }
}
