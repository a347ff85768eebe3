using System.CommandLine;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate analyze</c>: the ChangeGate analyzers over a solution, as text, JSON or SARIF.</summary>
internal static partial class AnalyzeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var target = BlankValues.Rejected(new Argument<string?>("SLN|PROJ") { Description = "The solution or C# project (default: the one in the --repo directory, else the current directory)", Arity = ArgumentArity.ZeroOrOne }, "Service.sln");
        var changedSince = BlankValues.Rejected(new Option<string?>("--changed-since") { Description = "Analyze only the documents changed since this commit, branch or tag (committed, staged, unstaged or new)", HelpName = "REF" }, "origin/main");
        var format = new Option<string>("--format") { Description = "text, json or sarif (SARIF 2.1.0 for GitHub code scanning)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var noRestore = new Option<bool>("--no-restore") { Description = "Do not run `dotnet restore` first (when the build has just restored)" };
        var output = new Option<string?>("--output") { Description = "Write the report to FILE, always, also when there is no finding (the text summary still goes to the console)", HelpName = "FILE" };
        var command = new Command("analyze", CommandText.Describe(
            "Restore and open a solution or project with MSBuild and run the ChangeGate analyzers shipped with this tool over its C# documents, honouring .editorconfig severities (dotnet_diagnostic.CGxxxx.severity) and in-source suppressions ([SuppressMessage], #pragma). Exit 0 no finding of error severity, 1 a finding of error severity, 2 bad input.",
            "changegate analyze",
            "changegate analyze src/Service.sln --changed-since origin/main",
            "changegate analyze --format sarif --output changegate.sarif"))
        {
            target, changedSince, format, output, noRestore,
        };
        Bind(command, environment, target, changedSince, format, output, noRestore);
        return command;
    }

    // The work: in process in the managed changegate (Managed/), forwarded to its managed part by the native one (ChangeGate.Cli.Native).
    private static partial void Bind(Command command, CliEnvironment environment, Argument<string?> target, Option<string?> changedSince, Option<string> format, Option<string?> output, Option<bool> noRestore);
}
