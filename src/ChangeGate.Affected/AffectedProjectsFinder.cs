using ChangeGate.Core.Git;
using LibGit2Sharp;
using GitChangeKind = LibGit2Sharp.ChangeKind;

namespace ChangeGate.Affected;

/// <summary>What to compare: the repository, REF, and the commit.</summary>
public sealed record AffectedProjectsRequest
{
    /// <summary>A path inside the repository's working tree.</summary>
    public required string RepositoryPath { get; init; }

    /// <summary>The base to compare with: a SHA, branch, tag or revision expression; null when
    /// there is no base (nothing was released yet), so every project counts as changed.</summary>
    public required string? Since { get; init; }

    /// <summary>The commit whose changes count; HEAD by default. Its files must be the ones on
    /// disk, since MSBuild evaluates the working tree.</summary>
    public string Commit { get; init; } = "HEAD";

    /// <summary>Project files to start the project graph from (full or repository-relative paths);
    /// by default every .csproj, .fsproj and .vbproj tracked in the commit.</summary>
    public IReadOnlyList<string>? EntryProjects { get; init; }
}

/// <summary>
/// Finds the projects a change touches: the files changed between REF and a commit (LibGit2Sharp,
/// deletions and renames with both paths), mapped to projects through MSBuild's static project
/// graph (see <see cref="FileOwnership"/> for the rules), plus every project that references a
/// changed one, transitively; and among them the test projects.
/// </summary>
public static class AffectedProjectsFinder
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>Works out the affected projects, or says why it cannot.</summary>
    public static AffectedProjectsResult Find(AffectedProjectsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = Repository.Discover(request.RepositoryPath);
        if (root is null)
        {
            return new AffectedError($"'{request.RepositoryPath}' is not inside a git repository.", "Run in a clone of the repository.");
        }

        using var repository = new Repository(root);
        if (repository.Info.IsBare || repository.Info.WorkingDirectory is null)
        {
            return new AffectedError("The repository has no working tree for MSBuild to evaluate.", "Run in a checkout of the commit.");
        }

        var workingDirectory = Path.GetFullPath(repository.Info.WorkingDirectory);
        var commit = Resolve(repository, request.Commit, "commit");
        if (commit.Error is not null)
        {
            return commit.Error;
        }

        var since = request.Since is null ? default : Resolve(repository, request.Since, "REF");
        if (since.Error is not null)
        {
            return since.Error;
        }

        var warnings = new List<string>();
        var head = repository.Head.Tip;
        if (head is null || head.Tree.Id != commit.Commit!.Tree.Id)
        {
            return new AffectedError(
                $"The working tree is not at {request.Commit} ({commit.Commit!.Sha[..12]}); HEAD is {(head is null ? "unborn" : head.Sha[..12])}. MSBuild evaluates the files on disk, so they must be that commit's.",
                $"Check out {request.Commit} first (git checkout {commit.Commit.Sha[..12]}), or leave --commit at HEAD.");
        }

        if (repository.RetrieveStatus(new StatusOptions { IncludeUntracked = false, IncludeIgnored = false }).IsDirty)
        {
            warnings.Add("The working tree has uncommitted changes to tracked files; projects were evaluated as they are on disk.");
        }

        var changedFiles = since.Commit is null ? [] : ChangedFiles(repository, since.Commit, commit.Commit);

        var entryProjects = request.EntryProjects is { Count: > 0 } given
            ? [.. given.Select(p => Path.GetFullPath(Path.Combine(workingDirectory, p)))]
            : TrackedProjects(commit.Commit.Tree, workingDirectory);
        var missing = entryProjects.FirstOrDefault(p => !File.Exists(p));
        if (missing is not null)
        {
            return new AffectedError("Project file not found.", "Pass project files that exist in the working tree.", missing);
        }

        var registration = MSBuildLocatorRegistration.EnsureRegistered();
        if (registration is not null)
        {
            return new AffectedError($"MSBuild cannot be found: {registration}", "Install the .NET SDK that global.json asks for (dotnet --list-sdks shows what is installed).");
        }

        var (projects, loadError) = MSBuildProjectGraphLoader.Load(entryProjects, workingDirectory, cancellationToken);
        if (loadError is not null)
        {
            return loadError;
        }

        return since.Commit is null
            ? Everything(commit.Commit.Sha, projects, workingDirectory, warnings)
            : Analyze(request.Since!, since.Commit.Sha, commit.Commit.Sha, changedFiles, projects, workingDirectory, warnings);
    }

    /// <summary>With no base to compare with, every project is changed and affected.</summary>
    private static AffectedProjectsReport Everything(string commitSha, IReadOnlyList<ProjectFacts> projects, string workingDirectory, List<string> warnings)
    {
        var all = projects
            .Select(p => new AffectedProject(Relative(workingDirectory, p.FullPath), Path.GetFileNameWithoutExtension(p.FullPath), p.AssemblyName, p.IsTestProject, ["no base commit to compare with: every project counts"]))
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
        return new AffectedProjectsReport(null, null, commitSha, [], all, all, [.. all.Where(p => p.IsTestProject)], [], [], warnings);
    }

    /// <summary>The mapping and the walk over project references, with no git or MSBuild in it.</summary>
    internal static AffectedProjectsReport Analyze(
        string sinceName,
        string sinceSha,
        string commitSha,
        IReadOnlyList<ChangedFile> changedFiles,
        IReadOnlyList<ProjectFacts> projects,
        string workingDirectory,
        List<string> warnings)
    {
        var ownership = new FileOwnership(projects, workingDirectory);
        var reasons = new Dictionary<ProjectFacts, List<string>>();
        var unowned = new List<ChangedFile>();
        var removedProjects = new List<string>();
        foreach (var file in changedFiles)
        {
            var owners = new List<(ProjectFacts Project, string Reason)>();
            foreach (var (path, gone) in PathsOf(file))
            {
                if (gone && IsProjectFile(path))
                {
                    removedProjects.Add(path);
                }

                owners.AddRange(ownership.Owners(path).Select(o => (o.Project, $"{o.Reason} ({Describe(file, path)})")));
            }

            if (owners.Count == 0 && !(file.Kind == ChangeKind.Deleted && IsProjectFile(file.Path)))
            {
                unowned.Add(file);
            }

            foreach (var (project, reason) in owners)
            {
                if (!reasons.TryGetValue(project, out var list))
                {
                    reasons[project] = list = [];
                }

                if (!list.Contains(reason))
                {
                    list.Add(reason);
                }
            }
        }

        var affected = new Dictionary<ProjectFacts, List<string>>();
        foreach (var (project, list) in reasons)
        {
            affected[project] = [.. list];
        }

        // Walk "referenced by" edges breadth-first from the changed projects.
        var byPath = projects.ToDictionary(p => p.FullPath, PathComparer.Instance);
        var dependents = projects
            .SelectMany(p => p.References.Where(byPath.ContainsKey).Select(r => (Referenced: byPath[r], Referencing: p)))
            .ToLookup(edge => edge.Referenced, edge => edge.Referencing);
        var queue = new Queue<ProjectFacts>(reasons.Keys);
        while (queue.Count > 0)
        {
            var project = queue.Dequeue();
            foreach (var dependent in dependents[project])
            {
                var reason = $"references {Relative(workingDirectory, project.FullPath)}";
                if (!affected.TryGetValue(dependent, out var list))
                {
                    affected[dependent] = [reason];
                    queue.Enqueue(dependent);
                }
                else if (!reasons.ContainsKey(dependent) && !list.Contains(reason))
                {
                    list.Add(reason);
                }
            }
        }

        AffectedProject ToReport(KeyValuePair<ProjectFacts, List<string>> entry) => new(
            Relative(workingDirectory, entry.Key.FullPath),
            Path.GetFileNameWithoutExtension(entry.Key.FullPath),
            entry.Key.AssemblyName,
            entry.Key.IsTestProject,
            entry.Value);

        var changedProjects = reasons.Select(ToReport).OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
        var affectedProjects = affected.Select(ToReport).OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
        return new AffectedProjectsReport(
            sinceName,
            sinceSha,
            commitSha,
            changedFiles,
            changedProjects,
            affectedProjects,
            [.. affectedProjects.Where(p => p.IsTestProject)],
            unowned,
            [.. removedProjects.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            warnings);
    }

    /// <summary>The paths of a change that can touch a project, and whether each is gone in the commit.</summary>
    private static IEnumerable<(string Path, bool Gone)> PathsOf(ChangedFile file)
    {
        switch (file.Kind)
        {
            case ChangeKind.Deleted:
                yield return (file.Path, true);
                break;
            case ChangeKind.Renamed:
                yield return (file.Path, false);
                yield return (file.OldPath!, true);
                break;
            default:
                yield return (file.Path, false);
                break;
        }
    }

    private static string Describe(ChangedFile file, string path) => file.Kind switch
    {
        ChangeKind.Renamed when path == file.OldPath => $"renamed to {file.Path}",
        ChangeKind.Renamed => $"renamed from {file.OldPath}",
        ChangeKind.Copied => $"copied from {file.OldPath}",
        _ => file.Kind.ToString().ToLowerInvariant(),
    };

    private static bool IsProjectFile(string path) =>
        ProjectExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static List<ChangedFile> ChangedFiles(Repository repository, Commit since, Commit commit)
    {
        var options = new CompareOptions { Similarity = SimilarityOptions.Renames, IncludeUnmodified = false };
        using var changes = repository.Diff.Compare<TreeChanges>(since.Tree, commit.Tree, options);
        var files = new List<ChangedFile>();
        foreach (var change in changes)
        {
            var kind = change.Status switch
            {
                GitChangeKind.Added => ChangeKind.Added,
                GitChangeKind.Deleted => ChangeKind.Deleted,
                GitChangeKind.Renamed => ChangeKind.Renamed,
                GitChangeKind.Copied => ChangeKind.Copied,
                GitChangeKind.TypeChanged => ChangeKind.TypeChanged,
                _ => ChangeKind.Modified,
            };
            var oldPath = kind is ChangeKind.Renamed or ChangeKind.Copied ? change.OldPath : null;
            files.Add(new ChangedFile(change.Path.Replace('\\', '/'), oldPath?.Replace('\\', '/'), kind));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static List<string> TrackedProjects(Tree tree, string workingDirectory)
    {
        var projects = new List<string>();
        var pending = new Stack<(Tree Tree, string Prefix)>();
        pending.Push((tree, string.Empty));
        while (pending.Count > 0)
        {
            var (current, prefix) = pending.Pop();
            foreach (var entry in current)
            {
                if (entry.TargetType == TreeEntryTargetType.Tree)
                {
                    pending.Push(((Tree)entry.Target, prefix + entry.Name + "/"));
                }
                else if (entry.TargetType == TreeEntryTargetType.Blob && IsProjectFile(entry.Name))
                {
                    projects.Add(Path.GetFullPath(Path.Combine(workingDirectory, prefix + entry.Name)));
                }
            }
        }

        projects.Sort(StringComparer.Ordinal);
        return projects;
    }

    private static (Commit? Commit, AffectedError? Error) Resolve(Repository repository, string name, string what)
    {
        var (commit, error) = CommitLookup.Find(repository, name, what);
        return (commit, error is null ? null : new AffectedError(error.Message, error.Fix));
    }

    private static string Relative(string root, string fullPath) =>
        Path.GetRelativePath(root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
