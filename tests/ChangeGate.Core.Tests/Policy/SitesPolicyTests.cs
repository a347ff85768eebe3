using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Policy;

/// <summary>Sites, redundancy, the freeze section's mapping form and <c>rollback-plan: rehearsed</c>: read literally, every mistake at its place.</summary>
public sealed class SitesPolicyTests
{
    private const string Stages = "version: 1\nservice: s\nstages:\n  - name: a\n    targets: [h1, h2]\n  - name: b\n    targets: [h3]\n";

    private static Result<GatePolicy> Read(string yaml) => new PolicyReader(GateChecks.Names).Read(yaml, "changegate.yml");

    private static Problem OneProblem(string yaml)
    {
        var result = Read(yaml);
        Assert.False(result.IsSuccess, "expected a problem");
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void Sites_place_every_target_and_a_stage_may_span_sites()
    {
        var policy = TestPolicies.Parse(TestPolicies.ThreeSites);

        Assert.Equal(["pangyo", "gasan", "anyang"], policy.Sites.Sites.Select(s => s.Name));
        Assert.Equal("pangyo", policy.Sites.SiteOf("canary-01")!.Name);
        Assert.Equal(["gasan", "anyang"], policy.Stages[2].Targets.Select(t => policy.Sites.SiteOf(t)!.Name).Distinct());
        Assert.Equal("gasan", policy.Sites.Named("GASAN")!.Name);
        Assert.Equal(2, policy.Redundancy.MinServingSitesFor(policy.Sites));
        Assert.Equal(TimeSpan.FromDays(90), policy.Redundancy.FailoverTestMaxAge);
        Assert.Equal(["oncall@kakao.com"], policy.Freeze.EmergencyActors);
        Assert.Empty(policy.Freeze.Windows);
    }

    [Fact]
    public void Without_a_redundancy_section_every_site_but_one_must_keep_serving()
    {
        var policy = TestPolicies.Parse(Stages + "sites:\n  - name: x\n    targets: [h1]\n  - name: y\n    targets: [h2]\n  - name: z\n    targets: [h3]\n");

        Assert.Equal(2, policy.Redundancy.MinServingSitesFor(policy.Sites));
        Assert.Equal(RedundancyPolicy.DefaultFailoverTestMaxAge, policy.Redundancy.FailoverTestMaxAge);
    }

    [Fact]
    public void A_policy_without_sites_declares_none()
    {
        var policy = TestPolicies.Parse();

        Assert.False(policy.Sites.IsDeclared);
        Assert.False(policy.RollbackPlan.Rehearsed);
    }

    [Fact]
    public void A_target_in_two_sites_is_an_error_at_the_second_listing()
    {
        var problem = OneProblem(Stages + "sites:\n  - name: x\n    targets: [h1, h3]\n  - name: y\n    targets: [h2, h1]\n");

        Assert.Equal("target 'h1' is in site 'x' and in site 'y'", problem.Message);
        Assert.Equal(new SourceLocation("changegate.yml", 12, 19), problem.Location);
        Assert.NotNull(problem.Fix);
    }

    [Fact]
    public void A_site_target_in_no_stage_is_an_error_at_the_target()
    {
        var problem = OneProblem(Stages + "sites:\n  - name: x\n    targets: [h1, h3]\n  - name: y\n    targets: [h2, h9]\n");

        Assert.Equal("site 'y' lists target 'h9', which is in no stage", problem.Message);
        Assert.Equal(new SourceLocation("changegate.yml", 12, 19), problem.Location);
        Assert.Contains("h1, h2, h3", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_target_without_a_site_is_an_error_when_sites_are_declared()
    {
        var problem = OneProblem(Stages + "sites:\n  - name: x\n    targets: [h1]\n  - name: y\n    targets: [h2]\n");

        Assert.Equal("target 'h3' of stage 'b' is in no site", problem.Message);
        Assert.Equal(new SourceLocation("changegate.yml", 9, 3), problem.Location);
        Assert.Contains("x, y", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sites: []\n", "sites lists no site", 8, 8)]
    [InlineData("sites:\n  - name: x\n    targets: [h1, h2, h3]\n  - name: X\n    targets: [h4]\n", "site 'X' is listed twice", 11, 11)]
    [InlineData("sites:\n  - name: Pangyo DC\n    targets: [h1, h2, h3]\n", "site name 'Pangyo DC' is not a valid name", 9, 11)]
    [InlineData("sites:\n  - name: x\n    targets: [h1, h2, h3]\n    zone: a\n", "unknown key 'zone' in a site", 11, 5)]
    [InlineData("sites:\n  - name: x\n    targets: [h1, h2, h3]\n", "sites declares only one site (x): the redundancy check needs at least two", 9, 3)]
    [InlineData("redundancy:\n  min-serving-sites: 1\n", "redundancy needs sites", 9, 3)]
    [InlineData("checks: [stage, redundancy]\n", "checks lists 'redundancy' but the policy declares no sites", 8, 9)]
    [InlineData("sites:\n  - name: x\n    targets: [h1]\n  - name: y\n    targets: [h2, h3]\nredundancy:\n  min-serving-sites: 2\n", "redundancy.min-serving-sites is 2 but the policy declares 2 sites", 14, 22)]
    [InlineData("sites:\n  - name: x\n    targets: [h1]\n  - name: y\n    targets: [h2, h3]\nredundancy:\n  min-serving-sites: 0\n", "redundancy.min-serving-sites must be a whole number from 1 to 1000", 14, 22)]
    [InlineData("sites:\n  - name: x\n    targets: [h1]\n  - name: y\n    targets: [h2, h3]\nredundancy:\n  failover-test-max-age: 0\n", "redundancy.failover-test-max-age must be more than 0", 14, 26)]
    [InlineData("sites:\n  - name: x\n    targets: [h1]\n  - name: y\n    targets: [h2, h3]\nredundancy:\n  min-serving: 1\n", "unknown key 'min-serving' in redundancy", 14, 3)]
    public void A_sites_or_redundancy_mistake_is_reported_at_its_place(string section, string message, int line, int column)
    {
        var problem = OneProblem(Stages + section);

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("changegate.yml", line, column), problem.Location);
        Assert.NotNull(problem.Fix);
    }

    [Fact]
    public void One_site_is_fine_when_the_redundancy_check_is_left_out()
    {
        var policy = TestPolicies.Parse(Stages + "sites:\n  - name: x\n    targets: [h1, h2, h3]\nchecks: [stage]\n");

        Assert.Single(policy.Sites.Sites);
    }

    [Fact]
    public void The_freeze_section_takes_its_windows_and_who_may_lift_an_emergency_freeze()
    {
        var policy = TestPolicies.Parse(Stages + """
            freeze:
              emergency-actors: [oncall@kakao.com, Lead@kakao.com]
              windows:
                - name: weekend
                  timezone: Asia/Seoul
                  weekly: { from: "fri 18:00", to: "mon 09:00" }
            """);

        Assert.Equal(["oncall@kakao.com", "Lead@kakao.com"], policy.Freeze.EmergencyActors);
        Assert.Equal("weekend", Assert.Single(policy.Freeze.Windows).Name);
    }

    [Theory]
    [InlineData("freeze: {}\n", "freeze is an empty mapping", 8, 9)]
    [InlineData("freeze:\n  emergency-actors: [a@x.example, A@x.example]\n", "emergency actor 'A@x.example' is listed twice", 9, 35)]
    [InlineData("freeze:\n  emergency: [a@x.example]\n", "unknown key 'emergency' in freeze", 9, 3)]
    [InlineData("rollback-plan: practised\n", "rollback-plan must be 'required', 'optional' or 'rehearsed', not 'practised'", 8, 16)]
    public void A_freeze_or_rollback_plan_mistake_is_reported_at_its_place(string section, string message, int line, int column)
    {
        var problem = OneProblem(Stages + section);

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("changegate.yml", line, column), problem.Location);
    }

    [Fact]
    public void The_templates_commented_sites_and_redundancy_are_valid_once_uncommented()
    {
        var lines = PolicyTemplate.Render("talk-message").Split('\n').ToList();
        var start = lines.FindIndex(l => l == "# sites:");
        Assert.True(start >= 0, "the template shows commented-out sites");
        for (var i = start; i < lines.Count && lines[i].StartsWith('#'); i++)
        {
            lines[i] = lines[i][2..];
        }

        var policy = TestPolicies.Parse(string.Join('\n', lines));

        Assert.Equal(["site-a", "site-b"], policy.Sites.Sites.Select(s => s.Name));
        Assert.Equal(["web-01", "web-02"], policy.Sites.Sites[0].Targets);
        Assert.Equal(1, policy.Redundancy.MinServingSites);
    }

    [Fact]
    public void A_rehearsed_rollback_plan_is_also_a_required_one()
    {
        var policy = TestPolicies.Parse(Stages + "rollback-plan: rehearsed\n");

        Assert.True(policy.RollbackPlan.Required);
        Assert.True(policy.RollbackPlan.Rehearsed);
    }
}
