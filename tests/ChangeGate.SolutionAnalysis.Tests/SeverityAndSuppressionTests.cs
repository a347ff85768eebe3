using ChangeGate.Core.Analysis;
using ChangeGate.SolutionAnalysis.Tests.Support;

namespace ChangeGate.SolutionAnalysis.Tests;

/// <summary>
/// The engine honours what the compiler honours: .editorconfig severities (error, none) and
/// in-source suppressions ([SuppressMessage], #pragma), on a real project opened with MSBuild.
/// </summary>
public sealed class SeverityAndSuppressionTests : IDisposable
{
    private readonly ScratchProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task By_default_both_deletes_are_warnings()
    {
        var report = await Analyze();

        Assert.Equal(["CG1001 warning 7", "CG1001 warning 12"], Describe(report));
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task Editorconfig_error_severity_makes_them_errors()
    {
        _project.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.CG1001.severity = error\n");

        var report = await Analyze();

        Assert.Equal(["CG1001 error 7", "CG1001 error 12"], Describe(report));
        Assert.Equal(2, report.Errors.Count);
    }

    [Fact]
    public async Task Editorconfig_severity_none_removes_them()
    {
        _project.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.CG1001.severity = none\n");

        var report = await Analyze();

        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task SuppressMessage_and_pragma_suppress_in_source_and_are_counted()
    {
        _project.Write("ServerUpdater.cs", ScratchProject.Updater
            .Replace("    public static void UpdatePlugins", "    [System.Diagnostics.CodeAnalysis.SuppressMessage(\"ChangeGate\", \"CG1001\", Justification = \"plugins are re-downloaded\")]\n    public static void UpdatePlugins", StringComparison.Ordinal)
            .Replace("        File.Delete(Path.Combine(dir, \"app.config\"));", "#pragma warning disable CG1001 // the installer rewrites it\n        File.Delete(Path.Combine(dir, \"app.config\"));\n#pragma warning restore CG1001", StringComparison.Ordinal));

        var report = await Analyze();

        Assert.Empty(report.Findings);
        Assert.Equal(2, report.SuppressedInSource);
    }

    [Fact]
    public async Task Broken_code_is_analyzed_without_an_analyzer_failure()
    {
        _project.Write("Broken.cs", "public static class Deployer { public static void UpdateAll(string d) { System.IO.File.Delete(d + ; } }\n");

        var report = await Analyze();

        Assert.Empty(report.Warnings);
        Assert.Contains("CG1001 warning 7", Describe(report));
    }

    private async Task<AnalysisReport> Analyze(string? changedSince = null)
    {
        var result = await SolutionAnalyzer.AnalyzeAsync(new AnalysisRequest(_project.Directory, _project.ProjectPath, changedSince));
        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        return result.Value;
    }

    private static List<string> Describe(AnalysisReport report) =>
        [.. report.Findings.Where(f => f.Path == "ServerUpdater.cs").Select(f => $"{f.RuleId} {f.Level.ToString().ToLowerInvariant()} {f.Line}")];
}
