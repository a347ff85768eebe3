using System.Diagnostics;
using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// Tab completion as docs/completion.md sets it up, in the real shells: bash and zsh typing on a
/// pseudo-terminal (tmux), PowerShell through its own completion engine (TabExpansion2).
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private readonly string _bin = Directory.CreateTempSubdirectory("cg-bin-").FullName;

    public CompletionTests()
    {
        // `changegate` on PATH, as after `dotnet tool install --tool-path`.
        var wrapper = Path.Combine(_bin, "changegate");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec {string.Join(' ', Changegate.CommandWords.Select(w => $"'{w}'"))} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private Dictionary<string, string> Path_ => new() { ["PATH"] = $"{_bin}:{Environment.GetEnvironmentVariable("PATH")}", ["HOME"] = _bin };

    [Fact]
    public void The_suggest_directive_the_scripts_call_lists_what_may_follow()
    {
        Assert.Equal("rollout", Changegate.InProcess(_bin, null, "[suggest:14]", "changegate rol").Output.Trim());
        var afterRollout = Changegate.InProcess(_bin, null, "[suggest:19]", "changegate rollout ").Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("status", afterRollout);
        Assert.Contains("promote", afterRollout);
        Assert.Equal(["json", "text"], Changegate.InProcess(_bin, null, "[suggest:38]", "changegate rollout status --format ").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("fish")]
    [InlineData("cmd")]
    public void An_unknown_shell_is_exit_2(string shell)
    {
        var run = Changegate.InProcess(_bin, null, "completion", shell);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bash", run.Error, StringComparison.Ordinal);
    }

    [TerminalFact]
    public void Bash_completes_rol_to_rollout_and_stat_to_status()
    {
        using var terminal = TmuxTerminal.StartProgram(_bin, Path_, "bash", "--norc", "--noprofile", "-i");
        terminal.Type("source <(changegate completion bash) && echo completion-loaded\n");
        terminal.WaitForPane(pane => pane.Contains("\ncompletion-loaded", StringComparison.Ordinal), Bound, "the completion script loaded");

        terminal.Type("changegate rol");
        terminal.SendKeys("Tab");
        terminal.WaitForPane(pane => System.Text.RegularExpressions.Regex.IsMatch(pane, "changegate rollout$", System.Text.RegularExpressions.RegexOptions.Multiline), Bound, "`changegate rol` completed to `changegate rollout`");
        terminal.Type("stat");
        terminal.SendKeys("Tab");
        // The pane trims trailing spaces: "rollout stat" shows that completion added the space after rollout.
        terminal.WaitForPane(pane => System.Text.RegularExpressions.Regex.IsMatch(pane, "changegate rollout status$", System.Text.RegularExpressions.RegexOptions.Multiline), Bound, "`stat` completed to `status`");
    }

    [ZshFact]
    public void Zsh_completes_rol_to_rollout_and_stat_to_status()
    {
        using var terminal = TmuxTerminal.StartProgram(_bin, Path_, RequiredTool.Zsh.Require(), "-f", "-i");
        terminal.Type("autoload -Uz compinit && compinit -u && source <(changegate completion zsh) && echo completion-loaded\n");
        terminal.WaitForPane(pane => pane.Contains("\ncompletion-loaded", StringComparison.Ordinal), Bound, "the completion script loaded");

        terminal.Type("changegate rol");
        terminal.SendKeys("Tab");
        terminal.WaitForPane(pane => System.Text.RegularExpressions.Regex.IsMatch(pane, "changegate rollout$", System.Text.RegularExpressions.RegexOptions.Multiline), Bound, "`changegate rol` completed to `changegate rollout`");
        terminal.Type("stat");
        terminal.SendKeys("Tab");
        // The pane trims trailing spaces: "rollout stat" shows that completion added the space after rollout.
        terminal.WaitForPane(pane => System.Text.RegularExpressions.Regex.IsMatch(pane, "changegate rollout status$", System.Text.RegularExpressions.RegexOptions.Multiline), Bound, "`stat` completed to `status`");
    }

    [PowerShellFact]
    public void PowerShell_completes_rol_to_rollout_and_stat_to_status()
    {
        var script = """
            changegate completion powershell | Out-String | Invoke-Expression
            (TabExpansion2 -inputScript 'changegate rol' -cursorColumn 14).CompletionMatches | ForEach-Object { "match: $($_.CompletionText)" }
            (TabExpansion2 -inputScript 'changegate rollout stat' -cursorColumn 23).CompletionMatches | ForEach-Object { "match: $($_.CompletionText)" }
            """;
        var start = new ProcessStartInfo(RequiredTool.PowerShell.Require(), ["-NoProfile", "-NonInteractive", "-Command", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _bin,
        };
        foreach (var (name, value) in Path_)
        {
            start.Environment[name] = value;
        }

        using var pwsh = Process.Start(start)!;
        var output = pwsh.StandardOutput.ReadToEndAsync();
        var error = pwsh.StandardError.ReadToEndAsync();
        Assert.True(pwsh.WaitForExit(Bound), "pwsh did not finish");
        pwsh.WaitForExit();

        Assert.True(pwsh.ExitCode == 0, $"{output.Result}\n{error.Result}");
        Assert.Equal(["match: rollout", "match: status"], output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_bin, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
