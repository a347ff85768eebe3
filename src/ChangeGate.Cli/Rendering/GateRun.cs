using ChangeGate.Core;
using ChangeGate.Core.Gate;
using ChangeGate.Core.Ledger;

namespace ChangeGate.Cli.Rendering;

/// <summary>Everything a gate renderer shows: the inputs, the report, or the problems that stopped evaluation.</summary>
internal sealed record GateRun
{
    public required DateTimeOffset At { get; init; }

    public string? Service { get; init; }

    public string? Commit { get; init; }

    public string? Target { get; init; }

    public string? Stage { get; init; }

    public bool DryRun { get; init; }

    public Rollout? Rollout { get; init; }

    public GateReport? Report { get; init; }

    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>What was read, for --explain: policy file, ledger ref and tip, remote.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>The decision's exit code before --dry-run is applied.</summary>
    public int DecisionExitCode => Report?.ExitCode ?? ExitCodes.BadInput;

    public string DecisionName => Problems.Count > 0 || Report is null ? "error" : Report.Decision switch
    {
        GateDecision.Allow => "allow",
        GateDecision.Block => "block",
        GateDecision.Error => "error",
        _ => "internal-error",
    };

    /// <summary>The process exit code: dry runs report but exit 0, unless nothing could be evaluated.</summary>
    public int ExitCode => DryRun && Report is not null && DecisionExitCode != ExitCodes.InternalError ? ExitCodes.Ok : DecisionExitCode;

    public static string OutcomeName(CheckReport check) => check.Overridden ? "overridden" : check.Result.Outcome switch
    {
        CheckOutcome.Pass => "pass",
        CheckOutcome.Block => "block",
        _ => "error",
    };
}
