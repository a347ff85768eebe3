using System.Diagnostics;

namespace ChangeGate.Core.Sync;

/// <summary>The output of one git process.</summary>
/// <param name="ExitCode">Its exit code (-1 when it was stopped).</param>
/// <param name="StandardOutput">What it wrote to standard output.</param>
/// <param name="StandardError">What it wrote to standard error.</param>
/// <param name="TimedOut">True when it did not finish in time and was stopped with all its children.</param>
public sealed record GitProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut = false)
{
    /// <summary>
    /// The most useful line of output for a message: git's first <c>fatal:</c> or <c>error:</c> line
    /// (the cause; what follows is advice such as "Please make sure you have the correct access
    /// rights"), else the last line it printed.
    /// </summary>
    public string Summary
    {
        get
        {
            var lines = (StandardError.Trim().Length > 0 ? StandardError : StandardOutput).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var cause = lines.FirstOrDefault(l => l.StartsWith("fatal:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal));
            return cause ?? lines.LastOrDefault() ?? $"git exited with {ExitCode}";
        }
    }
}

/// <summary>
/// Runs the git command line. Only the transport (fetch, push) goes through it: it uses the
/// user's own remotes, SSH keys and credential helpers, which the libgit2 inside LibGit2Sharp
/// cannot, and the receiving side updates refs with a compare-and-swap under its lock.
/// </summary>
public static class GitProcess
{
    /// <summary>Runs <c>git</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; stops it and its children after <paramref name="timeout"/>.</summary>
    /// <returns>The result, or null when git could not be started (not installed).</returns>
    public static GitProcessResult? Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never wait for a password prompt nobody will answer, and keep messages parseable.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        start.Environment["GCM_INTERACTIVE"] = "never";

        // Over HTTP, let git give up by itself on a transfer that stalls (with its own message) a
        // little before the limit stops it; a user's own setting wins.
        var seconds = Math.Max(1, (int)Math.Floor(timeout.TotalSeconds) - 1);
        start.Environment.TryAdd("GIT_HTTP_LOW_SPEED_LIMIT", "1");
        start.Environment.TryAdd("GIT_HTTP_LOW_SPEED_TIME", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                // The whole tree: git fetch runs git-remote-http or ssh underneath, which hold the connection.
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the wait and the kill.
                }

                process.WaitForExit(TimeSpan.FromSeconds(5));

                // A descendant that escaped the kill (an ssh control master) may keep the pipes open: do not wait on it.
                try
                {
                    Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
                }
                catch (AggregateException)
                {
                    // A pipe that broke as the process died: what was read is lost, the result says why.
                }

                return new GitProcessResult(-1, Completed(stdout), Completed(stderr), TimedOut: true);
            }

            return new GitProcessResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    private static string Completed(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : string.Empty;
}
