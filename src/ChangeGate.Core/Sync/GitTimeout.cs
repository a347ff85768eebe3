using ChangeGate.Core.Time;

namespace ChangeGate.Core.Sync;

/// <summary>
/// How long one git transport step (a fetch or a push to the remote) may take before it is stopped.
/// A remote that accepts the connection and never answers would otherwise hold a CI step for ever.
/// Set per run with <see cref="Variable"/>, or for everyone in the policy's <c>remote.timeout</c>.
/// </summary>
public static class GitTimeout
{
    /// <summary>The environment variable that sets the limit, e.g. <c>CHANGEGATE_GIT_TIMEOUT=60s</c>.</summary>
    public const string Variable = "CHANGEGATE_GIT_TIMEOUT";

    /// <summary>The limit when nothing sets one: enough for a fetch of the small ledger and notes refs.</summary>
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest limit allowed: a step that needs longer points at a remote to fix, not a limit to raise.</summary>
    public static TimeSpan Max { get; } = TimeSpan.FromMinutes(10);

    /// <summary>True when <paramref name="value"/> is an allowed limit.</summary>
    public static bool IsAllowed(TimeSpan value) => value > TimeSpan.Zero && value <= Max;

    /// <summary>
    /// The limit to use: <paramref name="variable"/> (the value of <see cref="Variable"/>) when set, else
    /// <paramref name="fromPolicy"/>, else <see cref="Default"/>. A variable that is set but is not an
    /// allowed duration is a problem.
    /// </summary>
    public static Result<TimeSpan> Resolve(string? variable, TimeSpan? fromPolicy)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return Result<TimeSpan>.Ok(fromPolicy ?? Default);
        }

        return DurationText.TryParse(variable.Trim(), out var value) && IsAllowed(value)
            ? Result<TimeSpan>.Ok(value)
            : Result<TimeSpan>.Fail(new Problem(
                $"{Variable} is '{variable}', which is not a time limit for git fetch and push (more than 0, at most {DurationText.Format(Max)})",
                $"set it to a duration such as 20s (the default), 1m or 2m30s, or unset it"));
    }

    /// <summary>The limit as people write it: <c>20s</c>, <c>1m30s</c>.</summary>
    public static string Describe(TimeSpan limit) => DurationText.Format(limit);
}
