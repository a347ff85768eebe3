namespace ChangeGate.Cli.Drill;

/// <summary>An expectation of the drill did not hold; the drill stops there and names it.</summary>
internal sealed class DrillExpectationFailed(string expectation, string detail) : Exception($"{expectation}: {detail}")
{
    public string Expectation { get; } = expectation;

    public string Detail { get; } = detail;
}
