using System.CommandLine;
using System.CommandLine.Invocation;

namespace ChangeGate.Cli;

/// <summary>
/// The action of a command this build does not run itself: <see cref="CliApp.Run"/> hands the
/// command line, exactly as given, to <see cref="Forward"/> (the native changegate's managed part).
/// The command's options are still declared here, so help and parse errors are the same in both builds.
/// </summary>
internal abstract class ForwardedAction : SynchronousCommandLineAction
{
    /// <summary>Runs the whole command line elsewhere and returns its exit code.</summary>
    public abstract int Forward(IReadOnlyList<string> args, CliEnvironment environment);

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult) =>
        throw new InvalidOperationException("a forwarded command runs through CliApp.Run, which has the command line");
}
