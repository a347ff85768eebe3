using LibGit2Sharp;

namespace ChangeGate.Core.Analysis;

/// <summary>
/// What an analysis was of: the commit checked out, whether the working tree differed from it in a way
/// that changes what is analyzed, and the commit the analyzed change is measured from.
/// <c>changegate analyze</c> writes it into SARIF (<c>versionControlProvenance</c>), and the gate
/// accepts a SARIF file only for the commit it gates.
/// </summary>
/// <param name="Commit">Full SHA of the commit checked out (HEAD).</param>
/// <param name="ModifiedFiles">Files (relative to the repository root) that differ from <paramref name="Commit"/> and can change what is analyzed; empty when none do.</param>
/// <param name="ChangedSince">Full SHA of the commit <c>--changed-since</c> named (only documents changed since it were analyzed), or null for every document.</param>
public sealed record AnalyzedRevision(string Commit, IReadOnlyList<string> ModifiedFiles, string? ChangedSince)
{
    private static readonly HashSet<string> AnalysisExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".csproj", ".props", ".targets", ".sln", ".slnx", ".editorconfig", ".globalconfig", ".json", ".ruleset", ".config",
    };

    // bin/ and obj/ hold what builds and restores derive from the sources, not sources.
    private static bool IsBuildOutput(string path) => path.Split('/').SkipLast(1).Any(segment => segment is "bin" or "obj");

    /// <summary>True when the working tree had changes to the commit that the analysis saw.</summary>
    public bool WorkingTreeModified => ModifiedFiles.Count > 0;

    /// <summary>
    /// What the working tree of <paramref name="repository"/> holds now: HEAD, and the files that differ from it
    /// and can change the analysis (C# sources, MSBuild and solution files, analyzer configuration and JSON
    /// such as global.json; staged, modified, deleted or new and not ignored; not under bin/ or obj/). Null when
    /// HEAD has no commit. Read it before the analysis restores and builds.
    /// </summary>
    /// <param name="repository">The repository.</param>
    /// <param name="changedSince">Full SHA of the --changed-since commit, or null.</param>
    /// <param name="ignore">Full paths to leave out (the report being written, which is no input).</param>
    public static AnalyzedRevision? Of(Repository repository, string? changedSince, IEnumerable<string> ignore)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (repository.Info.IsHeadUnborn || repository.Head.Tip is not { } head)
        {
            return null;
        }

        var root = repository.Info.WorkingDirectory;
        var ignored = ignore.Where(_ => root is not null).Select(p => Path.GetRelativePath(root!, p).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        var modified = root is null
            ? []
            : repository.RetrieveStatus(new StatusOptions { IncludeIgnored = false, IncludeUntracked = true, RecurseUntrackedDirs = true })
                .Where(entry => entry.State != FileStatus.Unaltered && entry.State != FileStatus.Ignored)
                .Select(entry => entry.FilePath.Replace('\\', '/'))
                .Where(path => !ignored.Contains(path) && !IsBuildOutput(path) && AnalysisExtensions.Contains(Path.GetExtension(path) is { Length: > 0 } extension ? extension : Path.GetFileName(path)))
                .Order(StringComparer.Ordinal)
                .ToList();
        return new AnalyzedRevision(head.Sha, modified, changedSince);
    }
}

/// <summary>What one run of the ChangeGate analyzers in a SARIF file says it analyzed.</summary>
/// <param name="Where">The file and run, for messages: <c>build.sarif runs[0]</c>.</param>
/// <param name="RevisionIds">Its <c>versionControlProvenance[].revisionId</c> values; empty when it names no commit.</param>
/// <param name="ModifiedFiles">Files <c>changegate analyze</c> saw modified in the working tree (empty when none, or when another tool wrote the run).</param>
/// <param name="ChangedSince">The commit its analysis was limited to changes since, or null for every document.</param>
public sealed record SarifRun(string Where, IReadOnlyList<string> RevisionIds, IReadOnlyList<string> ModifiedFiles, string? ChangedSince);
