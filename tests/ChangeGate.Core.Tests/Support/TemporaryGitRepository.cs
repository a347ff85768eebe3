using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Support;

/// <summary>
/// A real git repository in a temporary directory, deleted on dispose: a work tree (<see cref="Path"/>)
/// or a bare repository to serve as a shared remote. Commits carry their own signature and the
/// repository its own identity, so tests never depend on the machine's git config.
/// </summary>
public sealed class TemporaryGitRepository : IDisposable
{
    /// <summary>The signature of commits made with <see cref="CommitAll"/>.</summary>
    public static readonly Signature Author = new("ChangeGate Test", "test@changegate.invalid", new DateTimeOffset(2026, 5, 21, 9, 30, 0, TimeSpan.FromHours(9)));

    private readonly string _root;
    private Repository? _repository;

    private TemporaryGitRepository(string root, string path)
    {
        _root = root;
        Path = path;
    }

    /// <summary>The work tree (or the git directory of a bare repository).</summary>
    public string Path { get; }

    /// <summary>The repository, opened on first use and disposed with this object.</summary>
    public Repository Repository => _repository ??= new Repository(Path);

    /// <summary>A new, empty non-bare repository.</summary>
    public static TemporaryGitRepository Create()
    {
        var root = NewRoot();
        Repository.Init(root);
        return new TemporaryGitRepository(root, root);
    }

    /// <summary>Wraps an existing directory (such as a clone) so it is deleted on dispose.</summary>
    public static TemporaryGitRepository Open(string path) => new(path, path);

    /// <summary>A new repository whose git config names <paramref name="authorEmail"/>, with one commit by them holding a policy.</summary>
    public static TemporaryGitRepository CreateWithCommit(string authorEmail = "author@kakao.com", string? policy = null)
    {
        var root = NewRoot();
        var path = System.IO.Path.Combine(root, "work");
        Repository.Init(path);
        var repo = new TemporaryGitRepository(root, path);
        repo.Repository.Config.Set("user.email", authorEmail, ConfigurationLevel.Local);
        repo.Repository.Config.Set("user.name", "Author", ConfigurationLevel.Local);
        repo.Commit("initial", authorEmail, ("README.md", "service\n"), ("changegate.yml", policy ?? TestPolicies.ThreeStages));
        return repo;
    }

    /// <summary>A new bare repository, to serve as the shared remote.</summary>
    public static TemporaryGitRepository CreateBare()
    {
        var root = NewRoot();
        var path = System.IO.Path.Combine(root, "remote.git");
        Repository.Init(path, isBare: true);
        return new TemporaryGitRepository(root, path);
    }

    /// <summary>A clone of <paramref name="seed"/> whose origin is <paramref name="remote"/>, with its own identity.</summary>
    public static TemporaryGitRepository CloneOf(TemporaryGitRepository remote, TemporaryGitRepository seed)
    {
        var root = NewRoot();
        var path = System.IO.Path.Combine(root, "work");
        Repository.Clone(seed.Path, path);
        var clone = new TemporaryGitRepository(root, path);
        clone.Repository.Network.Remotes.Update("origin", r => r.Url = remote.Path);
        clone.Repository.Config.Set("user.email", "clone@kakao.com", ConfigurationLevel.Local);
        clone.Repository.Config.Set("user.name", "Clone", ConfigurationLevel.Local);
        return clone;
    }

    /// <summary>Adds a remote named <paramref name="name"/>.</summary>
    public void AddRemote(string name, TemporaryGitRepository remote) => Repository.Network.Remotes.Add(name, remote.Path);

    /// <summary>The full path of <paramref name="relative"/> in the work tree.</summary>
    public string FullPath(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file, creating its directory.</summary>
    public void Write(string relative, string content)
    {
        var full = FullPath(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>Deletes a file of the work tree.</summary>
    public void Delete(string relative) => File.Delete(FullPath(relative));

    /// <summary>Moves a file of the work tree.</summary>
    public void Move(string from, string to)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FullPath(to))!);
        File.Move(FullPath(from), FullPath(to));
    }

    /// <summary>Stages everything (deletions included) and commits it as <see cref="Author"/>.</summary>
    public Commit CommitAll(string message, bool amend = false)
    {
        Commands.Stage(Repository, "*");
        return Repository.Commit(message, Author, Author, new CommitOptions { AmendPreviousCommit = amend, AllowEmptyCommit = true });
    }

    /// <summary>Writes files and commits everything as <paramref name="authorEmail"/> (now); returns the SHA.</summary>
    public string Commit(string message, string authorEmail, params (string Path, string Text)[] files)
    {
        foreach (var (file, text) in files)
        {
            Write(file, text);
        }

        Commands.Stage(Repository, "*");
        var signature = new Signature("Author", authorEmail, DateTimeOffset.UtcNow);
        return Repository.Commit(message, signature, signature).Sha;
    }

    /// <summary>The SHA of HEAD.</summary>
    public string Head() => Repository.Head.Tip.Sha;

    /// <inheritdoc />
    public void Dispose()
    {
        _repository?.Dispose();
        DeleteDirectory(_root);
    }

    /// <summary>Deletes a directory tree, read-only git objects included; a leftover open file is left behind, not thrown.</summary>
    public static void DeleteDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        try
        {
            // git makes its object files read-only.
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string NewRoot()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "changegate-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return root;
    }
}
