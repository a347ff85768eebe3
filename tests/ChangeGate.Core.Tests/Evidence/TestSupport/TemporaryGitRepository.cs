using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Evidence.TestSupport;

/// <summary>
/// A real git repository in a temporary directory, deleted on dispose. Commits carry their own
/// signature, so tests never depend on the machine's git config.
/// </summary>
public sealed class TemporaryGitRepository : IDisposable
{
    public static readonly Signature Author = new("ChangeGate Test", "test@changegate.invalid", new DateTimeOffset(2026, 5, 21, 9, 30, 0, TimeSpan.FromHours(9)));

    private TemporaryGitRepository(string path)
    {
        Path = path;
        Repository = new Repository(path);
    }

    public string Path { get; }

    public Repository Repository { get; }

    public static TemporaryGitRepository Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "changegate-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        Repository.Init(path);
        return new TemporaryGitRepository(path);
    }

    /// <summary>Wraps an existing directory (such as a clone) so it is deleted on dispose.</summary>
    public static TemporaryGitRepository Open(string path) => new(path);

    public string FullPath(string relative) => System.IO.Path.Combine(Path, relative);

    public void Write(string relative, string content)
    {
        var full = FullPath(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Delete(string relative) => File.Delete(FullPath(relative));

    public void Move(string from, string to)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FullPath(to))!);
        File.Move(FullPath(from), FullPath(to));
    }

    /// <summary>Stages everything (deletions included) and commits it.</summary>
    public Commit CommitAll(string message, bool amend = false)
    {
        Commands.Stage(Repository, "*");
        return Repository.Commit(message, Author, Author, new CommitOptions { AmendPreviousCommit = amend, AllowEmptyCommit = true });
    }

    public void Dispose()
    {
        Repository.Dispose();
        DeleteDirectory(Path);
    }

    public static void DeleteDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        // git makes its object files read-only.
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(path, recursive: true);
    }
}
