using ChangeGate.Core.Analysis;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Monitoring;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;

namespace ChangeGate.Core.Gate;

/// <summary>Everything a gate check may look at, read once before the checks run.</summary>
public sealed class GateContext
{
    /// <summary>Creates a context.</summary>
    public GateContext(GatePolicy policy, LedgerState ledger, CommitInfo commit, string repositoryPath, DateTimeOffset now, string? target, string? stage)
    {
        Policy = policy;
        Ledger = ledger;
        Commit = commit;
        RepositoryPath = repositoryPath;
        Now = now;
        Target = target;
        Stage = stage;
    }

    /// <summary>The validated policy.</summary>
    public GatePolicy Policy { get; }

    /// <summary>The service's ledger state (after fetching from the remote).</summary>
    public LedgerState Ledger { get; }

    /// <summary>The commit about to be deployed.</summary>
    public CommitInfo Commit { get; }

    /// <summary>The repository's work tree (or git directory), for checks that read git (evidence notes, diffs).</summary>
    public string RepositoryPath { get; }

    /// <summary>The moment of the decision.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The target about to be deployed, if given.</summary>
    public string? Target { get; }

    /// <summary>The stage about to be deployed, if given.</summary>
    public string? Stage { get; }

    /// <summary>The remote the ledger and the evidence notes were fetched from, or null when they are local only.</summary>
    public string? Remote { get; init; }

    /// <summary>The ledger tip the gate decides on (after fetching), or null when there is no ledger: where the evidence check reads the anchors of evidence records.</summary>
    public string? LedgerTip { get; init; }

    /// <summary>
    /// The verified ledger the gate decides on (its tip is <see cref="LedgerTip"/>): the evidence check
    /// takes the anchors from the events its verification already read instead of reading the chain again.
    /// </summary>
    public LedgerHead? LedgerHead { get; init; }

    /// <summary>Where the analyzers check gets its findings (SARIF files or the analysis engine), or null when the host has none.</summary>
    public IAnalysisSource? Analysis { get; init; }

    /// <summary>Where the evidence check learns which test projects the change affects, or null when the host has no way (the check then errs, and blocks).</summary>
    public IChangeScopeSource? ChangeScope { get; init; }

    /// <summary>Where the incidents check reads firing alerts when the policy has a <c>monitoring</c> section, or null when the host has none.</summary>
    public IAlertSource? Alerts { get; init; }

    /// <summary>
    /// The commit "the change" is measured from: the commit of the last completed rollout, which is
    /// what production runs; null when no rollout has completed (then everything counts as changed).
    /// </summary>
    public string? ChangeBase => Ledger.LastCompleted?.Commit;

    /// <summary>The active rollout, or null.</summary>
    public Rollout? Rollout => Ledger.ActiveRollout;

    /// <summary>
    /// The index of the stage this gate run is about: the stage of <see cref="Target"/>, else of
    /// <see cref="Stage"/>, else the rollout's current stage; -1 when unknown.
    /// </summary>
    public int StageIndex => Rollout switch
    {
        null => -1,
        { } r when Target is not null => r.StageIndexOf(Target),
        { } r when Stage is not null => r.StageIndexByName(Stage),
        { } r => r.StageIndex,
    };
}
