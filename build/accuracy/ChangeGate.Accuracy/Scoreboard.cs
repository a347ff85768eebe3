using System.Globalization;

namespace ChangeGate.Accuracy;

/// <summary>Scores findings against labels and prints the Markdown tables and lists of docs/accuracy.md.</summary>
internal static class Scoreboard
{
    public static int Print(Measurement measurement, IReadOnlyList<CorpusEntry> corpus, IReadOnlyList<Label> labels, TextWriter o)
    {
        var splitOf = corpus.ToDictionary(c => c.Repo, c => c.Split);
        var matched = new HashSet<Finding>();
        var outcome = new Dictionary<Label, bool>();
        foreach (var label in labels)
        {
            var hits = measurement.Findings.Where(f => measurement.Matches(label, f)).ToList();
            outcome[label] = hits.Count > 0;
            matched.UnionWith(hits);
        }

        var unlabelled = measurement.Findings.Where(f => !matched.Contains(f)).ToList();
        // dev, held-out and any later held-out portion (held-out-2: labelled after the analyzers were tuned), then all.
        foreach (var split in corpus.Select(c => c.Split).Distinct().Append("all"))
        {
            var members = corpus.Where(c => split == "all" || c.Split == split).ToList();
            var repos = members.Select(c => c.Repo).ToHashSet();
            o.WriteLine(split == "all" ? "### all sets together" : $"### {split} ({string.Join(", ", members.Select(c => c.Repo))})");
            o.WriteLine();
            o.WriteLine("| rule | risky sites | TP | FN | ok sites | FP | unlabelled findings | precision | recall |");
            o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var rule in Measurement.Rules.Append("all"))
            {
                bool Of(string r) => rule == "all" || r == rule;
                var ls = labels.Where(l => repos.Contains(l.Repo) && Of(l.Rule)).ToList();
                var tp = ls.Count(l => l.Risky && outcome[l]);
                var fn = ls.Count(l => l.Risky && !outcome[l]);
                var fp = ls.Count(l => !l.Risky && outcome[l]);
                var un = unlabelled.Count(f => repos.Contains(f.Repo) && Of(f.Rule));
                o.WriteLine($"| {rule} | {tp + fn} | {tp} | {fn} | {ls.Count(l => !l.Risky)} | {fp} | {un} | {Ratio(tp, tp + fp)} | {Ratio(tp, tp + fn)} |");
            }

            o.WriteLine();
        }

        o.WriteLine("### False positives (an 'ok' site the rule reports)");
        o.WriteLine();
        Print(labels.Where(l => !l.Risky && outcome[l]), splitOf, measurement, o);
        o.WriteLine("### False negatives (a risky site the rule misses)");
        o.WriteLine();
        Print(labels.Where(l => l.Risky && !outcome[l]), splitOf, measurement, o);
        o.WriteLine("### Findings on unlabelled lines (judge each and add a label)");
        o.WriteLine();
        if (unlabelled.Count == 0)
        {
            o.WriteLine("none");
        }

        foreach (var f in unlabelled.OrderBy(f => f.Repo).ThenBy(f => f.Path).ThenBy(f => f.Line))
        {
            o.WriteLine($"- {splitOf[f.Repo]} {f.Rule} {f.Repo} `{f.Path}:{f.Line}`: {f.Message}");
        }

        o.WriteLine();
        o.WriteLine($"Analyzer exceptions (AD0001) during the measurement: {measurement.Crashes.Count}");
        foreach (var crash in measurement.Crashes)
        {
            o.WriteLine($"- {crash}");
        }

        o.WriteLine();
        o.WriteLine("### Context");
        o.WriteLine();
        foreach (var note in measurement.ContextNotes)
        {
            o.WriteLine($"- {note}");
        }

        return unlabelled.Count;
    }

    private static void Print(IEnumerable<Label> labels, Dictionary<string, string> splitOf, Measurement measurement, TextWriter o)
    {
        var any = false;
        foreach (var l in labels.OrderBy(l => splitOf[l.Repo]).ThenBy(l => l.Rule).ThenBy(l => l.Repo).ThenBy(l => l.Path).ThenBy(l => l.Line))
        {
            any = true;
            var message = measurement.Findings.FirstOrDefault(f => measurement.Matches(l, f))?.Message;
            o.WriteLine($"- {splitOf[l.Repo]} {l.Rule} {l.Repo}@{l.Commit[..12]} `{l.Path}:{l.Line}` class {l.Class}: {l.Reason}{(message is null ? "" : $" — reported: \"{message}\"")}");
        }

        if (!any)
        {
            o.WriteLine("none");
        }

        o.WriteLine();
    }

    private static string Ratio(int a, int b) => b == 0 ? "–" : ((double)a / b).ToString("0.00", CultureInfo.InvariantCulture);
}
