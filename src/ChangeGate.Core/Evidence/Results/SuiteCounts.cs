namespace ChangeGate.Core.Evidence.Results;

/// <summary>Running counts for one assembly or suite while a file streams past.</summary>
internal sealed class SuiteCounts(string name, string? source)
{
    public string Name { get; } = name;

    public string? Source { get; } = source;

    public int Passed { get; set; }

    public int Failed { get; set; }

    public int Skipped { get; set; }

    public TimeSpan TestTime { get; set; }

    public TestSuiteSummary ToSummary(TimeSpan? reportedDuration = null) =>
        new(Name, Source, Passed, Failed, Skipped, reportedDuration ?? TestTime);
}
