using ChangeGate.Core.Git;
using LibGit2Sharp;

namespace ChangeGate.Core.Identity;

/// <summary>Decides who is acting: <c>--actor</c>, else <c>CHANGEGATE_ACTOR</c>, else git's <c>user.email</c>.</summary>
public static class ActorResolver
{
    /// <summary>The environment variable that names the actor.</summary>
    public const string EnvironmentVariable = "CHANGEGATE_ACTOR";

    /// <summary>Resolves the actor; a problem when none of the sources gives one.</summary>
    /// <param name="option">The value of <c>--actor</c>, if given.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="repository">The repository whose git configuration (all levels, as git reads it) may hold user.email.</param>
    public static Result<string> Resolve(string? option, Func<string, string?> environment, Repository? repository)
    {
        if (Clean(option) is { } fromOption)
        {
            return Checked(fromOption, "--actor");
        }

        if (Clean(environment(EnvironmentVariable)) is { } fromEnvironment)
        {
            return Checked(fromEnvironment, EnvironmentVariable);
        }

        if (repository is not null && Clean(GitUserEmail(repository)) is { } fromGit)
        {
            return Checked(fromGit, "git user.email");
        }

        return Result<string>.Fail(new Problem("cannot tell who you are: no --actor, no CHANGEGATE_ACTOR and no git user.email",
            "pass --actor you@example.com, set CHANGEGATE_ACTOR, or run `git config user.email you@example.com`"));
    }

    // The actor becomes the author of ledger and notes commits, and git refuses these in a signature.
    private static Result<string> Checked(string actor, string source) =>
        actor.Any(c => Text.InertText.IsUnsafe(c) || c is '<' or '>')
            ? Result<string>.Fail(new Problem(
                $"{source} '{Text.InertText.Escape(actor)}' cannot name who is acting: it contains a line break, a control character, a bidirectional override or angle brackets",
                "use a plain e-mail address, e.g. --actor you@example.com"))
            : Result<string>.Ok(actor);

    // Not repository.Config: in a linked worktree (git worktree add) LibGit2Sharp builds that from
    // <worktree git dir>/config, which does not exist, and installs it as the repository's configuration,
    // so the local user.email is missed and the remotes vanish for the rest of the command. The shared
    // config lives in the common directory; read it (with global, XDG and system) on the side.
    private static string? GitUserEmail(Repository repository)
    {
        var config = Path.Combine(CommonDirectory(repository.Info.Path), "config");
        using var configuration = GitLocations.OpenConfiguration(File.Exists(config) ? config : null);
        return configuration.Get<string>("user.email")?.Value;
    }

    private static string CommonDirectory(string gitDirectory)
    {
        var pointer = Path.Combine(gitDirectory, "commondir");
        return File.Exists(pointer) ? Path.GetFullPath(File.ReadAllText(pointer).Trim(), gitDirectory) : gitDirectory;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
