using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ChangeGate.Cli.Commands;
using Spectre.Console;

namespace ChangeGate.Cli;

/// <summary>Builds the command tree and runs it with exit codes 0 ok, 1 blocked/refused, 2 bad input, 3 internal error.</summary>
public static class CliApp
{
    /// <summary>Runs <paramref name="args"/> in <paramref name="environment"/> and returns the exit code.</summary>
    public static int Run(string[] args, CliEnvironment environment)
    {
        var root = BuildRoot(environment);
        ParseResult? parse = null;
        try
        {
            parse = root.Parse(args);
            // --help wins over errors such as a missing required option.
            if (parse.Errors.Count > 0 && parse.Action is not HelpWithExamples)
            {
                foreach (var error in parse.Errors)
                {
                    environment.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
                }

                environment.ErrorConsole.MarkupLine($"  [grey]fix:[/] see `{Markup.Escape(CommandPath(parse))} --help`");
                return ExitCodes.BadInput;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                Output = environment.Output,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            environment.ErrorConsole.MarkupLine($"[red]internal error:[/] {Markup.Escape(e.GetType().Name)}: {Markup.Escape(e.Message)}");
            if (parse?.GetValue(CommonOptions.Verbose) == true)
            {
                environment.Error.WriteLine(e.ToString());
            }
            else
            {
                environment.ErrorConsole.MarkupLine("  [grey]this is a bug in changegate; run again with --verbose for the stack trace and report it[/]");
            }

            return ExitCodes.InternalError;
        }
    }

    /// <summary>The root command with every subcommand.</summary>
    internal static RootCommand BuildRoot(CliEnvironment environment)
    {
        var root = new RootCommand("""
            ChangeGate: blocks unsafe deploys. Staged rollouts that stop on unresolved incidents, approvals,
            freeze windows, rollback plans and audited overrides, recorded in an append-only ledger in git;
            test evidence bound to the commit; the ChangeGate analyzers over the change.

            Exit codes: 0 allowed/done, 1 blocked/refused, 2 bad input or configuration, 3 internal error.
            """);
        root.Description = CommandText.Describe(root.Description!,
            "changegate init --service talk-message",
            "changegate rollout start --rollback-plan \"redeploy the previous tag\"",
            "changegate gate --target canary-01");
        CommonOptions.AddTo(root);
        root.Subcommands.Add(InitCommand.Create(environment));
        root.Subcommands.Add(PolicyCommand.Create(environment));
        root.Subcommands.Add(RolloutCommand.Create(environment));
        root.Subcommands.Add(DeployCommand.Create(environment));
        root.Subcommands.Add(IncidentCommand.Create(environment));
        root.Subcommands.Add(ApproveCommand.Create(environment));
        root.Subcommands.Add(OverrideCommand.Create(environment));
        root.Subcommands.Add(LogCommand.Create(environment));
        root.Subcommands.Add(GateCommand.Create(environment));
        root.Subcommands.Add(EvidenceCommand.Create(environment));
        root.Subcommands.Add(AffectedCommand.Create(environment));
        root.Subcommands.Add(AnalyzeCommand.Create(environment));
        AddExamplesToHelp(root, environment);
        return root;
    }

    // Every command's help ends with its examples.
    private static void AddExamplesToHelp(RootCommand root, CliEnvironment environment)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is SynchronousCommandLineAction original)
        {
            help.Action = new HelpWithExamples(original, environment.Output);
        }
    }

    private sealed class HelpWithExamples(SynchronousCommandLineAction original, TextWriter output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exit = original.Invoke(parseResult);
            var examples = CommandText.ExamplesOf(parseResult.CommandResult.Command);
            if (examples.Count > 0)
            {
                output.WriteLine(examples.Count == 1 ? "Example:" : "Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine("  " + example);
                }

                output.WriteLine();
            }

            return exit;
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        names[0] = "changegate";
        return string.Join(' ', names);
    }
}
