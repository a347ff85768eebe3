namespace ChangeGate.Cli;

/// <summary>Entry point of the <c>changegate</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line in this process's environment and returns its exit code.</summary>
    public static int Main(string[] args) => CliApp.Run(args, CliEnvironment.FromProcess());
}
