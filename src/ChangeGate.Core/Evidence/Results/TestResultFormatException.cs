namespace ChangeGate.Core.Evidence.Results;

/// <summary>
/// Raised inside the readers when a well-formed XML file breaks the test-result format; caught by
/// <see cref="TestResultReader"/> and turned into an <see cref="EvidenceError"/>, never leaked.
/// </summary>
internal sealed class TestResultFormatException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
