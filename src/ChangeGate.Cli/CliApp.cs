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
            // No response files: '@' starts values people type ("@oncall paged", --actor @kim, git's @{u}).
            parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            // --help wins over errors such as a missing required option.
            if (parse.Errors.Count > 0 && parse.Action is not HelpWithExamples)
            {
                return PrintParseErrors(environment, parse);
            }

            // The native changegate hands commands that need MSBuild or Roslyn to its managed part, word for word.
            if (parse.Action is ForwardedAction forwarded)
            {
                return forwarded.Forward(args, environment);
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
            environment.ErrorConsole.MarkupLine($"[red]internal error:[/] {Safe.Markup(e.GetType().Name)}: {Safe.Markup(e.Message)}");
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
        root.Subcommands.Add(DrillCommand.Create(environment));
        root.Subcommands.Add(InitCommand.Create(environment));
        root.Subcommands.Add(PolicyCommand.Create(environment));
        root.Subcommands.Add(RolloutCommand.Create(environment));
        root.Subcommands.Add(DeployCommand.Create(environment));
        root.Subcommands.Add(IncidentCommand.Create(environment));
        root.Subcommands.Add(ApproveCommand.Create(environment));
        root.Subcommands.Add(OverrideCommand.Create(environment));
        root.Subcommands.Add(FailoverCommand.Create(environment));
        root.Subcommands.Add(FreezeCommand.Create(environment));
        root.Subcommands.Add(LogCommand.Create(environment));
        root.Subcommands.Add(ReportCommand.Create(environment));
        root.Subcommands.Add(LedgerCommand.Create(environment));
        root.Subcommands.Add(GateCommand.Create(environment));
        root.Subcommands.Add(EvidenceCommand.Create(environment));
        root.Subcommands.Add(AffectedCommand.Create(environment));
        root.Subcommands.Add(AnalyzeCommand.Create(environment));
        root.Subcommands.Add(CompletionCommand.Create(environment));
        ManagedPart.Adapt(root, environment);
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

    // What is wrong with the command line, and the likeliest fix: the name meant, or where to look.
    private static int PrintParseErrors(CliEnvironment environment, ParseResult parse)
    {
        foreach (var error in Relevant(parse))
        {
            environment.ErrorConsole.MarkupLine($"[red]error:[/] {Safe.Markup(OneLine(error.Message))}");
        }

        var fix = parse.UnmatchedTokens.Select(token => (token, match: ClosestName(parse.CommandResult.Command, token))).FirstOrDefault(t => t.match is not null);
        var subcommands = parse.CommandResult.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var seeHelp = $"see `{CommandPath(parse)} --help`";
        var hint = fix.match is not null ? $"did you mean '{fix.match}'? {seeHelp}"
            : subcommands.Count > 0 ? $"name one of {string.Join(", ", subcommands)}; {seeHelp}"
            : seeHelp;
        environment.ErrorConsole.MarkupLine($"  [grey]fix:[/] {Safe.Markup(hint)}");
        return ExitCodes.BadInput;
    }

    // A misspelt word makes the parser also report every word after it and, under a group such as
    // `rollout`, a missing subcommand: only the first unknown word says what is wrong.
    private static IEnumerable<System.CommandLine.Parsing.ParseError> Relevant(ParseResult parse)
    {
        var unmatched = parse.UnmatchedTokens;
        if (unmatched.Count == 0)
        {
            return parse.Errors;
        }

        return parse.Errors.Where(error =>
        {
            var names = unmatched.Where(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal)).ToList();
            return names.Count > 0
                ? names.Contains(unmatched[0])
                : error.SymbolResult is not System.CommandLine.Parsing.CommandResult { Command.Subcommands.Count: > 0 };
        });
    }

    // "Must be one of:" lists the values on tab-indented lines; a log line keeps them together.
    private static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length <= 1 ? message.Trim() : lines[0] + " " + string.Join(", ", lines.Skip(1));
    }

    // A misspelt subcommand or option ("strat", "--taget") gets the closest name that command knows.
    private static string? ClosestName(Command command, string token)
    {
        var names = command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(command.Options.Concat(CommonOptionsOf(command)).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));
        return names
            .Select(name => (name, distance: EditDistance(token, name)))
            .Where(c => c.distance > 0 && c.distance <= Math.Max(1, Math.Min(2, c.name.TrimStart('-').Length / 3)))
            .OrderBy(c => c.distance)
            .Select(c => c.name)
            .FirstOrDefault();
    }

    private static IEnumerable<Option> CommonOptionsOf(Command command) =>
        command.Parents.OfType<Command>().SelectMany(parent => parent.Options.Where(o => o.Recursive).Concat(CommonOptionsOf(parent)));

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
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
