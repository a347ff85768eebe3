using System.Diagnostics;

namespace ChangeGate.Core.Sync;

/// <summary>The output of one git process.</summary>
public sealed record GitProcessResult(int ExitCode, string StandardOutput, string StandardError)
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
    /// <summary>Runs <c>git</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
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
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new GitProcessResult(-1, stdout.Result, $"git {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0}s");
            }

            return new GitProcessResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
