using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>Exit codes: 1 refused or blocked, 2 bad input (with file:line:column where there is one), 3 internal error.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private static readonly Dictionary<string, string> Actor = new() { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };
    private readonly ScratchRepository _scratch = ScratchRepository.Create(withRemote: false);

    private CliRun Run(params string[] args) => Changegate.InProcess(_scratch.Work, Actor, args);

    [Fact]
    public void A_policy_with_a_typo_is_exit_2_with_file_line_and_column()
    {
        File.WriteAllText(Path.Combine(_scratch.Work, "changegate.yml"), ScratchRepository.ThreeStagePolicy.Replace("    bake: 1s\n    approvals: 1", "    bake: 1s\n    approvls: 1", StringComparison.Ordinal));

        foreach (var args in new[] { new[] { "policy", "check" }, ["gate", "--target", "canary-01"], ["rollout", "start", "--rollback-plan", "x"] })
        {
            var run = Run(args);

            Assert.True(run.ExitCode == 2, string.Join(' ', args) + "\n" + run);
            Assert.Contains("changegate.yml:10:5: unknown key 'approvls' in a stage; did you mean 'approvals'?", run.All, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_ledger_ref_pointing_at_garbage_is_exit_2_and_the_ref_is_left_alone()
    {
        var refFile = Path.Combine(_scratch.Work, ".git", "refs", "changegate", "talk-message", "ledger");
        Directory.CreateDirectory(Path.GetDirectoryName(refFile)!);
        File.WriteAllText(refFile, "0000garbage\n");

        var gate = Run("gate", "--target", "canary-01");
        var start = Run("rollout", "start", "--rollback-plan", "x");

        Assert.Equal(2, gate.ExitCode);
        Assert.Contains("the ledger at refs/changegate/talk-message/ledger is damaged", gate.Output, StringComparison.Ordinal);
        Assert.Equal(2, start.ExitCode);
        Assert.Contains("is damaged", start.Error, StringComparison.Ordinal);
        Assert.Equal("0000garbage\n", File.ReadAllText(refFile));
    }

    [Fact]
    public void A_missing_ledger_is_exit_2_for_the_gate_and_for_readers()
    {
        var gate = Run("gate", "--target", "canary-01");
        var status = Run("rollout", "status");
        var log = Run("log");

        Assert.Equal(2, gate.ExitCode);
        Assert.Contains("there is no ledger for service 'talk-message'", gate.Output, StringComparison.Ordinal);
        Assert.Equal(2, status.ExitCode);
        Assert.Equal(2, log.ExitCode);
        Assert.Contains("changegate rollout start", log.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_transition_is_exit_1_with_the_reason_and_the_fix()
    {
        var run = Run("rollout", "promote");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("refused: no rollout has been started for this service", run.Error, StringComparison.Ordinal);
        Assert.Contains("fix: start one with `changegate rollout start", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_missing_required_options_and_bad_values_are_exit_2()
    {
        Assert.Equal(2, Run("gate", "--taget", "x").ExitCode);
        var missing = Run("deploy", "record", "--target", "canary-01");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--status", missing.Error, StringComparison.Ordinal);
        Assert.Contains("changegate deploy record --help", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, Run("deploy", "record", "--target", "canary-01", "--status", "maybe").ExitCode);
        Assert.Equal(2, Run("gate", "--format", "xml").ExitCode);
        Assert.Equal(2, Run("override", "--check", "freeze", "--reason", "r", "--expires", "soon").ExitCode);
    }

    [Fact]
    public void Outside_a_git_repository_is_exit_2()
    {
        var folder = Directory.CreateTempSubdirectory("changegate-norepo-");
        try
        {
            var run = Changegate.InProcess(folder.FullName, Actor, "gate");

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("is not inside a git repository", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [Fact]
    public void An_unknown_remote_is_exit_2_naming_the_known_ones()
    {
        var run = Run("rollout", "start", "--rollback-plan", "x", "--remote", "upstream");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("there is no git remote named 'upstream'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_error_is_exit_3_with_a_short_message_and_the_stack_only_with_verbose()
    {
        var quiet = Crash("policy", "check");
        var verbose = Crash("policy", "check", "--verbose");

        Assert.Equal(3, quiet.ExitCode);
        Assert.Contains("internal error: IOException: the output is gone", quiet.Error, StringComparison.Ordinal);
        Assert.Contains("--verbose", quiet.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", quiet.Error, StringComparison.Ordinal);
        Assert.Equal(3, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_identity_a_write_is_exit_2_with_how_to_set_one()
    {
        // A real process with an empty HOME, so no global git config can supply user.email.
        using (var git = new LibGit2Sharp.Repository(_scratch.Work))
        {
            git.Config.Unset("user.email", LibGit2Sharp.ConfigurationLevel.Local);
        }

        var home = Directory.CreateTempSubdirectory("changegate-home-");
        try
        {
            var run = Changegate.Process(_scratch.Work, new Dictionary<string, string?>
            {
                ["HOME"] = home.FullName,
                ["XDG_CONFIG_HOME"] = home.FullName,
                ["GIT_CONFIG_NOSYSTEM"] = "1",
            }, "rollout", "start", "--rollback-plan", "x");

            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("cannot tell who you are", run.Error, StringComparison.Ordinal);
            Assert.Contains("--actor", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            home.Delete(true);
        }
    }

    [Fact]
    public void The_actor_comes_from_the_option_then_the_environment_then_git_user_email()
    {
        Changegate.InProcess(_scratch.Work, new Dictionary<string, string>(), "rollout", "start", "--rollback-plan", "x");
        Changegate.InProcess(_scratch.Work, Actor, "incident", "open", "--title", "from env");
        Changegate.InProcess(_scratch.Work, Actor, "incident", "open", "--title", "from option", "--actor", "option@kakao.com");

        var log = Run("log", "--format", "json");

        Assert.Equal(0, log.ExitCode);
        var events = System.Text.Json.JsonDocument.Parse(log.Output).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("actor").GetString()).ToList();
        // start; incident + pause (env); incident only, the rollout is already paused (option).
        Assert.Equal([ScratchRepository.Author, "rm@kakao.com", "rm@kakao.com", "option@kakao.com"], events);
    }

    private CliRun Crash(params string[] args)
    {
        var error = new StringWriter();
        var environment = new CliEnvironment(new BrokenWriter(), error, _ => null, _scratch.Work, interactive: false);
        var exit = CliApp.Run(args, environment);
        return new CliRun(exit, "", error.ToString());
    }

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("the output is gone");

        public override void Write(string? value) => throw new IOException("the output is gone");

        public override void Write(char[] buffer, int index, int count) => throw new IOException("the output is gone");
    }

    public void Dispose() => _scratch.Dispose();
}
