using ChangeGate.Core.Gate;

namespace ChangeGate.Cli.Rendering;

/// <summary>A gate check that says on the progress line that it is running (the evidence and analyzers checks can take half a minute).</summary>
internal sealed class ProgressReportingCheck(IGateCheck check, IProgress<string> progress) : IGateCheck
{
    /// <summary>Every default check, each reporting to <paramref name="progress"/>.</summary>
    public static IReadOnlyList<IGateCheck> Wrap(IReadOnlyList<IGateCheck> checks, IProgress<string> progress) =>
        [.. checks.Select(c => new ProgressReportingCheck(c, progress))];

    public string Name => check.Name;

    public string Description => check.Description;

    public CheckResult Evaluate(GateContext context)
    {
        progress.Report($"gate: checking {check.Name}");
        return check.Evaluate(context);
    }
}
