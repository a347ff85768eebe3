using System.Text.Json;
using ChangeGate.Analyzers.Tests.Infrastructure;
using ChangeGate.Analyzers.Tests.Samples;
using ChangeGate.Cli.Tests.Support;
using ChangeGate.SolutionAnalysis.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// <c>changegate analyze SAMPLE --format sarif --output x.sarif</c> through the real executable, on
/// copies of the samples (so nothing is restored inside the checkout while other tests build them).
/// </summary>
public sealed class AnalyzeCommandTests
{
    [Fact]
    public void The_legacy_sample_gives_sarif_with_the_findings_at_the_expect_markers()
    {
        using var copy = new SampleCopy("LegacyUpdater");
        LibGit2Sharp.Repository.Init(copy.Root); // URIs are relative to the repository root

        var run = Changegate.Process(copy.Root, null, "analyze", "samples/LegacyUpdater", "--format", "sarif", "--output", "x.sarif");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = Results(Path.Combine(copy.Root, "x.sarif"));
        var expected = ExpectMarkers.Read(RepositoryRoot.Combine("samples", "LegacyUpdater")).Select(e => $"samples/LegacyUpdater/{e.File}:{e.Line}: {e.Id}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, results);
        Assert.Contains("6 findings (0 errors, 6 warnings, 0 notes)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("NU1603", run.All, StringComparison.Ordinal);
    }

    [Fact]
    public void The_safe_sample_writes_a_sarif_without_results_and_exits_0()
    {
        using var copy = new SampleCopy("SafeUpdater");

        var run = Changegate.Process(copy.Root, null, "analyze", "samples/SafeUpdater", "--format", "sarif", "--output", "x.sarif");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(Results(Path.Combine(copy.Root, "x.sarif")));
    }

    [Fact]
    public void A_finding_raised_to_error_in_editorconfig_exits_1_and_text_names_its_place()
    {
        using var copy = new SampleCopy("LegacyUpdater");
        File.WriteAllText(Path.Combine(copy.Directory, ".editorconfig"), "[*.cs]\ndotnet_diagnostic.CG1001.severity = error\n");

        var run = Changegate.Process(copy.Directory, null, "analyze");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("ServerFileUpdater.cs:24:17: error CG1001:", run.Output, StringComparison.Ordinal);
        Assert.Contains("(2 errors, 4 warnings, 0 notes)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_shows_only_on_a_terminal()
    {
        using var copy = new SampleCopy("SafeUpdater");

        var redirected = Changegate.InProcess(copy.Directory, null, "analyze", "--no-restore");
        var error = new StringWriter();
        var terminal = CliApp.Run(["analyze"], new CliEnvironment(new StringWriter(), error, _ => null, copy.Directory, interactive: false, showProgress: true));

        Assert.Equal(0, redirected.ExitCode);
        Assert.DoesNotContain("analyzing", redirected.Error, StringComparison.Ordinal);
        Assert.Equal(0, terminal);
        Assert.Matches("\r\\S+ analyzing SafeUpdater \\(1/1\\)", error.ToString());
    }

    [Fact]
    public void Without_a_target_the_repo_directory_is_analyzed()
    {
        using var copy = new SampleCopy("LegacyUpdater");

        var run = Changegate.InProcess(Path.GetTempPath(), null, "analyze", "--repo", copy.Directory);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ServerFileUpdater.cs:24:17: warning CG1001:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_is_no_solution_or_project_is_bad_input_without_a_stack_trace()
    {
        var run = Changegate.InProcess(Path.GetTempPath(), null, "analyze", "no-such-dir/App.csproj");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-dir/App.csproj does not exist", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
    }

    private static List<string> Results(string sarifPath)
    {
        Assert.True(File.Exists(sarifPath), $"{sarifPath} was not written");
        using var log = JsonDocument.Parse(File.ReadAllText(sarifPath));
        return [.. log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (Location: r.GetProperty("locations")[0].GetProperty("physicalLocation"), Id: r.GetProperty("ruleId").GetString()))
            .Select(r => $"{r.Location.GetProperty("artifactLocation").GetProperty("uri").GetString()}:{r.Location.GetProperty("region").GetProperty("startLine").GetInt32()}: {r.Id}")
            .Order(StringComparer.Ordinal)];
    }
}
