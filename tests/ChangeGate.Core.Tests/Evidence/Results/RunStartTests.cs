using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Evidence.Results;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Evidence.Results;

/// <summary>When a run started, read so that old results can never look new.</summary>
public sealed class RunStartTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2026-05-21T09:00:00+09:00", "2026-05-21T00:00:00Z", RunStartSource.Reported)]
    [InlineData("2026-05-21T00:00:00Z", "2026-05-21T00:00:00Z", RunStartSource.Reported)]
    [InlineData("2026-05-21T00:00:00.1234567-04:00", "2026-05-21T04:00:00.1234567Z", RunStartSource.Reported)]
    // No zone, read on a machine in Seoul: as local time it is 00:00Z, as UTC 09:00Z; the earlier counts.
    [InlineData("2026-05-21T09:00:00", "2026-05-21T00:00:00Z", RunStartSource.ReportedWithoutZone)]
    [InlineData("2026-05-21T09:00:00.283039", "2026-05-21T00:00:00.283039Z", RunStartSource.ReportedWithoutZone)]
    public void A_start_with_a_zone_is_taken_as_it_is_and_one_without_as_the_earlier_of_utc_and_local(string text, string expected, RunStartSource source)
    {
        var times = new ReportedTimes(Seoul);

        times.Observe(text);

        Assert.Equal((DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), source), (times.Earliest!.At, times.Earliest.Source));
    }

    [Fact]
    public void West_of_utc_a_zone_less_time_read_as_utc_is_the_earlier()
    {
        var times = new ReportedTimes(NewYork);

        times.Observe("2026-05-21T09:00:00");

        Assert.Equal(new DateTimeOffset(2026, 5, 21, 9, 0, 0, TimeSpan.Zero), times.Earliest!.At);
    }

    [Fact]
    public void The_earliest_of_several_counts_and_text_that_is_no_time_is_ignored()
    {
        var times = new ReportedTimes(TimeZoneInfo.Utc);

        times.Observe("2026-05-21T10:00:00Z");
        times.Observe("yesterday");
        times.Observe("2026-05-21T09:30:00Z");
        times.Observe(null);

        Assert.Equal(new DateTimeOffset(2026, 5, 21, 9, 30, 0, TimeSpan.Zero), times.Earliest!.At);
        var none = new ReportedTimes(TimeZoneInfo.Utc);
        none.Observe("not a time");
        Assert.Null(none.Earliest);
    }

    [Fact]
    public void A_file_without_a_start_time_counts_from_when_it_was_written_and_an_old_one_is_refused()
    {
        using var repo = TemporaryGitRepository.Create();
        var commit = repo.Commit("release", "dev@kakao.com", ("app.txt", "v1\n"));
        var now = repo.Repository.Head.Tip.Committer.When;
        var junit = repo.FullPath("results/junit.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(junit)!);
        File.WriteAllText(junit, "<testsuites><testsuite name=\"Deploy\"><testcase name=\"a\"/></testsuite></testsuites>");

        var fresh = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = repo.Path, ResultFiles = [junit], RecordedBy = "ci@kakao.com" });
        File.SetLastWriteTimeUtc(junit, now.UtcDateTime.AddHours(-2));
        var stale = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = repo.Path, ResultFiles = [junit], RecordedBy = "ci@kakao.com" });

        Assert.True(fresh.Succeeded, fresh.Error?.ToString());
        Assert.Equal(RunStartSource.FileModified, Assert.Single(fresh.Value.Files).Started!.Source);
        Assert.False(stale.Succeeded);
        Assert.StartsWith($"These results predate commit {commit[..12]}: the file gives no start time and was last written at", stale.Error.Message);
    }

    [Fact]
    public void A_reported_start_after_the_commit_does_not_save_a_file_written_before_it()
    {
        using var repo = TemporaryGitRepository.Create();
        repo.Commit("release", "dev@kakao.com", ("app.txt", "v1\n"));
        var now = repo.Repository.Head.Tip.Committer.When;
        var junit = repo.FullPath("results/junit.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(junit)!);
        File.WriteAllText(junit, $"<testsuite name=\"Deploy\" timestamp=\"{now.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}\"><testcase name=\"a\"/></testsuite>");
        File.SetLastWriteTimeUtc(junit, now.UtcDateTime.AddHours(-2));

        var stale = EvidenceRecorder.Create(new EvidenceRecordRequest { RepositoryPath = repo.Path, ResultFiles = [junit], RecordedBy = "ci@kakao.com" });

        Assert.False(stale.Succeeded);
        Assert.Contains("the file was last written at", stale.Error.Message);
    }
}
