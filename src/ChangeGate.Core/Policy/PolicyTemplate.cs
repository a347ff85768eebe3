namespace ChangeGate.Core.Policy;

/// <summary>The commented policy that <c>changegate init</c> writes.</summary>
public static class PolicyTemplate
{
    /// <summary>A stage of the template: its name and its targets, in rollout order.</summary>
    public sealed record Stage(string Name, IReadOnlyList<string> Targets);

    /// <summary>The stages of the template when the user names no targets: a canary host, then the rest.</summary>
    public static IReadOnlyList<Stage> DefaultStages { get; } = [new("canary", ["web-01"]), new("main", ["web-02", "web-03", "web-04"])];

    /// <summary>One stage per target, each named after its target, in the order given.</summary>
    public static IReadOnlyList<Stage> StagePerTarget(IEnumerable<string> targets) => [.. targets.Select(t => new Stage(t, [t]))];

    /// <summary>The generic template for <paramref name="service"/> with <see cref="DefaultStages"/>.</summary>
    public static string Render(string service) => Render(service, DefaultStages);

    /// <summary>The template for <paramref name="service"/> whose stages are <paramref name="stages"/> (at least one).</summary>
    public static string Render(string service, IReadOnlyList<Stage> stages) => $$"""
        # changegate.yml: the rollout policy of this service. `changegate policy check` validates it.
        # Every key is documented in docs/policy.md. Unknown keys are errors, so a typo never goes unnoticed.
        version: 1

        # The ledger of rollouts, incidents, approvals and overrides is kept in git under
        # refs/changegate/<service>/ledger and shared through the remote (default: origin).
        service: {{service}}

        # Ordered stages. A rollout starts at the first; `changegate rollout promote` moves it on.
        # `changegate gate --target T` blocks any target of a later stage than the current one.
        #   bake:      how long the stage must run healthy after its last successful deploy before promotion
        #   approvals: distinct approvals needed to enter the stage (for the first stage: to deploy at all);
        #              the author of the commit never counts
        stages:
        {{StagesYaml(stages)}}

        # Sites (data centres, regions, zones): where each target runs. A stage may span sites. With sites the
        # gate's `redundancy` check keeps at least min-serving-sites of them serving the known-good version
        # while a change goes out (one site at a time by default) and blocks until a failover test passed
        # within failover-test-max-age (`changegate failover record --from site-a --to site-b --result passed`).
        # sites:
        {{SitesYaml(stages)}}
        # redundancy:
        #   min-serving-sites: 1        # default: every site but one
        #   failover-test-max-age: 90d  # default 90d

        # Who may approve. Leave the list empty to let anyone but the commit's author approve.
        approvers: []

        # Who may override a blocked check (with a reason, for at most max-duration). Overrides are
        # recorded in the ledger and shown by every gate run that relies on them.
        overrides:
          actors: []
          max-duration: 4h

        # required: `rollout start` needs --rollback-plan, and the gate checks it.
        # rehearsed: also, before promotion beyond the first stage, a rollback tried on a first-stage target
        # (`changegate deploy record --target {{stages[0].Targets[0]}} --rollback --status ok`, then the forward deploy again).
        rollback-plan: required

        # Freeze windows: nothing is promoted or deployed while one is in force. Times are wall-clock
        # times in the window's time zone, so they keep their local hours across daylight-saving changes.
        # Stop-the-line at any time: `changegate freeze now --reason "..."` (anyone); only the override
        # actors, or those listed under `emergency-actors` (write `freeze:` as a mapping with `windows:`
        # and `emergency-actors:`), may `changegate freeze lift` it.
        freeze:
          - name: weekend
            timezone: UTC
            weekly: { from: "fri 18:00", to: "mon 09:00" }
            reason: nobody is on call to watch a rollout over the weekend
        #  - name: nightly batch
        #    timezone: UTC
        #    daily: { days: [mon, tue, wed, thu, fri], from: "23:00", to: "01:00" }
        #  - name: year end
        #    timezone: UTC
        #    once: { from: "2026-12-31 18:00", to: "2027-01-02 09:00" }

        # Test evidence the gate's `evidence` check demands (`changegate evidence record` writes it).
        #   test-projects: affected = the test projects the change since the last completed rollout
        #                  affects (every test project before the first rollout completes); all; none
        # Records are signed with an ECDSA P-256 key only the test job holds (its CI secret
        # CHANGEGATE_SIGNING_KEY); the gate verifies them with the public keys below. Make a pair with
        # `changegate evidence keygen --output keys`, which prints the entry to add.
        evidence:
          required: true
          require-signature: true    # false also counts unsigned records (anyone with push rights could write them)
          require-clean-tree: true
          test-projects: affected
        #  trusted-keys:               # several at once while a key is rotated
        #    - id: <64 hex digits: SHA-256 of the key's SubjectPublicKeyInfo, as keygen prints it>
        #      name: ci-2026
        #      public-key: keys/ci-2026.pub.pem   # relative to this file, or the PEM inline after `|`
        #  revoked-keys:               # everything a revoked key signed blocks, whatever its date
        #    - id: <64 hex digits>
        #      revoked: 2026-05-20
        #      reason: the runner image leaked

        # What the gate's `analyzers` check analyzes when no --sarif file is given.
        # analyzers:
        #   solution: Service.sln      # default: the one solution (or project) at the repository root
        #   scope: changed             # changed since the last completed rollout; or all

        # Firing Prometheus Alertmanager alerts for the service block the gate's `incidents` check, like an
        # unresolved incident; an Alertmanager that cannot be read blocks too (fail closed).
        # monitoring:
        #   alertmanager: http://127.0.0.1:9093        # base URL, http or https
        #   matchers: ['service="{{service}}"']         # Alertmanager filter matchers; this is the default
        #   timeout: 5s                                 # default 5s, at most 60s

        # The gate checks to run; leave this out to run every check changegate knows.
        # checks: [incidents, stage, approvals, freeze, rollback-plan, redundancy, evidence, analyzers]

        """;

    // The first stage is a canary that must bake for half an hour; stages in between bake an hour; the last
    // needs two approvals (a wrong change there reaches everyone).
    private static string StagesYaml(IReadOnlyList<Stage> stages)
    {
        var yaml = new System.Text.StringBuilder();
        for (var i = 0; i < stages.Count; i++)
        {
            var last = i == stages.Count - 1 && stages.Count > 1;
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - name: {stages[i].Name}\n    targets: [{string.Join(", ", stages[i].Targets)}]\n");
            yaml.Append(i == 0 ? "    bake: 30m\n    approvals: 1\n" : last ? "    bake: 0\n    approvals: 2\n" : "    bake: 1h\n    approvals: 1\n");
        }

        return yaml.ToString().TrimEnd('\n');
    }

    // An example split of the targets over two sites, commented out.
    private static string SitesYaml(IReadOnlyList<Stage> stages)
    {
        var targets = stages.SelectMany(s => s.Targets).ToList();
        var half = (targets.Count + 1) / 2;
        var text = $"#   - name: site-a\n#     targets: [{string.Join(", ", targets.Take(half))}]";
        if (targets.Count > 1)
        {
            text += $"\n#   - name: site-b\n#     targets: [{string.Join(", ", targets.Skip(half))}]";
        }

        return text;
    }
}
