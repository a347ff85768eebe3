using System.Text.Json.Serialization;

namespace ChangeGate.Core.Ledger;

/// <summary>
/// One entry of the append-only ledger. Stored as <c>event.json</c> in the tree of its own commit,
/// authored by <see cref="Actor"/>. <see cref="Id"/> is unique, so a duplicate is detectable.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(RolloutStarted), "rollout-started")]
[JsonDerivedType(typeof(StagePromoted), "stage-promoted")]
[JsonDerivedType(typeof(TargetDeployed), "target-deployed")]
[JsonDerivedType(typeof(IncidentOpened), "incident-opened")]
[JsonDerivedType(typeof(IncidentResolved), "incident-resolved")]
[JsonDerivedType(typeof(ApprovalGranted), "approval-granted")]
[JsonDerivedType(typeof(RolloutPaused), "rollout-paused")]
[JsonDerivedType(typeof(RolloutResumed), "rollout-resumed")]
[JsonDerivedType(typeof(RolloutAborted), "rollout-aborted")]
[JsonDerivedType(typeof(RolloutRolledBack), "rollout-rolled-back")]
[JsonDerivedType(typeof(RolloutCompleted), "rollout-completed")]
[JsonDerivedType(typeof(OverrideGranted), "override-granted")]
[JsonDerivedType(typeof(FailoverTested), "failover-tested")]
[JsonDerivedType(typeof(EmergencyFreezeStarted), "emergency-freeze-started")]
[JsonDerivedType(typeof(EmergencyFreezeLifted), "emergency-freeze-lifted")]
[JsonDerivedType(typeof(EvidenceRecorded), "evidence-recorded")]
public abstract record LedgerEvent
{
    /// <summary>Unique id of the event; kept across retries so a re-sent event is recognised.</summary>
    public required Guid Id { get; init; }

    /// <summary>Who did it (the <c>--actor</c>, <c>CHANGEGATE_ACTOR</c> or git user.email).</summary>
    public required string Actor { get; init; }

    /// <summary>When it was recorded.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Why, in the actor's words; required for some events.</summary>
    public string? Reason { get; init; }

    /// <summary>The kebab-case type name as stored.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>One line for the audit log, without actor and time.</summary>
    public abstract string Describe();
}

/// <summary>One stage as it was in the policy when the rollout started.</summary>
public sealed record StageSnapshot(string Name, IReadOnlyList<string> Targets, TimeSpan Bake, int Approvals);

/// <summary>A rollout of one commit began at the first stage.</summary>
public sealed record RolloutStarted : LedgerEvent
{
    /// <summary>Rollout id, e.g. <c>R-3</c>.</summary>
    public required string RolloutId { get; init; }

    /// <summary>Full SHA of the commit being rolled out.</summary>
    public required string Commit { get; init; }

    /// <summary>The commit's author e-mail (who may not approve it).</summary>
    public required string CommitAuthorEmail { get; init; }

    /// <summary>The commit's author name.</summary>
    public required string CommitAuthorName { get; init; }

    /// <summary>The stages, copied from the policy so a later policy edit does not move targets mid-rollout.</summary>
    public required IReadOnlyList<StageSnapshot> Stages { get; init; }

    /// <summary>How to roll back (text or link); null when none was given.</summary>
    public string? RollbackPlan { get; init; }

    /// <inheritdoc />
    public override string Kind => "rollout-started";

    /// <inheritdoc />
    public override string Describe() => $"started rollout {RolloutId} of {Commit[..Math.Min(12, Commit.Length)]} ({string.Join(" → ", Stages.Select(s => s.Name))})";
}

/// <summary>The rollout moved on to the next stage.</summary>
public sealed record StagePromoted : LedgerEvent
{
    /// <summary>The rollout.</summary>
    public required string RolloutId { get; init; }

    /// <summary>The stage left.</summary>
    public required string FromStage { get; init; }

    /// <summary>The stage entered.</summary>
    public required string ToStage { get; init; }

    // `?? []`: the generated JSON contract passes null for a field an older changegate did not write.
    /// <summary>Checks that were overridden to allow this promotion (ids of the overrides).</summary>
    public IReadOnlyList<string> OverridesUsed { get; init => field = value ?? []; } = [];

    /// <inheritdoc />
    public override string Kind => "stage-promoted";

    /// <inheritdoc />
    public override string Describe() => $"promoted {RolloutId} from {FromStage} to {ToStage}" + (OverridesUsed.Count > 0 ? $" (relying on {string.Join(", ", OverridesUsed)})" : "");
}

/// <summary>Outcome of a deploy to one target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeployStatus>))]
public enum DeployStatus
{
    /// <summary>The target runs the new version and is healthy.</summary>
    Ok,

    /// <summary>The deploy failed.</summary>
    Failed,
}

/// <summary>A deploy to one target was recorded.</summary>
public sealed record TargetDeployed : LedgerEvent
{
    /// <summary>The rollout.</summary>
    public required string RolloutId { get; init; }

    /// <summary>The stage the target belongs to.</summary>
    public required string Stage { get; init; }

    /// <summary>The target.</summary>
    public required string Target { get; init; }

    /// <summary>ok or failed.</summary>
    public required DeployStatus Status { get; init; }

    /// <summary>Free text from the deploy tool.</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// Full SHA of the commit the target runs after this deploy (for a failed one: the commit tried).
    /// Null in events written before versions were recorded (then: the rollout's commit), and for a
    /// rollback to a version the ledger does not know (no rollout had completed).
    /// </summary>
    public string? Commit { get; init; }

    /// <summary>True when this deploy took the target back to the previous version (<c>deploy record --rollback</c>).</summary>
    public bool Rollback { get; init; }

    /// <inheritdoc />
    public override string Kind => "target-deployed";

    /// <inheritdoc />
    public override string Describe() =>
        (Rollback
            ? $"rollback of {RolloutId} on {Target} ({Stage}) to {(Commit is null ? "the previous version" : Commit[..Math.Min(12, Commit.Length)])}"
            : $"deploy of {RolloutId} to {Target} ({Stage})" + (Commit is null ? "" : $" at {Commit[..Math.Min(12, Commit.Length)]}"))
        + $": {Status.ToString().ToLowerInvariant()}" + (Detail is null ? "" : $" — {Detail}");
}

/// <summary>An incident was opened; nothing is promoted or deployed until it is resolved.</summary>
public sealed record IncidentOpened : LedgerEvent
{
    /// <summary>Incident id, e.g. <c>INC-2</c>.</summary>
    public required string IncidentId { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Title { get; init; }

    /// <summary>The rollout it happened in, if any.</summary>
    public string? RolloutId { get; init; }

    /// <summary>The target it concerns, if any.</summary>
    public string? Target { get; init; }

    /// <summary>The site it concerns, if one was named (a target's site follows from the policy).</summary>
    public string? Site { get; init; }

    /// <inheritdoc />
    public override string Kind => "incident-opened";

    /// <inheritdoc />
    public override string Describe() => $"opened incident {IncidentId}: {Title}";
}

/// <summary>An incident was resolved; <see cref="LedgerEvent.Reason"/> holds the resolution.</summary>
public sealed record IncidentResolved : LedgerEvent
{
    /// <summary>The incident.</summary>
    public required string IncidentId { get; init; }

    /// <inheritdoc />
    public override string Kind => "incident-resolved";

    /// <inheritdoc />
    public override string Describe() => $"resolved incident {IncidentId}";
}

/// <summary>An approver allowed the rollout into (or, for the first stage, to deploy in) a stage.</summary>
public sealed record ApprovalGranted : LedgerEvent
{
    /// <summary>The rollout.</summary>
    public required string RolloutId { get; init; }

    /// <summary>The stage approved.</summary>
    public required string Stage { get; init; }

    /// <inheritdoc />
    public override string Kind => "approval-granted";

    /// <inheritdoc />
    public override string Describe() => $"approved {RolloutId} for {Stage}";
}

/// <summary>Base of the events that only change a rollout's status.</summary>
public abstract record RolloutStatusChanged : LedgerEvent
{
    /// <summary>The rollout.</summary>
    public required string RolloutId { get; init; }
}

/// <summary>The rollout was paused (by hand or by a failure).</summary>
public sealed record RolloutPaused : RolloutStatusChanged
{
    /// <inheritdoc />
    public override string Kind => "rollout-paused";

    /// <inheritdoc />
    public override string Describe() => $"paused {RolloutId}";
}

/// <summary>The rollout was resumed.</summary>
public sealed record RolloutResumed : RolloutStatusChanged
{
    /// <inheritdoc />
    public override string Kind => "rollout-resumed";

    /// <inheritdoc />
    public override string Describe() => $"resumed {RolloutId}";
}

/// <summary>The rollout was stopped for good.</summary>
public sealed record RolloutAborted : RolloutStatusChanged
{
    /// <inheritdoc />
    public override string Kind => "rollout-aborted";

    /// <inheritdoc />
    public override string Describe() => $"aborted {RolloutId}";
}

/// <summary>The rollout's targets were rolled back to the previous version.</summary>
public sealed record RolloutRolledBack : RolloutStatusChanged
{
    /// <inheritdoc />
    public override string Kind => "rollout-rolled-back";

    /// <inheritdoc />
    public override string Describe() => $"rolled back {RolloutId}";
}

/// <summary>Every stage was deployed; the rollout is done.</summary>
public sealed record RolloutCompleted : RolloutStatusChanged
{
    /// <inheritdoc />
    public override string Kind => "rollout-completed";

    /// <inheritdoc />
    public override string Describe() => $"completed {RolloutId}";
}

/// <summary>An actor named by the policy allowed a blocked check to pass until <see cref="ExpiresAt"/>.</summary>
public sealed record OverrideGranted : LedgerEvent
{
    /// <summary>Override id, e.g. <c>OVR-1</c>.</summary>
    public required string OverrideId { get; init; }

    /// <summary>The check or promotion rule overridden.</summary>
    public required string Check { get; init; }

    /// <summary>When the override stops counting.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The rollout it is limited to, if one was running.</summary>
    public string? RolloutId { get; init; }

    /// <inheritdoc />
    public override string Kind => "override-granted";

    /// <inheritdoc />
    public override string Describe() => $"override {OverrideId} of '{Check}' until {ExpiresAt:yyyy-MM-dd HH:mm}Z" + (RolloutId is null ? "" : $" for {RolloutId}");
}

/// <summary>Outcome of a failover test.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailoverResult>))]
public enum FailoverResult
{
    /// <summary>The other site took over the traffic.</summary>
    Passed,

    /// <summary>It did not: the redundancy does not work as thought.</summary>
    Failed,
}

/// <summary>A failover from one site to another was tried: the proof that the redundancy works.</summary>
public sealed record FailoverTested : LedgerEvent
{
    /// <summary>The site taken out of service.</summary>
    public required string From { get; init; }

    /// <summary>The site that took over.</summary>
    public required string To { get; init; }

    /// <summary>Passed or failed.</summary>
    public required FailoverResult Result { get; init; }

    /// <summary>What was observed.</summary>
    public string? Detail { get; init; }

    /// <inheritdoc />
    public override string Kind => "failover-tested";

    /// <inheritdoc />
    public override string Describe() => $"failover test {From} → {To}: {Result.ToString().ToLowerInvariant()}" + (Detail is null ? "" : $" — {Detail}");
}

/// <summary>
/// Stop-the-line: every gate of the service blocks and every promotion is refused until the freeze
/// is lifted (or <see cref="Until"/> passes). <see cref="LedgerEvent.Reason"/> says why.
/// </summary>
public sealed record EmergencyFreezeStarted : LedgerEvent
{
    /// <summary>Freeze id, e.g. <c>FRZ-1</c>.</summary>
    public required string FreezeId { get; init; }

    /// <summary>When it ends by itself; null: only lifting ends it.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <inheritdoc />
    public override string Kind => "emergency-freeze-started";

    /// <inheritdoc />
    public override string Describe() => $"emergency freeze {FreezeId}: every deploy and promotion stopped" + (Until is { } until ? $" until {until.UtcDateTime:yyyy-MM-dd HH:mm}Z" : " until lifted");
}

/// <summary>An emergency freeze was lifted; <see cref="LedgerEvent.Reason"/> says why it is safe again.</summary>
public sealed record EmergencyFreezeLifted : LedgerEvent
{
    /// <summary>The freeze.</summary>
    public required string FreezeId { get; init; }

    /// <inheritdoc />
    public override string Kind => "emergency-freeze-lifted";

    /// <inheritdoc />
    public override string Describe() => $"lifted emergency freeze {FreezeId}";
}

/// <summary>
/// Test evidence was recorded for a commit: the anchor of one evidence record. The gate compares
/// the commit's note with these anchors, in ledger order, so a record deleted from the note,
/// reordered, or added without an anchor is seen. The ledger is the order: each record names the
/// previous anchor's record (<see cref="Previous"/>), and the ledger's compare-and-swap keeps two
/// jobs from anchoring records with the same predecessor.
/// </summary>
public sealed record EvidenceRecorded : LedgerEvent
{
    /// <summary>Full SHA of the tested commit.</summary>
    public required string Commit { get; init; }

    /// <summary>Full SHA of its tree.</summary>
    public required string Tree { get; init; }

    /// <summary>The record's id.</summary>
    public required string RecordId { get; init; }

    /// <summary>The record's digest: SHA-256 of its canonical form without the signature.</summary>
    public required string Digest { get; init; }

    /// <summary>The digest of the commit's previous record, or null for the first.</summary>
    public string? Previous { get; init; }

    /// <summary><c>passed</c>, <c>failed</c> (a test failed or the run had errors) or <c>no-tests</c> (nothing passed).</summary>
    public required string Verdict { get; init; }

    /// <summary>Tests passed in the record.</summary>
    public int Passed { get; init; }

    /// <summary>Tests failed in the record.</summary>
    public int Failed { get; init; }

    /// <summary>Tests skipped in the record.</summary>
    public int Skipped { get; init; }

    /// <summary>Errors outside the tests (crashed host, aborted run).</summary>
    public int RunErrors { get; init; }

    /// <summary>The id of the key that signed the record, or null when it is unsigned.</summary>
    public string? KeyId { get; init; }

    /// <summary>The test job's label, if any.</summary>
    public string? Job { get; init; }

    /// <summary>SHA-256 of each result file in the record: recording the same file again is recognised.</summary>
    public required IReadOnlyList<string> ResultFiles { get; init; }

    /// <summary>The signed record line as it went into the note, so a note that lost it can be restored.</summary>
    public required string Record { get; init; }

    /// <inheritdoc />
    public override string Kind => "evidence-recorded";

    /// <inheritdoc />
    public override string Describe() =>
        $"recorded evidence for {Commit}: {Verdict}, {Passed} passed, {Failed} failed, {Skipped} skipped{(Job is null ? "" : $" ({Job})")} (record {Digest[..Math.Min(12, Digest.Length)]})";
}
