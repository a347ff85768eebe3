using System.Diagnostics;
using Xunit.Sdk;

namespace ChangeGate.Cli.Tests.Support;

/// <summary>
/// A real pseudo-terminal: a tmux server of its own (its own socket, no user configuration) running
/// one command in a pane of a fixed size. The test reads the pane as a person sees it
/// (<c>capture-pane</c>), types keys (<c>send-keys</c>) and can record every byte the program wrote
/// (<c>pipe-pane</c>). Disposing kills this server only.
/// </summary>
public sealed class TmuxTerminal : IDisposable
{
    private readonly string _binary;
    private readonly string _socket;

    private TmuxTerminal(string binary, string socket, string directory)
    {
        _binary = binary;
        _socket = socket;
        Directory = directory;
    }

    /// <summary>A scratch directory of this terminal (for the exit-code file and recordings).</summary>
    public string Directory { get; }

    /// <summary>Where the command's exit code is written when it ends.</summary>
    public string ExitCodeFile => Path.Combine(Directory, "exit-code");

    /// <summary>
    /// Starts <paramref name="arguments"/> of changegate (the built tool, or <see cref="Changegate.Executable"/>) in <paramref name="workingDirectory"/>
    /// on a 160×50 terminal. With <paramref name="waitForGo"/> the command starts only after <see cref="Go"/>,
    /// so a recording can be attached first.
    /// </summary>
    public static TmuxTerminal StartChangegate(string workingDirectory, IReadOnlyDictionary<string, string> environment, bool waitForGo, params string[] arguments)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cg-tty-").FullName;
        var exitCodeFile = Path.Combine(directory, "exit-code");
        var go = Path.Combine(directory, "go");
        // Ctrl+C reaches the whole foreground process group: the shell traps it (a handled signal is
        // reset to the default in the program it starts) so it survives to write the exit code.
        var command = "trap : INT; " + (waitForGo ? $"while [ ! -e {Quote(go)} ]; do sleep 0.1; done; " : "")
            + $"{string.Join(' ', Changegate.CommandWords.Select(Quote))} {string.Join(' ', arguments.Select(Quote))}; "
            + $"echo $? > {Quote(exitCodeFile)}; sleep 300";
        return Start(directory, workingDirectory, environment, "sh", "-c", command);
    }

    /// <summary>Starts <paramref name="command"/> (e.g. an interactive shell) in <paramref name="workingDirectory"/> on a 160×50 terminal.</summary>
    public static TmuxTerminal StartProgram(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] command) =>
        Start(System.IO.Directory.CreateTempSubdirectory("cg-tty-").FullName, workingDirectory, environment, command);

    private static TmuxTerminal Start(string directory, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var binary = RequiredTool.Tmux.Require();
        // Unix socket paths are short; the scratch directory's name is enough to make it unique.
        var terminal = new TmuxTerminal(binary, Path.Combine(Path.GetTempPath(), Path.GetFileName(directory) + ".sock"), directory);
        // The environment goes through env(1): tmux's -e does not reach the first session of a new server.
        terminal.Tmux(["new-session", "-d", "-x", "160", "-y", "50", "-c", workingDirectory, "env", .. environment.Select(v => $"{v.Key}={v.Value}"), .. command]);
        return terminal;
    }

    /// <summary>Lets a command started with waitForGo run.</summary>
    public void Go() => File.WriteAllText(Path.Combine(Directory, "go"), "");

    /// <summary>Records every byte the pane's program writes from now on into a file; returns its path.</summary>
    public string Record()
    {
        var file = Path.Combine(Directory, "recording");
        Tmux("pipe-pane", "-o", $"cat >> {Quote(file)}");
        return file;
    }

    /// <summary>Types <paramref name="text"/> literally.</summary>
    public void Type(string text) => Tmux("send-keys", "-l", text);

    /// <summary>What the pane shows; with <paramref name="history"/> also what scrolled off the top.</summary>
    public string Capture(bool history = false) => history ? Tmux("capture-pane", "-p", "-S", "-") : Tmux("capture-pane", "-p");

    /// <summary>Types keys, e.g. <c>C-c</c>.</summary>
    public void SendKeys(params string[] keys) => Tmux(["send-keys", .. keys]);

    /// <summary>Waits until the pane shows what <paramref name="condition"/> looks for; fails with the pane's content after <paramref name="bound"/>.</summary>
    public string WaitForPane(Func<string, bool> condition, TimeSpan bound, string what)
    {
        var watch = Stopwatch.StartNew();
        string pane;
        while (!condition(pane = Capture()))
        {
            if (watch.Elapsed > bound)
            {
                throw new XunitException($"the terminal did not show {what} within {bound.TotalSeconds:0}s; the pane:\n{pane}\n--- exit code file: {(File.Exists(ExitCodeFile) ? File.ReadAllText(ExitCodeFile) : "(none)")}");
            }

            Thread.Sleep(250);
        }

        return pane;
    }

    /// <summary>Waits for the command to end and returns its exit code; fails with the pane's content after <paramref name="bound"/>.</summary>
    public int WaitForExit(TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(ExitCodeFile) || File.ReadAllText(ExitCodeFile).Trim().Length == 0)
        {
            if (watch.Elapsed > bound)
            {
                throw new XunitException($"the command did not end within {bound.TotalSeconds:0}s; the pane:\n{Capture()}");
            }

            Thread.Sleep(250);
        }

        return int.Parse(File.ReadAllText(ExitCodeFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            File.Delete(_socket);
        }
        catch (IOException)
        {
        }
    }

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-S", _socket, "-f", "/dev/null", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} did not answer within 60s");
        }

        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"tmux {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Result}");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}
