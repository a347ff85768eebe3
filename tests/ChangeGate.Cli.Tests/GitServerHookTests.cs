using System.Diagnostics;
using ChangeGate.Analyzers.Tests.Infrastructure;
using ChangeGate.Cli.Tests.Support;
using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// samples/git-server/pre-receive installed in a real bare remote: changegate's own writes (fast-forwards)
/// go through, and a rewind or a deletion of the ledger or the evidence notes is refused by the push
/// itself. The contrast shows why the hook exists: git's receive.denyNonFastForwards and
/// receive.denyDeletes guard refs/heads/* only.
/// </summary>
public sealed class GitServerHookTests : IDisposable
{
    private const string Ledger = "refs/changegate/talk-message/ledger";
    private const string Notes = "refs/notes/changegate";
    private readonly ScratchRepository _scratch = ScratchRepository.Create();

    public void Dispose() => _scratch.Dispose();

    private void InstallHook()
    {
        var hook = Path.Combine(Directory.CreateDirectory(Path.Combine(_scratch.Remote, "hooks")).FullName, "pre-receive");
        File.Copy(RepositoryRoot.Combine("samples", "git-server", "pre-receive"), hook, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    // Writes through changegate (R-1 started, a failed canary deploy: three more events); returns the remote tip after the start.
    private string WriteLedger()
    {
        var env = new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };
        var start = Changegate.InProcess(_scratch.Work, env, "rollout", "start", "--rollback-plan", "redeploy 0.9");
        Assert.True(start.ExitCode == 0, start.ToString());
        var afterStart = RemoteRef(Ledger);
        var failed = Changegate.InProcess(_scratch.Work, env, "deploy", "record", "--target", "canary-01", "--status", "failed");
        Assert.True(failed.ExitCode == 0, failed.ToString());
        return afterStart;
    }

    // Two commits on the notes ref, pushed without force (any commit will do for the hook); returns the first.
    private string WriteNotes(string attacker)
    {
        var first = LedgerAttacker.Commit(attacker, null, "notes 1\n", ("a", "1"));
        var second = LedgerAttacker.Commit(attacker, first, "notes 2\n", ("a", "2"));
        LedgerAttacker.Push(attacker, "origin", first, Notes);
        LedgerAttacker.Push(attacker, "origin", second, Notes);
        return first;
    }

    // Someone with push rights and a copy of the ledger.
    private string Attacker()
    {
        var attacker = _scratch.AddClone("attacker");
        LedgerAttacker.Git(attacker, null, "fetch", "--quiet", "origin", $"+{Ledger}:{Ledger}");
        return attacker;
    }

    private string RemoteRef(string refName) => LedgerAttacker.Git(_scratch.Remote, null, "rev-parse", "--verify", "--quiet", refName);

    private bool RemoteHas(string refName) => Git(_scratch.Remote, "rev-parse", "--verify", "--quiet", refName).ExitCode == 0;

    [Fact]
    public void With_the_hook_changegate_writes_go_through_and_a_rewind_or_deletion_of_the_ledger_or_the_notes_is_refused_by_the_push()
    {
        InstallHook();
        var afterStart = WriteLedger();
        var tip = RemoteRef(Ledger);
        var attacker = Attacker();
        var notesFirst = WriteNotes(attacker);
        var notesTip = RemoteRef(Notes);

        var rewind = Git(attacker, "push", "--force", "origin", $"{afterStart}:{Ledger}");
        var delete = Git(attacker, "push", "origin", $":{Ledger}");
        var notesRewind = Git(attacker, "push", "--force", "origin", $"{notesFirst}:{Notes}");
        var notesDelete = Git(attacker, "push", "origin", $":{Notes}");

        Assert.NotEqual(0, rewind.ExitCode);
        Assert.Contains($"refused: {Ledger} may only move forward", rewind.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, delete.ExitCode);
        Assert.Contains($"refused: {Ledger} may not be deleted", delete.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, notesRewind.ExitCode);
        Assert.Contains($"refused: {Notes} may only move forward", notesRewind.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, notesDelete.ExitCode);
        Assert.Contains($"refused: {Notes} may not be deleted", notesDelete.Error, StringComparison.Ordinal);
        Assert.Equal(tip, RemoteRef(Ledger));
        Assert.Equal(notesTip, RemoteRef(Notes));

        // The ledger still takes changegate's next write, and the gate still decides on the whole history.
        var resolve = Changegate.InProcess(_scratch.Work, new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = "sre@kakao.com" }, "incident", "resolve", "INC-1", "--reason", "fixed");
        Assert.True(resolve.ExitCode == 0, resolve.ToString());
        Assert.NotEqual(tip, RemoteRef(Ledger));

        // Branches are none of the hook's business: their own protection applies.
        var branch = Git(attacker, "push", "--force", "origin", $"{afterStart}:refs/heads/scratch");
        Assert.True(branch.ExitCode == 0, branch.Error);
    }

    [Fact]
    public void Without_the_hook_git_refuses_non_fast_forwards_and_deletions_of_branches_only()
    {
        LedgerAttacker.Git(_scratch.Remote, null, "config", "receive.denyNonFastForwards", "true");
        LedgerAttacker.Git(_scratch.Remote, null, "config", "receive.denyDeletes", "true");
        var afterStart = WriteLedger();
        var attacker = Attacker();
        LedgerAttacker.Push(attacker, "origin", RemoteRef(Ledger), "refs/heads/release");

        var branchRewind = Git(attacker, "push", "--force", "origin", $"{afterStart}:refs/heads/release");
        var ledgerRewind = Git(attacker, "push", "--force", "origin", $"{afterStart}:{Ledger}");
        var ledgerRewound = RemoteRef(Ledger);
        var ledgerDelete = Git(attacker, "push", "origin", $":{Ledger}");

        Assert.NotEqual(0, branchRewind.ExitCode);
        Assert.True(ledgerRewind.ExitCode == 0, ledgerRewind.Error);
        Assert.Equal(afterStart, ledgerRewound);
        Assert.True(ledgerDelete.ExitCode == 0, ledgerDelete.Error);
        Assert.False(RemoteHas(Ledger));
    }

    private static (int ExitCode, string Error) Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"git {string.Join(' ', arguments)} did not finish");
        }

        return (process.ExitCode, error.Result);
    }
}
