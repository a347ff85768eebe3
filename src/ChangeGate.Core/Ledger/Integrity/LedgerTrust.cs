using System.Security.Cryptography;
using System.Text;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Rollouts;
using ChangeGate.Core.Rules;
using ChangeGate.Core.Signing;

namespace ChangeGate.Core.Ledger.Integrity;

/// <summary>
/// What the policy says about identities in the ledger when <c>ledger.require-signed-events</c> is
/// true: which keys sign for which actor, and which role each kind of event needs. The rule is fail
/// safe: an event that can only make the gate more restrictive (an incident, a failed deploy, a
/// pause, an abort, a failed failover test, an emergency freeze, an evidence anchor) counts unsigned;
/// an event that loosens it counts only when a key the policy lists for its actor signed it, and the
/// actor holds the event's role (approvers, override actors, emergency-freeze lifters).
/// </summary>
public sealed class LedgerTrust
{
    // Bump when the trusted fold's rules change: cached trusted states of older rules are then refolded.
    private const string RulesVersion = "trusted-fold 1";

    private readonly ApproversPolicy _approvers;
    private readonly OverridePolicy _overrides;
    private readonly IReadOnlyList<string> _lifters;

    /// <summary>Creates the trust of <paramref name="service"/>'s ledger.</summary>
    public LedgerTrust(string service, LedgerPolicy ledger, ApproversPolicy approvers, OverridePolicy overrides, IReadOnlyList<string> freezeLifters)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(approvers);
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(freezeLifters);
        Service = service;
        Policy = ledger;
        _approvers = approvers;
        _overrides = overrides;
        _lifters = freezeLifters;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>The service.</summary>
    public string Service { get; }

    /// <summary>The ledger section: signers, revoked keys, the unsigned history.</summary>
    public LedgerPolicy Policy { get; }

    /// <summary>
    /// A digest of everything the trusted state depends on (signers, revocations, roles, the unsigned
    /// history, the rules' version): a trusted state cached under another fingerprint is folded again.
    /// </summary>
    public string Fingerprint { get; }

    /// <summary>The trust of <paramref name="policy"/>'s ledger, or null when signed events are not required.</summary>
    public static LedgerTrust? From(GatePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Ledger.RequireSignedEvents
            ? new LedgerTrust(policy.Service, policy.Ledger, policy.Approvers, policy.Overrides, EmergencyFreezeRule.Lifters(policy))
            : null;
    }

    /// <summary>True when <paramref name="e"/> can make the gate less restrictive, so it counts only when signed.</summary>
    public static bool Loosens(LedgerEvent e) => e switch
    {
        TargetDeployed deployed => deployed.Status == DeployStatus.Ok,
        FailoverTested tested => tested.Result == FailoverResult.Passed,
        ApprovalGranted or OverrideGranted or IncidentResolved or EmergencyFreezeLifted => true,
        RolloutStarted or StagePromoted or RolloutResumed or RolloutCompleted or RolloutRolledBack => true,
        _ => false,
    };

    /// <summary>
    /// Why <paramref name="e"/> does not count, or null when it does: a loosening event needs a valid
    /// signature by a key of its actor (<paramref name="signature"/>) and its role.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="signature">The check of its signature.</param>
    /// <param name="before">The trusted state before it (the rollout an approval is for).</param>
    public string? WhyNotCounted(LedgerEvent e, SignatureCheck signature, LedgerState before)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(before);
        if (!Loosens(e))
        {
            return null;
        }

        if (!signature.IsValid)
        {
            return signature.Verdict == SignatureVerdict.Missing
                ? $"it is not signed, and ledger.require-signed-events needs a signature by a key ledger.signers lists for {e.Actor}"
                : signature.Reason;
        }

        return e switch
        {
            ApprovalGranted when !_approvers.Allows(e.Actor) => $"{e.Actor} is not among the policy's approvers",
            ApprovalGranted when before.Rollout is { } rollout && CommitInfo.IsAuthor(e.Actor, rollout.CommitAuthorEmail, rollout.CommitAuthorName)
                => $"{e.Actor} wrote the rolled-out commit and cannot approve it (two-person rule)",
            OverrideGranted when !_overrides.Allows(e.Actor) => $"{e.Actor} is not among overrides.actors",
            EmergencyFreezeLifted when !_lifters.Contains(e.Actor, StringComparer.OrdinalIgnoreCase) => $"{e.Actor} may not lift an emergency freeze (overrides.actors, freeze.emergency-actors)",
            _ => null,
        };
    }

    private string ComputeFingerprint()
    {
        var text = new StringBuilder();
        text.Append(RulesVersion).Append('\n').Append(Service).Append('\n');
        foreach (var signer in Policy.Signers.Select(s => $"signer {s.Actor.ToLowerInvariant()} {s.Key.Id}").Order(StringComparer.Ordinal))
        {
            text.Append(signer).Append('\n');
        }

        foreach (var revoked in Policy.RevokedKeys.Select(k => $"revoked {k.Id}").Order(StringComparer.Ordinal))
        {
            text.Append(revoked).Append('\n');
        }

        foreach (var (role, actors) in new[] { ("approver", _approvers.Approvers), ("override", _overrides.Actors), ("lifter", _lifters) })
        {
            foreach (var actor in actors.Select(a => a.ToLowerInvariant()).Order(StringComparer.Ordinal))
            {
                text.Append(role).Append(' ').Append(actor).Append('\n');
            }
        }

        text.Append("approvers-open ").Append(_approvers.Approvers.Count == 0).Append('\n');
        text.Append("unsigned-until ").Append(Policy.UnsignedUntil ?? "-").Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
