using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Sites;
using ChangeGate.Core.Time;

namespace ChangeGate.Core.Rules;

/// <summary>
/// Redundancy that is proven, not on paper (the 2022-10-15 data-centre fire): enough sites keep
/// serving the known-good version while a change goes out, and a failover between sites passed recently.
/// </summary>
public static class RedundancyRules
{
    /// <summary>
    /// After deploying <paramref name="deploying"/> (empty: the fleet as it stands), at least
    /// <c>redundancy.min-serving-sites</c> sites serve the known-good version. A site being deployed
    /// counts as not serving it (see <see cref="SiteAssessment"/>).
    /// </summary>
    public static RuleVerdict Serving(GatePolicy policy, LedgerState state, DateTimeOffset now, IReadOnlyCollection<string> deploying)
    {
        var sites = policy.Sites;
        if (!sites.IsDeclared)
        {
            return RuleVerdict.Pass("not checked: the policy declares no sites");
        }

        var min = policy.Redundancy.MinServingSitesFor(sites);
        var statuses = SiteAssessment.Assess(policy, state, now);
        var details = statuses.Select(s => $"{s.Site} ({string.Join(", ", s.Targets)}): {s.Summary}")
            .Append($"min-serving-sites: {min} of {statuses.Count} sites")
            .ToArray();
        var unplaced = deploying.Where(t => sites.SiteOf(t) is null).ToList();
        if (unplaced.Count > 0)
        {
            return RuleVerdict.Fail($"{string.Join(", ", unplaced)} {(unplaced.Count == 1 ? "is" : "are")} in no site of the policy, so the check cannot tell what the deploy takes out",
                "add the target to its site in the policy's `sites` (every target runs in one site)", details);
        }

        var taken = deploying.Select(t => sites.SiteOf(t)!.Name).Distinct(StringComparer.Ordinal).ToList();
        var serving = statuses.Where(s => s.ServesKnownGood && !taken.Contains(s.Site, StringComparer.Ordinal)).Select(s => s.Site).ToList();
        var what = deploying.Count == 0 ? null : $"deploying {string.Join(", ", deploying)} (site{(taken.Count == 1 ? "" : "s")} {string.Join(", ", taken)})";
        var names = serving.Count == 0 ? "" : $" ({string.Join(", ", serving)})";
        if (serving.Count >= min)
        {
            return RuleVerdict.Pass(
                (what is null ? $"{serving.Count} of {statuses.Count} sites{names} serve" : $"after {what} {serving.Count} of {statuses.Count} sites{names} would serve") + $" the known-good version; min-serving-sites is {min}",
                details);
        }

        var count = $"{serving.Count} site{(serving.Count == 1 ? "" : "s")}{names}";

        var down = statuses.Where(s => !s.ServesKnownGood && !taken.Contains(s.Site, StringComparer.Ordinal)).ToList();
        var why = down.Select(s => $"{s.Site} {s.Summary}");
        var reason = (what is null ? $"only {count} serve{(serving.Count == 1 ? "s" : "")}" : $"after {what} only {count} would serve")
            + " the known-good version" + string.Concat(why.Select(w => "; " + w)) + $"; min-serving-sites is {min}";
        var broken = down.FirstOrDefault(s => s.FailedTargets.Count > 0 || s.Incidents.Count > 0);
        var fix = broken is not null
            ? $"bring {broken.Site} back first: redeploy or roll back {(broken.FailedTargets.Count > 0 ? string.Join(", ", broken.FailedTargets) : "its targets")}" + (broken.Incidents.Count > 0 ? $" and resolve {string.Join(", ", broken.Incidents)}" : "")
            : down.Count > 0
                ? $"finish {down[0].Site} first (every target deployed ok with the rollout's commit and baked), then deploy {(taken.Count > 0 ? string.Join(", ", taken) : "on")}"
                : $"deploy fewer sites at once: at most {statuses.Count - min} may leave the known-good version together";
        return RuleVerdict.Fail(reason, fix + "; an override of `redundancy` is recorded", details);
    }

    /// <summary>
    /// A failover test passed within <c>redundancy.failover-test-max-age</c>, and no test of the same
    /// pair of sites failed after it.
    /// </summary>
    public static RuleVerdict Failover(GatePolicy policy, LedgerState state, DateTimeOffset now)
    {
        var sites = policy.Sites;
        if (!sites.IsDeclared)
        {
            return RuleVerdict.Pass("failover not checked: the policy declares no sites");
        }

        var maxAge = policy.Redundancy.FailoverTestMaxAge;
        var pairs = state.FailoverTests
            .GroupBy(t => (t.From, t.To))
            .Select(g => (Pair: g.Key,
                Passed: g.Where(t => t.Result == FailoverResult.Passed).MaxBy(t => t.At),
                Failed: g.Where(t => t.Result == FailoverResult.Failed).MaxBy(t => t.At)))
            .ToList();
        var details = state.FailoverTests.OrderByDescending(t => t.At)
            .Select(t => $"failover test {t.From} → {t.To} {t.Result.ToString().ToLowerInvariant()} at {t.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {t.Actor} ({Age(now - t.At)} ago)" + (t.Detail is null ? "" : $": {t.Detail}"))
            .ToArray();
        var standing = pairs.Where(p => p.Passed is not null && (p.Failed is null || p.Failed.At < p.Passed.At)).Select(p => p.Passed!).ToList();
        var fresh = standing.Where(t => now - t.At <= maxAge).MaxBy(t => t.At);
        if (fresh is not null)
        {
            return RuleVerdict.Pass($"failover test {fresh.From} → {fresh.To} passed at {fresh.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Age(now - fresh.At)} ago; at most {DurationText.Format(maxAge)})", details);
        }

        var example = sites.Sites.Count >= 2 ? $"--from {sites.Sites[0].Name} --to {sites.Sites[1].Name}" : "--from SITE --to SITE";
        string reason;
        if (standing.MaxBy(t => t.At) is { } stale)
        {
            reason = $"no passed failover test within {DurationText.Format(maxAge)}: the last one ({stale.From} → {stale.To}) was at {stale.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, {Age(now - stale.At)} ago";
            example = $"--from {stale.From} --to {stale.To}";
        }
        else if (pairs.Select(p => p.Failed).OfType<FailoverTestRecord>().MaxBy(t => t.At) is { } failed)
        {
            reason = $"no passed failover test within {DurationText.Format(maxAge)}: the last test of {failed.From} → {failed.To} failed at {failed.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z and none passed since";
            example = $"--from {failed.From} --to {failed.To}";
        }
        else
        {
            reason = $"no passed failover test within {DurationText.Format(maxAge)}: none has been recorded, so the redundancy is on paper only";
        }

        return RuleVerdict.Fail(reason,
            $"take one site out, check that another takes over the traffic, and record it: `changegate failover record {example} --result passed`",
            details);
    }

    // An age to the minute (to the second under a minute), as a duration: 3d4h12m.
    private static string Age(TimeSpan age) => age < TimeSpan.FromMinutes(1)
        ? DurationText.Format(TimeSpan.FromSeconds(Math.Floor(Math.Max(0, age.TotalSeconds))))
        : DurationText.Format(TimeSpan.FromMinutes(Math.Floor(age.TotalMinutes)));
}
