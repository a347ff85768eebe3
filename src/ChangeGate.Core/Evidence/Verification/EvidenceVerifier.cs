using ChangeGate.Core.Evidence.Notes;
using ChangeGate.Core.Evidence.Records;
using LibGit2Sharp;

namespace ChangeGate.Core.Evidence.Verification;

/// <summary>Checks that a commit's evidence records are readable, belong to it, and are signed by the key.</summary>
public static class EvidenceVerifier
{
    /// <summary>Verifies the note of <paramref name="commitish"/> in the repository at <paramref name="repositoryPath"/>.</summary>
    /// <param name="repositoryPath">A path inside the repository.</param>
    /// <param name="commitish">The commit: SHA, ref or revision expression.</param>
    /// <param name="key">The signing key, or null when none is configured.</param>
    /// <param name="notesRef">The notes ref; <see cref="EvidenceNoteStore.DefaultNotesRef"/> by default.</param>
    /// <returns>The verification, or an error when the repository, the commit or a readable notes ref cannot be found.</returns>
    public static EvidenceResult<EvidenceVerification> Verify(string repositoryPath, string commitish, SigningKey? key, string notesRef = EvidenceNoteStore.DefaultNotesRef)
    {
        var root = Repository.Discover(repositoryPath);
        if (root is null)
        {
            return new EvidenceError($"'{repositoryPath}' is not inside a git repository.", "Run in a clone of the repository whose commit is being deployed.");
        }

        using var repository = new Repository(root);
        var (commit, notFound) = Git.CommitLookup.Find(repository, commitish);
        if (commit is null)
        {
            return new EvidenceError(notFound!.Message, notFound.Fix);
        }

        var note = new EvidenceNoteStore(repository, notesRef).Read(commit.Sha);
        return note.Succeeded ? Verify(note.Value, commit.Sha, commit.Tree.Sha, key) : note.Error;
    }

    /// <summary>Verifies an already read <paramref name="note"/> against the commit and tree it must describe.</summary>
    public static EvidenceVerification Verify(EvidenceNote note, string commitSha, string treeSha, SigningKey? key)
    {
        ArgumentNullException.ThrowIfNull(note);
        var records = new List<RecordVerification>();
        foreach (var line in note.Lines)
        {
            var problems = new List<string>();
            if (line.Record is null)
            {
                problems.Add(line.Error?.Message ?? "The line is not a valid evidence record.");
            }
            else
            {
                // A note that git copied along (notes.rewriteRef on amend or rebase) or that was
                // pasted onto another commit describes other code: it must not count here.
                if (!string.Equals(line.Record.Commit, commitSha, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"The record is for commit {line.Record.Commit}, not {commitSha}.");
                }

                if (!string.Equals(line.Record.Tree, treeSha, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"The record is for tree {line.Record.Tree}, and the commit's tree is {treeSha}.");
                }
            }

            var (status, reason) = EvidenceSigner.Check(line.Text, key);
            records.Add(new RecordVerification(line.Number, line.Record, status, reason, problems));
        }

        return new EvidenceVerification(commitSha, treeSha, key is not null, records);
    }
}
