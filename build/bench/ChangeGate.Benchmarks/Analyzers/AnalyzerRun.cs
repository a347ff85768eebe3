using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>Parsed sources and the options to compile them with; every run makes a fresh compilation from them.</summary>
internal sealed class BenchSources
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> NetReferences = new(LoadNetReferences);

    public BenchSources(string name, ImmutableArray<SyntaxTree> trees, CSharpCompilationOptions options)
    {
        Name = name;
        Trees = trees;
        Options = options;
    }

    public string Name { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public CSharpCompilationOptions Options { get; }

    /// <summary>Lines of source (as files on disk count them), for the tables.</summary>
    public int Lines => Trees.Sum(t => t.GetText().Lines.Count);

    /// <summary>Where the reference assemblies come from, for the report.</summary>
    public static string ReferenceSource { get; private set; } = "";

    /// <summary>
    /// A compilation nobody has bound yet, of trees parsed anew: binding is cached per compilation, and an analyzer may
    /// keep what it learnt of a tree for as long as the tree lives (as it would in an IDE), so each run needs its own of
    /// both, as each build has. Parsing is not timed.
    /// </summary>
    public CSharpCompilation Compile() =>
        CSharpCompilation.Create(Name, Trees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), (CSharpParseOptions)t.Options, t.FilePath)), NetReferences.Value, Options);

    public static CSharpParseOptions ParseOptions(LanguageVersion version, IEnumerable<string> defines) =>
        new(version, DocumentationMode.Parse, SourceCodeKind.Regular, defines);

    public static CSharpCompilationOptions LibraryOptions(NullableContextOptions nullable, bool allowUnsafe = false) =>
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, allowUnsafe: allowUnsafe, optimizationLevel: OptimizationLevel.Release);

    /// <summary>
    /// The net10.0 reference pack of the SDK that runs the harness (the assemblies a `dotnet build` compiles against).
    /// Without one (a runtime-only install), the runtime's own assemblies stand in, and <see cref="ReferenceSource"/> says so.
    /// </summary>
    public static ImmutableArray<string> ReferencePaths()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } configured && Directory.Exists(Path.Combine(configured, "packs"))
            ? configured
            : Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var pack = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        var refs = Directory.Exists(pack)
            ? Directory.GetDirectories(pack)
                .Where(d => Path.GetFileName(d).StartsWith("10.", StringComparison.Ordinal))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
                .Select(d => Path.Combine(d, "ref", "net10.0"))
                .FirstOrDefault(Directory.Exists)
            : null;
        if (refs is not null)
        {
            ReferenceSource = $"reference pack {Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(refs)))} ({refs})";
            return Directory.GetFiles(refs, "*.dll").Order(StringComparer.Ordinal).ToImmutableArray();
        }

        ReferenceSource = $"runtime assemblies ({runtime}): no net10.0 reference pack under {pack}";
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
    }

    private static ImmutableArray<MetadataReference> LoadNetReferences() =>
        ReferencePaths().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
}

/// <summary>What one analyzer did in one run.</summary>
internal sealed record AnalyzerTime(BenchAnalyzer Analyzer, TimeSpan Time, int Findings);

/// <summary>One analyzed compilation: the times the driver logged per analyzer, the findings, and analyzer crashes.</summary>
internal sealed record AnalysisRun(TimeSpan Wall, ImmutableArray<AnalyzerTime> Analyzers, ImmutableArray<Diagnostic> Findings, ImmutableArray<string> Crashes);

/// <summary>Compiles and analyzes as the compiler does, in process, and reads the driver's own timing.</summary>
internal static class AnalyzerRun
{
    /// <summary>
    /// Binds every method body and reports compiler diagnostics (what a build does before it emits): the compile time
    /// the analyzers are compared with. Returns the time and the errors.
    /// </summary>
    public static (TimeSpan Time, ImmutableArray<Diagnostic> Errors) Compile(BenchSources sources)
    {
        var compilation = sources.Compile();
        var watch = Stopwatch.StartNew();
        var diagnostics = compilation.GetDiagnostics();
        watch.Stop();
        return (watch.Elapsed, diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray());
    }

    /// <summary>
    /// Runs <paramref name="analyzers"/> together in one <see cref="CompilationWithAnalyzers"/> over a fresh compilation,
    /// with execution-time logging. Analysis is sequential by default so that each analyzer's logged time is its own,
    /// not shared out among threads (the machines here have two cores and are shared).
    /// </summary>
    public static AnalysisRun Analyze(BenchSources sources, IReadOnlyList<BenchAnalyzer> analyzers, bool concurrent = false)
    {
        var crashes = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) =>
            {
                lock (crashes)
                {
                    crashes.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}");
                }
            },
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        // The declaration table and the source assembly symbol are compiler work every build does before anything can be
        // bound, once per compilation. On a fresh compilation the first analyzer to ask for a symbol at compilation start
        // would be charged with building them (hundreds of milliseconds on a large library), whichever package it is from.
        // Built here, untimed, each analyzer's logged time is its own work.
        var compilation = sources.Compile();
        _ = compilation.Assembly;
        var withAnalyzers = compilation.WithAnalyzers(analyzers.Select(a => a.Analyzer).ToImmutableArray(), options);
        var watch = Stopwatch.StartNew();
        var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        watch.Stop();

        var findings = result.GetAllDiagnostics();
        var times = analyzers
            .Select(a => new AnalyzerTime(
                a,
                result.AnalyzerTelemetryInfo.TryGetValue(a.Analyzer, out var info) ? info.ExecutionTime : TimeSpan.Zero,
                findings.Count(d => a.Analyzer.SupportedDiagnostics.Any(s => s.Id == d.Id))))
            .ToImmutableArray();
        var ad0001 = findings.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()).ToList();
        return new AnalysisRun(watch.Elapsed, times, findings.Where(d => d.Id != "AD0001").ToImmutableArray(), crashes.Concat(ad0001).Distinct().ToImmutableArray());
    }

    /// <summary>The median of <paramref name="values"/> (the upper middle one for an even count, like the other tables).</summary>
    public static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[sorted.Count / 2];
    }

    public static string Format(TimeSpan time) => time.TotalSeconds >= 10 ? $"{time.TotalSeconds:0.0} s"
        : time.TotalSeconds >= 1 ? $"{time.TotalSeconds:0.00} s"
        : time.TotalMilliseconds >= 10 ? $"{time.TotalMilliseconds:0} ms"
        : $"{time.TotalMilliseconds:0.0} ms";

    /// <summary><paramref name="part"/> as a percentage of <paramref name="whole"/>, for the tables.</summary>
    public static string Share(TimeSpan part, TimeSpan whole) => whole.Ticks == 0 ? "–" : $"{100.0 * part.Ticks / whole.Ticks:0.00}%";

    /// <summary><paramref name="part"/> against <paramref name="reference"/> (0.25×, 6.1×), for the tables.</summary>
    public static string Ratio(TimeSpan part, TimeSpan reference)
    {
        if (reference.Ticks == 0)
        {
            return "–";
        }

        var ratio = (double)part.Ticks / reference.Ticks;
        return ratio < 1 ? $"{ratio:0.00}×" : $"{ratio:0.0}×";
    }

    public static TimeSpan Sum(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (a, b) => a + b);

    /// <summary>A full collection between runs, so that one run's garbage is not collected in the next.</summary>
    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
