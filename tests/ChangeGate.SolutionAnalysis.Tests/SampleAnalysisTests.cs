using System.Text.Json;
using ChangeGate.Analyzers.Tests.Infrastructure;
using ChangeGate.Analyzers.Tests.Samples;
using ChangeGate.Core.Analysis;
using ChangeGate.Core.Analysis.Sarif;
using ChangeGate.SolutionAnalysis.Tests.Support;

namespace ChangeGate.SolutionAnalysis.Tests;

/// <summary>
/// The engine over the real samples, opened with MSBuildWorkspace: the findings are exactly the
/// samples' <c>// expect: CGxxxx</c> markers, and the SARIF written from them is valid SARIF 2.1.0
/// in the shape GitHub code scanning ingests.
/// </summary>
public sealed class SampleAnalysisTests
{
    public static TheoryData<string> Samples => new() { "LegacyUpdater", "SafeUpdater", "RolloutScript", "SafeRolloutScript" };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Findings_are_exactly_the_expect_markers(string sample)
    {
        var report = await Analyze(sample);

        var expected = ExpectMarkers.Read(RepositoryRoot.Combine("samples", sample)).Select(e => $"samples/{sample}/{e.File}:{e.Line}: {e.Id}").Order(StringComparer.Ordinal);
        var actual = report.Findings.Select(f => $"{f.Path}:{f.Line}: {f.RuleId}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Empty(report.Warnings);
        Assert.Equal([$"samples/{sample}/{sample}.csproj"], report.Projects);
    }

    [Fact]
    public async Task Sarif_of_the_legacy_sample_is_valid_and_puts_each_finding_at_its_marker()
    {
        using var copy = new SampleCopy("LegacyUpdater");
        var sarif = SarifWriter.Write(await Analyze(copy));

        Assert.Empty(SarifSchema.Errors(sarif));
        AssertCodeScanningShape(sarif);
        using var log = JsonDocument.Parse(sarif);
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()}:{r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()}: {r.GetProperty("ruleId").GetString()}")
            .Order(StringComparer.Ordinal);
        var expected = ExpectMarkers.Read(RepositoryRoot.Combine("samples", "LegacyUpdater")).Select(e => $"samples/LegacyUpdater/{e.File}:{e.Line}: {e.Id}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, results);
        Assert.NotEmpty(results);
    }

    [Fact]
    public async Task Sarif_of_the_safe_sample_is_valid_with_no_results_and_every_rule()
    {
        using var copy = new SampleCopy("SafeUpdater");
        var sarif = SarifWriter.Write(await Analyze(copy));

        Assert.Empty(SarifSchema.Errors(sarif));
        AssertCodeScanningShape(sarif);
        using var log = JsonDocument.Parse(sarif);
        var run = log.RootElement.GetProperty("runs")[0];
        Assert.Equal(0, run.GetProperty("results").GetArrayLength());
        Assert.Equal(["CG0001", "CG1001", "CG1002", "CG2001", "CG2002", "CG3001", "CG3002"], run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public void The_schema_check_itself_rejects_a_log_that_breaks_the_schema()
    {
        // Guards the guard: a validator that accepts anything would make the tests above worthless.
        Assert.NotEmpty(SarifSchema.Errors("""{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[{"level":"fatal"}]}]}"""));
    }

    private static async Task<AnalysisReport> Analyze(string sample)
    {
        using var copy = new SampleCopy(sample);
        return await Analyze(copy);
    }

    private static async Task<AnalysisReport> Analyze(SampleCopy copy)
    {
        var result = await SolutionAnalyzer.AnalyzeAsync(new AnalysisRequest(copy.Root, copy.Directory, null));
        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        return result.Value;
    }

    /// <summary>What GitHub code scanning needs beyond the schema: rule help, a rule id, message and a
    /// repository-relative location with a 1-based line under the source-root base.</summary>
    private static void AssertCodeScanningShape(string sarif)
    {
        using var log = JsonDocument.Parse(sarif);
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(log.RootElement.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("ChangeGate", driver.GetProperty("name").GetString());
        foreach (var rule in driver.GetProperty("rules").EnumerateArray())
        {
            var help = rule.GetProperty("helpUri").GetString()!;
            Assert.StartsWith("https://", help, StringComparison.Ordinal);
            Assert.EndsWith($"/docs/rules/{rule.GetProperty("id").GetString()}.md", help, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()));
        }

        var root = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.True(Uri.TryCreate(root, UriKind.Absolute, out var rootUri) && rootUri.IsFile && root.EndsWith('/'), root);
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            Assert.Matches("^CG[0-9]{4}$", result.GetProperty("ruleId").GetString()!);
            Assert.Contains(result.GetProperty("level").GetString(), new[] { "error", "warning", "note" });
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetProperty("text").GetString()));
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.False(Uri.TryCreate(uri, UriKind.Absolute, out _), $"{uri} is not relative");
            Assert.Equal("%SRCROOT%", physical.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.True(File.Exists(Path.Combine(rootUri!.LocalPath, Uri.UnescapeDataString(uri))), $"{uri} is not a file under {root}");
            Assert.True(physical.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
            Assert.True(physical.GetProperty("region").GetProperty("startColumn").GetInt32() >= 1);
        }
    }
}
