using System.Text.Json.Serialization;

namespace ChangeGate.Core.Ledger;

/// <summary>Where a rollout stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutStatus>))]
public enum RolloutStatus
{
    /// <summary>Deploys and promotions may go on.</summary>
    Running,

    /// <summary>Stopped until someone resumes it (after every incident is resolved).</summary>
    Paused,

    /// <summary>Stopped for good.</summary>
    Aborted,

    /// <summary>Rolled back; stopped for good.</summary>
    RolledBack,

    /// <summary>Every stage done.</summary>
    Completed,
}

/// <summary>The latest deploy recorded for a target.</summary>
/// <param name="Target">The target.</param>
/// <param name="Stage">Its stage.</param>
/// <param name="Status">ok or failed.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Detail">What the deploy tool said.</param>
/// <param name="Commit">The commit the target runs after it (see <see cref="TargetDeployed.Commit"/>); null in older ledgers: the rollout's.</param>
/// <param name="Rollback">True when the deploy took the target back to the previous version.</param>
public sealed record DeployRecord(string Target, string Stage, DeployStatus Status, DateTimeOffset At, string Actor, string? Detail, string? Commit = null, bool Rollback = false)
{
    /// <summary>True when the target runs <paramref name="rolloutCommit"/>, deployed ok and forward.</summary>
    public bool RunsOk(string rolloutCommit) =>
        Status == DeployStatus.Ok && !Rollback && string.Equals(Commit ?? rolloutCommit, rolloutCommit, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An approval of a stage.</summary>
public sealed record ApprovalRecord(string Stage, string Actor, DateTimeOffset At, string? Comment);

/// <summary>An unresolved incident.</summary>
public sealed record Incident(string Id, string Title, DateTimeOffset OpenedAt, string OpenedBy, string? RolloutId, string? Target, string? Site = null);

/// <summary>An override that had not expired when it was last looked at.</summary>
public sealed record OverrideRecord(string Id, string Check, string Actor, string Reason, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt, string? RolloutId)
{
    /// <summary>True when the override counts at <paramref name="now"/> for <paramref name="rolloutId"/>.</summary>
    public bool AppliesTo(string check, DateTimeOffset now, string? rolloutId) =>
        Check == check && now < ExpiresAt && (RolloutId is null || RolloutId == rolloutId);
}

/// <summary>The last rollout that went through every stage: the baseline the next change is compared with.</summary>
/// <param name="Id">The rollout id.</param>
/// <param name="Commit">Full SHA of the commit it rolled out.</param>
/// <param name="At">When it was completed.</param>
public sealed record CompletedRollout(string Id, string Commit, DateTimeOffset At);

/// <summary>One rollout: a commit going through the stages.</summary>
public sealed record Rollout
{
    /// <summary>Rollout id, e.g. <c>R-3</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Full SHA of the commit.</summary>
    public required string Commit { get; init; }

    /// <summary>The commit's author e-mail.</summary>
    public required string CommitAuthorEmail { get; init; }

    /// <summary>The commit's author name.</summary>
    public required string CommitAuthorName { get; init; }

    /// <summary>The stages as they were when it started.</summary>
    public required IReadOnlyList<StageSnapshot> Stages { get; init; }

    /// <summary>The rollback plan, if any.</summary>
    public string? RollbackPlan { get; init; }

    /// <summary>Index of the current stage in <see cref="Stages"/>.</summary>
    public int StageIndex { get; init; }

    /// <summary>Running, paused or finished.</summary>
    public RolloutStatus Status { get; init; }

    /// <summary>Why it has its status (pause reason, abort reason...).</summary>
    public string? StatusReason { get; init; }

    /// <summary>Who started it.</summary>
    public required string StartedBy { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the current stage was entered.</summary>
    public required DateTimeOffset StageEnteredAt { get; init; }

    // The generated JSON contract (LedgerJsonContext) sets every init property, null for a field that an
    // older changegate did not write; `?? []` reads such a list as empty, as the reflection serializer did.
    /// <summary>The latest deploy of each target.</summary>
    public IReadOnlyList<DeployRecord> Deploys { get; init => field = value ?? []; } = [];

    /// <summary>Approvals, per stage.</summary>
    public IReadOnlyList<ApprovalRecord> Approvals { get; init => field = value ?? []; } = [];

    /// <summary>Successful rollbacks recorded in this rollout (<c>deploy record --rollback --status ok</c>), oldest first.</summary>
    public IReadOnlyList<RollbackRecord> Rollbacks { get; init => field = value ?? []; } = [];

    /// <summary>The current stage.</summary>
    [JsonIgnore]
    public StageSnapshot CurrentStage => Stages[StageIndex];

    /// <summary>True while it is running or paused.</summary>
    [JsonIgnore]
    public bool IsActive => Status is RolloutStatus.Running or RolloutStatus.Paused;

    /// <summary>The index of the stage holding <paramref name="target"/>, or -1.</summary>
    public int StageIndexOf(string target)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i].Targets.Contains(target, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the stage named <paramref name="stage"/>, or -1.</summary>
    public int StageIndexByName(string stage)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i].Name == stage)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Distinct approvers of a stage.</summary>
    public IReadOnlyList<ApprovalRecord> ApprovalsOf(string stage) =>
        Approvals.Where(a => a.Stage == stage).DistinctBy(a => a.Actor.ToLowerInvariant()).ToList();
}

/// <summary>
/// The folded state of a service's ledger after some event. A copy is stored as <c>state.json</c>
/// next to each event, so reading the state costs one commit whatever the ledger's length.
/// </summary>
public sealed record LedgerState
{
    /// <summary>The snapshot format.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The empty ledger.</summary>
    public static LedgerState Empty { get; } = new();

    /// <summary>Snapshot format of this state.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>Number of events folded in.</summary>
    public long Sequence { get; init; }

    /// <summary>Id of the last event folded in.</summary>
    public Guid? LastEventId { get; init; }

    /// <summary>Rollouts started so far (gives the next id).</summary>
    public int RolloutCount { get; init; }

    /// <summary>Incidents opened so far (gives the next id).</summary>
    public int IncidentCount { get; init; }

    /// <summary>Overrides granted so far (gives the next id).</summary>
    public int OverrideCount { get; init; }

    /// <summary>The latest rollout, active or finished; null before the first.</summary>
    public Rollout? Rollout { get; init; }

    /// <summary>
    /// The last completed rollout, kept when a newer one starts: what is running in production, and
    /// so the base that evidence coverage and analysis of "the change" are measured from.
    /// </summary>
    public CompletedRollout? LastCompleted { get; init; }

    // The generated JSON contract (LedgerJsonContext) sets every init property, null for a field that an
    // older changegate did not write; `?? []` reads such a list as empty, as the reflection serializer did.
    /// <summary>Unresolved incidents of the service, oldest first.</summary>
    public IReadOnlyList<Incident> OpenIncidents { get; init => field = value ?? []; } = [];

    /// <summary>Overrides that had not expired at the last event.</summary>
    public IReadOnlyList<OverrideRecord> Overrides { get; init => field = value ?? []; } = [];

    /// <summary>What each target runs as far as the ledger knows: its last deploy in any rollout (targets never deployed are absent).</summary>
    public IReadOnlyList<TargetVersion> Fleet { get; init => field = value ?? []; } = [];

    /// <summary>The latest passed and the latest failed failover test of each pair of sites.</summary>
    public IReadOnlyList<FailoverTestRecord> FailoverTests { get; init => field = value ?? []; } = [];

    /// <summary>The emergency freeze (stop-the-line) not yet lifted or run out at the last event, or null.</summary>
    public EmergencyFreezeRecord? EmergencyFreeze { get; init; }

    /// <summary>Emergency freezes started so far (gives the next id).</summary>
    public int FreezeCount { get; init; }

    /// <summary>The active rollout, or null.</summary>
    [JsonIgnore]
    public Rollout? ActiveRollout => Rollout is { IsActive: true } r ? r : null;

    /// <summary>The emergency freeze in force at <paramref name="now"/>, or null.</summary>
    public EmergencyFreezeRecord? EmergencyFreezeAt(DateTimeOffset now) => EmergencyFreeze is { } freeze && freeze.InForceAt(now) ? freeze : null;

    /// <summary>What the ledger knows <paramref name="target"/> runs, or null when no deploy of it was recorded.</summary>
    public TargetVersion? VersionOf(string target) => Fleet.FirstOrDefault(v => v.Target == target);

    /// <summary>The override that makes <paramref name="check"/> pass at <paramref name="now"/>, if any; one granted for a rollout ends with it.</summary>
    public OverrideRecord? OverrideFor(string check, DateTimeOffset now) =>
        Overrides.Where(o => o.AppliesTo(check, now, ActiveRollout?.Id)).OrderByDescending(o => o.ExpiresAt).FirstOrDefault();
}
