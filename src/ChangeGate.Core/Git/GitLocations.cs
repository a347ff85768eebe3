using LibGit2Sharp;

namespace ChangeGate.Core.Git;

/// <summary>
/// Where the repository and git's configuration files are, worked out without the LibGit2Sharp calls
/// that get libgit2's answer back in a <c>git_buf</c>. LibGit2Sharp passes that buffer as a class by
/// value; CoreCLR pins it so libgit2's writes reach it, but Native AOT in .NET 10 copies it in and
/// never back (dotnet/runtime#130279, fixed in .NET 11), so under the native changegate
/// <c>Repository.Discover</c> finds nothing and <c>Configuration.BuildFrom</c> leaves out the global,
/// XDG and system files. src/BannedSymbols.NativeAot.txt keeps those calls out of the native build.
/// </summary>
public static class GitLocations
{
    /// <summary>
    /// The repository that contains <paramref name="path"/> (a file or directory): its work tree, or
    /// its git directory when it is bare; null when there is none. Walks up from the path like
    /// <c>git rev-parse</c>, asking libgit2 at each level whether a repository opens there.
    /// </summary>
    public static string? DiscoverRepository(string path)
    {
        var full = Path.GetFullPath(path);
        for (var directory = Directory.Exists(full) ? full : File.Exists(full) ? Path.GetDirectoryName(full) : null;
             directory is not null;
             directory = Path.GetDirectoryName(directory))
        {
            if (Repository.IsValid(directory))
            {
                return directory;
            }
        }

        return null;
    }

    /// <summary>
    /// Git's configuration as <c>git config</c> reads it outside a repository, plus
    /// <paramref name="repositoryConfig"/> when given: the file at that path, then the global
    /// (<c>~/.gitconfig</c>), XDG (<c>$XDG_CONFIG_HOME/git/config</c>) and system (<c>/etc/gitconfig</c>) files.
    /// </summary>
    public static Configuration OpenConfiguration(string? repositoryConfig) =>
        Configuration.BuildFrom(repositoryConfig, Existing(GlobalConfig()), Existing(XdgConfig()), Existing(SystemConfig()));

    // libgit2's own search (sysdir.c): $HOME (on Windows %USERPROFILE%), $XDG_CONFIG_HOME or ~/.config, /etc.
    private static string? Home() =>
        Environment.GetEnvironmentVariable(OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME") is { Length: > 0 } home ? home : null;

    private static string? GlobalConfig() => Home() is { } home ? Path.Combine(home, ".gitconfig") : null;

    private static string? XdgConfig() =>
        Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "git", "config")
        : Home() is { } home ? Path.Combine(home, ".config", "git", "config")
        : null;

    // On Windows git's system file lives under its install folder, which libgit2 finds in the registry: left to it.
    private static string? SystemConfig() => OperatingSystem.IsWindows() ? null : "/etc/gitconfig";

    private static string? Existing(string? path) => path is not null && File.Exists(path) ? path : null;
}
