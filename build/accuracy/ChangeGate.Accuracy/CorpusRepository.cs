using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChangeGate.Accuracy;

/// <summary>
/// One materialised snapshot: its projects, their compilations (with project references as
/// compilation references and packages from the restore), and the repository's changegate options.
/// </summary>
internal sealed class CorpusRepository
{
    private readonly Dictionary<string, ProjectFile> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CSharpCompilation> _compilations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _building = new(StringComparer.Ordinal);
    private readonly ImmutableArray<MetadataReference> _netRefs;
    private readonly ImmutableArray<MetadataReference> _aspNetRefs;
    private PackageRestore? _restore;

    public CorpusRepository(string name, string commit, string root, ReferenceAssemblies references)
    {
        Name = name;
        Commit = commit;
        Root = Path.GetFullPath(root);
        _netRefs = references.NetCore;
        _aspNetRefs = references.AspNetCore;
        File.WriteAllText(Path.Combine(Root, ProjectFile.CorpusRootMarker), "");
        Options = ChangeGateOptions.Load(Root);
    }

    /// <summary>owner/name.</summary>
    public string Name { get; }

    public string Commit { get; }

    public string Root { get; }

    public ChangeGateOptions Options { get; }

    public IReadOnlyList<string> MissingPackages => _restore?.Missing ?? [];

    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>
    /// The project that compiles the file: of the .csproj files in the nearest folder at or above it that
    /// has any, the first whose sources include the file, else the first. The project named like its folder
    /// comes first, then the others by name: a stray copy next to it ("X - Backup.csproj", sorting before
    /// "X.csproj") globs the same sources but not the same settings.
    /// </summary>
    public string? ProjectOf(string relativeFile)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativeFile));
        for (var dir = Path.GetDirectoryName(full); dir is not null && dir.StartsWith(Root, StringComparison.Ordinal); dir = Path.GetDirectoryName(dir))
        {
            var folderName = Path.GetFileName(dir);
            var csprojs = Directory.EnumerateFiles(dir, "*.csproj")
                .OrderBy(f => string.Equals(Path.GetFileNameWithoutExtension(f), folderName, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
                .ThenBy(f => f, StringComparer.Ordinal)
                .ToList();
            if (csprojs.Count > 0)
            {
                return csprojs.FirstOrDefault(p => Project(p).SourceFiles.Contains(full, StringComparer.Ordinal)) ?? csprojs[0];
            }
        }

        return null;
    }

    public IEnumerable<string> AllProjects() =>
        Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal);

    public ProjectFile Project(string csproj)
    {
        if (!_projects.TryGetValue(csproj, out var project))
        {
            project = ProjectFile.Read(csproj);
            _projects[csproj] = project;
        }

        return project;
    }

    /// <summary>Restores the union of the packages of the given projects and their references, once.</summary>
    public void RestorePackages(string workDir, IEnumerable<string> csprojs, HashSet<string> frameworkNames, TextWriter log)
    {
        var packages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var project in Closure(csprojs))
        {
            foreach (var (id, version) in project.Packages)
            {
                if (!packages.TryGetValue(id, out var existing) || Compare(version, existing) > 0)
                {
                    packages[id] = version;
                }
            }
        }

        _restore = PackageRestore.Run(workDir, Name.Replace('/', '+'), packages, frameworkNames, log);
    }

    public CSharpCompilation Compilation(string csproj)
    {
        if (_compilations.TryGetValue(csproj, out var existing))
        {
            return existing;
        }

        var project = Project(csproj);
        _building.Add(csproj);
        var references = new List<MetadataReference>(_netRefs);
        if (project.UsesAspNetCore || Closure([csproj]).Any(p => p.UsesAspNetCore))
        {
            references.AddRange(_aspNetRefs);
        }

        foreach (var referenced in project.ProjectReferences)
        {
            if (!_building.Contains(referenced) && File.Exists(referenced))
            {
                references.Add(Compilation(referenced).ToMetadataReference());
            }
        }

        if (_restore is not null)
        {
            var ids = Closure([csproj]).SelectMany(p => p.Packages.Keys);
            foreach (var dll in _restore.CompileAssemblies(ids).Distinct(StringComparer.Ordinal))
            {
                references.Add(ReferenceAssemblies.FromFile(dll));
            }
        }

        var parse = ParseOptions(project);
        var trees = project.SourceFiles.Select(f => CSharpSyntaxTree.ParseText(Sources.Read(f), parse, f)).ToList();
        if (project.GlobalUsings.Count > 0)
        {
            var text = string.Concat(project.GlobalUsings.Distinct().Select(u => $"global using {Qualify(u)};\n"));
            trees.Add(CSharpSyntaxTree.ParseText(text, parse, Path.Combine(project.Directory, "obj", project.Name + ".GlobalUsings.g.cs")));
        }

        var compilation = CSharpCompilation.Create(
            project.Name,
            trees,
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: project.Nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                allowUnsafe: project.AllowUnsafe,
                concurrentBuild: false));
        _building.Remove(csproj);
        _compilations[csproj] = compilation;
        return compilation;
    }

    public static CSharpParseOptions ParseOptions(ProjectFile project)
    {
        var version = LanguageVersion.Latest;
        if (project.LangVersion is { } text && LanguageVersionFacts.TryParse(text, out var parsed))
        {
            version = parsed;
        }

        return new CSharpParseOptions(version, DocumentationMode.Parse, SourceCodeKind.Regular, project.PreprocessorSymbols);
    }

    private static string Qualify(string @using)
    {
        if (@using.StartsWith("static ", StringComparison.Ordinal))
        {
            return "static global::" + @using["static ".Length..];
        }

        var alias = @using.IndexOf(" = ", StringComparison.Ordinal);
        return alias > 0 ? @using[..alias] + " = global::" + @using[(alias + 3)..] : "global::" + @using;
    }

    private IEnumerable<ProjectFile> Closure(IEnumerable<string> csprojs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(csprojs);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next) || !File.Exists(next))
            {
                continue;
            }

            var project = Project(next);
            yield return project;
            foreach (var referenced in project.ProjectReferences)
            {
                pending.Push(referenced);
            }
        }
    }

    private static int Compare(string a, string b)
    {
        if (a == "*")
        {
            return b == "*" ? 0 : -1;
        }

        if (b == "*")
        {
            return 1;
        }

        return Version.TryParse(a.Split('-')[0], out var va) && Version.TryParse(b.Split('-')[0], out var vb)
            ? va.CompareTo(vb)
            : string.CompareOrdinal(a, b);
    }
}
