using ChangeGate.Core.Evidence.Records;
using LibGit2Sharp;

namespace ChangeGate.Core.Evidence.Notes;

/// <summary>
/// Evidence notes in git: one note per tested commit under <see cref="DefaultNotesRef"/>, one
/// record per line. Appends and merges build the notes commit themselves under a write lock on
/// the ref, so concurrent writers in one repository lose no record. Notes are read at any
/// fan-out git uses.
/// </summary>
public sealed class EvidenceNoteStore
{
    /// <summary>The notes ref evidence lives under, shared through the remote like the ledger.</summary>
    public const string DefaultNotesRef = "refs/notes/changegate";

    private const int MaxAttempts = 20;

    // Far above the records of any commit; a bigger note (pushed by someone with write access to the
    // notes ref) is refused before it is read into memory.
    private const long MaxNoteBytes = 16L * 1024 * 1024;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(1);

    private readonly Repository _repository;

    /// <summary>A store over <paramref name="repository"/>'s notes ref <paramref name="notesRef"/>.</summary>
    public EvidenceNoteStore(Repository repository, string notesRef = DefaultNotesRef)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrEmpty(notesRef);
        if (!notesRef.StartsWith("refs/", StringComparison.Ordinal))
        {
            throw new ArgumentException("The notes ref must be a full ref name such as refs/notes/changegate.", nameof(notesRef));
        }

        _repository = repository;
        NotesRef = notesRef;
    }

    /// <summary>The full name of the notes ref.</summary>
    public string NotesRef { get; }

    /// <summary>Reads the evidence note of <paramref name="commitSha"/> (empty when there is none).</summary>
    /// <returns>The note, or an error when the notes ref exists but does not point at a commit.</returns>
    public EvidenceResult<EvidenceNote> Read(string commitSha)
    {
        ArgumentException.ThrowIfNullOrEmpty(commitSha);
        commitSha = commitSha.ToLowerInvariant();
        var tip = Tip(NotesRef);
        if (tip.Error is not null)
        {
            return tip.Error;
        }

        if (tip.Commit is not null && Oversized(tip.Commit.Tree, commitSha, NotesRef) is { } oversized)
        {
            return oversized;
        }

        return EvidenceNote.Parse(commitSha, tip.Commit is null ? null : ReadNote(tip.Commit.Tree, commitSha));
    }

    /// <summary>
    /// Adds <paramref name="record"/> as a line of its commit's note, keeping the lines already
    /// there. The notes commit is authored by <paramref name="author"/>.
    /// </summary>
    /// <returns>The commit's note as it now is, or an error when the notes ref is damaged.</returns>
    public EvidenceResult<EvidenceNote> Append(EvidenceRecord record, Signature author)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(author);
        var damaged = Tip(NotesRef).Error;
        if (damaged is not null)
        {
            return damaged;
        }

        var line = EvidenceLineFormat.Write(record);
        UpdateWithRetry(tip =>
        {
            var tree = tip?.Tree;
            var existing = tree is null ? null : ReadNote(tree, record.Commit);
            var text = NoteLines.Union(existing, line);
            if (text == existing)
            {
                return tip; // already there: appending the same record twice changes nothing
            }

            var definition = tree is null ? new TreeDefinition() : TreeDefinition.From(tree);
            definition.Add(NotePath(tree, record.Commit), _repository.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))), Mode.NonExecutableFile);
            var newTree = _repository.ObjectDatabase.CreateTree(definition);
            var parents = tip is null ? Array.Empty<Commit>() : [tip];
            return _repository.ObjectDatabase.CreateCommit(author, author, $"Evidence recorded for {record.Commit}\n", newTree, parents, prettifyMessage: false);
        });
        return Read(record.Commit);
    }

    /// <summary>
    /// Sets the note of <paramref name="commitSha"/> to exactly <paramref name="lines"/> (sorted and
    /// unique, as always), dropping any other line: how a note is restored from the ledger's copies.
    /// </summary>
    /// <returns>The commit's note as it now is, or an error when the notes ref is damaged.</returns>
    public EvidenceResult<EvidenceNote> Replace(string commitSha, IEnumerable<string> lines, Signature author, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(commitSha);
        ArgumentNullException.ThrowIfNull(author);
        var damaged = Tip(NotesRef).Error;
        if (damaged is not null)
        {
            return damaged;
        }

        commitSha = commitSha.ToLowerInvariant();
        var text = NoteLines.Join(lines);
        UpdateWithRetry(tip =>
        {
            var tree = tip?.Tree;
            var existing = tree is null ? null : ReadNote(tree, commitSha);
            if (existing == text || (existing is null && text.Length == 0))
            {
                return tip;
            }

            var definition = tree is null ? new TreeDefinition() : TreeDefinition.From(tree);
            if (text.Length == 0)
            {
                definition.Remove(NotePath(tree, commitSha));
            }
            else
            {
                definition.Add(NotePath(tree, commitSha), _repository.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))), Mode.NonExecutableFile);
            }

            var parents = tip is null ? Array.Empty<Commit>() : [tip];
            return _repository.ObjectDatabase.CreateCommit(author, author, message + "\n", _repository.ObjectDatabase.CreateTree(definition), parents, prettifyMessage: false);
        });
        return Read(commitSha);
    }

    /// <summary>
    /// Merges the notes at <paramref name="otherRef"/> (such as the remote's notes, fetched to a
    /// side ref) into this store's ref: each commit's lines become the sorted union of both sides,
    /// and the result has both tips as parents, so pushing it is a fast-forward for either side.
    /// </summary>
    /// <returns>How the merge went, or an error when <paramref name="otherRef"/> does not exist.</returns>
    public EvidenceResult<NotesMergeReport> MergeFrom(string otherRef, Signature author)
    {
        ArgumentException.ThrowIfNullOrEmpty(otherRef);
        ArgumentNullException.ThrowIfNull(author);
        var (other, otherError) = Tip(otherRef);
        if (otherError is not null)
        {
            return otherError;
        }

        if (other is null)
        {
            return new EvidenceError($"The notes ref '{otherRef}' does not exist.", "Fetch the remote's notes first (git fetch REMOTE refs/notes/changegate:REF).");
        }

        var damaged = Tip(NotesRef).Error;
        if (damaged is not null)
        {
            return damaged;
        }

        foreach (var (commit, _) in EnumerateNotes(other.Tree, string.Empty))
        {
            if (Oversized(other.Tree, commit, otherRef) is { } oversized)
            {
                return oversized;
            }
        }

        var outcome = NotesMergeOutcome.UpToDate;
        var changedNotes = 0;
        UpdateWithRetry(tip =>
        {
            changedNotes = 0;
            if (tip is null)
            {
                outcome = NotesMergeOutcome.FastForwarded;
                return other;
            }

            var mergeBase = _repository.ObjectDatabase.FindMergeBase(tip, other);
            if (tip.Id == other.Id || mergeBase?.Id == other.Id)
            {
                outcome = NotesMergeOutcome.UpToDate;
                return null;
            }

            if (mergeBase?.Id == tip.Id)
            {
                outcome = NotesMergeOutcome.FastForwarded;
                return other;
            }

            var definition = TreeDefinition.From(tip.Tree);
            foreach (var (commit, blob) in EnumerateNotes(other.Tree, string.Empty))
            {
                var mine = ReadNote(tip.Tree, commit);
                var merged = NoteLines.Union(mine, blob.GetContentText());
                if (merged != mine)
                {
                    changedNotes++;
                    definition.Add(NotePath(tip.Tree, commit), _repository.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(merged))), Mode.NonExecutableFile);
                }
            }

            outcome = NotesMergeOutcome.Merged;
            var tree = _repository.ObjectDatabase.CreateTree(definition);
            return _repository.ObjectDatabase.CreateCommit(author, author, $"Merged evidence notes from {otherRef}\n", tree, [tip, other], prettifyMessage: false);
        });
        return new NotesMergeReport(outcome, changedNotes);
    }

    /// <summary>
    /// Computes a new tip from the current one and moves the ref to it, holding this ref's write
    /// lock so that no other ChangeGate writer (thread or process) moves it in between.
    /// </summary>
    /// <remarks>
    /// LibGit2Sharp's UpdateTarget re-reads the ref just before writing, so it is no
    /// compare-and-swap against the tip the new commit was built on: two writers could both
    /// "succeed" and the first one's record would be lost (a test with parallel writers showed it).
    /// The lock is a file in the git directory held with FileShare.None (an exclusive flock on
    /// Unix). A writer that ignores it (git notes add) is still caught when it moves the ref
    /// before our write, by the re-check below, but not inside the instant between re-check and write.
    /// </remarks>
    private void UpdateWithRetry(Func<Commit?, Commit?> computeNewTip)
    {
        using var writeLock = AcquireWriteLock();
        for (var attempt = 1; ; attempt++)
        {
            var current = _repository.Refs[NotesRef];
            var tip = current?.ResolveToDirectReference()?.Target as Commit;
            var newTip = computeNewTip(tip);
            if (newTip is null || newTip.Id == tip?.Id)
            {
                return;
            }

            try
            {
                if (current is null)
                {
                    _repository.Refs.Add(NotesRef, newTip.Id, "changegate: evidence", allowOverwrite: false);
                    return;
                }

                var now = _repository.Refs[NotesRef];
                if (now?.TargetIdentifier == current.TargetIdentifier)
                {
                    _repository.Refs.UpdateTarget(now, newTip.Id, "changegate: evidence");
                    return;
                }
            }
            catch (Exception e) when (e is NameConflictException or LockedFileException or LibGit2SharpException && attempt < MaxAttempts)
            {
                // Another writer (such as git itself) got there first; try again on the new tip.
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Could not update {NotesRef} after {MaxAttempts} attempts: other writers keep moving it.");
            }

            Thread.Sleep(Random.Shared.Next(5, 20 * attempt));
        }
    }

    private FileStream AcquireWriteLock()
    {
        var path = Path.Combine(_repository.Info.Path, "changegate-" + NotesRef.Replace('/', '-') + ".lock");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                Thread.Sleep(Random.Shared.Next(2, Math.Min(100, 5 * attempt)));
            }
        }
    }

    /// <summary>The commit a notes ref points at: none when the ref does not exist, an error when it points at something else.</summary>
    private (Commit? Commit, EvidenceError? Error) Tip(string refName)
    {
        var reference = _repository.Refs[refName];
        if (reference is null)
        {
            return (null, null);
        }

        return reference.ResolveToDirectReference()?.Target is Commit commit
            ? (commit, null)
            : (null, new EvidenceError(
                $"The notes ref {refName} does not point at a notes commit, so the evidence in it cannot be read.",
                $"Find what moved it (git reflog {refName}) and point it back at the last good notes commit, or fetch it again from the remote."));
    }

    /// <summary>The text of the note for <paramref name="commitSha"/> in a notes tree, at any fan-out.</summary>
    private static string? ReadNote(Tree tree, string commitSha)
    {
        var path = ExistingNotePath(tree, commitSha);
        return path is null ? null : ((Blob)tree[path].Target).GetContentText();
    }

    /// <summary>An error when the note for <paramref name="commitSha"/> is larger than any real one, else null.</summary>
    private static EvidenceError? Oversized(Tree tree, string commitSha, string refName) =>
        ExistingNotePath(tree, commitSha) is { } path && tree[path].Target is Blob { Size: > MaxNoteBytes } blob
            ? new EvidenceError(
                $"The evidence note of {commitSha} in {refName} is {blob.Size} bytes, more than the {MaxNoteBytes} a note may be; it is not read.",
                $"Find who wrote it (git log {refName}) and remove the note (git notes --ref {refName} remove {commitSha}), then record the evidence again.")
            : null;

    /// <summary>Where a note for <paramref name="commitSha"/> goes: where it already is, else at the top level.</summary>
    private static string NotePath(Tree? tree, string commitSha) =>
        (tree is null ? null : ExistingNotePath(tree, commitSha)) ?? commitSha;

    /// <summary>The path of the note for <paramref name="commitSha"/>, following git's two-digit fan-out directories.</summary>
    private static string? ExistingNotePath(Tree tree, string commitSha)
    {
        var current = tree;
        var prefix = string.Empty;
        for (var consumed = 0; consumed + 2 < commitSha.Length; consumed += 2)
        {
            if (current[commitSha[consumed..]] is { TargetType: TreeEntryTargetType.Blob })
            {
                return prefix + commitSha[consumed..];
            }

            var directory = commitSha.Substring(consumed, 2);
            if (current[directory] is not { TargetType: TreeEntryTargetType.Tree } fanOut)
            {
                return null;
            }

            current = (Tree)fanOut.Target;
            prefix += directory + "/";
        }

        return null;
    }

    private static IEnumerable<(string Commit, Blob Note)> EnumerateNotes(Tree tree, string prefix)
    {
        foreach (var entry in tree)
        {
            var name = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Blob && name.Length == 40 && name.All(char.IsAsciiHexDigit))
            {
                yield return (name.ToLowerInvariant(), (Blob)entry.Target);
            }
            else if (entry.TargetType == TreeEntryTargetType.Tree && entry.Name.Length == 2 && entry.Name.All(char.IsAsciiHexDigit) && name.Length < 40)
            {
                foreach (var note in EnumerateNotes((Tree)entry.Target, name))
                {
                    yield return note;
                }
            }
        }
    }

}

/// <summary>What merging another notes ref did.</summary>
/// <param name="Outcome">Up to date, fast-forwarded, or merged.</param>
/// <param name="ChangedNotes">How many commits' notes gained lines in a merge (0 otherwise).</param>
public sealed record NotesMergeReport(NotesMergeOutcome Outcome, int ChangedNotes);

/// <summary>The kind of result of merging another notes ref.</summary>
public enum NotesMergeOutcome
{
    /// <summary>Nothing to do: the other ref's notes were already included.</summary>
    UpToDate,

    /// <summary>The local ref moved forward to the other ref's tip.</summary>
    FastForwarded,

    /// <summary>A merge commit holding the union of both sides was written.</summary>
    Merged,
}
