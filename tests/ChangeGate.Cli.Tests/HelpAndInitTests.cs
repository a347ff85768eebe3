using System.CommandLine;
using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

public sealed class HelpAndInitTests
{
    private static IEnumerable<(string Path, Command Command)> AllCommands()
    {
        var root = CliApp.BuildRoot(new CliEnvironment(TextWriter.Null, TextWriter.Null, _ => null, ".", false));
        var stack = new Stack<(string, Command)>([("", root)]);
        while (stack.Count > 0)
        {
            var (path, command) = stack.Pop();
            yield return (path, command);
            // Hidden commands are not for people (the managed part's `engine`, which the native changegate asks).
            foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            {
                stack.Push(((path + " " + sub.Name).Trim(), sub));
            }
        }
    }

    [Fact]
    public void Every_command_has_help_with_an_example()
    {
        var commands = AllCommands().ToList();
        Assert.True(commands.Count >= 20, $"only {commands.Count} commands found");
        foreach (var (path, _) in commands)
        {
            var args = path.Length == 0 ? new[] { "--help" } : [.. path.Split(' '), "--help"];

            var run = Changegate.InProcess(Path.GetTempPath(), null, args);

            Assert.True(run.ExitCode == 0, $"{path} --help\n{run}");
            Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
            Assert.Matches(@"Examples?:\n  changegate ", run.Output);
        }
    }

    [Fact]
    public void Init_writes_a_valid_commented_template_and_does_not_overwrite_without_force()
    {
        using var scratch = ScratchRepository.Create(withRemote: false);
        File.Delete(Path.Combine(scratch.Work, "changegate.yml"));

        var init = Changegate.InProcess(scratch.Work, null, "init", "--service", "talk-message");
        var check = Changegate.InProcess(scratch.Work, null, "policy", "check");
        var again = Changegate.InProcess(scratch.Work, null, "init");

        Assert.Equal(0, init.ExitCode);
        Assert.Contains("# changegate.yml: the rollout policy of this service", File.ReadAllText(Path.Combine(scratch.Work, "changegate.yml")), StringComparison.Ordinal);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("service talk-message, 2 stages", check.Output, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_names_the_stages_after_the_users_own_targets()
    {
        using var scratch = ScratchRepository.Create(withRemote: false);
        File.Delete(Path.Combine(scratch.Work, "changegate.yml"));

        var perTarget = Changegate.InProcess(scratch.Work, null, "init", "--targets", "edge-01, eu-web-01,us-web-01");
        var check = Changegate.InProcess(scratch.Work, null, "policy", "check");
        var grouped = Changegate.InProcess(scratch.Work, null, "init", "--force", "--stage", "canary=edge-01", "--stage", "world=eu-web-01,us-web-01");
        var groupedCheck = Changegate.InProcess(scratch.Work, null, "policy", "check");

        Assert.True(perTarget.ExitCode == 0, perTarget.ToString());
        Assert.Contains("stages edge-01 → eu-web-01 → us-web-01", perTarget.Output, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Matches(@"eu-web-01\s+│\s+eu-web-01\s+│\s+1h\s+│\s+1", check.Output);
        Assert.Matches(@"us-web-01\s+│\s+us-web-01\s+│\s+0s\s+│\s+2", check.Output);
        Assert.True(grouped.ExitCode == 0, grouped.ToString());
        Assert.Contains("stages canary (edge-01) → world (eu-web-01, us-web-01)", grouped.Output, StringComparison.Ordinal);
        Assert.True(groupedCheck.ExitCode == 0, groupedCheck.ToString());
        Assert.DoesNotContain("pangyo", File.ReadAllText(Path.Combine(scratch.Work, "changegate.yml")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--stage", "canary")]
    [InlineData("--targets", ",")]
    public void Init_stages_that_name_no_targets_are_exit_2(string option, string value)
    {
        using var scratch = ScratchRepository.Create(withRemote: false);
        File.Delete(Path.Combine(scratch.Work, "changegate.yml"));

        var run = Changegate.InProcess(scratch.Work, null, "init", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(scratch.Work, "changegate.yml")));
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, "", true)]
    [InlineData(true, "1", false)]
    [InlineData(false, null, false)]
    public void Colour_only_on_a_terminal_without_NO_COLOR(bool terminal, string? noColor, bool expected) =>
        Assert.Equal(expected, CliEnvironment.UseColour(terminal, noColor));

    [Fact]
    public void With_NO_COLOR_even_an_interactive_console_writes_no_escape_codes()
    {
        using var scratch = ScratchRepository.Create(withRemote: false);
        var output = new StringWriter();
        var environment = new CliEnvironment(output, new StringWriter(), name => name == "NO_COLOR" ? "1" : null, scratch.Work, interactive: true);

        Assert.Equal(0, CliApp.Run(["policy", "check"], environment));
        Assert.Contains("is valid", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output.ToString(), StringComparison.Ordinal);
    }
}
