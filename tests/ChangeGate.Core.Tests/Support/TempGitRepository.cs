using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Support;

/// <summary>A real git repository in a temporary folder, with its own identity; deleted on dispose.</summary>
public sealed class TempGitRepository : IDisposable
{
    private readonly string _root;

    private TempGitRepository(string root, string path)
    {
        _root = root;
        Path = path;
    }

    /// <summary>The work tree (or the git directory of a bare repository).</summary>
    public string Path { get; }

    /// <summary>A new non-bare repository with one commit by <paramref name="authorEmail"/>.</summary>
    public static TempGitRepository CreateWithCommit(string authorEmail = "author@kakao.com", string? policy = null)
    {
        var root = NewRoot();
        var path = System.IO.Path.Combine(root, "work");
        Repository.Init(path);
        var repo = new TempGitRepository(root, path);
        using var git = new Repository(path);
        git.Config.Set("user.email", authorEmail, ConfigurationLevel.Local);
        git.Config.Set("user.name", "Author", ConfigurationLevel.Local);
        repo.Commit("initial", authorEmail, ("README.md", "service\n"), ("changegate.yml", policy ?? TestPolicies.ThreeStages));
        return repo;
    }

    /// <summary>A new bare repository, to serve as the shared remote.</summary>
    public static TempGitRepository CreateBare()
    {
        var root = NewRoot();
        var path = System.IO.Path.Combine(root, "remote.git");
        Repository.Init(path, isBare: true);
        return new TempGitRepository(root, path);
    }

    /// <summary>A clone of <paramref name="remote"/> (with origin pointing at it), or a fresh repository with origin added when the remote is empty.</summary>
    public static TempGitRepository CloneOf(TempGitRepository remote, TempGitRepository seed)
    {
        var root = NewRoot();
        var path = System.IO.Path.Combine(root, "work");
        Repository.Clone(seed.Path, path);
        using var git = new Repository(path);
        git.Network.Remotes.Update("origin", r => r.Url = remote.Path);
        git.Config.Set("user.email", "clone@kakao.com", ConfigurationLevel.Local);
        git.Config.Set("user.name", "Clone", ConfigurationLevel.Local);
        return new TempGitRepository(root, path);
    }

    /// <summary>Adds a remote named <paramref name="name"/>.</summary>
    public void AddRemote(string name, TempGitRepository remote)
    {
        using var git = new Repository(Path);
        git.Network.Remotes.Add(name, remote.Path);
    }

    /// <summary>Writes files and commits them as <paramref name="authorEmail"/>; returns the SHA.</summary>
    public string Commit(string message, string authorEmail, params (string Path, string Text)[] files)
    {
        foreach (var (file, text) in files)
        {
            File.WriteAllText(System.IO.Path.Combine(Path, file), text);
        }

        using var git = new Repository(Path);
        Commands.Stage(git, "*");
        var signature = new Signature("Author", authorEmail, DateTimeOffset.UtcNow);
        return git.Commit(message, signature, signature).Sha;
    }

    /// <summary>The SHA of HEAD.</summary>
    public string Head()
    {
        using var git = new Repository(Path);
        return git.Head.Tip.Sha;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            // git marks objects read-only; clear that so the folder can be deleted.
            foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(_root, recursive: true);
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
