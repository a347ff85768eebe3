using ChangeGate.Cli.Tests.Support;
using ChangeGate.Core.Tests.Evidence.TestSupport;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// Issue 5's acceptance scenario through the real changegate executable: in a scratch repository
/// with a real test project and a bare origin, commit, run the tests, record evidence, gate (the
/// evidence check passes); edit the note by hand with the key set (signature invalid); amend the
/// commit (no evidence for the new SHA).
/// </summary>
public sealed class EvidenceAcceptanceTests : IDisposable
{
    private const string Key = "correct-horse-battery-staple-2024";

    private const string Policy = """
        version: 1
        service: talk-message
        stages:
          - name: canary
            targets: [canary-01]
        rollback-plan: optional
        checks: [evidence]
        evidence:
          test-projects: all
        """;

    private readonly ScratchRepository _scratch = ScratchRepository.Create(Policy);

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Evidence_passes_then_an_edited_note_and_an_amended_commit_block()
    {
        File.WriteAllText(Path.Combine(_scratch.Work, ".gitignore"), "TestResults/\nbin/\nobj/\n");
        var project = DotnetTestRun.WriteProject(Path.Combine(_scratch.Work, "tests"), "Rollout.Tests");
        Git("add", "-A");
        Git("commit", "-q", "-m", "rollout tests");
        Ok(Run(null, "rollout", "start"));

        DotnetTestRun.Run(project, Path.Combine(_scratch.Work, "TestResults"), "unit.trx", "--filter", "FullyQualifiedName!~GasanFollowsPangyo");
        var record = Run(Key, "evidence", "record", "--results", "TestResults/*.trx", "--job", "unit");
        Ok(record);
        Assert.Contains("3 passed, 0 failed, 1 skipped", record.Output, StringComparison.Ordinal);
        Assert.Contains("pushed to origin", record.Output, StringComparison.Ordinal);
        Assert.Contains(_scratch.Head(), Git("--git-dir", _scratch.Remote, "notes", "--ref=changegate", "list"), StringComparison.Ordinal);

        var passed = Gate(Key);
        Assert.True(passed.Outcome == "pass", passed.ToString());
        Assert.Contains("3 tests passed, 1 skipped", passed.Reason, StringComparison.Ordinal);
        Ok(Run(Key, "evidence", "verify"));

        // Someone hides a failure by editing the note: with the key set, the gate sees it.
        var line = Git("notes", "--ref=changegate", "show", "HEAD").Trim();
        Git("notes", "--ref=changegate", "add", "-f", "-m", line.Replace("\"passed\":3", "\"passed\":30", StringComparison.Ordinal), "HEAD");
        var edited = Gate(Key);
        Assert.Equal("block", edited.Outcome);
        Assert.StartsWith("signature invalid", edited.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Run(Key, "evidence", "verify").ExitCode);

        // Amending makes a new commit: the evidence of the old one does not count.
        File.WriteAllText(Path.Combine(_scratch.Work, "app.txt"), "v2\n");
        Git("commit", "-q", "-a", "--amend", "-m", "release 1.0 (amended)");
        var amended = Gate(Key);
        Assert.Equal("block", amended.Outcome);
        Assert.Equal($"no evidence for {_scratch.Head()}", amended.Reason);
        Assert.Equal(1, Run(Key, "evidence", "show").ExitCode);
    }

    [Fact]
    public void Verify_without_a_key_and_a_key_too_short_are_bad_input()
    {
        var noKey = Run(null, "evidence", "verify");
        var shortKey = Run("short", "evidence", "show");

        Assert.Equal(2, noKey.ExitCode);
        Assert.Contains("CHANGEGATE_SIGNING_KEY is not set", noKey.Error, StringComparison.Ordinal);
        Assert.Equal(2, shortKey.ExitCode);
        Assert.Contains("too short", shortKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Recording_a_pattern_that_matches_nothing_or_a_malformed_file_is_bad_input_with_its_place()
    {
        Directory.CreateDirectory(Path.Combine(_scratch.Work, "TestResults"));
        File.WriteAllText(Path.Combine(_scratch.Work, "TestResults", "broken.trx"), "<TestRun>\n  <Results>\n    <UnitTestResult outcome=\"Passed\"\n");

        var none = Run(null, "evidence", "record", "--results", "nothing/*.trx");
        var broken = Run(null, "evidence", "record", "--results", "TestResults/broken.trx");

        Assert.Equal(2, none.ExitCode);
        Assert.Contains("No test result file matches 'nothing/*.trx'", none.Error, StringComparison.Ordinal);
        Assert.Equal(2, broken.ExitCode);
        Assert.Matches(@"broken\.trx:\d+:\d+: Malformed test result file", broken.Error);
        Assert.DoesNotContain("   at ", broken.All, StringComparison.Ordinal);
    }

    private CliRun Run(string? key, params string[] args) =>
        Changegate.Process(_scratch.Work, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = "ci@kakao.com", ["CHANGEGATE_SIGNING_KEY"] = key }, args);

    private static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, run.ToString());

    private GateCheckLine Gate(string? key) => GateCheckLine.Read(Run(key, "gate", "--target", "canary-01", "--format", "json"), "evidence");

    private string Git(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = _scratch.Work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "user.name=Dev", "-c", "user.email=dev@kakao.com" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error.Result}");
        return output;
    }
}
