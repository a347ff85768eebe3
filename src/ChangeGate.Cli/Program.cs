using System.CommandLine;

namespace ChangeGate.Cli;

/// <summary>Entry point of the <c>changegate</c> command.</summary>
public static class Program
{
    /// <summary>Parses the command line, runs the command and returns its exit code.</summary>
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("ChangeGate: blocks unsafe deploys. Checks pre-test evidence, staged rollouts, incidents, approvals, freeze windows and rollback plans.");
        return root.Parse(args).InvokeAsync();
    }
}
