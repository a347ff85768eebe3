using System.CommandLine;

namespace ChangeGate.Cli.Commands;

/// <summary>The native changegate forwards <c>affected</c> to its managed part, which runs MSBuild.</summary>
internal static partial class AffectedCommand
{
    private static partial void Bind(Command command, CliEnvironment environment, Option<string> since, Option<string> format) =>
        command.Action = new ToManagedPart();
}

/// <summary>The native changegate forwards <c>analyze</c> to its managed part, which runs MSBuildWorkspace and Roslyn.</summary>
internal static partial class AnalyzeCommand
{
    private static partial void Bind(Command command, CliEnvironment environment, Argument<string?> target, Option<string?> changedSince, Option<string> format, Option<string?> output, Option<bool> noRestore) =>
        command.Action = new ToManagedPart();
}

/// <summary>Runs the whole command line in the managed part.</summary>
internal sealed class ToManagedPart : ForwardedAction
{
    public override int Forward(IReadOnlyList<string> args, CliEnvironment environment) => ManagedPartProcess.Forward(args, environment);
}
