using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ChangeGate.Analyzers;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>The outcome of one compile on one growth case: a time, or what stopped it.</summary>
internal sealed record GrowthOutcome(TimeSpan? Time, int Findings, string? Failure)
{
    public static GrowthOutcome Skipped(string why) => new(null, 0, why);

    public string Cell(int? expected) =>
        Failure ?? AnalyzerRun.Format(Time!.Value) + (expected is { } e && e != Findings ? $" ({Findings} findings, expected {e})" : "");
}

/// <summary>
/// How the rules' cost grows with the size of one method: generated update code at growing sizes (deletes, backup
/// triples, a long concatenation, a long call chain), compiled by the SDK's own compiler (the csc that `dotnet build`
/// runs), in a child process per size and rule, with the analyzers of this checkout and <c>/reportanalyzer</c>. One
/// rule at a time (a global config turns the others off), so a rule that blows up — a stack overflow kills the
/// compiler, a super-linear walk never ends — is reported as such and the others are still measured. A rule that goes
/// over the bound at one size is not run at the larger ones.
/// </summary>
/// <remarks>
/// Why the real compiler and not <c>CompilationWithAnalyzers</c> in process: on deep expressions (the 10,000-call
/// chain) the in-process driver of the newer Roslyn the harness references runs out of stack in the compiler's own
/// bound-tree walk before any analyzer runs, while the SDK's compiler gets through; the growth cases are about what a
/// build does. The compiler's analyzer times include the JIT of the rule's code (about 0.1 s), so only times of a
/// second or more give meaningful ratios.
/// </remarks>
internal static class Growth
{
    public const string CompilerVariable = "CHANGEGATE_BENCH_CSC";

    // A size whose compile costs only the fixed part: the first row of each table.
    private const int FixedCostSize = 10;

    public static readonly (GrowthCase Case, int[] Sizes)[] Plan =
    [
        (GrowthCase.Deletes, [4_000, 8_000, 16_000]),
        (GrowthCase.Triples, [1_000, 2_000, 4_000, 10_000]),
        (GrowthCase.Concatenation, [1_000, 9_000]),
        (GrowthCase.CallChain, [1_000, 10_000]),
    ];

    /// <summary>Runs the plan and prints the tables. <paramref name="bound"/> is the most one compile may take.</summary>
    public static void Run(TextWriter output, string scratch, string repositoryRoot, TimeSpan bound, IReadOnlyCollection<string> onlyCases)
    {
        var rules = AnalyzerSet.ChangeGate().Select(a => a.Name).ToList();
        var compiler = Compiler.Find(repositoryRoot, scratch);
        output.WriteLine();
        output.WriteLine("## Analyzer growth");
        output.WriteLine();
        output.WriteLine($"Compiler: {compiler.Description}. Each cell is one compile in its own process with one ChangeGate rule on " +
                         $"(`/reportanalyzer` time of that rule); \"compile\" is the same compile without analyzers (wall time, process start included). " +
                         $"Bound: {bound.TotalSeconds:0} s per compile; a rule over it is stopped and not run at the larger sizes.");

        foreach (var (kind, sizes) in Plan)
        {
            if (onlyCases.Count > 0 && !onlyCases.Contains(GeneratedSources.NameOf(kind)))
            {
                continue;
            }

            var results = new List<(int Size, GrowthOutcome Compile, Dictionary<string, GrowthOutcome> Rules)>();
            var stopped = new Dictionary<string, string>();
            foreach (var size in sizes.Prepend(FixedCostSize))
            {
                var source = Path.Combine(scratch, $"{GeneratedSources.NameOf(kind)}-{size}.cs");
                File.WriteAllText(source, GeneratedSources.Growth(kind, size).Trees[0].GetText().ToString());
                var compile = compiler.Run(source, rule: null, bound);
                var outcomes = new Dictionary<string, GrowthOutcome>();
                foreach (var rule in rules)
                {
                    outcomes[rule] = stopped.TryGetValue(rule, out var why) ? GrowthOutcome.Skipped(why) : compiler.Run(source, rule, bound);
                    if (outcomes[rule].Time is null && !stopped.ContainsKey(rule))
                    {
                        stopped[rule] = $"not run ({outcomes[rule].Failure} at {size:N0})";
                    }
                }

                results.Add((size, compile, outcomes));
                Console.Error.WriteLine($"  {GeneratedSources.Describe(kind, size)}: compile {compile.Cell(null)}; " +
                                        string.Join(", ", rules.Select(r => $"{r} {outcomes[r].Cell(null)}")));
            }

            output.WriteLine();
            output.WriteLine($"### {GeneratedSources.Describe(kind)}");
            output.WriteLine();
            output.WriteLine($"| N | compile | {string.Join(" | ", rules)} |");
            output.WriteLine($"|---:|---:|{string.Concat(rules.Select(_ => "---:|"))}");
            foreach (var (size, compile, outcomes) in results)
            {
                var expected = GeneratedSources.ExpectedFindings(kind, size);
                var label = size == FixedCostSize ? $"{size} (fixed cost)" : size.ToString("N0", CultureInfo.InvariantCulture);
                output.WriteLine($"| {label} | {compile.Cell(null)} | " +
                                 string.Join(" | ", rules.Select(r => outcomes[r].Cell(expected.TryGetValue(r, out var e) ? e : 0))) + " |");
            }

            var fixedCost = results[0];
            for (var i = 2; i < results.Count; i++)
            {
                var (small, large) = (results[i - 1], results[i]);
                var doublings = Math.Log2((double)large.Size / small.Size);
                var cells = rules.Select(r => Ratio(small.Rules[r].Time - fixedCost.Rules[r].Time, large.Rules[r].Time - fixedCost.Rules[r].Time, doublings));
                output.WriteLine($"| growth {small.Size:N0}→{large.Size:N0} | {Ratio(small.Compile.Time - fixedCost.Compile.Time, large.Compile.Time - fixedCost.Compile.Time, doublings)} | {string.Join(" | ", cells)} |");
            }
        }

        output.WriteLine();
        output.WriteLine($"The row N = {FixedCostSize} is the fixed cost of a compile (process start, JIT of the compiler and the rule). Growth rows: the ratio of " +
                         "the times at the two sizes less that fixed cost, then that ratio per doubling of N (linear: 2× per doubling; quadratic: 4×); " +
                         "under 0.3 s above the fixed cost a time is mostly noise, so no ratio is given. A cell whose findings differ from the expected " +
                         "ones (N CG1001 findings for N deletes, none for the guarded triples, one for a built path) says so.");
    }

    // "3.8× (1.9× per doubling)"
    private static string Ratio(TimeSpan? small, TimeSpan? large, double doublings)
    {
        if (small is not { } a || large is not { } b)
        {
            return "–";
        }

        if (a.TotalMilliseconds < 300 || b.TotalMilliseconds < 300)
        {
            return "(too small)";
        }

        var ratio = b / a;
        return $"{ratio:0.0}× ({Math.Pow(ratio, 1 / doublings):0.0}× per doubling)";
    }

    /// <summary>The SDK's C# compiler with the net10.0 references and this checkout's ChangeGate analyzers.</summary>
    private sealed class Compiler
    {
        private readonly string _csc;
        private readonly string _references;
        private readonly string _scratch;

        private Compiler(string csc, string references, string scratch)
        {
            _csc = csc;
            _references = references;
            _scratch = scratch;
        }

        public string Description => $"{_csc} (the SDK's own, as `dotnet build` runs it)";

        public static Compiler Find(string repositoryRoot, string scratch)
        {
            var csc = Environment.GetEnvironmentVariable(CompilerVariable);
            if (string.IsNullOrEmpty(csc))
            {
                // The SDK this checkout's global.json selects, next to the runtime that runs the harness.
                var version = Capture("dotnet", ["--version"], repositoryRoot, TimeSpan.FromMinutes(1)).Output.Trim();
                var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
                csc = Path.Combine(root, "sdk", version, "Roslyn", "bincore", "csc.dll");
            }

            if (!File.Exists(csc))
            {
                throw new BenchSetupException($"the C# compiler {csc} is missing; set {CompilerVariable} to the csc.dll of an installed SDK");
            }

            var references = Path.Combine(scratch, "references.rsp");
            var pack = BenchSources.ReferencePaths();
            File.WriteAllLines(references, pack.Select(p => $"/reference:\"{p}\""));
            return new Compiler(csc, references, scratch);
        }

        /// <summary>Compiles <paramref name="source"/> with only <paramref name="rule"/> on (no analyzers when null).</summary>
        public GrowthOutcome Run(string source, string? rule, TimeSpan bound)
        {
            var arguments = new List<string>
            {
                _csc, "/noconfig", "/nostdlib+", "/nologo", "/target:library", "/nullable:enable", "/langversion:latest", "/deterministic+",
                "/out:" + Path.Combine(_scratch, "growth.dll"), "@" + _references,
            };
            if (rule is not null)
            {
                var config = Path.Combine(_scratch, $"only-{rule}.globalconfig");
                // The rule under measurement as a warning: the command-line compiler skips analyzers whose rules are all info or hidden (CG3002 is info).
                File.WriteAllLines(config, new[] { "is_global = true" }.Concat(AnalyzerSet.ChangeGate().Select(a => $"dotnet_diagnostic.{a.Name}.severity = {(a.Name == rule ? "warning" : "none")}")));
                arguments.AddRange(["/analyzer:" + typeof(ChangeGateAnalyzer).Assembly.Location, "/analyzerconfig:" + config, "/reportanalyzer"]);
            }

            arguments.Add(source);
            var (exit, output, error, elapsed, timedOut) = Capture("dotnet", arguments, _scratch, bound);
            if (timedOut)
            {
                return GrowthOutcome.Skipped($"over {bound.TotalSeconds:0} s");
            }

            var all = output + error;
            if (all.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase))
            {
                return GrowthOutcome.Skipped("crashed: stack overflow");
            }

            if (all.Contains("AD0001", StringComparison.Ordinal))
            {
                return GrowthOutcome.Skipped("crashed: AD0001 " + FirstLine(all, "AD0001"));
            }

            if (exit != 0)
            {
                return GrowthOutcome.Skipped($"crashed: exit {exit}: {FirstLine(all, "error")}");
            }

            if (rule is null)
            {
                return new GrowthOutcome(elapsed, 0, null);
            }

            var findings = Regex.Matches(output, $@"\b(warning|info|error) {rule}:").Count;
            var reported = Regex.Match(output, $@"^\s*(<?[0-9.]+)\s+<?[0-9]+\s+\S+ \({rule}\)\s*$", RegexOptions.Multiline);
            if (!reported.Success)
            {
                return GrowthOutcome.Skipped("no /reportanalyzer line");
            }

            var seconds = reported.Groups[1].Value.StartsWith('<') ? 0 : double.Parse(reported.Groups[1].Value, CultureInfo.InvariantCulture);
            return new GrowthOutcome(TimeSpan.FromSeconds(seconds), findings, null);
        }

        private static string FirstLine(string text, string containing) =>
            text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal)) is { } line
                ? (line.Length > 160 ? line[..160] + "…" : line)
                : "";

        private static (int Exit, string Output, string Error, TimeSpan Elapsed, bool TimedOut) Capture(string program, IEnumerable<string> arguments, string directory, TimeSpan bound)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // No compiler server, no telemetry: one fresh compiler process per compile.
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(bound))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(30));
                return (-1, "", "", watch.Elapsed, true);
            }

            watch.Stop();
            return (process.ExitCode, output.Result, error.Result, watch.Elapsed, false);
        }
    }
}
