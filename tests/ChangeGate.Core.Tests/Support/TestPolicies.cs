using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;

namespace ChangeGate.Core.Tests.Support;

/// <summary>Policies used by the tests.</summary>
public static class TestPolicies
{
    /// <summary>The acceptance policy: canary (1 host), pangyo (2 hosts), gasan+anyang (4 hosts).</summary>
    public const string ThreeStages = """
        version: 1
        service: talk-message
        stages:
          - name: canary
            targets: [canary-01]
            bake: 30m
          - name: pangyo
            targets: [pangyo-01, pangyo-02]
            bake: 1h
            approvals: 2
          - name: gasan-anyang
            targets: [gasan-01, gasan-02, anyang-01, anyang-02]
            approvals: 1
        approvers: [lead@kakao.com, sre@kakao.com, author@kakao.com]
        overrides:
          actors: [sre@kakao.com]
          max-duration: 4h
        rollback-plan: required
        freeze:
          - name: year end
            timezone: Asia/Seoul
            once: { from: "2026-12-31 18:00", to: "2027-01-02 09:00" }
        """;

    /// <summary>
    /// The acceptance stages placed in three sites (data centres): the canary host runs in Pangyo, the
    /// last stage spans Gasan and Anyang. Two sites must keep serving; a failover test within 90 days.
    /// </summary>
    public const string ThreeSites = """
        version: 1
        service: talk-message
        stages:
          - name: canary
            targets: [canary-01]
            bake: 30m
          - name: pangyo
            targets: [pangyo-01, pangyo-02]
            bake: 1h
          - name: gasan-anyang
            targets: [gasan-01, gasan-02, anyang-01, anyang-02]
        sites:
          - name: pangyo
            targets: [canary-01, pangyo-01, pangyo-02]
          - name: gasan
            targets: [gasan-01, gasan-02]
          - name: anyang
            targets: [anyang-01, anyang-02]
        redundancy:
          min-serving-sites: 2
          failover-test-max-age: 90d
        overrides:
          actors: [sre@kakao.com]
          max-duration: 4h
        freeze:
          emergency-actors: [oncall@kakao.com]
        rollback-plan: required
        checks: [incidents, stage, approvals, freeze, rollback-plan, redundancy]
        """;

    /// <summary>Parses <paramref name="yaml"/> and fails the test on any problem.</summary>
    public static GatePolicy Parse(string yaml = ThreeStages)
    {
        var result = new PolicyReader(GateChecks.Names).Read(yaml, "changegate.yml");
        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        return result.Value;
    }
}
