using ChangeGate.Cli.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Cli.Tests;

/// <summary>What a release manager gets wrong on the command line: each is exit 2 with what is wrong and the fix, never exit 3.</summary>
public sealed class UserMistakeTests : IDisposable
{
    // A TRX with one passed test, as `dotnet test --logger trx` writes it, minus what the reader ignores.
    private const string PassingTrx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="1" name="r" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results><UnitTestResult testName="T.A" outcome="Passed" duration="00:00:00.01" /></Results>
        </TestRun>
        """;

    private static readonly Dictionary<string, string> Actor = new() { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };
    private readonly ScratchRepository _scratch = ScratchRepository.Create(withRemote: false);

    private CliRun Run(params string[] args) => Changegate.InProcess(_scratch.Work, Actor, args);

    [Fact]
    public void An_annotated_release_tag_names_the_commit_it_points_at()
    {
        using (var git = new Repository(_scratch.Work))
        {
            var signature = new Signature("Dev", ScratchRepository.Author, DateTimeOffset.UtcNow);
            git.ApplyTag("v1.0.0", signature, "release 1.0.0");
        }

        var start = Run("rollout", "start", "--rollback-plan", "x", "--commit", "v1.0.0");
        var gate = Run("gate", "--target", "canary-01", "--commit", "v1.0.0");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains($"of {_scratch.Head()[..12]}", start.Output, StringComparison.Ordinal);
        Assert.True(gate.ExitCode == 0, gate.ToString());
    }

    [Fact]
    public void A_repository_without_a_commit_says_to_commit_first()
    {
        var empty = Path.Combine(_scratch.Root, "empty");
        Repository.Init(empty);
        File.WriteAllText(Path.Combine(empty, "changegate.yml"), ScratchRepository.ThreeStagePolicy);

        var start = Changegate.InProcess(empty, Actor, "rollout", "start", "--rollback-plan", "x");
        var gate = Changegate.InProcess(empty, Actor, "gate", "--target", "canary-01");

        Assert.True(start.ExitCode == 2, start.ToString());
        Assert.Contains("the repository has no commit yet", start.Error, StringComparison.Ordinal);
        Assert.Contains("git commit", start.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--commit", start.Error, StringComparison.Ordinal);
        Assert.Equal(2, gate.ExitCode);
        Assert.Contains("the repository has no commit yet", gate.Output, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(empty, "unit.trx"), PassingTrx);
        foreach (var args in new[] { new[] { "evidence", "record", "--results", "unit.trx" }, ["affected", "--since", "HEAD"] })
        {
            var run = Changegate.InProcess(empty, Actor, args);

            Assert.True(run.ExitCode == 2, string.Join(' ', args) + "\n" + run);
            Assert.Contains("the repository has no commit yet", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("fetch", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Gate_output_that_is_a_directory_is_exit_2_before_anything_is_decided()
    {
        Assert.Equal(0, Run("rollout", "start", "--rollback-plan", "x").ExitCode);
        var folder = Directory.CreateDirectory(Path.Combine(_scratch.Root, "artifacts")).FullName;

        var run = Run("gate", "--target", "canary-01", "--format", "junit", "--output", folder);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error: {folder} is a directory, not a file", run.Error, StringComparison.Ordinal);
        Assert.Contains("fix: pass --output a file, e.g. " + Path.Combine(folder, "gate-report.xml"), run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ALLOWED", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_output_in_a_directory_that_does_not_exist_yet_is_written_there()
    {
        Assert.Equal(0, Run("rollout", "start", "--rollback-plan", "x").ExitCode);
        var file = Path.Combine(_scratch.Root, "artifacts", "gate", "junit.xml");

        var run = Run("gate", "--target", "canary-01", "--format", "junit", "--output", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("<testsuite", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_output_with_the_text_format_writes_the_text_report_there()
    {
        Assert.Equal(0, Run("rollout", "start", "--rollback-plan", "x").ExitCode);
        var file = Path.Combine(_scratch.Root, "gate.txt");

        var run = Run("gate", "--target", "canary-01", "--output", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(file), "--output with the text format wrote nothing");
        var report = File.ReadAllText(file);
        Assert.Contains("changegate gate · service talk-message", report, StringComparison.Ordinal);
        Assert.Contains("ALLOWED (exit 0)", report, StringComparison.Ordinal);
        Assert.Equal(run.Output, report);
    }

    [Fact]
    public void A_step_summary_path_that_cannot_be_written_is_exit_2()
    {
        Assert.Equal(0, Run("rollout", "start", "--rollback-plan", "x").ExitCode);
        var folder = Directory.CreateDirectory(Path.Combine(_scratch.Root, "summary")).FullName;
        var environment = new Dictionary<string, string>(Actor) { ["GITHUB_STEP_SUMMARY"] = folder };

        var run = Changegate.InProcess(_scratch.Work, environment, "gate", "--target", "canary-01", "--format", "github");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("set GITHUB_STEP_SUMMARY to a file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_output_that_is_a_directory_is_exit_2_before_the_analysis()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scratch.Root, "sarif")).FullName;

        var run = Run("analyze", "--format", "sarif", "--output", folder);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{folder} is a directory, not a file", run.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder, "changegate.sarif"), run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_into_a_directory_is_exit_2_and_into_a_new_folder_writes_the_template()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scratch.Root, "policies")).FullName;
        var nested = Path.Combine(_scratch.Root, "deploy", "prod", "changegate.yml");

        var intoFolder = Run("init", "--service", "talk-message", "--policy", folder);
        var intoNewFolder = Run("init", "--service", "talk-message", "--policy", nested);

        Assert.True(intoFolder.ExitCode == 2, intoFolder.ToString());
        Assert.Contains("fix: pass --policy a file, e.g. " + Path.Combine(folder, "changegate.yml"), intoFolder.Error, StringComparison.Ordinal);
        Assert.True(intoNewFolder.ExitCode == 0, intoNewFolder.ToString());
        Assert.Equal(0, Run("policy", "check", "--policy", nested).ExitCode);
    }

    [Fact]
    public void A_policy_path_that_is_a_directory_says_so()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scratch.Root, "policies")).FullName;

        var run = Run("policy", "check", "--policy", folder);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{folder} is a directory, not a policy file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_is_not_utf8_is_exit_2_at_the_first_bad_byte()
    {
        // EUC-KR, as an older Korean editor saves it: '배포' in a comment would silently become U+FFFD.
        var policy = System.Text.Encoding.UTF8.GetBytes(ScratchRepository.ThreeStagePolicy.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n# ")
            .Concat(new byte[] { 0xB9, 0xE8, 0xC6, 0xF7, (byte)'\n' }).ToArray();
        File.WriteAllBytes(Path.Combine(_scratch.Work, "changegate.yml"), policy);
        var line = ScratchRepository.ThreeStagePolicy.Split('\n').Length + 1;

        foreach (var args in new[] { new[] { "policy", "check" }, ["rollout", "start", "--rollback-plan", "x"] })
        {
            var run = Run(args);

            Assert.True(run.ExitCode == 2, string.Join(' ', args) + "\n" + run);
            Assert.Contains($"changegate.yml:{line}:3: byte 0xB9 is not UTF-8 text", run.Error, StringComparison.Ordinal);
            Assert.Contains("save the file as UTF-8", run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_remote_name_git_cannot_have_is_exit_2_naming_the_known_remotes()
    {
        // An empty CI variable: --remote "$LEDGER_REMOTE".
        foreach (var name in new[] { "", "two words" })
        {
            foreach (var args in new[] { new[] { "rollout", "status" }, ["evidence", "show"], ["gate", "--target", "canary-01"] })
            {
                var run = Run([.. args, "--remote", name]);

                Assert.True(run.ExitCode == 2, string.Join(' ', args) + "\n" + run);
                Assert.Contains($"there is no git remote named '{name}'", run.All, StringComparison.Ordinal);
                Assert.DoesNotContain("internal error", run.All, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void An_empty_value_from_an_unset_variable_is_exit_2_and_nothing_is_recorded()
    {
        Assert.Equal(0, Run("rollout", "start", "--rollback-plan", "x").ExitCode);
        var before = Run("log", "--format", "json").Output;
        string[][] mistakes =
        [
            ["incident", "open", "--title", ""],
            ["incident", "open", "--title", "  "],
            ["incident", "open", "--title", "t", "--target", ""],
            ["rollout", "pause", "--reason", ""],
            ["rollout", "abort", "--reason", " "],
            ["rollout", "promote", "--reason", ""],
            ["deploy", "record", "--target", "", "--status", "ok"],
            ["approve", "--comment", ""],
            ["override", "--check", "freeze", "--reason", "", "--expires", "1h"],
            ["gate", "--target", ""],
            ["gate", "--stage", ""],
            ["incident", "list", "--actor", ""],
            ["gate", "--commit", ""],
            ["gate", "--target", "canary-01", "--sarif", ""],
            ["rollout", "start", "--rollback-plan", "x", "--commit", ""],
            ["evidence", "show", "--commit", ""],
            ["evidence", "verify", "--commit", ""],
            ["evidence", "record", "--results", "x.trx", "--commit", ""],
            ["evidence", "record", "--results", "x.trx", "--job", ""],
            ["evidence", "record", "--results", "x.trx", "--signing-key", ""],
            ["evidence", "verify", "--attestation", " "],
            ["evidence", "export", "--output", ""],
            ["evidence", "export", "--output", "a.json", "--url", ""],
            ["evidence", "restore", "--commit", ""],
            ["evidence", "keygen", "--output", ""],
            ["evidence", "keygen", "--output", "keys", "--name", ""],
            ["affected", "--since", ""],
            ["analyze", "--changed-since", ""],
            ["init", "--service", "", "--force"],
        ];

        foreach (var args in mistakes)
        {
            var run = Run(args);

            Assert.True(run.ExitCode == 2, string.Join(' ', args) + "\n" + run);
            var option = args[Array.FindIndex(args, a => string.IsNullOrWhiteSpace(a)) - 1];
            Assert.Contains($"error: {option} is empty; give it a value, e.g. {option} ", run.Error, StringComparison.Ordinal);
        }

        var incident = Run("incident", "resolve", "", "--reason", "r");
        Assert.Equal(2, incident.ExitCode);
        Assert.Contains("error: id is empty; give it a value, e.g. INC-1", incident.Error, StringComparison.Ordinal);
        var analyze = Run("analyze", " ");
        Assert.Equal(2, analyze.ExitCode);
        Assert.Contains("error: SLN|PROJ is empty", analyze.Error, StringComparison.Ordinal);
        Assert.Equal(before, Run("log", "--format", "json").Output);
        Assert.Equal(ScratchRepository.ThreeStagePolicy, File.ReadAllText(Path.Combine(_scratch.Work, "changegate.yml")));
    }

    [Fact]
    public void Init_with_a_service_name_that_cannot_be_a_ref_keeps_the_existing_policy()
    {
        var policy = Path.Combine(_scratch.Work, "changegate.yml");

        var run = Run("init", "--service", "Talk Message", "--force");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: service 'Talk Message' is not a valid name", run.Error, StringComparison.Ordinal);
        Assert.Contains("fix: pass --service NAME;", run.Error, StringComparison.Ordinal);
        Assert.Equal(ScratchRepository.ThreeStagePolicy, File.ReadAllText(policy));
    }

    [Theory]
    [InlineData("rollout strat", "error: Unrecognized command or argument 'strat'.", "fix: did you mean 'start'? see `changegate rollout --help`")]
    [InlineData("polcy check", "error: Unrecognized command or argument 'polcy'.", "fix: did you mean 'policy'? see `changegate --help`")]
    [InlineData("evidence verfy", "error: Unrecognized command or argument 'verfy'.", "fix: did you mean 'verify'? see `changegate evidence --help`")]
    [InlineData("deploy recrod --target canary-01 --status ok", "error: Unrecognized command or argument 'recrod'.", "fix: did you mean 'record'? see `changegate deploy --help`")]
    [InlineData("gate --taget canary-01", "error: Unrecognized command or argument '--taget'.", "fix: did you mean '--target'? see `changegate gate --help`")]
    [InlineData("rollout start --comit HEAD", "error: Unrecognized command or argument '--comit'.", "fix: did you mean '--commit'? see `changegate rollout start --help`")]
    [InlineData("rollout", "error: Required command was not provided.", "fix: name one of start, status, promote, pause, resume, abort, rollback, complete; see `changegate rollout --help`")]
    [InlineData("override --check frezee --reason r --expires 1h", "error: Argument 'frezee' not recognized. Must be one of: 'incidents', 'stage', 'approvals', 'freeze', 'rollback-plan', 'redundancy', 'evidence', 'analyzers', 'bake'", "fix: see `changegate override --help`")]
    [InlineData("log --limit -5", "error: --limit '-5' is not a number of events; give a whole number of 0 or more, e.g. --limit 20", "fix: see `changegate log --help`")]
    [InlineData("log --limit ten", "error: --limit 'ten' is not a number of events; give a whole number of 0 or more, e.g. --limit 20", "fix: see `changegate log --help`")]
    [InlineData("gate --format xml", "error: Argument 'xml' not recognized. Must be one of: 'text', 'json', 'github', 'junit'", "fix: see `changegate gate --help`")]
    public void A_misspelt_command_line_says_the_one_thing_wrong_and_the_likely_fix(string commandLine, string error, string fix)
    {
        var run = Run(commandLine.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([error, "  " + fix], run.Error.TrimEnd().Split('\n').Select(line => line.TrimEnd('\r')).ToArray());
    }

    [Fact]
    public void A_value_that_starts_with_an_at_sign_is_a_value_not_a_response_file()
    {
        var open = Run("incident", "open", "--title", "@oncall error rate 5% on pangyo-02", "--actor", "@kim");
        var gate = Run("gate", "--target", "canary-01", "--commit", "@");

        Assert.True(open.ExitCode == 0, open.ToString());
        var list = Run("incident", "list");
        Assert.Contains("@oncall error rate 5% on pangyo-02", list.Output, StringComparison.Ordinal);
        Assert.Contains("@kim", list.Output, StringComparison.Ordinal);
        Assert.Contains($"commit {_scratch.Head()[..12]}", gate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_in_a_bare_repository_says_to_run_it_in_a_clone_and_writes_nothing()
    {
        var bare = Path.Combine(_scratch.Root, "mirror.git");
        Repository.Init(bare, isBare: true);

        var run = Changegate.InProcess(bare, Actor, "init", "--service", "talk-message");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("is a bare repository", run.Error, StringComparison.Ordinal);
        Assert.Contains("fix: run `changegate init` in a clone", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(bare, "changegate.yml")));
    }

    [Fact]
    public void In_a_git_worktree_the_actor_is_the_repositorys_user_email_and_evidence_is_shared_through_its_remote()
    {
        using var scratch = ScratchRepository.Create();
        var worktree = Path.Combine(scratch.Root, "second-checkout");
        using (var git = new Repository(scratch.Work))
        {
            git.Worktrees.Add("second-checkout", worktree, isLocked: false);
        }

        File.WriteAllText(Path.Combine(scratch.Root, "unit.trx"), PassingTrx);
        var noActor = new Dictionary<string, string>();

        // The local user.email of the repository, not whatever the machine's global config says.
        var record = Changegate.InProcess(worktree, noActor, "evidence", "record", "--results", Path.Combine(scratch.Root, "unit.trx"));
        var incident = Changegate.InProcess(worktree, noActor, "incident", "open", "--title", "from the worktree");

        Assert.True(record.ExitCode == 0, record.ToString());
        Assert.Contains($"by {ScratchRepository.Author}", Changegate.InProcess(scratch.Work, noActor, "evidence", "show").Output, StringComparison.Ordinal);
        using (var remote = new Repository(scratch.Remote))
        {
            Assert.NotNull(remote.Refs["refs/notes/changegate"]);
        }

        Assert.True(incident.ExitCode == 0, incident.ToString());
        Assert.Contains($"recorded by {ScratchRepository.Author}", incident.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evidence_that_cannot_be_pushed_is_exit_2_and_says_to_record_it_again()
    {
        using var scratch = ScratchRepository.Create();
        using (var git = new Repository(scratch.Work))
        {
            git.Network.Remotes.Update("origin", r => r.PushUrl = Path.Combine(scratch.Root, "no-such-remote.git"));
        }

        var results = Path.Combine(scratch.Root, "unit.trx");
        File.WriteAllText(results, PassingTrx);

        var run = Changegate.InProcess(scratch.Work, Actor, "evidence", "record", "--results", results);

        // The ledger's anchor comes first and the remote refused it: nothing was recorded, here or there.
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("could not push to remote 'origin'", run.Error, StringComparison.Ordinal);
        Assert.Contains("run `changegate evidence record` again with the same files", run.Error, StringComparison.Ordinal);
        using var local = new Repository(scratch.Work);
        Assert.Null(local.Refs["refs/notes/changegate"]);
        Assert.Null(local.Refs["refs/changegate/talk-message/ledger"]);
    }

    [Fact]
    public void An_actor_git_cannot_put_in_a_signature_is_exit_2_naming_where_it_came_from()
    {
        var fromOption = Run("incident", "open", "--title", "t", "--actor", "kim\nlee@kakao.com");
        var fromEnvironment = Changegate.InProcess(_scratch.Work, new Dictionary<string, string> { ["CHANGEGATE_ACTOR"] = "Kim <kim@kakao.com>" }, "incident", "open", "--title", "t");

        Assert.True(fromOption.ExitCode == 2, fromOption.ToString());
        Assert.Contains("error: --actor 'kim\\nlee@kakao.com' cannot name who is acting", fromOption.Error, StringComparison.Ordinal);
        Assert.True(fromEnvironment.ExitCode == 2, fromEnvironment.ToString());
        Assert.Contains("error: CHANGEGATE_ACTOR 'Kim <kim@kakao.com>' cannot name who is acting", fromEnvironment.Error, StringComparison.Ordinal);
        Assert.Equal(2, Run("incident", "list").ExitCode);
    }

    public void Dispose() => _scratch.Dispose();
}
