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
            foreach (var sub in command.Subcommands)
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
        Assert.Contains("service talk-message, 3 stages", check.Output, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
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
