using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Tests.Support;
using ChangeGate.Core.Time;

namespace ChangeGate.Core.Tests.Policy;

public sealed class PolicyReaderTests
{
    private static Result<GatePolicy> Read(string yaml) => new PolicyReader(GateChecks.Names).Read(yaml, "changegate.yml");

    [Fact]
    public void The_init_template_is_a_valid_policy()
    {
        var result = Read(PolicyTemplate.Render("talk-message"));

        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        Assert.Equal("talk-message", result.Value.Service);
        Assert.Equal(["canary", "main"], result.Value.Stages.Select(s => s.Name));
        Assert.Equal(["web-02", "web-03", "web-04"], result.Value.Stages[1].Targets);
        Assert.True(result.Value.RollbackPlan.Required);
        Assert.Single(result.Value.Freeze.Windows);
    }

    [Fact]
    public void Reads_stages_with_targets_bake_and_approvals()
    {
        var policy = TestPolicies.Parse();

        var pangyo = policy.Stages[1];
        Assert.Equal(["pangyo-01", "pangyo-02"], pangyo.Targets);
        Assert.Equal(TimeSpan.FromHours(1), pangyo.Bake);
        Assert.Equal(2, pangyo.Approvals);
        Assert.Equal(0, policy.Stages[0].Approvals);
        Assert.Equal(TimeSpan.FromHours(4), policy.Overrides.MaxDuration);
        Assert.True(policy.Overrides.Allows("SRE@kakao.com"));
        Assert.False(policy.Overrides.Allows("lead@kakao.com"));
        Assert.True(policy.Checks.IsEnabled("freeze"));
    }

    [Fact]
    public void A_misspelt_key_is_an_error_at_its_line_and_column_with_a_suggestion()
    {
        var yaml = TestPolicies.ThreeStages.Replace("    approvals: 2", "    aprovals: 2", StringComparison.Ordinal);

        var result = Read(yaml);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(new SourceLocation("changegate.yml", 10, 5), problem.Location);
        Assert.Contains("unknown key 'aprovals'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'approvals'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_top_level_key_is_an_error()
    {
        var result = Read(TestPolicies.ThreeStages + "\nnotifications: {}\n");

        var problem = Assert.Single(result.Problems);
        Assert.Contains("unknown key 'notifications' in the policy", problem.Message, StringComparison.Ordinal);
        Assert.Equal(23, problem.Location!.Line);
    }

    [Fact]
    public void Broken_yaml_is_reported_where_the_parser_stopped()
    {
        var result = Read("version: 1\nservice: talk\nstages:\n  - name: canary\n    targets: [canary-01\n");

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Location);
        Assert.True(problem.Location!.Line >= 5, problem.ToString());
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var yaml = """
            version: 1
            service: Talk Message
            stages:
              - name: canary
                targets: [a]
                bake: soon
              - name: canary
                targets: [a]
            rollback-plan: maybe
            """;

        var problems = Read(yaml).Problems;

        Assert.Contains(problems, p => p.Message.Contains("service 'Talk Message' is not a valid name", StringComparison.Ordinal) && p.Location!.Line == 2);
        Assert.Contains(problems, p => p.Message.Contains("bake must be a duration", StringComparison.Ordinal) && p.Location == new SourceLocation("changegate.yml", 6, 11));
        Assert.Contains(problems, p => p.Message.Contains("rollback-plan must be 'required', 'optional' or 'rehearsed'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_target_in_two_stages_is_an_error()
    {
        var yaml = "version: 1\nservice: s\nstages:\n  - name: a\n    targets: [h1]\n  - name: b\n    targets: [h2, h1]\n";

        var problem = Assert.Single(Read(yaml).Problems);

        Assert.Contains("target 'h1' is in stage 'a' and in stage 'b'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(7, problem.Location!.Line);
    }

    [Fact]
    public void Missing_service_and_stages_are_errors_with_fixes()
    {
        var problems = Read("version: 1\n").Problems;

        Assert.Contains(problems, p => p.Message == "the policy needs 'service'" && p.Fix is not null);
        Assert.Contains(problems, p => p.Message == "the policy needs 'stages'");
    }

    [Fact]
    public void A_future_policy_version_is_refused()
    {
        var problem = Assert.Single(Read(TestPolicies.ThreeStages.Replace("version: 1", "version: 2", StringComparison.Ordinal)).Problems);

        Assert.Contains("policy version 2 is not supported", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_an_error()
    {
        var problem = Assert.Single(Read(TestPolicies.ThreeStages.Replace("Asia/Seoul", "Asia/Pangyo", StringComparison.Ordinal)).Problems);

        Assert.Contains("unknown time zone 'Asia/Pangyo'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_check_name_is_an_error_with_a_suggestion()
    {
        var problem = Assert.Single(Read(TestPolicies.ThreeStages + "\nchecks: [incidents, stages]\n").Problems);

        Assert.Contains("unknown check 'stages'; did you mean 'stage'?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_needing_more_approvals_than_there_are_approvers_is_an_error()
    {
        var yaml = "version: 1\nservice: s\napprovers: [a@x]\nstages:\n  - name: one\n    targets: [h]\n    approvals: 2\n";

        var problem = Assert.Single(Read(yaml).Problems);

        Assert.Contains("needs 2 approvals but only 1 approver is listed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Override_max_duration_is_bounded()
    {
        var problem = Assert.Single(Read(TestPolicies.ThreeStages.Replace("max-duration: 4h", "max-duration: 30d", StringComparison.Ordinal)).Problems);

        Assert.Contains("at most 7d", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Freeze_windows_of_every_kind_are_read()
    {
        var yaml = TestPolicies.ThreeStages + """

              - name: weekend
                timezone: Europe/Berlin
                weekly: { from: "fri 18:00", to: "mon 09:00" }
              - name: nightly
                timezone: America/New_York
                daily: { days: [mon, tue], from: "23:00", to: "01:00" }
            """;

        var windows = TestPolicies.Parse(yaml).Freeze.Windows;

        Assert.IsType<OneOffFreezeWindow>(windows[0]);
        var weekly = Assert.IsType<WeeklyFreezeWindow>(windows[1]);
        Assert.Equal((DayOfWeek.Friday, TimeSpan.FromHours(18), DayOfWeek.Monday, TimeSpan.FromHours(9)), (weekly.FromDay, weekly.FromTime, weekly.ToDay, weekly.ToTime));
        var daily = Assert.IsType<DailyFreezeWindow>(windows[2]);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday], daily.Days.Order());
    }

    [Fact]
    public void A_freeze_window_needs_exactly_one_schedule()
    {
        var yaml = TestPolicies.ThreeStages + "\n  - name: both\n    timezone: UTC\n    daily: { from: \"01:00\", to: \"02:00\" }\n    weekly: { from: \"fri 18:00\", to: \"mon 09:00\" }\n";

        var problem = Assert.Single(Read(yaml).Problems);

        Assert.Contains("needs exactly one of 'weekly', 'daily' or 'once'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_problem_that_says_how_to_create_one()
    {
        var result = new PolicyReader(GateChecks.Names).ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "changegate.yml"), "changegate.yml");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("no policy file at changegate.yml", problem.Message);
        Assert.Contains("changegate init", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("2d", 2 * 86400)]
    [InlineData("45s", 45)]
    [InlineData("0", 0)]
    public void Durations_parse(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1w")]
    [InlineData("h")]
    [InlineData("-5m")]
    public void Non_durations_do_not_parse(string text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void Durations_format_as_written_in_the_policy() =>
        Assert.Equal(["1h30m", "2d", "0s", "45s"], new[] { TimeSpan.FromMinutes(90), TimeSpan.FromDays(2), TimeSpan.Zero, TimeSpan.FromSeconds(45.7) }.Select(DurationText.Format));
}
