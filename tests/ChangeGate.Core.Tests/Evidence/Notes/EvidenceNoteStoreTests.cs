using ChangeGate.Core.Tests.Support;
using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using ChangeGate.Core.Tests.Evidence.Records;
using LibGit2Sharp;

namespace ChangeGate.Core.Tests.Evidence.Notes;

public sealed class EvidenceNoteStoreTests : IDisposable
{
    private const string TheirsRef = "refs/notes/changegate-theirs";
    private readonly TemporaryGitRepository _repo = TemporaryGitRepository.Create();
    private readonly Commit _commit;

    public EvidenceNoteStoreTests()
    {
        _repo.Write("deploy.txt", "canary\n");
        _commit = _repo.CommitAll("Deploy to canary");
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Records_of_one_commit_are_sorted_unique_lines()
    {
        var store = new EvidenceNoteStore(_repo.Repository);
        var first = Record("job-b");
        var second = Record("job-a");

        store.Append(first, TemporaryGitRepository.Author);
        store.Append(second, TemporaryGitRepository.Author);
        store.Append(first, TemporaryGitRepository.Author);

        var note = store.Read(_commit.Sha).Value!;
        Assert.Equal(
            new[] { EvidenceLineFormat.Write(first), EvidenceLineFormat.Write(second) }.Order(StringComparer.Ordinal),
            note.Lines.Select(l => l.Text));
        var history = _repo.Repository.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = EvidenceNoteStore.DefaultNotesRef });
        Assert.Equal(2, history.Count());
    }

    [Fact]
    public void A_commit_without_a_note_reads_as_empty()
    {
        var note = new EvidenceNoteStore(_repo.Repository).Read(_commit.Sha).Value!;

        Assert.False(note.Exists);
    }

    [Fact]
    public void Notes_in_git_fan_out_directories_are_read_and_updated_in_place()
    {
        // git moves notes into ab/cdef... directories once a notes tree grows large.
        var existing = Record("from-git");
        var fannedOut = $"{_commit.Sha[..2]}/{_commit.Sha[2..]}";
        var definition = new TreeDefinition().Add(fannedOut, _repo.Repository.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(EvidenceLineFormat.Write(existing) + "\n"))), Mode.NonExecutableFile);
        var tree = _repo.Repository.ObjectDatabase.CreateTree(definition);
        var notesCommit = _repo.Repository.ObjectDatabase.CreateCommit(TemporaryGitRepository.Author, TemporaryGitRepository.Author, "Notes added by 'git notes add'", tree, [], false);
        _repo.Repository.Refs.Add(EvidenceNoteStore.DefaultNotesRef, notesCommit.Id);
        var store = new EvidenceNoteStore(_repo.Repository);

        Assert.Equal("from-git", Assert.Single(store.Read(_commit.Sha).Value!.Lines).Record!.Job);
        store.Append(Record("ours"), TemporaryGitRepository.Author);

        var newTree = _repo.Repository.Refs[EvidenceNoteStore.DefaultNotesRef].ResolveToDirectReference().Target.Peel<Commit>().Tree;
        Assert.Null(newTree[_commit.Sha]);
        Assert.Equal(["from-git", "ours"], store.Read(_commit.Sha).Value!.Lines.Select(l => l.Record!.Job!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Merging_diverged_notes_keeps_both_sides_and_fast_forwards_both()
    {
        var (ours, theirs) = DivergedNotes();
        var oursTip = Tip(EvidenceNoteStore.DefaultNotesRef);
        var theirsTip = Tip(TheirsRef);

        var merge = ours.MergeFrom(TheirsRef, TemporaryGitRepository.Author);

        Assert.Equal(new NotesMergeReport(NotesMergeOutcome.Merged, 1), merge.Value);
        Assert.Equal(["common", "ours", "theirs"], ours.Read(_commit.Sha).Value!.Lines.Select(l => l.Record!.Job!).Order(StringComparer.Ordinal));
        var merged = Tip(EvidenceNoteStore.DefaultNotesRef);
        Assert.Equal([oursTip.Id, theirsTip.Id], merged.Parents.Select(p => p.Id));
        Assert.Equal(NotesMergeOutcome.UpToDate, ours.MergeFrom(TheirsRef, TemporaryGitRepository.Author).Value!.Outcome);
        Assert.Equal(NotesMergeOutcome.FastForwarded, theirs.MergeFrom(EvidenceNoteStore.DefaultNotesRef, TemporaryGitRepository.Author).Value!.Outcome);
        Assert.Equal(merged.Id, Tip(TheirsRef).Id);
    }

    [Fact]
    public void Our_merge_gives_the_same_note_as_git_notes_merge_cat_sort_uniq()
    {
        var (ours, theirs) = DivergedNotes();
        _repo.Repository.Refs.Add("refs/notes/by-git", _repo.Repository.Refs[EvidenceNoteStore.DefaultNotesRef].TargetIdentifier);

        GitCli.Run(_repo.Path, "-c", "user.name=t", "-c", "user.email=t@changegate.invalid", "notes", "--ref=by-git", "merge", "-s", "cat_sort_uniq", TheirsRef);
        ours.MergeFrom(TheirsRef, TemporaryGitRepository.Author);

        Assert.Equal(GitCli.Run(_repo.Path, "notes", "--ref=by-git", "show", _commit.Sha), GitCli.Run(_repo.Path, "notes", "--ref=changegate", "show", _commit.Sha));
    }

    [Fact]
    public void A_notes_ref_that_points_at_no_commit_is_an_error_and_is_not_overwritten()
    {
        var blob = _repo.Repository.ObjectDatabase.CreateBlob(new MemoryStream("garbage"u8.ToArray()));
        _repo.Repository.Refs.Add(EvidenceNoteStore.DefaultNotesRef, blob.Id);
        var store = new EvidenceNoteStore(_repo.Repository);

        var read = store.Read(_commit.Sha);
        var append = store.Append(Record("job"), TemporaryGitRepository.Author);

        Assert.False(read.Succeeded);
        Assert.Contains("does not point at a notes commit", read.Error.Message);
        Assert.False(append.Succeeded);
        Assert.Equal(blob.Id.Sha, _repo.Repository.Refs[EvidenceNoteStore.DefaultNotesRef].TargetIdentifier);
    }

    [Fact]
    public void Merging_a_missing_ref_is_an_error()
    {
        var merge = new EvidenceNoteStore(_repo.Repository).MergeFrom("refs/notes/nowhere", TemporaryGitRepository.Author);

        Assert.False(merge.Succeeded);
        Assert.Contains("refs/notes/nowhere", merge.Error.Message);
    }

    /// <summary>Notes with a common record, then one more record on each of two refs.</summary>
    private (EvidenceNoteStore Ours, EvidenceNoteStore Theirs) DivergedNotes()
    {
        var ours = new EvidenceNoteStore(_repo.Repository);
        ours.Append(Record("common"), TemporaryGitRepository.Author);
        _repo.Repository.Refs.Add(TheirsRef, _repo.Repository.Refs[EvidenceNoteStore.DefaultNotesRef].TargetIdentifier);
        var theirs = new EvidenceNoteStore(_repo.Repository, TheirsRef);
        ours.Append(Record("ours"), TemporaryGitRepository.Author);
        theirs.Append(Record("theirs"), TemporaryGitRepository.Author);
        return (ours, theirs);
    }

    private EvidenceRecord Record(string job) =>
        EvidenceLineFormatTests.Sample(job) with { Id = Guid.NewGuid().ToString("N"), Commit = _commit.Sha, Tree = _commit.Tree.Sha };

    private Commit Tip(string refName) => _repo.Repository.Refs[refName].ResolveToDirectReference().Target.Peel<Commit>();
}
