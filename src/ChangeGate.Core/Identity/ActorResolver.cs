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
            return Result<string>.Ok(fromOption);
        }

        if (Clean(environment(EnvironmentVariable)) is { } fromEnvironment)
        {
            return Result<string>.Ok(fromEnvironment);
        }

        if (Clean(repository?.Config.Get<string>("user.email")?.Value) is { } fromGit)
        {
            return Result<string>.Ok(fromGit);
        }

        return Result<string>.Fail(new Problem("cannot tell who you are: no --actor, no CHANGEGATE_ACTOR and no git user.email",
            "pass --actor you@example.com, set CHANGEGATE_ACTOR, or run `git config user.email you@example.com`"));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
