using System.CommandLine;

namespace ChangeGate.Cli.Commands;

/// <summary><c>changegate affected --since REF</c>: which projects a change touches, and which tests must run.</summary>
internal static partial class AffectedCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var since = BlankValues.Rejected(new Option<string>("--since") { Description = "The base to compare with: a commit, branch or tag (such as origin/main or the last released tag)", Required = true, HelpName = "REF" }, "origin/main");
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("affected", CommandText.Describe(
            "List the files changed between REF and HEAD, the projects they belong to (through MSBuild: items, imports, Directory.Build.props/targets, Directory.Packages.props, global.json, .config/dotnet-tools.json), every project that references those, and the affected test projects. A changed file that belongs to no project is listed, never dropped. Exit 0 listed, 2 bad input (REF not found, a shallow clone without REF, a project MSBuild cannot evaluate).",
            "changegate affected --since origin/main",
            "changegate affected --since v1.4.2 --format json"))
        {
            since, format,
        };
        Bind(command, environment, since, format);
        return command;
    }

    // The work: in process in the managed changegate (Managed/), forwarded to its managed part by the native one (ChangeGate.Cli.Native).
    private static partial void Bind(Command command, CliEnvironment environment, Option<string> since, Option<string> format);
}
