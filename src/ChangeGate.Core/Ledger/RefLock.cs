using LibGit2Sharp;

namespace ChangeGate.Core.Ledger;

/// <summary>
/// A lock file in the git directory that every changegate process takes while it reads, compares
/// and moves a ledger ref. LibGit2Sharp has no compare-and-swap on refs, so this makes the
/// read-compare-write one step for changegate processes sharing a clone.
/// </summary>
internal sealed class RefLock : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly FileStream _stream;

    private RefLock(FileStream stream) => _stream = stream;

    /// <summary>Waits for and takes the lock of <paramref name="repository"/>.</summary>
    public static RefLock Acquire(Repository repository) => Acquire(CommonDirectory(repository.Info.Path));

    /// <summary>Waits for and takes the lock in <paramref name="gitDirectory"/>.</summary>
    public static RefLock Acquire(string gitDirectory)
    {
        var path = Path.Combine(gitDirectory, "changegate.lock");
        var deadline = DateTime.UtcNow + Patience;
        var random = new Random();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a share-mode lock on Windows; the OS drops it if we die.
                return new RefLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(random.Next(2, 20));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    /// <summary>The git directory shared by every work tree of <paramref name="gitDirectory"/>'s repository: linked work trees keep refs (and changegate's files) in the main one.</summary>
    internal static string CommonDirectory(string gitDirectory)
    {
        var file = Path.Combine(gitDirectory, "commondir");
        return File.Exists(file) ? Path.GetFullPath(Path.Combine(gitDirectory, File.ReadAllText(file).Trim())) : gitDirectory;
    }
}
