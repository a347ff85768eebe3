namespace ChangeGate.Core.Sites;

/// <summary>What one site runs, as far as the ledger knows.</summary>
public enum SiteVersion
{
    /// <summary>Every target runs the known-good version: not deployed since the last completed rollout, or rolled back to it.</summary>
    KnownGood,

    /// <summary>Every target runs the active rollout's commit, deployed ok, and the bake time has passed: the new version proved itself here.</summary>
    NewProven,

    /// <summary>Every target runs the active rollout's commit, but the bake time since the site's last deploy has not passed yet.</summary>
    NewBaking,

    /// <summary>Some targets run the new commit and some another: the site is being deployed.</summary>
    Mixed,

    /// <summary>A target runs a commit that is neither the known-good one nor the active rollout's (e.g. left by an aborted rollout).</summary>
    Other,
}

/// <summary>How one site stands for the <c>redundancy</c> check, <c>rollout status</c> and reports.</summary>
/// <param name="Site">The site.</param>
/// <param name="Targets">Its targets.</param>
/// <param name="Version">What it runs.</param>
/// <param name="FailedTargets">Targets whose last deploy failed.</param>
/// <param name="Incidents">Open incidents attributed to the site (through their target or site).</param>
/// <param name="Summary">One phrase, to follow the site's name: "serves the known-good version", "has a failed target (pangyo-01, INC-2)".</param>
/// <param name="Details">One line per target: what it runs.</param>
public sealed record SiteStatus(
    string Site,
    IReadOnlyList<string> Targets,
    SiteVersion Version,
    IReadOnlyList<string> FailedTargets,
    IReadOnlyList<string> Incidents,
    string Summary,
    IReadOnlyList<string> Details)
{
    /// <summary>
    /// True when the site serves the last known-good version: no failed target, no open incident
    /// attributed to it, and every target on the known-good version or on the new one proven here.
    /// </summary>
    public bool ServesKnownGood => FailedTargets.Count == 0 && Incidents.Count == 0 && Version is SiteVersion.KnownGood or SiteVersion.NewProven;
}
