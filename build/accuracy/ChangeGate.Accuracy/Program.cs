using System.Diagnostics;
using ChangeGate.Accuracy;

// The real-code accuracy harness (docs/accuracy.md). build/accuracy/run.sh calls it; see that script.
//   candidates --corpus-dir DIR --data DIR [--repo owner/name]
//       syntax-only list of every site of the chosen files that a labeller must judge
//   measure    --corpus-dir DIR --data DIR --analyzers DLL --work DIR
//       precision and recall per rule against labels.tsv (Markdown on stdout)
//   crash      --corpus-dir DIR --data DIR --analyzers DLL [--repo owner/name]
//       every .cs file of every corpus repository, plus truncated copies of the chosen files: lines and AD0001s
var arguments = ParseArguments(args);
if (arguments is null)
{
    Console.Error.WriteLine("usage: ChangeGate.Accuracy candidates|measure|crash --corpus-dir DIR --data DIR [--analyzers DLL] [--work DIR] [--repo owner/name]");
    return 2;
}

var (mode, options) = arguments.Value;
string Option(string name) => options.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required for {mode}");
var data = Option("data");
var corpusDir = Option("corpus-dir");
List<CorpusEntry> corpus;
List<ChosenFile> files;
List<Label> labels;
try
{
    corpus = CorpusData.ReadCorpus(Path.Combine(data, "corpus.tsv"));
    files = CorpusData.ReadFiles(Path.Combine(data, "files.tsv"));
    labels = CorpusData.ReadLabels(Path.Combine(data, "labels.tsv"), corpus.ToDictionary(c => c.Repo));
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.TryGetValue("repo", out var only))
{
    corpus = corpus.Where(c => c.Repo == only).ToList();
}

switch (mode)
{
    case "candidates":
        foreach (var file in files.Where(f => corpus.Any(c => c.Repo == f.Repo)))
        {
            var root = Path.Combine(corpusDir, file.Repo.Replace('/', '+'));
            foreach (var line in Candidates.For(root, file.Path))
            {
                Console.WriteLine($"{file.Repo}\t{file.Path}\t{line}");
            }
        }

        return 0;

    case "measure":
    {
        var analyzers = ChangeGateAnalyzers.Load(Option("analyzers"));
        var measurement = new Measurement(analyzers, ReferenceAssemblies.Find(), corpusDir, Option("work"), Console.Error);
        var clock = Stopwatch.StartNew();
        await measurement.RunAsync(corpus, files);
        var labelled = labels.Where(l => corpus.Any(c => c.Repo == l.Repo)).ToList();
        Console.WriteLine($"Analyzers: {analyzers.AssemblyPath}; {corpus.Count} repositories, {files.Count(f => corpus.Any(c => c.Repo == f.Repo))} chosen files, {labelled.Count} labels, {measurement.Findings.Count} findings in chosen files; {clock.Elapsed.TotalSeconds:0} s");
        Console.WriteLine();
        Scoreboard.Print(measurement, corpus, labelled, Console.Out);
        return measurement.Crashes.Count > 0 ? 1 : 0;
    }

    case "crash":
    {
        var analyzers = ChangeGateAnalyzers.Load(Option("analyzers"));
        var run = new CrashRun(analyzers, ReferenceAssemblies.Find(), Console.Error);
        var clock = Stopwatch.StartNew();
        var repos = corpus.Select(c => c.Repo).ToList();
        if (options.TryGetValue("extra", out var extra))
        {
            repos.AddRange(extra.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        // One row per repository as it completes, so a long run that is stopped still reports what it did.
        Console.WriteLine("| repository | .cs files | lines analyzed | CG findings | truncated copies | their lines | AD0001 | seconds |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var repo in repos)
        {
            var root = Path.Combine(corpusDir, repo.Replace('/', '+'));
            var before = (run.Files, run.Lines, run.Findings, run.TruncatedVariants, run.TruncatedLines, run.Crashes.Count, clock.Elapsed);
            Console.Error.WriteLine($"{repo}: analyzing every file ({clock.Elapsed.TotalSeconds:0} s so far)");
            await run.RunAsync(repo, root, files.Where(f => f.Repo == repo).Select(f => f.Path).ToList());
            Console.WriteLine($"| {repo} | {run.Files - before.Files:N0} | {run.Lines - before.Lines:N0} | {run.Findings - before.Findings:N0} | {run.TruncatedVariants - before.TruncatedVariants:N0} | {run.TruncatedLines - before.TruncatedLines:N0} | {run.Crashes.Count - before.Item6} | {(clock.Elapsed - before.Elapsed).TotalSeconds:0} |");
        }

        Console.WriteLine($"| **{repos.Count} repositories** | **{run.Files:N0}** | **{run.Lines:N0}** | **{run.Findings:N0}** | **{run.TruncatedVariants:N0}** | **{run.TruncatedLines:N0}** | **{run.Crashes.Count}** | **{clock.Elapsed.TotalSeconds:0}** |");
        foreach (var crash in run.Crashes)
        {
            Console.WriteLine($"- {crash}");
        }

        Console.WriteLine($"({clock.Elapsed.TotalMinutes:0.0} min)");
        return run.Crashes.Count > 0 ? 1 : 0;
    }

    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use candidates, measure or crash");
        return 2;
}

static (string Mode, Dictionary<string, string> Options)? ParseArguments(string[] args)
{
    if (args.Length == 0)
    {
        return null;
    }

    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 1; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
        {
            return null;
        }

        options[args[i][2..]] = args[++i];
    }

    return (args[0], options);
}
