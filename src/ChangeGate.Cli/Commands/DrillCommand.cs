using System.CommandLine;
using ChangeGate.Cli.Drill;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate drill [--keep DIR]</c>.</summary>
internal static class DrillCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var keep = BlankValues.Rejected(new Option<string?>("--keep") { Description = "Run in DIR (new or empty) and leave it there to explore: the repository, its remote, the keys and report.html", HelpName = "DIR" }, "/tmp/changegate-drill");
        var command = new Command("drill", CommandText.Describe(
            "Replay the incidents ChangeGate exists for, with the real tools, in a scratch repository with a bare remote: the 2024-05-13 file update (the analyzers, and the damage done to a scratch install), no pre-tests (the gate blocks until signed evidence of a real `dotnet test` is recorded), 2024-05-20 (a deploy outside its stage), 2024-05-21 (a failed canary opens an incident that pauses the rollout and blocks every gate; a firing Alertmanager alert too, when prometheus-alertmanager is installed), work control (the author cannot approve; an override shows in the log) and the 2022-10-15 data-centre fire (failover tested and recorded; the redundancy check stops the next site). Needs the .NET SDK and git. Exit 0 when every expectation held, 1 naming the one that did not, 2 bad input.",
            "changegate drill",
            "changegate drill --keep /tmp/changegate-drill"))
        {
            keep,
        };
        command.SetAction(parse => DrillRunner.Run(environment, parse.GetValue(keep)));
        return command;
    }
}
