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
    /// <summary>
    /// The variable that names a changegate executable to test instead of the managed one built with the
    /// tests: the native tool (.ci/run sets it to the installed tool). When set, every run, in-process ones
    /// included, goes through that executable.
    /// </summary>
    public const string ExecutableVariable = "CHANGEGATE_TEST_CLI";

    /// <summary>The executable named by <see cref="ExecutableVariable"/>, full path, or null: the managed changegate.</summary>
    public static string? Executable { get; } = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } named ? Path.GetFullPath(named) : null;

    /// <summary>The words that start changegate, for a shell or a terminal: the <see cref="Executable"/>, else <c>dotnet changegate.dll</c>.</summary>
    public static IReadOnlyList<string> CommandWords =>
        Executable is { } executable ? [executable] : ["dotnet", Path.Combine(AppContext.BaseDirectory, "changegate.dll")];

    /// <summary>
    /// Runs the CLI in-process with captured, non-interactive output and exactly the variables given; when
    /// <see cref="Executable"/> is set, runs that as a process instead (with the machine's other variables,
    /// but no CHANGEGATE_ or GITHUB_ variable of its own).
    /// </summary>
    public static CliRun InProcess(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        if (Executable is not null)
        {
            return Process(workingDirectory, environment?.ToDictionary(v => v.Key, v => (string?)v.Value), args);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var variables = environment ?? new Dictionary<string, string>();
        var exit = CliApp.Run(args, new CliEnvironment(output, error, name => variables.GetValueOrDefault(name), workingDirectory, interactive: false));
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs changegate as a separate process (<see cref="Executable"/>, else <c>dotnet changegate.dll</c>), with a controlled environment.</summary>
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

    /// <summary>The start info of a changegate process: <see cref="Executable"/>, else <c>dotnet changegate.dll</c> built with the tests.</summary>
    public static ProcessStartInfo Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Executable is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "changegate.dll"));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing from the machine leaks in: no actor, no colour, no CI summary, no changegate setting unless a test sets it.
        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("CHANGEGATE_", StringComparison.Ordinal) || n.StartsWith("GITHUB_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

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
