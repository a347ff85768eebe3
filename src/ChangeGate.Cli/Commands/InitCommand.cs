using System.CommandLine;
using System.Text.RegularExpressions;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using Spectre.Console;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate init</c>: writes a commented policy template.</summary>
internal static partial class InitCommand
{
    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex NotAllowed();

    public static Command Create(CliEnvironment environment)
    {
        var service = BlankValues.Rejected(new Option<string?>("--service") { Description = "The service name (default: the repository folder's name)", HelpName = "NAME" }, "talk-message");
        var force = new Option<bool>("--force") { Description = "Overwrite an existing policy file" };
        var command = new Command("init", CommandText.Describe(
            "Write a commented changegate.yml (three stages, approvals, overrides, a freeze window) at the repository root.",
            "changegate init --service talk-message"))
        {
            service, force,
        };
        command.SetAction(parse =>
        {
            var repository = RepositoryLocator.Open(CommandSession.RepositoryPath(environment, parse));
            if (!repository.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, repository.Problems);
            }

            string? root;
            using (repository.Value)
            {
                root = repository.Value.Info.WorkingDirectory;
            }

            var explicitPath = parse.GetValue(CommonOptions.Policy);
            if (root is null && explicitPath is null)
            {
                return CommandSession.PrintProblems(environment, [new ChangeGate.Core.Problem(
                    $"{CommandSession.RepositoryPath(environment, parse)} is a bare repository: it has no working tree to hold {PolicyReader.DefaultFileName}",
                    "run `changegate init` in a clone, then commit and push the policy; or pass --policy FILE")]);
            }

            var path = explicitPath is not null
                ? Path.GetFullPath(explicitPath, environment.WorkingDirectory)
                : Path.Combine(root!, PolicyReader.DefaultFileName);
            if (File.Exists(path) && !parse.GetValue(force))
            {
                return CommandSession.PrintProblems(environment, [new ChangeGate.Core.Problem($"{path} exists already", "edit it, or pass --force to overwrite it with the template")]);
            }

            var name = parse.GetValue(service) ?? NotAllowed().Replace(new DirectoryInfo(root ?? Path.GetDirectoryName(path)!).Name.ToLowerInvariant(), "-").Trim('-', '.', '_');
            if (name.Length == 0)
            {
                name = "my-service";
            }

            // Checked before writing: a bad --service must not replace a policy (with --force) by one that does not load.
            var template = PolicyTemplate.Render(name);
            var check = new PolicyReader(ChangeGate.Core.Gate.GateChecks.Names).Read(template, "--service");
            if (!check.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, check.Problems.Select(p => p with { Location = null, Fix = $"pass --service NAME; {p.Fix}" }).ToList());
            }

            if (OutputFile.Write(path, template, "pass --policy", PolicyReader.DefaultFileName) is { } writeProblem)
            {
                return CommandSession.PrintProblems(environment, [writeProblem]);
            }

            environment.Console.MarkupLine($"[green]✓[/] wrote {Safe.Markup(path)} for service [bold]{Safe.Markup(name)}[/]");
            environment.Console.MarkupLine("  next: edit the stages and targets, list approvers and override actors, then run `changegate policy check`");
            return ExitCodes.Ok;
        });
        return command;
    }
}
