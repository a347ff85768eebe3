using System.Diagnostics;
using System.Text;

namespace ChangeGate.Core.Tests.Support;

/// <summary>
/// What someone with push rights to the repository's refs does to a ledger, with plain git plumbing
/// (hash-object, mktree, commit-tree, update-ref, push): no changegate code writes their commits.
/// </summary>
public static class LedgerAttacker
{
    /// <summary>Runs git in <paramref name="directory"/> with <paramref name="input"/> on stdin; asserts success; returns stdout trimmed.</summary>
    public static string Git(string directory, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_AUTHOR_NAME"] = "Mallory";
        start.Environment["GIT_AUTHOR_EMAIL"] = "lead@kakao.com";
        start.Environment["GIT_COMMITTER_NAME"] = "Mallory";
        start.Environment["GIT_COMMITTER_EMAIL"] = "lead@kakao.com";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"git {string.Join(' ', arguments)} did not finish");
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {error.Result}");
        return output.Result.Trim();
    }

    /// <summary>Writes a blob holding <paramref name="text"/>; returns its id.</summary>
    public static string Blob(string directory, string text) => Git(directory, text, "hash-object", "-w", "--stdin");

    /// <summary>
    /// Commits a ledger event on top of <paramref name="parent"/> with the files given (name → text),
    /// as a ledger commit looks; returns the new commit's id. Moves no ref.
    /// </summary>
    public static string Commit(string directory, string? parent, string message, params (string Name, string Text)[] files)
    {
        var tree = new StringBuilder();
        foreach (var (name, text) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            tree.Append($"100644 blob {Blob(directory, text)}\t{name}\n");
        }

        var treeId = Git(directory, tree.ToString(), "mktree");
        return parent is null
            ? Git(directory, message, "commit-tree", treeId)
            : Git(directory, message, "commit-tree", treeId, "-p", parent);
    }

    /// <summary>The text of <paramref name="path"/> in <paramref name="commit"/>.</summary>
    public static string Show(string directory, string commit, string path) => Git(directory, null, "show", $"{commit}:{path}") + "\n";

    /// <summary>Points <paramref name="refName"/> at <paramref name="commit"/> in <paramref name="directory"/>.</summary>
    public static void UpdateRef(string directory, string refName, string commit) => Git(directory, null, "update-ref", refName, commit);

    /// <summary>Pushes <paramref name="commit"/> to <paramref name="refName"/> on <paramref name="remote"/>; <paramref name="force"/> as a rewind needs.</summary>
    public static void Push(string directory, string remote, string commit, string refName, bool force = false) =>
        Git(directory, null, force ? ["push", "--quiet", "--force", remote, $"{commit}:{refName}"] : ["push", "--quiet", remote, $"{commit}:{refName}"]);

    /// <summary>Deletes <paramref name="refName"/> on <paramref name="remote"/>.</summary>
    public static void DeleteRemoteRef(string directory, string remote, string refName) => Git(directory, null, "push", "--quiet", remote, $":{refName}");
}
