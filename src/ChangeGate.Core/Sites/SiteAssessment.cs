using ChangeGate.Core.Ledger;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Time;

namespace ChangeGate.Core.Sites;

/// <summary>
/// Works out, from what the ledger knows, which sites serve the last known-good version. The
/// known-good version is the commit of the last completed rollout (what a target ran before any
/// recorded deploy counts too); the active rollout's commit becomes known-good on a site once every
/// target of the site runs it, deployed ok, and the longest bake of their stages has passed since the
/// site's last deploy. A failed target or an open incident attributed to the site takes it out.
/// </summary>
public static class SiteAssessment
{
    /// <summary>Every site of the policy, in order; empty when the policy declares none.</summary>
    public static IReadOnlyList<SiteStatus> Assess(GatePolicy policy, LedgerState state, DateTimeOffset now) =>
        policy.Sites.Sites.Select(site => Assess(policy, site, state, now)).ToList();

    private static SiteStatus Assess(GatePolicy policy, SitePolicy site, LedgerState state, DateTimeOffset now)
    {
        var knownGood = state.LastCompleted?.Commit;
        var rollout = state.ActiveRollout;
        var failed = site.Targets.Where(t => state.VersionOf(t) is { Status: DeployStatus.Failed }).ToList();
        var incidents = state.OpenIncidents
            .Where(i => string.Equals(i.Site, site.Name, StringComparison.OrdinalIgnoreCase) || (i.Target is { } t && policy.Sites.SiteOf(t)?.Name == site.Name))
            .Select(i => i.Id)
            .ToList();

        var kinds = new List<(string Target, SiteVersion Kind, TargetVersion? Version)>();
        foreach (var target in site.Targets)
        {
            var version = state.VersionOf(target);
            var kind = version switch
            {
                null => SiteVersion.KnownGood,
                { Status: DeployStatus.Failed } => SiteVersion.Other,
                { Rollback: true } => SiteVersion.KnownGood,
                _ when Same(version.Commit, knownGood) => SiteVersion.KnownGood,
                _ when rollout is not null && Same(version.Commit, rollout.Commit) => SiteVersion.NewProven,
                _ => SiteVersion.Other,
            };
            kinds.Add((target, kind, version));
        }

        var details = kinds.Select(k => $"{k.Target}: {Describe(k.Version, k.Kind, rollout)}").ToList();
        var siteVersion = kinds.Any(k => k.Kind == SiteVersion.Other) ? SiteVersion.Other
            : kinds.All(k => k.Kind == SiteVersion.KnownGood) ? SiteVersion.KnownGood
            : kinds.All(k => k.Kind == SiteVersion.NewProven) ? SiteVersion.NewProven
            : SiteVersion.Mixed;

        string? baking = null;
        if (siteVersion == SiteVersion.NewProven && rollout is not null)
        {
            var bake = site.Targets.Select(t => rollout.StageIndexOf(t)).Where(i => i >= 0).Select(i => rollout.Stages[i].Bake).DefaultIfEmpty(TimeSpan.Zero).Max();
            var last = kinds.Max(k => k.Version!.At);
            if (now < last + bake)
            {
                siteVersion = SiteVersion.NewBaking;
                baking = $"runs the new version {Short(rollout.Commit)}, baking until {(last + bake).UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({DurationText.Format(bake)} after its last deploy)";
            }
        }

        string summary;
        if (failed.Count > 0)
        {
            summary = $"has {(failed.Count == 1 ? "a failed target" : "failed targets")} ({string.Join(", ", failed.Concat(incidents))})";
        }
        else if (incidents.Count > 0)
        {
            summary = $"has {(incidents.Count == 1 ? "an open incident" : "open incidents")} ({string.Join(", ", incidents)})";
        }
        else
        {
            summary = siteVersion switch
            {
                SiteVersion.KnownGood => "serves the known-good version" + (knownGood is null ? "" : $" {Short(knownGood)}"),
                SiteVersion.NewProven => $"serves the new version {Short(rollout!.Commit)}, proven here (every target ok and baked)",
                SiteVersion.NewBaking => baking!,
                SiteVersion.Mixed => $"is being deployed ({string.Join(", ", kinds.Select(k => $"{k.Target} on {(k.Kind == SiteVersion.NewProven ? Short(rollout!.Commit) : "the known-good version")}"))})",
                _ => $"runs another version ({string.Join(", ", kinds.Where(k => k.Kind == SiteVersion.Other).Select(k => $"{k.Target} on {Short(k.Version!.Commit ?? "?")}"))})",
            };
        }

        return new SiteStatus(site.Name, site.Targets, siteVersion, failed, incidents, summary, details);
    }

    private static string Describe(TargetVersion? version, SiteVersion kind, Rollout? rollout) => version switch
    {
        null => "no deploy recorded (runs what ran before)",
        { Status: DeployStatus.Failed } => $"last deploy failed ({(version.Commit is null ? "?" : Short(version.Commit))}, {version.RolloutId}, {version.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)",
        { Rollback: true } => $"rolled back to {(version.Commit is null ? "the previous version" : Short(version.Commit))} ({version.RolloutId}, {version.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)",
        _ => $"{Short(version.Commit ?? "?")} ({(kind == SiteVersion.NewProven ? "the rollout's" : kind == SiteVersion.KnownGood ? "known-good" : "another version")}, {version.RolloutId}, {version.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)",
    };

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Short(string sha) => sha[..Math.Min(12, sha.Length)];
}
