using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// CS0618: the start contexts' public constructors are obsolete for analyzer tests; here they only make a wrapper, whose
// state is then copied from the driver's context (CopyState). RS1001, RS1025, RS1026: the wrapper is never loaded as an
// analyzer of a build; concurrency and generated-code handling are whatever the wrapped analyzer configures. RS2008: the
// probe's descriptor is never shipped.
#pragma warning disable CS0618, RS1001, RS1025, RS1026, RS2008

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>
/// The thread CPU time and the number of calls of every callback one analyzer registered, summed, in total and per kind of
/// callback (what it was registered as: <c>Operation: Loop</c>, <c>SymbolStart: NamedType</c>, <c>in SymbolStart: Operation</c>…;
/// a callback registered per symbol or block is labelled without its kinds, so that registering it costs no formatting).
/// </summary>
internal sealed class CpuMeter
{
    private readonly ConcurrentDictionary<string, Counter> _kinds = new(StringComparer.Ordinal);
    private long _nanoseconds;
    private long _callbacks;
    private long _allocated;
    private long _gcNanoseconds;

    /// <summary>Thread CPU time in the callbacks, less the garbage collections' pauses that fell in them.</summary>
    public long Nanoseconds => Interlocked.Read(ref _nanoseconds);

    /// <summary>The bytes the callbacks allocated.</summary>
    public long Allocated => Interlocked.Read(ref _allocated);

    /// <summary>The collections' pauses that fell in the callbacks (taken out of <see cref="Nanoseconds"/>).</summary>
    public long GcNanoseconds => Interlocked.Read(ref _gcNanoseconds);

    public long Callbacks => Interlocked.Read(ref _callbacks);

    /// <summary>The sums per kind of callback.</summary>
    public IReadOnlyDictionary<string, (long Nanoseconds, long Callbacks)> Kinds =>
        _kinds.ToDictionary(k => k.Key, k => (Interlocked.Read(ref k.Value.Nanoseconds), Interlocked.Read(ref k.Value.Callbacks)), StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="action"/>, timed: the clock is read right before and right after it, on the thread that runs it, so
    /// only that thread's own work in the call counts (not a wait for a core, not another thread's work). A context the
    /// callback is handed is wrapped (<paramref name="wrap"/>) before the clock starts, so the wrapping is not charged.
    /// </summary>
    public Action<T> Time<T>(Action<T> action, string kind, Func<T, T>? wrap = null)
    {
        var counter = _kinds.GetOrAdd(kind, static _ => new Counter());
        return argument =>
        {
            var given = wrap is null ? argument : wrap(argument);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var paused = GC.GetTotalPauseDuration();
            var start = ThreadCpu.Now();
            try
            {
                action(given);
            }
            finally
            {
                var end = ThreadCpu.Now();

                // A collection runs on the thread whose allocation set it off, so its whole pause would fall on whichever
                // callback that happened to be (milliseconds, by lot): the pauses are taken out, and the bytes each
                // analyzer allocates are counted instead.
                var gc = (GC.GetTotalPauseDuration() - paused).Ticks * 100;
                var spent = Math.Max(0, end - start - gc);
                Interlocked.Add(ref _nanoseconds, spent);
                Interlocked.Increment(ref _callbacks);
                Interlocked.Add(ref _allocated, GC.GetAllocatedBytesForCurrentThread() - allocated);
                Interlocked.Add(ref _gcNanoseconds, gc);
                Interlocked.Add(ref counter.Nanoseconds, spent);
                Interlocked.Increment(ref counter.Callbacks);
            }
        };
    }

    /// <summary>The kind of a callback registered for some symbol, syntax or operation kinds: "Operation: Loop, Invocation".</summary>
    public static string Kind<TKind>(string registration, IEnumerable<TKind> kinds) => $"{registration}: {string.Join(", ", kinds)}";

    private sealed class Counter
    {
        public long Nanoseconds;
        public long Callbacks;
    }

    /// <summary>
    /// What the timing itself adds to one callback (the two clock reads, less what falls outside the interval): the median
    /// of <paramref name="samples"/> timed empty callbacks, in nanoseconds.
    /// </summary>
    public static long CalibrateOverhead(int samples = 20_001)
    {
        var meter = new CpuMeter();
        var empty = meter.Time<int>(_ => { }, "empty");
        var each = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var before = meter.Nanoseconds;
            empty(i);
            each[i] = meter.Nanoseconds - before;
        }

        Array.Sort(each);
        return each[samples / 2];
    }
}

/// <summary>
/// An analyzer run under a thread-CPU meter: it forwards <see cref="Initialize"/> to the analyzer it wraps through a
/// wrapping <see cref="AnalysisContext"/>, which wraps every action the analyzer registers (and the start contexts they
/// are handed, so that nested registrations are wrapped too) with <see cref="CpuMeter.Time{T}"/>. The driver sees the
/// same registrations, descriptors and options, so the findings are the same (the harness checks that).
/// </summary>
internal sealed class CpuTimedAnalyzer : DiagnosticAnalyzer
{
    public CpuTimedAnalyzer(DiagnosticAnalyzer inner)
    {
        Inner = inner;
    }

    public DiagnosticAnalyzer Inner { get; }

    public CpuMeter Meter { get; } = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) =>
        Meter.Time<AnalysisContext>(Inner.Initialize, "Initialize", c => new TimedAnalysisContext(c, Meter))(context);

    /// <summary>
    /// The start contexts are abstract classes whose public constructors leave some state unset (the control-flow-graph
    /// cache of an operation block, the filter tree, whether the code is generated): a wrapper copies every field of the
    /// context it wraps, so what the analyzer reads from it is what the driver gave.
    /// </summary>
    internal static TContext CopyState<TContext>(TContext from, TContext to)
        where TContext : class
    {
        foreach (var field in FieldsOf(typeof(TContext)))
        {
            field.SetValue(to, field.GetValue(from));
        }

        return to;
    }

    private static readonly ConcurrentDictionary<Type, FieldInfo[]> Fields = new();

    private static FieldInfo[] FieldsOf(Type type) => Fields.GetOrAdd(type, t =>
    {
        var fields = new List<FieldInfo>();
        for (var current = t; current is not null && current != typeof(object); current = current.BaseType)
        {
            fields.AddRange(current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        }

        return fields.ToArray();
    });
}

internal sealed class TimedAnalysisContext : AnalysisContext
{
    private readonly AnalysisContext _inner;
    private readonly CpuMeter _meter;

    public TimedAnalysisContext(AnalysisContext inner, CpuMeter meter)
    {
        _inner = inner;
        _meter = meter;
    }

    public override DiagnosticSeverity MinimumReportedSeverity => _inner.MinimumReportedSeverity;

    public override void EnableConcurrentExecution() => _inner.EnableConcurrentExecution();

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _inner.ConfigureGeneratedCodeAnalysis(analysisMode);

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
        _inner.RegisterCompilationStartAction(_meter.Time(action, "CompilationStart", c => new TimedCompilationStartContext(c, _meter)));

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationAction(_meter.Time(action, "Compilation"));

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(_meter.Time(action, "SemanticModel"));

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
        _inner.RegisterSymbolAction(_meter.Time(action, CpuMeter.Kind("Symbol", symbolKinds)), symbolKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
        _inner.RegisterSymbolStartAction(_meter.Time(action, "SymbolStart: " + symbolKind, c => new TimedSymbolStartContext(c, _meter)), symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
        _inner.RegisterCodeBlockStartAction(_meter.Time(action, "CodeBlockStart", c => new TimedCodeBlockStartContext<TLanguageKindEnum>(c, _meter)));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(_meter.Time(action, "CodeBlock"));

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(_meter.Time(action, "SyntaxTree"));

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(_meter.Time(action, "AdditionalFile"));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        _inner.RegisterSyntaxNodeAction(_meter.Time(action, CpuMeter.Kind("SyntaxNode", syntaxKinds)), syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
        _inner.RegisterOperationBlockStartAction(_meter.Time(action, "OperationBlockStart", c => new TimedOperationBlockStartContext(c, _meter)));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(_meter.Time(action, "OperationBlock"));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        _inner.RegisterOperationAction(_meter.Time(action, CpuMeter.Kind("Operation", operationKinds)), operationKinds);
}

internal sealed class TimedCompilationStartContext : CompilationStartAnalysisContext
{
    private readonly CompilationStartAnalysisContext _inner;
    private readonly CpuMeter _meter;

    public TimedCompilationStartContext(CompilationStartAnalysisContext inner, CpuMeter meter)
        : base(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        CpuTimedAnalyzer.CopyState<CompilationStartAnalysisContext>(inner, this);
        _inner = inner;
        _meter = meter;
    }

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationEndAction(_meter.Time(action, "CompilationEnd"));

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _inner.RegisterSemanticModelAction(_meter.Time(action, "SemanticModel"));

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
        _inner.RegisterSymbolAction(_meter.Time(action, CpuMeter.Kind("Symbol", symbolKinds)), symbolKinds);

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
        _inner.RegisterSymbolStartAction(_meter.Time(action, "SymbolStart: " + symbolKind, c => new TimedSymbolStartContext(c, _meter)), symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
        _inner.RegisterCodeBlockStartAction(_meter.Time(action, "CodeBlockStart", c => new TimedCodeBlockStartContext<TLanguageKindEnum>(c, _meter)));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(_meter.Time(action, "CodeBlock"));

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
        _inner.RegisterOperationBlockStartAction(_meter.Time(action, "OperationBlockStart", c => new TimedOperationBlockStartContext(c, _meter)));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(_meter.Time(action, "OperationBlock"));

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _inner.RegisterSyntaxTreeAction(_meter.Time(action, "SyntaxTree"));

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(_meter.Time(action, "AdditionalFile"));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        _inner.RegisterSyntaxNodeAction(_meter.Time(action, CpuMeter.Kind("SyntaxNode", syntaxKinds)), syntaxKinds);

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        _inner.RegisterOperationAction(_meter.Time(action, CpuMeter.Kind("Operation", operationKinds)), operationKinds);
}

internal sealed class TimedSymbolStartContext : SymbolStartAnalysisContext
{
    private readonly SymbolStartAnalysisContext _inner;
    private readonly CpuMeter _meter;

    public TimedSymbolStartContext(SymbolStartAnalysisContext inner, CpuMeter meter)
        : base(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        CpuTimedAnalyzer.CopyState<SymbolStartAnalysisContext>(inner, this);
        _inner = inner;
        _meter = meter;
    }

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => _inner.RegisterSymbolEndAction(_meter.Time(action, "in SymbolStart: SymbolEnd"));

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
        _inner.RegisterCodeBlockStartAction(_meter.Time(action, "in SymbolStart: CodeBlockStart", c => new TimedCodeBlockStartContext<TLanguageKindEnum>(c, _meter)));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockAction(_meter.Time(action, "in SymbolStart: CodeBlock"));

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        _inner.RegisterSyntaxNodeAction(_meter.Time(action, "in SymbolStart: SyntaxNode"), syntaxKinds);

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
        _inner.RegisterOperationBlockStartAction(_meter.Time(action, "in SymbolStart: OperationBlockStart", c => new TimedOperationBlockStartContext(c, _meter)));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(_meter.Time(action, "in SymbolStart: OperationBlock"));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        _inner.RegisterOperationAction(_meter.Time(action, "in SymbolStart: Operation"), operationKinds);
}

internal sealed class TimedOperationBlockStartContext : OperationBlockStartAnalysisContext
{
    private readonly OperationBlockStartAnalysisContext _inner;
    private readonly CpuMeter _meter;

    public TimedOperationBlockStartContext(OperationBlockStartAnalysisContext inner, CpuMeter meter)
        : base(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        CpuTimedAnalyzer.CopyState<OperationBlockStartAnalysisContext>(inner, this);
        _inner = inner;
        _meter = meter;
    }

    public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockEndAction(_meter.Time(action, "in OperationBlockStart: OperationBlockEnd"));

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
        _inner.RegisterOperationAction(_meter.Time(action, "in OperationBlockStart: Operation"), operationKinds);
}

internal sealed class TimedCodeBlockStartContext<TLanguageKindEnum> : CodeBlockStartAnalysisContext<TLanguageKindEnum>
    where TLanguageKindEnum : struct
{
    private readonly CodeBlockStartAnalysisContext<TLanguageKindEnum> _inner;
    private readonly CpuMeter _meter;

    public TimedCodeBlockStartContext(CodeBlockStartAnalysisContext<TLanguageKindEnum> inner, CpuMeter meter)
        : base(inner.CodeBlock, inner.OwningSymbol, inner.SemanticModel, inner.Options, inner.CancellationToken)
    {
        CpuTimedAnalyzer.CopyState<CodeBlockStartAnalysisContext<TLanguageKindEnum>>(inner, this);
        _inner = inner;
        _meter = meter;
    }

    public override void RegisterCodeBlockEndAction(Action<CodeBlockAnalysisContext> action) => _inner.RegisterCodeBlockEndAction(_meter.Time(action, "in CodeBlockStart: CodeBlockEnd"));

    public override void RegisterSyntaxNodeAction(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
        _inner.RegisterSyntaxNodeAction(_meter.Time(action, "in CodeBlockStart: SyntaxNode"), syntaxKinds);
}

/// <summary>
/// An analyzer whose callbacks do nothing, run wrapped beside the others: its CPU time per callback is what the timing
/// itself costs per callback in place (the two clock reads, the extra delegate call, with the caches as the real
/// callbacks leave them), which is subtracted from every analyzer's sum. It reports nothing.
/// </summary>
internal sealed class ProbeAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new(
        "CGBENCH01", "timing probe", "never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.ObjectCreation);
        context.RegisterSyntaxNodeAction(_ => { }, Microsoft.CodeAnalysis.CSharp.SyntaxKind.Block);
    }
}
