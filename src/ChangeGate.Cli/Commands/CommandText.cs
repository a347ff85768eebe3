using System.Collections.Concurrent;
using System.CommandLine;

namespace ChangeGate.Cli.Commands;

/// <summary>
/// Help text with examples, written the same way for every command. The description stays one
/// paragraph (it is what a parent's command list shows); the examples are printed after the help
/// of the command itself.
/// </summary>
internal static class CommandText
{
    private static readonly ConcurrentDictionary<string, string[]> ExamplesBySummary = new(StringComparer.Ordinal);

    /// <summary>Returns <paramref name="summary"/> as the description and remembers the examples for it.</summary>
    public static string Describe(string summary, params string[] examples)
    {
        ExamplesBySummary[summary] = examples;
        return summary;
    }

    /// <summary>The examples of <paramref name="command"/>, if it has any.</summary>
    public static IReadOnlyList<string> ExamplesOf(Command command) =>
        command.Description is { } description && ExamplesBySummary.TryGetValue(description, out var examples) ? examples : [];
}
