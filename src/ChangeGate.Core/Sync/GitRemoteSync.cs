namespace ChangeGate.Core.Sync;

/// <summary>How the remote answered for one pushed ref.</summary>
public enum PushOutcome
{
    /// <summary>The remote ref now points at what was pushed.</summary>
    Updated,

    /// <summary>The remote already had it.</summary>
    UpToDate,

    /// <summary>The remote ref moved (someone else pushed first, or the remote's ref lock was taken): fetch, rebuild and try again.</summary>
    Stale,

    /// <summary>Refused for a reason a retry does not fix (a hook, permissions).</summary>
    Refused,
}

/// <summary>The remote's answer for one destination ref.</summary>
public sealed record PushedRef(string Destination, PushOutcome Outcome, string Summary);

/// <summary>
/// Fetches and pushes a given set of refspecs through one git remote. The ledger uses it for
/// <c>refs/changegate/*</c>; evidence notes can use it for <c>refs/notes/*</c> the same way.
/// Pushes are never forced, so the remote accepts a ref update only if it fast-forwards from
/// what it holds at that moment.
/// </summary>
public sealed class GitRemoteSync
{
    private readonly string _repositoryPath;

    /// <summary>Creates a sync for <paramref name="remote"/> of the repository at <paramref name="repositoryPath"/> (work tree or git directory).</summary>
    /// <param name="repositoryPath">The work tree or git directory.</param>
    /// <param name="remote">The remote's name.</param>
    /// <param name="url">The remote's URL, for messages (credentials in it are never shown); null when unknown.</param>
    /// <param name="timeout">How long one fetch or push may take; <see cref="GitTimeout.Default"/> when null.</param>
    public GitRemoteSync(string repositoryPath, string remote, string? url = null, TimeSpan? timeout = null)
    {
        _repositoryPath = repositoryPath;
        Remote = remote;
        Url = url is null ? null : RemoteUrl.Redact(url);
        Timeout = timeout ?? GitTimeout.Default;
    }

    /// <summary>The remote's name, e.g. <c>origin</c>.</summary>
    public string Remote { get; }

    /// <summary>The remote's URL with any credentials replaced by <c>***</c>, or null when unknown.</summary>
    public string? Url { get; }

    /// <summary>How long one fetch or push may take before it is stopped.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The remote as messages name it: <c>'origin' (https://***@git.example.com/svc.git)</c>.</summary>
    public string Described => Url is null ? $"'{Remote}'" : $"'{Remote}' ({Url})";

    /// <summary>Fetches <paramref name="refspecs"/> (e.g. <c>+refs/changegate/svc/*:refs/changegate-remotes/origin/svc/*</c>).</summary>
    /// <param name="refspecs">The refspecs.</param>
    /// <param name="prune">Delete local destination refs whose source is gone from the remote.</param>
    public Result<bool> Fetch(IReadOnlyList<string> refspecs, bool prune)
    {
        var arguments = new List<string> { "fetch", "--quiet", "--no-tags", "--no-write-fetch-head" };
        if (prune)
        {
            arguments.Add("--prune");
        }

        arguments.Add(Remote);
        arguments.AddRange(refspecs);

        // A concurrent fetch in the same clone can hold a ref lock for a moment; try a few times.
        GitProcessResult? result = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            result = GitProcess.Run(_repositoryPath, arguments, Timeout);
            if (result is null)
            {
                return Result<bool>.Fail(GitMissing());
            }

            if (result.ExitCode == 0)
            {
                return Result<bool>.Ok(true);
            }

            if (result.TimedOut)
            {
                return Result<bool>.Fail(TimedOut("fetch"));
            }

            if (!result.StandardError.Contains("lock", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            Thread.Sleep(50 * (attempt + 1));
        }

        return Result<bool>.Fail(new Problem($"could not fetch from remote {Described}: {RemoteUrl.Redact(result!.Summary)}",
            $"check `git remote -v` and that you can run `git fetch {Remote}`; or choose another remote with --remote NAME"));
    }

    /// <summary>Pushes <paramref name="refspecs"/> (<c>src:dst</c>, never forced) and reports each destination's outcome.</summary>
    public Result<IReadOnlyList<PushedRef>> Push(IReadOnlyList<string> refspecs)
    {
        var arguments = new List<string> { "push", "--porcelain", Remote };
        arguments.AddRange(refspecs);
        var result = GitProcess.Run(_repositoryPath, arguments, Timeout);
        if (result is null)
        {
            return Result<IReadOnlyList<PushedRef>>.Fail(GitMissing());
        }

        if (result.TimedOut)
        {
            return Result<IReadOnlyList<PushedRef>>.Fail(TimedOut("push"));
        }

        var pushed = ParsePorcelain(result.StandardOutput);
        if (pushed.Count == 0)
        {
            return Result<IReadOnlyList<PushedRef>>.Fail(new Problem($"could not push to remote {Described}: {RemoteUrl.Redact(result.Summary)}",
                $"check `git remote -v` and that you may push to {Remote}; or choose another remote with --remote NAME"));
        }

        return Result<IReadOnlyList<PushedRef>>.Ok(pushed);
    }

    /// <summary>Parses <c>git push --porcelain</c> lines: <c>flag TAB from:to TAB summary</c>.</summary>
    internal static IReadOnlyList<PushedRef> ParsePorcelain(string output)
    {
        var pushed = new List<PushedRef>();
        foreach (var line in output.Split('\n'))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || parts[0].Length != 1)
            {
                continue;
            }

            var destination = parts[1][(parts[1].IndexOf(':', StringComparison.Ordinal) + 1)..];
            var summary = parts[2].Trim();
            var outcome = parts[0][0] switch
            {
                ' ' or '*' or '+' or '-' => PushOutcome.Updated,
                '=' => PushOutcome.UpToDate,
                _ when summary.StartsWith("[rejected]", StringComparison.Ordinal) => PushOutcome.Stale,
                _ when summary.Contains("lock", StringComparison.OrdinalIgnoreCase) || summary.Contains("failed to update ref", StringComparison.OrdinalIgnoreCase) => PushOutcome.Stale,
                _ => PushOutcome.Refused,
            };
            pushed.Add(new PushedRef(destination, outcome, summary));
        }

        return pushed;
    }

    private Problem TimedOut(string verb) =>
        new($"remote {Described} did not answer within {GitTimeout.Describe(Timeout)}: `git {verb}` was stopped",
            $"check that the remote is up and reachable from here (`git ls-remote {Remote}`); on a slow network raise the limit with {GitTimeout.Variable}=1m "
            + "or `remote: { timeout: 1m }` in the policy; or choose another remote with --remote NAME");

    private static Problem GitMissing() =>
        new("the git command is not installed or not on PATH; changegate uses it to fetch and push the ledger",
            "install git (e.g. `apt-get install git`), or work without a remote");
}
