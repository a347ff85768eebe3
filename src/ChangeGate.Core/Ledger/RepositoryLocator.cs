using ChangeGate.Core.Git;
using LibGit2Sharp;

namespace ChangeGate.Core.Ledger;

/// <summary>Finds and opens the git repository around a path.</summary>
public static class RepositoryLocator
{
    /// <summary>Opens the repository that contains <paramref name="path"/>; a problem when there is none.</summary>
    public static Result<Repository> Open(string path)
    {
        var found = Directory.Exists(path) || File.Exists(path) ? GitLocations.DiscoverRepository(path) : null;
        if (found is null)
        {
            return Result<Repository>.Fail(new Problem($"{path} is not inside a git repository",
                "run changegate inside the repository of the service, or pass --repo PATH"));
        }

        try
        {
            return Result<Repository>.Ok(new Repository(found));
        }
        catch (LibGit2SharpException e)
        {
            return Result<Repository>.Fail(new Problem($"cannot open the git repository at {found}: {e.Message}"));
        }
    }

    /// <summary>The remote to share the ledger through: <paramref name="requested"/>, else <c>origin</c> when it exists, else none.</summary>
    public static string? ChooseRemote(Repository repository, string? requested) =>
        requested ?? (HasRemote(repository, "origin") ? "origin" : null);

    /// <summary>The URL of <paramref name="repository"/>'s remote <paramref name="name"/> as configured, or null.</summary>
    public static string? RemoteUrl(Repository repository, string name)
    {
        try
        {
            return repository.Network.Remotes[name]?.Url;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="repository"/> has a remote called <paramref name="name"/>; false also for a name git cannot have (empty, spaces, "..").</summary>
    public static bool HasRemote(Repository repository, string name)
    {
        try
        {
            return repository.Network.Remotes[name] is not null;
        }
        catch (InvalidSpecificationException)
        {
            return false;
        }
    }
}
