using System.Globalization;
using System.Runtime.InteropServices;
using ChangeGate.Benchmarks;
using ChangeGate.Benchmarks.Analyzers;
using ChangeGate.Cli;
using ChangeGate.Affected;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Ledger;
using LibGit2Sharp;

// changegate benchmarks: medians of repeated runs, printed as Markdown. No thresholds: the numbers
// are read by people (docs/benchmarks.md), never asserted.
//   dotnet run -c Release --project build/bench/ChangeGate.Benchmarks -- [group...] [--runs N]
//   groups: trx gate ledger affected analyzers analyzer-growth (default: all), startup and analyzers-cpu (only when named)
//   startup:         --changegate PATH (default: .tools/changegate, the installed tool), --rounds N (default 30)
//   analyzers:       --library PATH (or CHANGEGATE_BENCH_LIBRARY), --concurrent, --changegate-only (no peer: for profiling),
//                    --rules CG1001,CG1002 (only these ChangeGate analyzers: what a rule costs when it runs alone)
//   analyzers-cpu:   the same side by side as each analyzer's thread CPU time (every callback wrapped; Linux), sequential;
//                    --library, --changegate-only and --rules as for analyzers; --real-only skips the generated library
//   analyzer-growth: --bound SECONDS (default 120), --cases deletes,triples,concat,chain
string[] groups = ["trx", "gate", "ledger", "affected", "analyzers", "analyzers-cpu", "analyzer-growth", "startup"];
string[] onlyWhenNamed = ["startup", "analyzers-cpu"];
string[] valued = ["--runs", "--library", "--bound", "--cases", "--changegate", "--rounds", "--rules"];
var selected = new HashSet<string>(StringComparer.Ordinal);
var values = new Dictionary<string, string>(StringComparer.Ordinal);
var flags = new HashSet<string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (valued.Contains(args[i]) && i + 1 < args.Length)
    {
        values[args[i]] = args[++i];
    }
    else if (args[i] is "--concurrent" or "--changegate-only" or "--real-only")
    {
        flags.Add(args[i]);
    }
    else if (groups.Contains(args[i]))
    {
        selected.Add(args[i]);
    }
    else
    {
        Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: [{string.Join("] [", groups)}] [--runs N] [--library PATH] [--concurrent] [--changegate-only] [--real-only] [--rules LIST] [--bound SECONDS] [--cases LIST] [--changegate PATH] [--rounds N]");
        return 2;
    }
}

if (!TryNumber("--runs", 5, out var runs) || !TryNumber("--bound", 120, out var boundSeconds) || !TryNumber("--rounds", 30, out var rounds))
{
    return 2;
}

var growthCases = values.TryGetValue("--cases", out var caseList) ? caseList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
var knownCases = Growth.Plan.Select(p => GeneratedSources.NameOf(p.Case)).ToList();
if (growthCases.FirstOrDefault(c => !knownCases.Contains(c)) is { } unknownCase)
{
    Console.Error.WriteLine($"--cases: unknown growth case '{unknownCase}'; the cases are {string.Join(", ", knownCases)}");
    return 2;
}

var ruleFilter = values.TryGetValue("--rules", out var ruleList) ? ruleList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
var knownRules = AnalyzerSet.ChangeGateWithOptionCheck().Select(a => a.Name).ToList();
if (ruleFilter.FirstOrDefault(r => !knownRules.Contains(r)) is { } unknownRule)
{
    Console.Error.WriteLine($"--rules: unknown rule '{unknownRule}'; the rules are {string.Join(", ", knownRules)}");
    return 2;
}

bool Wanted(string name) => selected.Count == 0 ? !onlyWhenNamed.Contains(name) : selected.Contains(name);
var repositoryRoot = FindRepositoryRoot();
var scratch = Directory.CreateTempSubdirectory("changegate-bench-").FullName;
var exitCode = 0;

Console.WriteLine($"machine: {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
Console.WriteLine($"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z; runs per benchmark: {runs} after one warm-up");
Console.WriteLine();
if (Wanted("trx") || Wanted("gate") || Wanted("ledger") || Wanted("affected"))
{
    Console.WriteLine(Measurement.Header);
}

try
{
    if (Wanted("trx"))
    {
        foreach (var count in new[] { 1_000, 10_000, 100_000 })
        {
            var path = Path.Combine(scratch, $"results-{count}.trx");
            TrxGenerator.Write(path, count);
            var size = new FileInfo(path).Length;
            var measurement = Measure.Run($"parse TRX, {count:N0} results ({Measurement.Bytes(size)})", runs, () =>
            {
                var read = TestResultReader.Read(path);
                if (!read.Succeeded || read.Value.Total != count)
                {
                    throw new InvalidOperationException($"the TRX of {count} results read as {read.Value?.Total}: {read.Error}");
                }
            });
            Console.WriteLine(measurement.Row);
        }
    }

    if (Wanted("gate"))
    {
        foreach (var events in new[] { 100, 10_000 })
        {
            var work = LedgerOf(Path.Combine(scratch, $"ledger-{events}"), events);
            var measurement = Measure.Run($"`gate --target canary-01`, ledger of {events:N0} events", runs, () =>
            {
                var exit = CliApp.Run(["gate", "--target", "canary-01", "--repo", work, "--actor", "bench@ci"], new CliEnvironment(TextWriter.Null, TextWriter.Null, _ => null, work, interactive: false));
                if (exit != 0)
                {
                    throw new InvalidOperationException($"gate exited {exit}");
                }
            });
            Console.WriteLine(measurement.Row);
        }
    }

    if (Wanted("ledger"))
    {
        foreach (var row in LedgerVerificationBench.Run(scratch, runs))
        {
            Console.WriteLine(row.Row);
        }
    }

    if (Wanted("affected"))
    {
        var since = Since(repositoryRoot);
        var cold = Measure.Run($"`affected --since {since}` on this repository, first run in the process", 1, Affected, warmUp: false);
        Console.WriteLine(cold.Row);
        Console.WriteLine(Measure.Run($"`affected --since {since}` on this repository", runs, Affected, warmUp: false).Row);

        void Affected()
        {
            var result = AffectedProjectsFinder.Find(new AffectedProjectsRequest { RepositoryPath = repositoryRoot, Since = since });
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error.ToString());
            }
        }
    }

    if (Wanted("startup"))
    {
        StartupGroup();
    }

    if (Wanted("analyzers"))
    {
        var library = values.GetValueOrDefault("--library") ?? Environment.GetEnvironmentVariable(RealLibrary.EnvironmentVariable);
        AnalyzerCost.Run(Console.Out, string.IsNullOrWhiteSpace(library) ? null : library, scratch, runs, flags.Contains("--concurrent"), withPeer: !flags.Contains("--changegate-only"), ruleFilter);
    }

    if (Wanted("analyzers-cpu"))
    {
        var library = values.GetValueOrDefault("--library") ?? Environment.GetEnvironmentVariable(RealLibrary.EnvironmentVariable);
        if (!AnalyzerCost.RunCpu(Console.Out, string.IsNullOrWhiteSpace(library) ? null : library, scratch, runs, withPeer: !flags.Contains("--changegate-only"), ruleFilter, withGenerated: !flags.Contains("--real-only")))
        {
            Console.Error.WriteLine("analyzers-cpu: the wrapped analyzers' findings differ from the unwrapped ones (see the tables): the CPU figures are not those of the analyzers as they run");
            exitCode = 1;
        }
    }

    if (Wanted("analyzer-growth"))
    {
        Growth.Run(Console.Out, scratch, repositoryRoot, TimeSpan.FromSeconds(boundSeconds), growthCases);
    }
}
catch (BenchSetupException problem)
{
    Console.Error.WriteLine(problem.Message);
    return 2;
}
finally
{
    try
    {
        foreach (var file in Directory.EnumerateFiles(scratch, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(scratch, recursive: true);
    }
    catch (IOException)
    {
    }
}

return exitCode;

// Hello world against the installed changegate, alternating, on a ledger of 10,000 events.
void StartupGroup()
{
    var named = values.GetValueOrDefault("--changegate") ?? Path.Combine(repositoryRoot, ".tools", "changegate");
    var changegate = Path.GetFullPath(named);
    if (!File.Exists(changegate))
    {
        throw new BenchSetupException($"startup: no changegate at {changegate}; install it first (build/pack-cli.sh, then `dotnet tool install --tool-path .tools ChangeGate.Cli --add-source artifacts`), or pass --changegate PATH");
    }

    var work = LedgerOf(Path.Combine(scratch, "startup-ledger"), 10_000);
    var hello = Startup.BuildHelloWorld(scratch);
    string[] gate = ["gate", "--target", "canary-01", "--repo", work, "--actor", "bench@ci"];
    string[] deploy = ["deploy", "record", "--target", "canary-01", "--status", "ok", "--repo", work, "--actor", "bench@ci"];
    string[] status = ["rollout", "status", "--repo", work, "--actor", "bench@ci"];
    var subjects = new List<Startup.Subject>
    {
        new("hello world (`dotnet` console app, framework-dependent)", [hello]),
        new("`changegate gate --target canary-01`", [changegate, .. gate]),
        new("`changegate deploy record` (no remote)", [changegate, .. deploy]),
        new("`changegate rollout status`", [changegate, .. status]),
    };

    // The managed part next to the native executable (the package's managed/), for the before-and-after.
    var managed = Path.Combine(Path.GetDirectoryName(new FileInfo(changegate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? changegate)!, "managed", "changegate.dll");
    if (File.Exists(managed) && Environment.ProcessPath is { } dotnet && Path.GetFileNameWithoutExtension(dotnet) == "dotnet")
    {
        subjects.Add(new("managed `changegate gate` (`dotnet changegate.dll`, JIT)", [dotnet, managed, .. gate]));
        subjects.Add(new("managed `changegate deploy record`", [dotnet, managed, .. deploy]));
    }

    Console.WriteLine($"changegate: {changegate}; ledger: 10,000 events (+1 per `deploy record` run); {rounds} alternating rounds after one warm-up round");
    Console.WriteLine("(the warm-up `gate` is the ledger's first read in this clone: it verifies the whole chain and records the verified tip; later runs verify what is new)");
    Console.WriteLine();
    Startup.Run(Console.Out, subjects, rounds);
    Console.WriteLine();
}

bool TryNumber(string option, int fallback, out int value)
{
    value = fallback;
    if (values.TryGetValue(option, out var text) && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < 1))
    {
        Console.Error.WriteLine($"{option} takes a whole number of at least 1, not '{text}'");
        return false;
    }

    return true;
}

// A repository whose ledger has `count` events: a rollout of HEAD, then deploys of its canary host.
static string LedgerOf(string path, int count)
{
    BenchLedger.Write(path, count);
    return path;
}

static string Since(string root)
{
    using var repository = new Repository(root);
    var depth = repository.Commits.Take(21).Count() - 1;
    return depth <= 0 ? "HEAD" : $"HEAD~{depth}";
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "ChangeGate.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("run the benchmarks from a checkout of the repository");
}
