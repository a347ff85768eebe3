using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Git;
using ChangeGate.Core.Signing;
using LibGit2Sharp;

namespace ChangeGate.Core.Evidence.Records;

/// <summary>What to record: the repository, the tested commit, the result files and who records them.</summary>
public sealed record EvidenceRecordRequest
{
    /// <summary>A path inside the repository's working tree.</summary>
    public required string RepositoryPath { get; init; }

    /// <summary>The tested commit: a SHA, ref or revision expression; HEAD by default.</summary>
    public string Commit { get; init; } = "HEAD";

    /// <summary>The TRX or JUnit files to summarise (already expanded from any glob).</summary>
    public required IReadOnlyList<string> ResultFiles { get; init; }

    /// <summary>Who records the evidence (the actor).</summary>
    public required string RecordedBy { get; init; }

    /// <summary>When; now by default.</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>An optional label for the test job.</summary>
    public string? Job { get; init; }

    /// <summary>Tool versions to add to (or override) the ones the recorder knows itself.</summary>
    public IReadOnlyDictionary<string, string>? Tools { get; init; }

    /// <summary>The key to sign with, or null to leave the record unsigned (the recording flow signs it once it knows <see cref="Previous"/>).</summary>
    public SigningKey? SigningKey { get; init; }

    /// <summary>The digest of the commit's previous record, or null for the first.</summary>
    public string? Previous { get; init; }
}

/// <summary>Builds an <see cref="EvidenceRecord"/> from result files and the state of the repository.</summary>
public static class EvidenceRecorder
{
    /// <summary>
    /// Reads every result file, finds the commit and its tree, checks that every run started after
    /// the commit was made, checks the working tree, and returns the (signed, when a key is given)
    /// record. A file given twice (the same bytes) counts once. Nothing is written; publish it with
    /// <see cref="Recording.EvidencePublisher.Publish"/>.
    /// </summary>
    /// <returns>The record, or the first problem found (a malformed file with its line and column,
    /// results older than the commit, an unknown commit, no result files, a bare repository).</returns>
    public static EvidenceResult<EvidenceRecord> Create(EvidenceRecordRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ResultFiles.Count == 0)
        {
            return new EvidenceError(
                "No test result files were given.",
                "Pass the TRX or JUnit files the test run wrote, such as --results 'artifacts/test-results/*.trx'.");
        }

        if (string.IsNullOrWhiteSpace(request.RecordedBy))
        {
            return new EvidenceError("Nobody is named as recording the evidence.", "Pass --actor, or set CHANGEGATE_ACTOR, or git user.email.");
        }

        var root = GitLocations.DiscoverRepository(request.RepositoryPath);
        if (root is null)
        {
            return new EvidenceError($"'{request.RepositoryPath}' is not inside a git repository.", "Run in the checkout of the tested commit.");
        }

        using var repository = new Repository(root);
        if (repository.Info.IsBare || repository.Info.WorkingDirectory is null)
        {
            return new EvidenceError("The repository has no working tree, so nothing can show the tests ran on a clean checkout.", "Record evidence in the checkout where the tests ran.");
        }

        var (commit, notFound) = Git.CommitLookup.Find(repository, request.Commit);
        if (commit is null)
        {
            return new EvidenceError(notFound!.Message, notFound.Fix);
        }

        var files = new List<TestResultFile>();
        var committed = commit.Committer.When;
        foreach (var path in request.ResultFiles)
        {
            var read = TestResultReader.Read(path, cancellationToken);
            if (!read.Succeeded)
            {
                return read.Error;
            }

            if (Stale(read.Value, path, commit, committed) is { } stale)
            {
                return stale;
            }

            // The same results given twice (overlapping globs, a copy) are one run: count them once.
            if (files.Any(f => f.Sha256 == read.Value.Sha256))
            {
                continue;
            }

            files.Add(read.Value with { Path = RepositoryRelative(repository, path) });
        }

        var resultPaths = files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var recordedAt = request.RecordedAt ?? DateTimeOffset.UtcNow;
        var record = new EvidenceRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Commit = commit.Sha,
            Tree = commit.Tree.Sha,
            RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(recordedAt.ToUnixTimeMilliseconds()),
            RecordedBy = request.RecordedBy,
            Previous = request.Previous,
            Job = string.IsNullOrWhiteSpace(request.Job) ? null : request.Job,
            WorkingTree = WorkingTree(repository, commit, resultPaths),
            Tools = Tools(request.Tools),
            Files = files,
        };
        return request.SigningKey is null ? record : EvidenceSigner.Sign(record, request.SigningKey);
    }

    /// <summary>
    /// Results of a run that started before the commit existed cannot be its results: refused. The
    /// start is what the file reports (else its modification time), and the file must also have
    /// been written after the commit, which catches an old file whatever start it claims.
    /// </summary>
    private static EvidenceError? Stale(TestResultFile file, string path, Commit commit, DateTimeOffset committed)
    {
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        var started = file.Started!;
        var why = started.At < committed ? started.Describe()
            : written < committed ? $"the file was last written at {Format(written)}"
            : null;
        return why is null
            ? null
            : new EvidenceError(
                $"These results predate commit {commit.Sha[..12]}: {why}, and the commit was made at {Format(committed)} (its committer time). They are not results of this commit.",
                $"Run the tests again on commit {commit.Sha[..12]} and record the new results."
                    + (started.Source == RunStartSource.ReportedWithoutZone ? " (The file's start time has no time zone, so the earlier of UTC and local time counts: run the tests with TZ=UTC, or use a logger that writes the zone, if they did run after the commit.)" : string.Empty),
                path);
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The tool versions this process knows, overlaid with <paramref name="extra"/>.</summary>
    private static SortedDictionary<string, string> Tools(IReadOnlyDictionary<string, string>? extra)
    {
        var tools = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["changegate"] = InformationalVersion(typeof(EvidenceRecorder).Assembly),
            ["dotnet-runtime"] = RuntimeInformation.FrameworkDescription,
            ["libgit2sharp"] = InformationalVersion(typeof(Repository).Assembly),
            ["os"] = RuntimeInformation.OSDescription,
        };
        foreach (var (name, version) in extra ?? new Dictionary<string, string>())
        {
            tools[name] = version;
        }

        return tools;
    }

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// Clean means: HEAD has the tested commit's tree, and no tracked file is modified, staged or
    /// deleted and no untracked file exists. Ignored files and the result files being recorded
    /// (test output written into the checkout) do not count, unless a result file is tracked: a
    /// tracked result file that differs from the commit is a change like any other.
    /// </summary>
    private static WorkingTreeState WorkingTree(Repository repository, Commit tested, IReadOnlySet<string> resultPaths)
    {
        var head = repository.Head.Tip;
        var changes = new List<string>();
        if (head is null)
        {
            changes.Add("HEAD has no commit yet");
        }
        else if (head.Tree.Id != tested.Tree.Id)
        {
            changes.Add($"HEAD is at {head.Sha[..12]}, whose files differ from the tested commit {tested.Sha[..12]}");
        }

        var status = repository.RetrieveStatus(new StatusOptions
        {
            IncludeIgnored = false,
            IncludeUntracked = true,
            RecurseUntrackedDirs = true,
            DetectRenamesInIndex = false,
            DetectRenamesInWorkDir = false,
        });
        var changeCount = 0;
        foreach (var entry in status)
        {
            var path = entry.FilePath.Replace('\\', '/');
            if (entry.State is FileStatus.Unaltered or FileStatus.Ignored || (entry.State == FileStatus.NewInWorkdir && resultPaths.Contains(path)))
            {
                continue;
            }

            changeCount++;
            if (changes.Count < WorkingTreeState.MaxListedChanges)
            {
                changes.Add($"{Describe(entry.State)} {path}");
            }
        }

        return new WorkingTreeState(changes.Count == 0, head?.Sha, changeCount, changes);
    }

    private static string Describe(FileStatus state) => state switch
    {
        _ when state.HasFlag(FileStatus.Conflicted) => "conflicted",
        _ when state.HasFlag(FileStatus.NewInWorkdir) => "untracked",
        _ when state.HasFlag(FileStatus.NewInIndex) => "added",
        _ when state.HasFlag(FileStatus.DeletedFromIndex) || state.HasFlag(FileStatus.DeletedFromWorkdir) => "deleted",
        _ when state.HasFlag(FileStatus.RenamedInIndex) || state.HasFlag(FileStatus.RenamedInWorkdir) => "renamed",
        _ when state.HasFlag(FileStatus.TypeChangeInIndex) || state.HasFlag(FileStatus.TypeChangeInWorkdir) => "type changed",
        _ when state.HasFlag(FileStatus.Unreadable) => "unreadable",
        _ => "modified",
    };

    /// <summary>A path relative to the working tree with '/' separators when the file is inside it, else the full path.</summary>
    private static string RepositoryRelative(Repository repository, string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(repository.Info.WorkingDirectory, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? full
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
