using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Ledger;
using ChangeGate.Core.Tests.Evidence.Records;
using ChangeGate.Core.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Evidence.Notes;

/// <summary>
/// Evidence notes shared through a real bare remote, as CI jobs in different clones share them:
/// fetched before reading, pushed after writing, and merged line by line when another job pushed first.
/// </summary>
public sealed class SharedEvidenceNotesTests : IDisposable
{
    private static readonly RetryPolicy Fast = new(200, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200));
    private readonly List<TemporaryGitRepository> _repositories = [];
    private readonly TemporaryGitRepository _remote;
    private readonly TemporaryGitRepository _seed;

    public SharedEvidenceNotesTests()
    {
        _remote = Track(TemporaryGitRepository.CreateBare());
        _seed = Track(TemporaryGitRepository.CreateWithCommit());
        _seed.AddRemote("origin", _remote);
        GitCli.Run(_seed.Path, "push", "--quiet", "origin", "HEAD:refs/heads/main");
    }

    public void Dispose() => _repositories.ForEach(r => r.Dispose());

    [Fact]
    public void A_record_pushed_from_one_clone_is_read_in_another_after_a_fetch()
    {
        var ci = Clone();
        var gate = Clone();

        var pushed = Notes(ci).Append(Record(ci, "linux-unit"), TemporaryGitRepository.Author);
        var gateNotes = Notes(gate);
        var before = gateNotes.Read(ci.Head()).Value!;
        Assert.True(gateNotes.Fetch().IsSuccess);
        var after = gateNotes.Read(ci.Head()).Value!;

        Assert.True(pushed.IsSuccess, string.Join("\n", pushed.Problems));
        Assert.False(before.Exists);
        Assert.Equal("linux-unit", Assert.Single(after.Lines).Record!.Job);
        Assert.Equal(RemoteNote(ci.Head()), EvidenceLineFormat.Write(after.Lines[0].Record!) + "\n");
    }

    [Fact]
    public void Notes_that_diverged_from_the_remote_are_merged_line_by_line_and_pushed_as_a_fast_forward()
    {
        var first = Clone();
        var second = Clone();
        Assert.True(Notes(first).Append(Record(first, "first"), TemporaryGitRepository.Author).IsSuccess);

        // The second job wrote a note locally (offline, or between its fetch and push): the histories diverge.
        new EvidenceNoteStore(second.Repository).Append(Record(second, "offline"), TemporaryGitRepository.Author);
        var result = Notes(second).Append(Record(second, "second"), TemporaryGitRepository.Author);

        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        Assert.Equal(["first", "offline", "second"], Jobs(RemoteNote(first.Head())));
        var history = _remote.Repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = EvidenceNoteStore.DefaultNotesRef }).ToList();
        Assert.Contains(history, c => c.Parents.Count() == 2);
    }

    [Fact]
    public void Concurrent_jobs_in_separate_clones_lose_no_record_and_double_none()
    {
        const int JobCount = 4;
        const int RecordsEach = 5;
        var clones = Enumerable.Range(0, JobCount).Select(_ => Clone()).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, JobCount, new ParallelOptions { MaxDegreeOfParallelism = JobCount }, job =>
        {
            using var repository = new Repository(clones[job].Path);
            var notes = SharedEvidenceNotes.Open(repository, "origin", Fast).Value;
            for (var i = 0; i < RecordsEach; i++)
            {
                var record = EvidenceLineFormatTests.Sample($"job-{job}-{i}") with { Id = Guid.NewGuid().ToString("N"), Commit = _seed.Head(), Tree = repository.Head.Tip.Tree.Sha };
                var result = notes.Append(record, TemporaryGitRepository.Author);
                if (!result.IsSuccess)
                {
                    failures.Add(string.Join("; ", result.Problems));
                }
            }
        });

        Assert.Empty(failures);
        var jobs = Jobs(RemoteNote(_seed.Head()));
        Assert.Equal(JobCount * RecordsEach, jobs.Count);
        Assert.Equal(jobs.Count, jobs.Distinct().Count());
    }

    [Fact]
    public void Appending_the_same_record_twice_publishes_it_once()
    {
        var ci = Clone();
        var record = Record(ci, "retry");
        Notes(ci).Append(record, TemporaryGitRepository.Author);
        var again = Notes(ci).Append(record, TemporaryGitRepository.Author);

        Assert.True(again.IsSuccess);
        Assert.Equal(["retry"], Jobs(RemoteNote(ci.Head())));
    }

    [Fact]
    public void Without_a_remote_the_notes_stay_local()
    {
        using var local = TemporaryGitRepository.CreateWithCommit();
        var notes = SharedEvidenceNotes.Open(local.Repository, remote: null).Value;

        var result = notes.Append(Record(local, "local"), TemporaryGitRepository.Author);

        Assert.True(result.IsSuccess);
        Assert.Null(notes.Remote);
        Assert.Null(_remote.Repository.Refs[EvidenceNoteStore.DefaultNotesRef]);
    }

    [Fact]
    public void An_unknown_remote_is_a_problem()
    {
        var ci = Clone();

        var notes = SharedEvidenceNotes.Open(ci.Repository, "upstream");

        Assert.False(notes.IsSuccess);
        Assert.Contains("no git remote named 'upstream'", notes.Problems[0].Message, StringComparison.Ordinal);
    }

    private TemporaryGitRepository Track(TemporaryGitRepository repository)
    {
        _repositories.Add(repository);
        return repository;
    }

    private TemporaryGitRepository Clone() => Track(TemporaryGitRepository.CloneOf(_remote, _seed));

    private static SharedEvidenceNotes Notes(TemporaryGitRepository repository) => SharedEvidenceNotes.Open(repository.Repository, "origin", Fast).Value;

    private static EvidenceRecord Record(TemporaryGitRepository repository, string job)
    {
        var head = repository.Repository.Head.Tip;
        return EvidenceLineFormatTests.Sample(job) with { Id = Guid.NewGuid().ToString("N"), Commit = head.Sha, Tree = head.Tree.Sha };
    }

    /// <summary>The note as the bare remote holds it, read by git itself.</summary>
    private string RemoteNote(string commit) => GitCli.Run(_remote.Path, "notes", "--ref=changegate", "show", commit);

    private static List<string> Jobs(string note) =>
        [.. note.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => EvidenceLineFormat.Read(line).Value!.Job!).Order(StringComparer.Ordinal)];
}
