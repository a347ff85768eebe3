using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChangeGate.Cli.Engine;
using ChangeGate.Core;
using ChangeGate.Core.Time;

namespace ChangeGate.Cli;

/// <summary>
/// Starts the managed part: the managed changegate (<c>managed/changegate.dll</c> next to this
/// executable, framework-dependent) run by the .NET host, <c>dotnet</c>. Every run is bounded
/// (<see cref="TimeoutVariable"/>); a missing host or managed part is the user's to fix (exit 2),
/// with a message naming what was looked for.
/// </summary>
internal static class ManagedPartProcess
{
    /// <summary>The managed part's entry assembly, overriding the one next to this executable (contributors, tests).</summary>
    public const string AssemblyVariable = "CHANGEGATE_MANAGED";

    /// <summary>The .NET host to run it with, overriding the search (DOTNET_HOST_PATH, DOTNET_ROOT, PATH, the usual install folders).</summary>
    public const string DotnetVariable = "CHANGEGATE_DOTNET";

    /// <summary>How long one run of the managed part may take, e.g. <c>CHANGEGATE_MANAGED_TIMEOUT=45m</c>.</summary>
    public const string TimeoutVariable = "CHANGEGATE_MANAGED_TIMEOUT";

    /// <summary>The bound when nothing sets one: a restore and an analysis of a large solution fit in it.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest bound allowed.</summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromHours(6);

    // hostfxr's FrameworkMissingFailure (0x80008096) as a process exit code: the runtime the managed part needs is not installed.
    private const int FrameworkMissing = 0x96;

    private const string RuntimeFix = "install the .NET 10 SDK (or the .NET 10 runtime) where changegate runs: `affected`, `analyze` and the gate's analyzers and affected-projects parts run on it; "
        + $"put `dotnet` on PATH, set DOTNET_ROOT, or name the host with {DotnetVariable}";

    /// <summary>
    /// Runs the managed part with exactly <paramref name="args"/>, sharing this process's standard
    /// input, output and error, and returns its exit code (0–3 as changegate's own).
    /// </summary>
    public static int Forward(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "changegate";
        var start = Start(environment, args, redirect: false);
        if (!start.IsSuccess)
        {
            return CommandSession.PrintProblems(environment, start.Problems);
        }

        environment.Output.Flush();
        environment.Error.Flush();
        var (info, timeout) = start.Value;
        using var process = Process.Start(info)!;
        if (!process.WaitForExit(timeout))
        {
            Stop(process);
            return CommandSession.PrintProblems(environment, [TimedOut($"`changegate {command}`", timeout)]);
        }

        if (process.ExitCode == FrameworkMissing)
        {
            return CommandSession.PrintProblems(environment, [new Problem($"`changegate {command}` runs on the .NET runtime, and {info.FileName} could not start it (exit code {process.ExitCode}; the host's own message is above)", RuntimeFix)]);
        }

        if (process.ExitCode is < ExitCodes.Ok or > ExitCodes.InternalError)
        {
            CommandSession.PrintProblems(environment, [Crashed($"`changegate {command}`", info, process.ExitCode, stderr: null)]);
            return ExitCodes.InternalError;
        }

        return process.ExitCode;
    }

    /// <summary>Asks the managed part's hidden <c>engine</c> command and reads its one JSON reply.</summary>
    /// <param name="environment">Where it runs.</param>
    /// <param name="args">The engine subcommand and its options.</param>
    /// <param name="contract">The reply's generated JSON contract.</param>
    /// <param name="what">What is asked, for messages ("the analysis").</param>
    /// <param name="progress">Hears the steps the managed part reports on standard error; null for none.</param>
    /// <param name="cancellationToken">Stops the managed part.</param>
    public static Result<T> Ask<T>(CliEnvironment environment, IReadOnlyList<string> args, JsonTypeInfo<EngineReply<T>> contract, string what, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
        where T : class
    {
        var start = Start(environment, [EngineProtocol.Command, .. args], redirect: true);
        if (!start.IsSuccess)
        {
            return Result<T>.Fail(start.Problems);
        }

        var (info, timeout) = start.Value;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = ReadErrors(process.StandardError, progress);
        bool exited;
        try
        {
            exited = process.WaitForExitAsync(cancellationToken).Wait(timeout, CancellationToken.None);
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            Stop(process);
            throw e.InnerException;
        }

        if (!exited)
        {
            Stop(process);
            return Result<T>.Fail(TimedOut(what, timeout));
        }

        process.WaitForExit();
        if (process.ExitCode == FrameworkMissing)
        {
            return Result<T>.Fail(new Problem($"{what} runs on the .NET runtime, and {info.FileName} could not start it: {LastLines(stderr.Result)}", RuntimeFix));
        }

        if (process.ExitCode != ExitCodes.Ok)
        {
            return Result<T>.Fail(Crashed(what, info, process.ExitCode, stderr.Result));
        }

        try
        {
            var reply = JsonSerializer.Deserialize(stdout.Result, contract);
            return reply is null ? Result<T>.Fail(new Problem($"{what}: the managed part answered JSON null", EngineProtocol.ReinstallFix))
                : reply.Version != EngineProtocol.Version ? Result<T>.Fail(new Problem($"{what}: the managed part speaks engine protocol {reply.Version}, this changegate {EngineProtocol.Version}", EngineProtocol.ReinstallFix))
                : reply.ToResult();
        }
        catch (JsonException e)
        {
            return Result<T>.Fail(new Problem($"{what}: the managed part's answer is not an engine reply ({e.Message})", EngineProtocol.ReinstallFix));
        }
    }

    // Standard error line by line: reported steps go to the progress, the rest is kept for a failure's message.
    private static async Task<string> ReadErrors(StreamReader error, IProgress<string>? progress)
    {
        var kept = new System.Text.StringBuilder();
        while (await error.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(EngineProtocol.ProgressPrefix, StringComparison.Ordinal))
            {
                progress?.Report(line[EngineProtocol.ProgressPrefix.Length..]);
            }
            else
            {
                kept.AppendLine(line);
            }
        }

        return kept.ToString();
    }

    /// <summary>The host, the managed part and the bound, or what is missing.</summary>
    private static Result<(ProcessStartInfo Info, TimeSpan Timeout)> Start(CliEnvironment environment, IReadOnlyList<string> args, bool redirect)
    {
        var timeout = ResolveTimeout(environment.GetVariable(TimeoutVariable));
        var dotnet = DotnetHost.Find(environment.GetVariable, File.Exists);
        var assembly = FindAssembly(environment.GetVariable);
        var problems = new[] { timeout.IsSuccess ? null : timeout.Problems[0], dotnet.IsSuccess ? null : dotnet.Problems[0], assembly.IsSuccess ? null : assembly.Problems[0] }.OfType<Problem>().ToList();
        if (problems.Count > 0)
        {
            return Result<(ProcessStartInfo, TimeSpan)>.Fail(problems);
        }

        var info = new ProcessStartInfo(dotnet.Value)
        {
            WorkingDirectory = environment.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = redirect,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
        };
        info.ArgumentList.Add(assembly.Value);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Result<(ProcessStartInfo, TimeSpan)>.Ok((info, timeout.Value));
    }

    /// <summary>The bound: the variable when set (a problem when it is no allowed duration), else <see cref="DefaultTimeout"/>.</summary>
    internal static Result<TimeSpan> ResolveTimeout(string? variable)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return Result<TimeSpan>.Ok(DefaultTimeout);
        }

        return DurationText.TryParse(variable.Trim(), out var value) && value > TimeSpan.Zero && value <= MaxTimeout
            ? Result<TimeSpan>.Ok(value)
            : Result<TimeSpan>.Fail(new Problem(
                $"{TimeoutVariable} is '{variable}', which is not a time limit for the managed part (more than 0, at most {DurationText.Format(MaxTimeout)})",
                $"set it to a duration such as 30m (the default) or 1h, or unset it"));
    }

    private static Result<string> FindAssembly(Func<string, string?> getVariable)
    {
        if (getVariable(AssemblyVariable) is { Length: > 0 } named)
        {
            return File.Exists(named)
                ? Result<string>.Ok(Path.GetFullPath(named))
                : Result<string>.Fail(new Problem($"{AssemblyVariable} names {named}, and there is no file there", $"point it at the managed changegate.dll, or unset it to use the one installed with this changegate"));
        }

        var besideUs = Path.Combine(AppContext.BaseDirectory, "managed", "changegate.dll");
        return File.Exists(besideUs)
            ? Result<string>.Ok(besideUs)
            : Result<string>.Fail(new Problem(
                $"this changegate has no managed part: {besideUs} is missing, and `affected`, `analyze` and the gate's analyzers and affected-projects parts run there",
                "install changegate as a dotnet tool (`dotnet tool install ChangeGate.Cli`), or copy the whole publish folder, managed/ included; "
                    + $"contributors can name a built managed changegate.dll with {AssemblyVariable}"));
    }

    private static Problem TimedOut(string what, TimeSpan timeout) => new(
        $"{what} did not finish within {DurationText.Format(timeout)} and was stopped",
        $"find out what it waits for (a restore that cannot reach its feed, a huge solution), or allow longer with {TimeoutVariable}=1h (at most {DurationText.Format(MaxTimeout)})");

    private static Problem Crashed(string what, ProcessStartInfo info, int exitCode, string? stderr) => new(
        $"{what} stopped with exit code {exitCode} in the managed part ({info.FileName} {info.ArgumentList[0]})" + (string.IsNullOrWhiteSpace(stderr) ? "" : $": {LastLines(stderr)}"),
        "this is a bug in changegate; run the same command with --verbose and report it");

    private static string LastLines(string text) => string.Join(" / ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }
}
