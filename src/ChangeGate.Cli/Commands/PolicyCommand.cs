using System.CommandLine;
using ChangeGate.Core.Time;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate policy check</c>: validates the policy and summarises it.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var check = new Command("check", CommandText.Describe(
            "Validate changegate.yml: every problem with file:line:column, unknown keys included. Exit 0 valid, 2 invalid.",
            "changegate policy check",
            "changegate policy check --policy deploy/changegate.yml"));
        check.SetAction(parse =>
        {
            var policy = CommandSession.ReadPolicy(environment, parse, WorkTree(environment, parse));
            if (!policy.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, policy.Problems);
            }

            var p = policy.Value;
            var console = environment.Console;
            console.MarkupLine($"[green]✓[/] {Safe.Markup(p.SourcePath)} is valid: service [bold]{Safe.Markup(p.Service)}[/], {p.Stages.Count} stages");
            var table = new Table().Border(TableBorder.Minimal).AddColumns("stage", "targets", "bake", "approvals");
            foreach (var stage in p.Stages)
            {
                table.AddRow(Safe.Markup(stage.Name), Safe.Markup(string.Join(", ", stage.Targets)), DurationText.Format(stage.Bake), stage.Approvals.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.MarkupLine($"approvers: {Safe.Markup(p.Approvers.Approvers.Count == 0 ? "anyone but the commit's author" : string.Join(", ", p.Approvers.Approvers))}");
            console.MarkupLine($"overrides: {Safe.Markup(p.Overrides.Actors.Count == 0 ? "nobody" : string.Join(", ", p.Overrides.Actors))}, at most {DurationText.Format(p.Overrides.MaxDuration)}");
            console.MarkupLine($"rollback plan: {(p.RollbackPlan.Required ? "required" : "optional")}");
            foreach (var window in p.Freeze.Windows)
            {
                console.MarkupLine($"freeze: {Safe.Markup(window.Name)}: {Safe.Markup(window.Describe())}");
            }

            console.MarkupLine($"checks: {Safe.Markup(p.Checks.Enabled is null ? "all (" + string.Join(", ", ChangeGate.Core.Gate.GateChecks.Names) + ")" : string.Join(", ", p.Checks.Enabled))}");
            return ExitCodes.Ok;
        });

        var command = new Command("policy", CommandText.Describe("Work with the policy file (changegate.yml).", "changegate policy check"));
        command.Subcommands.Add(check);
        return command;
    }

    private static string? WorkTree(CliEnvironment environment, ParseResult parse)
    {
        var repository = ChangeGate.Core.Ledger.RepositoryLocator.Open(CommandSession.RepositoryPath(environment, parse));
        if (!repository.IsSuccess)
        {
            return null;
        }

        using (repository.Value)
        {
            return repository.Value.Info.WorkingDirectory;
        }
    }
}
