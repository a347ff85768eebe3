using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChangeGate.Accuracy;

/// <summary>A CG finding, located in a corpus file.</summary>
internal sealed record Finding(string Repo, string Path, int Line, string Rule, string Message);

/// <summary>
/// Runs the analyzers over the projects that hold the chosen files, and scores their findings in those
/// files against the labels: per rule TP/FP/FN, findings on unlabelled lines, precision and recall,
/// for the dev and held-out splits separately.
/// </summary>
internal sealed class Measurement(ChangeGateAnalyzers analyzers, ReferenceAssemblies references, string corpusDir, string workDir, TextWriter log)
{
    public static readonly string[] Rules = ["CG1001", "CG1002", "CG2001", "CG2002", "CG3001", "CG3002"];

    public List<Finding> Findings { get; } = [];

    public List<string> Crashes { get; } = [];

    public List<string> ContextNotes { get; } = [];

    /// <summary>Type spans per (repo, path): start line, end line, identifier line.</summary>
    private readonly Dictionary<(string Repo, string Path), List<(int Start, int End, int Identifier)>> _types = [];

    public async Task RunAsync(IReadOnlyList<CorpusEntry> corpus, IReadOnlyList<ChosenFile> files)
    {
        foreach (var entry in corpus)
        {
            var chosen = files.Where(f => f.Repo == entry.Repo).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            if (chosen.Count == 0)
            {
                continue;
            }

            var root = Path.Combine(corpusDir, entry.Repo.Replace('/', '+'));
            if (!Directory.Exists(root))
            {
                throw new InvalidOperationException($"{entry.Repo}: no materialised snapshot at {root} (run build/accuracy/run.sh, which extracts it)");
            }

            var repo = new CorpusRepository(entry.Repo, entry.Commit, root, references);
            var byProject = chosen.GroupBy(f => repo.ProjectOf(f) ?? "").ToList();
            var projects = byProject.Select(g => g.Key).Where(p => p.Length > 0).ToList();
            log.WriteLine($"{entry.Repo}: {chosen.Count} chosen files in {projects.Count} projects");
            repo.RestorePackages(workDir, projects, references.FrameworkNames, log);
            if (repo.MissingPackages.Count > 0)
            {
                ContextNotes.Add($"{entry.Repo}: packages not served or not restorable: {string.Join(", ", repo.MissingPackages)}");
            }

            if (repo.Options.Files.Count > 0)
            {
                ContextNotes.Add($"{entry.Repo}: changegate keys read from {string.Join(", ", repo.Options.Files.Select(repo.Relative))}");
            }

            foreach (var group in byProject)
            {
                Compilation compilation;
                if (group.Key.Length == 0)
                {
                    compilation = CSharpCompilation.Create("loose", group.Select(f => CSharpSyntaxTree.ParseText(Sources.Read(Path.Combine(root, f)), path: Path.Combine(root, f))), references.NetCore,
                        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
                    ContextNotes.Add($"{entry.Repo}: {string.Join(", ", group)} compiled alone (no project file)");
                }
                else
                {
                    compilation = repo.Compilation(group.Key);
                    var missing = group.Where(f => !compilation.SyntaxTrees.Any(t => repo.Relative(t.FilePath) == f)).ToList();
                    if (missing.Count > 0)
                    {
                        ContextNotes.Add($"{entry.Repo}: {string.Join(", ", missing)} not in {repo.Relative(group.Key)}'s sources");
                    }

                    var errors = compilation.GetDeclarationDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
                    ContextNotes.Add($"{entry.Repo}: {repo.Relative(group.Key)}: {compilation.SyntaxTrees.Count()} files, {compilation.References.Count()} references, {errors} declaration errors");
                }

                var result = await analyzers.RunAsync(compilation, repo.Options).ConfigureAwait(false);
                Crashes.AddRange(result.Crashes.Select(c => $"{entry.Repo} {repo.Relative(group.Key)}: {c}"));
                foreach (var diagnostic in result.Findings)
                {
                    var span = diagnostic.Location.GetLineSpan();
                    if (!diagnostic.Location.IsInSource || string.IsNullOrEmpty(span.Path))
                    {
                        continue;
                    }

                    var path = repo.Relative(span.Path);
                    if (chosen.Contains(path))
                    {
                        Findings.Add(new Finding(entry.Repo, path, span.StartLinePosition.Line + 1, diagnostic.Id, diagnostic.GetMessage()));
                    }
                }

                foreach (var tree in compilation.SyntaxTrees)
                {
                    var path = repo.Relative(tree.FilePath);
                    if (chosen.Contains(path))
                    {
                        _types[(entry.Repo, path)] = tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>()
                            .Select(t => (Line(t.SpanStart, tree), Line(t.Span.End, tree), Line(t.Identifier.SpanStart, tree))).ToList();
                    }
                }
            }
        }
    }

    /// <summary>Does the finding count for the label? CG2xxx: anywhere on the labelled type (not in a nested type).</summary>
    public bool Matches(Label label, Finding finding)
    {
        if (label.Repo != finding.Repo || label.Path != finding.Path || label.Rule != finding.Rule)
        {
            return false;
        }

        if (label.Rule is not ("CG2001" or "CG2002"))
        {
            return label.Line == finding.Line;
        }

        if (!_types.TryGetValue((label.Repo, label.Path), out var types))
        {
            return label.Line == finding.Line;
        }

        var type = types.Where(t => t.Identifier == label.Line).Select(t => ((int, int, int)?)t).FirstOrDefault()
                   ?? types.Where(t => t.Start <= label.Line && label.Line <= t.End).OrderBy(t => t.End - t.Start).Select(t => ((int, int, int)?)t).FirstOrDefault();
        if (type is null)
        {
            return label.Line == finding.Line;
        }

        var (start, end, _) = type.Value;

        // The innermost type around the finding must be the labelled one.
        var innermost = types.Where(t => t.Start <= finding.Line && finding.Line <= t.End).OrderBy(t => t.End - t.Start).FirstOrDefault();
        return innermost.Start == start && innermost.End == end;
    }

    private static int Line(int position, SyntaxTree tree) => tree.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(position, 0)).StartLinePosition.Line + 1;
}
