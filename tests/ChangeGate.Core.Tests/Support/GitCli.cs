using System.Diagnostics;

namespace ChangeGate.Core.Tests.Support;

/// <summary>Runs the real git command line, for what LibGit2Sharp cannot do (shallow clones) and to check git reads our notes.</summary>
public static class GitCli
{
    /// <summary>Runs git in <paramref name="directory"/>, asserts it succeeded, and returns its output.</summary>
    public static string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {error.Result}");
        return output;
    }
}
