using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ChangeGate.Cli.Rendering;
using Spectre.Console;

namespace ChangeGate.Cli.Drill;

/// <summary>
/// The drill's world: a scratch directory with a work repository, its bare remote, the test job's key
/// pair, and scratch install directories; changegate run in this process as the people of the story,
/// git and dotnet run as real processes with bounds. Every step prints the command a user would type
/// and what happened; every expectation is checked (<see cref="Expect"/>) and the first that fails
/// stops the drill.
/// </summary>
internal sealed class DrillWorld(CliEnvironment environment, string root)
{
    public const string Author = "dev@kakao.example";
    public const string ReleaseManager = "release@kakao.example";
    public const string Deployer = "deployer@kakao.example";
    public const string Lead = "lead@kakao.example";
    public const string Sre = "sre-lead@kakao.example";
    public const string Ci = "ci@kakao.example";

    private readonly List<string> _held = [];

    public CliEnvironment Environment { get; } = environment;

    public IAnsiConsole Console => Environment.Console;

    /// <summary>The scratch root.</summary>
    public string Root { get; } = root;

    /// <summary>The service's repository (a clone of <see cref="Remote"/>).</summary>
    public string Work => Path.Combine(Root, "work");

    /// <summary>The bare repository every clone shares the ledger and evidence through.</summary>
    public string Remote => Path.Combine(Root, "remote.git");

    /// <summary>Where the test job's key pair is made (the private key never enters the repository).</summary>
    public string Keys => Path.Combine(Root, "keys");

    /// <summary>The Alertmanager started for the drill, or null when it is not installed.</summary>
    public DrillAlertmanager? Alertmanager { get; set; }

    /// <summary>The commit being rolled out (set by the setup).</summary>
    public string Commit { get; set; } = "";

    /// <summary>Expectations that held so far.</summary>
    public IReadOnlyList<string> Held => _held;

    /// <summary>Prints a scene's title and the finding it answers.</summary>
    public void Scene(int number, int count, string title, string finding)
    {
        Console.WriteLine();
        Console.MarkupLine($"[bold]── {number}/{count} · {Markup.Escape(title)}[/]");
        Console.MarkupLine($"   [grey]finding:[/] {Markup.Escape(finding)}");
    }

    /// <summary>Prints what happened, indented.</summary>
    public void Say(string text) => Console.MarkupLine($"   {Markup.Escape(text)}");

    /// <summary>Checks an expectation: prints ✓ and goes on, or throws <see cref="DrillExpectationFailed"/>.</summary>
    public void Expect(bool holds, string expectation, Func<string> detail)
    {
        if (!holds)
        {
            throw new DrillExpectationFailed(expectation, detail());
        }

        _held.Add(expectation);
        Console.MarkupLine($"   [green]✓[/] {Markup.Escape(expectation)}");
    }

    /// <summary>Runs changegate in this process as <paramref name="actor"/> in the work repository; prints the command.</summary>
    public DrillRun Changegate(string actor, params string[] args)
    {
        Console.MarkupLine($"   [blue]$[/] {Markup.Escape(Typed("changegate", args))}   [grey]# as {Markup.Escape(actor)}[/]");
        var output = new StringWriter();
        var error = new StringWriter();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["CHANGEGATE_ACTOR"] = actor, ["NO_COLOR"] = "1" };
        var exit = CliApp.Run(args, new CliEnvironment(output, error, name => variables.GetValueOrDefault(name), Work, interactive: false, showProgress: false));
        return new DrillRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the gate for <paramref name="target"/> with JSON output, prints each check that did not pass, and returns the checks.</summary>
    public GateResult Gate(string target)
    {
        var run = Changegate(Ci, "gate", "--target", target, "--format", "json");
        GateResult result;
        try
        {
            using var json = JsonDocument.Parse(run.Output);
            var checks = json.RootElement.GetProperty("checks").EnumerateArray()
                .Select(c => new GateCheck(c.GetProperty("name").GetString()!, c.GetProperty("outcome").GetString()!, c.GetProperty("reason").GetString()!))
                .ToList();
            result = new GateResult(run.ExitCode, checks, run);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DrillExpectationFailed($"`changegate gate --target {target}` reports its checks", $"its output was not the gate's JSON report: {run}");
        }

        foreach (var check in result.Checks.Where(c => c.Outcome != "pass"))
        {
            var colour = check.Outcome == "overridden" ? "yellow" : "red";
            Console.MarkupLine($"     [{colour}]{check.Outcome.ToUpperInvariant(),-10}[/] {Markup.Escape(check.Name),-13} {Markup.Escape(Shorten(check.Reason))}");
        }

        Console.MarkupLine(result.ExitCode == 0 ? "     [green]ALLOWED (exit 0)[/]" : $"     [red]BLOCKED (exit {result.ExitCode})[/]");
        return result;
    }

    /// <summary>Prints the first lines a command wrote, indented, as a user would see them.</summary>
    public void Show(DrillRun run, int lines = 3)
    {
        foreach (var line in run.All.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(lines))
        {
            Console.MarkupLine($"     [grey]{Markup.Escape(Shorten(line.TrimEnd()))}[/]");
        }
    }

    /// <summary>Runs a program (git, dotnet) with a bound; prints the command when <paramref name="show"/>.</summary>
    public DrillRun Process(string program, string workingDirectory, TimeSpan bound, bool show, params string[] args)
    {
        if (show)
        {
            Console.MarkupLine($"   [blue]$[/] {Markup.Escape(Typed(program, args))}");
        }

        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment.Remove("CHANGEGATE_SIGNING_KEY");
        using var progress = new TerminalProgress(Environment.Error, Environment.ShowProgress);
        progress.Report(Typed(Path.GetFileName(program), args));
        using var process = System.Diagnostics.Process.Start(start) ?? throw new DrillExpectationFailed($"{program} starts", "the process did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(bound))
        {
            process.Kill(entireProcessTree: true);
            throw new DrillExpectationFailed($"{Typed(program, args)} finishes", $"it ran longer than {bound.TotalSeconds:0}s and was stopped");
        }

        process.WaitForExit();
        return new DrillRun(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>git in the work repository (or <paramref name="directory"/>), which must succeed.</summary>
    public string Git(string? directory, params string[] args)
    {
        var run = Process("git", directory ?? Work, TimeSpan.FromSeconds(60), show: false, args);
        if (run.ExitCode != 0)
        {
            throw new DrillExpectationFailed($"git {string.Join(' ', args)} succeeds", run.ToString());
        }

        return run.Output.Trim();
    }

    /// <summary>Writes a file under the work repository, creating its directory.</summary>
    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Work, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public static string Shorten(string text) => text.Length > 150 ? text[..149] + "…" : text;

    // The command as a person would type it, quoting what the shell would split.
    private static string Typed(string program, IEnumerable<string> args)
    {
        var text = new StringBuilder(program);
        foreach (var arg in args)
        {
            text.Append(' ').Append(arg.Length == 0 || arg.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '*' or ';' or '&' or '<' or '>') ? "\"" + arg.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : arg);
        }

        return text.ToString();
    }
}

/// <summary>What a command printed and returned.</summary>
internal sealed record DrillRun(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}; stdout: {Output.Trim()}; stderr: {Error.Trim()}";
}

/// <summary>One check of a gate run.</summary>
internal sealed record GateCheck(string Name, string Outcome, string Reason);

/// <summary>A gate run: its exit code and its checks.</summary>
internal sealed record GateResult(int ExitCode, IReadOnlyList<GateCheck> Checks, DrillRun Run)
{
    public GateCheck? Check(string name) => Checks.FirstOrDefault(c => c.Name == name);

    public string Outcome(string name) => Check(name)?.Outcome ?? "missing";

    public string Reason(string name) => Check(name)?.Reason ?? "";

    /// <summary>The checks that stop the deploy.</summary>
    public IReadOnlyList<string> Blocking => [.. Checks.Where(c => c.Outcome is "block" or "error").Select(c => c.Name)];

    public string Describe() => $"exit {ExitCode}; " + string.Join("; ", Checks.Select(c => $"{c.Name} {c.Outcome}: {c.Reason}"));
}
