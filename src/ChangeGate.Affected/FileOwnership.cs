namespace ChangeGate.Affected;

/// <summary>
/// Decides which projects each changed file touches. Rules, in order:
/// <list type="number">
/// <item>A file that applies to every project (Directory.Packages.props, global.json, nuget.config,
/// .config/dotnet-tools.json or dotnet-tools.json) touches all of them.</item>
/// <item>Directory.Build.props/.targets/.rsp and .editorconfig touch every project in their
/// directory or below, also when deleted or renamed away (evaluation no longer sees them then).</item>
/// <item>A project file touches its project.</item>
/// <item>A file a project imports touches that project (custom .props/.targets included).</item>
/// <item>A file a project's items name touches that project (linked files included).</item>
/// <item>Otherwise the innermost project whose directory holds the file (how deleted files are
/// placed, since the evaluated items no longer list them).</item>
/// </list>
/// A file no rule places belongs to no project and is reported as such.
/// </summary>
internal sealed class FileOwnership
{
    private static readonly string[] EverythingFiles = ["Directory.Packages.props", "global.json", "nuget.config"];
    private static readonly string[] BelowDirectoryFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Build.rsp", ".editorconfig"];

    private readonly IReadOnlyList<ProjectFacts> _projects;
    private readonly string _root;

    public FileOwnership(IReadOnlyList<ProjectFacts> projects, string repositoryRoot)
    {
        _projects = projects;
        _root = repositoryRoot;
    }

    /// <summary>The projects <paramref name="relativePath"/> touches, each with the reason.</summary>
    public IReadOnlyList<(ProjectFacts Project, string Reason)> Owners(string relativePath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(_root, relativePath));
        var fileName = Path.GetFileName(relativePath);

        if (EverythingFiles.Contains(fileName, StringComparer.OrdinalIgnoreCase) || IsDotnetToolsManifest(relativePath))
        {
            return [.. _projects.Select(p => (p, $"{relativePath} applies to every project"))];
        }

        if (BelowDirectoryFiles.Contains(fileName, StringComparer.OrdinalIgnoreCase))
        {
            var directory = Path.GetDirectoryName(fullPath)!;
            return [.. _projects.Where(p => IsUnder(p.FullPath, directory)).Select(p => (p, $"{relativePath} applies to projects below {Display(directory)}"))];
        }

        var owners = new List<(ProjectFacts, string)>();
        foreach (var project in _projects)
        {
            if (PathComparer.Instance.Equals(project.FullPath, fullPath))
            {
                owners.Add((project, $"project file {relativePath} changed"));
            }
            else if (project.Imports.Contains(fullPath))
            {
                owners.Add((project, $"imports {relativePath}"));
            }
            else if (project.ItemFiles.Contains(fullPath))
            {
                owners.Add((project, $"{relativePath} is one of its items"));
            }
        }

        if (owners.Count > 0)
        {
            return owners;
        }

        var innermost = _projects
            .Where(p => IsUnder(fullPath, p.Directory))
            .OrderByDescending(p => p.Directory.Length)
            .FirstOrDefault();
        return innermost is null ? [] : [(innermost, $"{relativePath} is in its directory")];
    }

    // The SDK reads a tool manifest from `.config/dotnet-tools.json` or a plain `dotnet-tools.json` (where
    // `dotnet new tool-manifest` puts it); either pins the tools every build and test run may restore.
    private static bool IsDotnetToolsManifest(string relativePath) =>
        string.Equals(Path.GetFileName(relativePath), "dotnet-tools.json", StringComparison.OrdinalIgnoreCase);

    private static bool IsUnder(string path, string directory)
    {
        var prefix = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparer.Comparison);
    }

    private string Display(string directory)
    {
        var relative = Path.GetRelativePath(_root, directory).Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? "the repository root" : relative + "/";
    }
}
