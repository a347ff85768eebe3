using ChangeGate.Cli.Tests.Support;
using ChangeGate.SolutionAnalysis.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// The gate's <c>analyzers</c> check through the real executable, both ways it gets findings: the
/// analysis engine run over the policy's project, and a SARIF file written by <c>changegate analyze</c>.
/// The legacy sample is copied into a scratch repository; its CG1001 is raised to error there.
/// </summary>
public sealed class AnalyzersGateTests : IDisposable
{
    private const string Policy = """
        version: 1
        service: updater
        stages:
          - name: canary
            targets: [canary-01]
        rollback-plan: optional
        checks: [analyzers]
        analyzers:
          solution: samples/LegacyUpdater/LegacyUpdater.csproj
          scope: all
        """;

    private readonly SampleCopy _copy = new("LegacyUpdater");

    public AnalyzersGateTests()
    {
        File.WriteAllText(Path.Combine(_copy.Root, "changegate.yml"), Policy);
        File.WriteAllText(Path.Combine(_copy.Root, ".gitignore"), "bin/\nobj/\n*.sarif\n");
        Repository.Init(_copy.Root);
        using var git = new Repository(_copy.Root);
        LibGit2Sharp.Commands.Stage(git, "*");
        var author = new Signature("Dev", "dev@kakao.com", DateTimeOffset.UtcNow);
        git.Commit("updater 1.0", author, author);
    }

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void A_finding_of_error_severity_blocks_whether_the_gate_runs_the_analysis_or_reads_sarif()
    {
        RaiseCg1001ToError();
        Ok(Run("rollout", "start"));

        var analysed = Gate();
        Assert.True(analysed.Outcome == "block", analysed.ToString());
        Assert.Equal("2 ChangeGate findings of error severity: CG1001 at samples/LegacyUpdater/ServerFileUpdater.cs:24, CG1001 at samples/LegacyUpdater/ServerFileUpdater.cs:32", analysed.Reason);
        Assert.Equal(1, analysed.Run.ExitCode);

        Assert.Equal(1, Run("analyze", "samples/LegacyUpdater", "--format", "sarif", "--output", "build.sarif").ExitCode);
        var fromSarif = Gate("--sarif", "build.sarif");
        Assert.True(fromSarif.Outcome == "block", fromSarif.ToString());
        Assert.Equal(analysed.Reason, fromSarif.Reason);
    }

    [Fact]
    public void A_clean_sarif_of_another_commit_does_not_let_a_commit_with_an_error_through()
    {
        // The SARIF of the commit before: CG1001 is a warning there, so the file holds no error.
        Assert.Equal(0, Run("analyze", "samples/LegacyUpdater", "--format", "sarif", "--output", "clean.sarif").ExitCode);
        using (var git = new Repository(_copy.Root))
        {
            var before = git.Head.Tip.Sha;
            RaiseCg1001ToError();
            Assert.NotEqual(before, git.Head.Tip.Sha);
        }

        Ok(Run("rollout", "start"));

        var gate = Gate("--sarif", "clean.sarif");

        Assert.True(gate.Outcome == "block", gate.ToString());
        Assert.Contains("clean.sarif runs[0] was written for commit", gate.Reason, StringComparison.Ordinal);
        Assert.Equal(1, gate.Run.ExitCode);
    }

    [Fact]
    public void Warnings_alone_pass_and_are_counted()
    {
        Ok(Run("rollout", "start"));

        var gate = Gate();

        Assert.True(gate.Outcome == "pass", gate.ToString());
        Assert.Equal("no ChangeGate finding of error severity in everything (6 warnings)", gate.Reason);
        Assert.Equal(0, gate.Run.ExitCode);
    }

    [Fact]
    public void A_sarif_file_that_does_not_exist_is_an_error_that_blocks_and_names_it()
    {
        Ok(Run("rollout", "start"));

        var gate = Gate("--sarif", "missing.sarif");

        Assert.True(gate.Outcome == "error", gate.ToString());
        Assert.Contains("missing.sarif", gate.Reason, StringComparison.Ordinal);
        Assert.NotEqual(0, gate.Run.ExitCode);
        Assert.DoesNotContain("   at ", gate.Run.All, StringComparison.Ordinal);
    }

    // Committed: the gate takes SARIF only from a clean checkout of the commit it gates.
    private void RaiseCg1001ToError()
    {
        File.WriteAllText(Path.Combine(_copy.Directory, ".editorconfig"), "[*.cs]\ndotnet_diagnostic.CG1001.severity = error\n");
        using var git = new Repository(_copy.Root);
        LibGit2Sharp.Commands.Stage(git, "*");
        var author = new Signature("Dev", "dev@kakao.com", DateTimeOffset.UtcNow);
        git.Commit("raise CG1001 to error", author, author);
    }

    private CliRun Run(params string[] args) =>
        Changegate.Process(_copy.Root, new Dictionary<string, string?> { ["CHANGEGATE_ACTOR"] = "release@kakao.com" }, args);

    private static void Ok(CliRun run) => Assert.True(run.ExitCode == 0, run.ToString());

    private GateCheckLine Gate(params string[] extra) => GateCheckLine.Read(Run(["gate", "--target", "canary-01", "--format", "json", .. extra]), "analyzers");
}
