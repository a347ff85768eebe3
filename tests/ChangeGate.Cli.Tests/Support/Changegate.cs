using System.Diagnostics;

namespace ChangeGate.Cli.Tests.Support;

/// <summary>What a changegate run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs changegate: in this process (fast, output captured) or as a real OS process of the built tool.</summary>
public static class Changegate
{
    /// <summary>Runs the CLI in-process with captured, non-interactive output.</summary>
    public static CliRun InProcess(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var variables = environment ?? new Dictionary<string, string>();
        var exit = CliApp.Run(args, new CliEnvironment(output, error, name => variables.GetValueOrDefault(name), workingDirectory, interactive: false));
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built changegate as a separate process (<c>dotnet changegate.dll</c>), with a controlled environment.</summary>
    public static CliRun Process(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = Start(workingDirectory, environment, args);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"changegate {string.Join(' ', args)} did not finish");
        }

        process.WaitForExit();
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The start info of a changegate process.</summary>
    public static ProcessStartInfo Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "changegate.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the machine leaks in: no actor, no colour, no CI summary unless a test sets it.
        start.Environment.Remove("CHANGEGATE_ACTOR");
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }
}
