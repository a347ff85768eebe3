using ChangeGate.Core.Gate;
using ChangeGate.Core.Policy;
using ChangeGate.Core.Time;

namespace ChangeGate.Core.Tests.Policy;

/// <summary>
/// Policies with the subtle mistakes a reviewer reads past: each is a problem at its place with a
/// fix, never a policy that silently means something else, and never an exception.
/// </summary>
public sealed class PolicyMistakeTests
{
    private const string Head = "version: 1\nservice: s\nstages:\n  - name: canary\n    targets: [h1]\n";

    private static IReadOnlyList<Problem> Problems(string yaml) => new PolicyReader(GateChecks.Names).Read(yaml, "changegate.yml").Problems;

    [Theory]
    [InlineData("checks: []\n", "checks lists no check", 6)]
    [InlineData("checks: [stage, freeze, stage]\n", "check 'stage' is listed twice", 6)]
    [InlineData("approvers: [lead@x.example, Lead@X.example]\n", "approver 'Lead@X.example' is listed twice", 6)]
    [InlineData("overrides:\n  actors: [sre@x.example, sre@x.example]\n", "override actor 'sre@x.example' is listed twice", 7)]
    public void A_list_that_repeats_or_lacks_what_it_must_hold_is_an_error(string section, string message, int line)
    {
        var problem = Assert.Single(Problems(Head + section));

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(line, problem.Location!.Line);
        Assert.NotNull(problem.Fix);
    }

    [Fact]
    public void Approvers_that_differ_only_in_case_do_not_make_a_stage_approvable_by_one_person()
    {
        var yaml = "version: 1\nservice: s\nstages:\n  - name: one\n    targets: [h]\n    approvals: 2\napprovers: [a@x.example, A@x.example]\n";

        var problems = Problems(yaml);

        Assert.Contains(problems, p => p.Message.Contains("approver 'A@x.example' is listed twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_target_listed_twice_in_one_stage_says_so()
    {
        var problem = Assert.Single(Problems("version: 1\nservice: s\nstages:\n  - name: canary\n    targets: [h1, h1]\n"));

        Assert.Equal("target 'h1' is listed twice in stage 'canary'", problem.Message);
        Assert.Equal(new SourceLocation("changegate.yml", 5, 14), problem.Location);
    }

    [Fact]
    public void A_daily_window_with_an_empty_day_list_is_an_error_not_a_window_that_never_freezes()
    {
        var yaml = Head + "freeze:\n  - name: nights\n    timezone: Asia/Seoul\n    daily: { days: [], from: \"23:00\", to: \"01:00\" }\n";

        var problem = Assert.Single(Problems(yaml));

        Assert.Equal("freeze window 'nights' lists no days, so it would never freeze", problem.Message);
        Assert.Equal(new SourceLocation("changegate.yml", 9, 20), problem.Location);
        Assert.NotNull(problem.Fix);
    }

    [Fact]
    public void A_weekly_window_that_ends_when_it_starts_is_an_error_not_a_freeze_for_ever()
    {
        var yaml = Head + "freeze:\n  - name: w\n    timezone: Asia/Seoul\n    weekly: { from: \"fri 18:00\", to: \"fri 18:00\" }\n";

        var problem = Assert.Single(Problems(yaml));

        Assert.Equal("freeze window 'w' starts and ends at the same time", problem.Message);
        Assert.Equal(9, problem.Location!.Line);
    }

    [Theory]
    [InlineData("31d")]
    [InlineData("720h1m")]
    public void A_bake_time_longer_than_30_days_is_an_error(string bake)
    {
        var problem = Assert.Single(Problems(Head + $"    bake: {bake}\n"));

        Assert.Contains("bake must be at most 30d", problem.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("changegate.yml", 6, 11), problem.Location);
    }

    [Fact]
    public void A_duration_too_long_to_represent_is_a_problem_not_a_crash()
    {
        var huge = string.Concat(Enumerable.Repeat("100000d", 120));

        var problem = Assert.Single(Problems(Head + $"    bake: {huge}\n"));

        Assert.Contains("bake must be a duration", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Fix);
    }

    [Theory]
    [InlineData("1h1h")]
    [InlineData("30m1h")]
    [InlineData("1h 30m")]
    [InlineData("400d")]
    public void Durations_with_a_repeated_or_misplaced_unit_or_over_a_year_do_not_parse(string text) =>
        Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void An_alias_is_an_error_at_its_place_so_the_policy_reads_literally()
    {
        var yaml = "version: 1\nservice: s\nstages:\n  - name: canary\n    targets: &hosts [h1]\n  - name: all\n    targets: *hosts\n";

        var problem = Assert.Single(Problems(yaml));

        Assert.Equal("YAML aliases (*hosts) are not allowed in the policy", problem.Message);
        Assert.Equal(new SourceLocation("changegate.yml", 7, 14), problem.Location);
        Assert.Contains("write the value out", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n# only a comment\n")]
    public void An_empty_policy_file_says_it_is_empty(string yaml)
    {
        var problem = Assert.Single(Problems(yaml));

        Assert.Equal("changegate.yml is empty", problem.Message);
        Assert.Contains("changegate init", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_read_like_plain_text()
    {
        var result = new PolicyReader(GateChecks.Names).Read("\uFEFF" + Head.Replace("\n", "\r\n", StringComparison.Ordinal), "changegate.yml");

        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        Assert.Equal("s", result.Value.Service);
    }

    [Fact]
    public void A_tab_in_the_indentation_is_an_error_at_its_line()
    {
        var problem = Assert.Single(Problems("version: 1\nservice: s\nstages:\n\t- name: canary\n"));

        Assert.StartsWith("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("changegate.yml", 4, 1), problem.Location);
    }

    [Theory]
    [InlineData("version: 1\nservice: s\nstages: 3\n")]
    [InlineData("version: 1\nservice: s\nstages:\n  - canary\n")]
    [InlineData("version: 1\nservice: s\nstages:\n  - name: canary\n    targets: [\"\"]\n")]
    [InlineData("version: 1\nservice: s\nstages:\n  - name: canary\n    targets: [h1]\n    bake: soon\n")]
    [InlineData("version: 1\nservice: s\nstages:\n  - name: canary\n    targets: [h1]\napprovers: {a: b}\n")]
    [InlineData("version: 1\nservice: s\nstages:\n  - name: canary\n    targets: [h1]\nfreeze: {}\n")]
    [InlineData("version: 1\nservice: s\nstages:\n  - name: canary\n    targets: [h1]\n? [a]\n: b\n")]
    public void Every_problem_comes_with_a_fix(string yaml)
    {
        var problems = Problems(yaml);

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Fix), $"no fix for: {p}"));
        Assert.All(problems, p => Assert.NotNull(p.Location));
    }
}
