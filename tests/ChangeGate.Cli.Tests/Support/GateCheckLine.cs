using System.Text.Json;

namespace ChangeGate.Cli.Tests.Support;

/// <summary>One check's line from a <c>changegate gate --format json</c> run.</summary>
public sealed record GateCheckLine(string Outcome, string Reason, CliRun Run)
{
    /// <summary>The line of the check named <paramref name="check"/> in the run's JSON report.</summary>
    public static GateCheckLine Read(CliRun run, string check)
    {
        using var json = JsonDocument.Parse(run.Output);
        var line = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == check);
        return new GateCheckLine(line.GetProperty("outcome").GetString()!, line.GetProperty("reason").GetString()!, run);
    }

    public override string ToString() => $"{Outcome}: {Reason}\n{Run}";
}
