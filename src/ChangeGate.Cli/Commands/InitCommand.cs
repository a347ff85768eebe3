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
        var targets = BlankValues.Rejected(new Option<string?>("--targets") { Description = "Your targets (hosts, pods, regions) in rollout order, comma-separated: one stage each, named after it. On a terminal without --targets or --stage, init asks", HelpName = "T1,T2,..." }, "web-01,web-02,web-03");
        var stage = new Option<string[]>("--stage") { Description = "A stage and its targets, NAME=T1,T2 (repeat in rollout order), instead of one stage per target", HelpName = "NAME=T1,T2", AllowMultipleArgumentsPerToken = false };
        var command = new Command("init", CommandText.Describe(
            "Write a commented changegate.yml at the repository root: your targets as stages (the first a canary that bakes 30m, the last needing two approvals), approvals, overrides, a freeze window, evidence, and commented sites and monitoring to fill in. samples/rollout/changegate.yml is a complete three-data-centre example.",
            "changegate init --service talk-message --targets canary-01,web-01,web-02",
            "changegate init --stage canary=web-01 --stage eu=web-02,web-03 --stage us=web-04,web-05"))
        {
            service, force, targets, stage,
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

            var stages = Stages(environment, parse.GetValue(targets), parse.GetValue(stage) ?? []);
            if (!stages.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, stages.Problems);
            }

            // Checked before writing: a bad --service or target must not replace a policy (with --force) by one that does not load.
            var template = PolicyTemplate.Render(name, stages.Value);
            var check = new PolicyReader(ChangeGate.Core.Gate.GateChecks.Names).Read(template, "--service");
            if (!check.IsSuccess)
            {
                return CommandSession.PrintProblems(environment, check.Problems.Select(p => p with { Location = null, Fix = $"pass --service NAME; {p.Fix}" }).ToList());
            }

            if (OutputFile.Write(path, template, "pass --policy", PolicyReader.DefaultFileName) is { } writeProblem)
            {
                return CommandSession.PrintProblems(environment, [writeProblem]);
            }

            environment.Console.MarkupLine($"[green]✓[/] wrote {Safe.Markup(path)} for service [bold]{Safe.Markup(name)}[/]: stages {Safe.Markup(string.Join(" → ", stages.Value.Select(s => s.Targets.Count == 1 && s.Targets[0] == s.Name ? s.Name : $"{s.Name} ({string.Join(", ", s.Targets)})")))}");
            environment.Console.MarkupLine("  next: edit the stages and targets, list approvers and override actors, then run `changegate policy check`");
            return ExitCodes.Ok;
        });
        return command;
    }

    // --stage NAME=T1,T2 (repeated), else --targets T1,T2 (a stage each), else the question on a terminal, else the generic stages.
    private static ChangeGate.Core.Result<IReadOnlyList<PolicyTemplate.Stage>> Stages(CliEnvironment environment, string? targets, string[] stages)
    {
        static IReadOnlyList<string> Split(string text) => [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        if (stages.Length > 0 && targets is not null)
        {
            return ChangeGate.Core.Result<IReadOnlyList<PolicyTemplate.Stage>>.Fail(new ChangeGate.Core.Problem("--targets and --stage both name the stages", "pass --targets T1,T2 for one stage per target, or --stage NAME=T1,T2 for each stage, not both"));
        }

        if (stages.Length > 0)
        {
            var parsed = new List<PolicyTemplate.Stage>();
            foreach (var given in stages)
            {
                var equals = given.IndexOf('=', StringComparison.Ordinal);
                var list = equals > 0 ? Split(given[(equals + 1)..]) : [];
                if (equals <= 0 || list.Count == 0)
                {
                    return ChangeGate.Core.Result<IReadOnlyList<PolicyTemplate.Stage>>.Fail(new ChangeGate.Core.Problem($"--stage '{given}' is not NAME=T1,T2", "write each stage as its name, '=' and its targets, e.g. --stage canary=web-01 --stage main=web-02,web-03"));
                }

                parsed.Add(new PolicyTemplate.Stage(given[..equals].Trim(), list));
            }

            return ChangeGate.Core.Result<IReadOnlyList<PolicyTemplate.Stage>>.Ok(parsed);
        }

        if (targets is null && environment.OutputIsTerminal && !Console.IsInputRedirected)
        {
            environment.Console.Markup("Your targets (hosts, pods or regions) in rollout order, comma-separated, the first one the canary [grey](empty: an example to edit)[/]: ");
            targets = Console.ReadLine();
            if (string.IsNullOrWhiteSpace(targets))
            {
                targets = null;
            }
        }

        if (targets is null)
        {
            return ChangeGate.Core.Result<IReadOnlyList<PolicyTemplate.Stage>>.Ok(PolicyTemplate.DefaultStages);
        }

        var names = Split(targets);
        return names.Count == 0
            ? ChangeGate.Core.Result<IReadOnlyList<PolicyTemplate.Stage>>.Fail(new ChangeGate.Core.Problem("--targets names no target", "list them in rollout order, e.g. --targets canary-01,web-01,web-02"))
            : ChangeGate.Core.Result<IReadOnlyList<PolicyTemplate.Stage>>.Ok(PolicyTemplate.StagePerTarget(names));
    }
}
