using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ChangeGate.Accuracy;

/// <summary>
/// Issue 9, item 8: runs the analyzers over every .cs file of a corpus repository (whole projects, and
/// the files no project holds as one compilation), then over truncated copies of the chosen files (cut
/// at several points, in memory, inside their project) to imitate code under edit. Counts lines and
/// analyzer exceptions (AD0001).
/// </summary>
internal sealed class CrashRun(ChangeGateAnalyzers analyzers, ReferenceAssemblies references, TextWriter log)
{
    private static readonly double[] Cuts = [0.3, 0.6, 0.9];

    public long Files { get; private set; }

    public long Lines { get; private set; }

    public long TruncatedVariants { get; private set; }

    public long TruncatedLines { get; private set; }

    public long Findings { get; private set; }

    public List<string> Crashes { get; } = [];

    public async Task RunAsync(string repoName, string root, IReadOnlyCollection<string> chosenFiles)
    {
        var repo = new CorpusRepository(repoName, "", root, references);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        var projects = repo.AllProjects().ToList();
        foreach (var csproj in projects)
        {
            Compilation compilation;
            try
            {
                compilation = repo.Compilation(csproj);
            }
            catch (Exception e) when (e is System.Xml.XmlException or IOException)
            {
                log.WriteLine($"  {repo.Relative(csproj)}: not read ({e.Message})");
                continue;
            }

            await Analyze(repo, compilation, repo.Relative(csproj)).ConfigureAwait(false);
            foreach (var tree in compilation.SyntaxTrees.Where(t => !t.FilePath.Contains("/obj/", StringComparison.Ordinal)))
            {
                if (counted.Add(tree.FilePath))
                {
                    Files++;
                    Lines += tree.GetText().Lines.Count;
                }
            }
        }

        var loose = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !counted.Contains(f)).ToList();
        if (loose.Count > 0)
        {
            var trees = loose.Select(f => CSharpSyntaxTree.ParseText(Sources.Read(f), new CSharpParseOptions(LanguageVersion.Preview), f)).ToList();
            var compilation = CSharpCompilation.Create("loose", trees, references.NetCore, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            await Analyze(repo, compilation, $"{loose.Count} files outside any project").ConfigureAwait(false);
            Files += loose.Count;
            Lines += trees.Sum(t => (long)t.GetText().Lines.Count);
        }

        // Code under edit: for each cut point, one compilation per project in which every chosen file of
        // that project is cut at that fraction of its length (so a project is re-analysed once per cut,
        // not once per file and cut).
        foreach (var group in chosenFiles.GroupBy(f => repo.ProjectOf(f) ?? ""))
        {
            var compilation = group.Key.Length == 0 ? null : repo.Compilation(group.Key);
            foreach (var cut in Cuts)
            {
                var variant = compilation ?? (Compilation)CSharpCompilation.Create("truncated", [], references.NetCore, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
                foreach (var file in group)
                {
                    var full = Path.Combine(root, file);
                    var original = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == full);
                    var text = Sources.Read(full);
                    var truncated = SourceText.From(text.ToString()[..(int)(text.Length * cut)], text.Encoding);
                    // A chosen file the project does not compile (another project's, an excluded one) is added with the
                    // project's parse options: a compilation's trees must share one language version.
                    var options = (original ?? variant.SyntaxTrees.FirstOrDefault())?.Options as CSharpParseOptions;
                    var tree = CSharpSyntaxTree.ParseText(truncated, options ?? new CSharpParseOptions(LanguageVersion.Preview), full);
                    variant = original is not null ? variant.ReplaceSyntaxTree(original, tree) : variant.AddSyntaxTrees(tree);
                    TruncatedVariants++;
                    TruncatedLines += truncated.Lines.Count;
                }

                await Analyze(repo, variant, $"{(group.Key.Length == 0 ? "loose files" : repo.Relative(group.Key))} with its chosen files cut at {cut:P0}").ConfigureAwait(false);
            }
        }
    }

    private async Task Analyze(CorpusRepository repo, Compilation compilation, string what)
    {
        var result = await analyzers.RunAsync(compilation, repo.Options).ConfigureAwait(false);
        Findings += result.Findings.Count;
        Crashes.AddRange(result.Crashes.Select(c => $"{repo.Name} {what}: {c}"));
        if (result.Crashes.Count > 0)
        {
            log.WriteLine($"  CRASH in {what}: {string.Join(" | ", result.Crashes)}");
        }
    }
}
