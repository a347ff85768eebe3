namespace ChangeGate.Accuracy;

/// <summary>A corpus repository: owner/name, the snapshot commit, its split (dev or held-out) and domain.</summary>
internal sealed record CorpusEntry(string Repo, string Commit, string Split, string Domain);

/// <summary>A file chosen for labelling, and why it was chosen.</summary>
internal sealed record ChosenFile(string Repo, string Path, string ChosenBy);

/// <summary>
/// A hand label: one site (a call, a catch, a loop, a type) and its verdict for one rule.
/// <see cref="Risky"/> false marks a site the rule must not report (the negatives precision is about).
/// </summary>
internal sealed record Label(string Repo, string Commit, string Path, int Line, string Rule, bool Risky, string Class, string Reason, int SourceLine);

/// <summary>Reads the tab-separated data files of build/accuracy (lines starting with '#' are comments).</summary>
internal static class CorpusData
{
    public static List<CorpusEntry> ReadCorpus(string file) =>
        Rows(file, 4).Select(r => new CorpusEntry(r.Cells[0], r.Cells[1], r.Cells[2], r.Cells[3])).ToList();

    public static List<ChosenFile> ReadFiles(string file) =>
        Rows(file, 3).Select(r => new ChosenFile(r.Cells[0], r.Cells[1], r.Cells[2])).ToList();

    public static List<Label> ReadLabels(string file, IReadOnlyDictionary<string, CorpusEntry> corpus)
    {
        var labels = new List<Label>();
        foreach (var (cells, line) in Rows(file, 8))
        {
            if (!corpus.TryGetValue(cells[0], out var entry))
            {
                throw new FormatException($"{file}:{line}: repository '{cells[0]}' is not in corpus.tsv");
            }

            if (!entry.Commit.StartsWith(cells[1], StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"{file}:{line}: commit {cells[1]} is not the corpus commit {entry.Commit} of {cells[0]}");
            }

            if (!int.TryParse(cells[3], out var lineNumber) || lineNumber < 1)
            {
                throw new FormatException($"{file}:{line}: line '{cells[3]}' is not a line number");
            }

            if (cells[4] is not ("CG1001" or "CG1002" or "CG2001" or "CG2002" or "CG3001" or "CG3002"))
            {
                throw new FormatException($"{file}:{line}: rule '{cells[4]}' is not a CG rule");
            }

            var risky = cells[5] switch
            {
                "risky" => true,
                "ok" => false,
                _ => throw new FormatException($"{file}:{line}: verdict '{cells[5]}' must be 'risky' or 'ok'"),
            };
            labels.Add(new Label(cells[0], entry.Commit, cells[2], lineNumber, cells[4], risky, cells[6], cells[7], line));
        }

        var duplicates = labels.GroupBy(l => (l.Repo, l.Path, l.Line, l.Rule)).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            var d = duplicates[0].First();
            throw new FormatException($"{file}:{d.SourceLine}: {d.Repo} {d.Path}:{d.Line} {d.Rule} is labelled more than once");
        }

        return labels;
    }

    private static IEnumerable<(string[] Cells, int Line)> Rows(string file, int columns)
    {
        var number = 0;
        var header = true;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = raw.Split('\t');
            if (cells.Length < columns)
            {
                throw new FormatException($"{file}:{number}: expected {columns} tab-separated columns, found {cells.Length}");
            }

            yield return (cells.Select(c => c.Trim()).ToArray(), number);
        }
    }
}
