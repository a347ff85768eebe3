using ChangeGate.Core.Analysis;
using ChangeGate.SolutionAnalysis.Tests.Support;

namespace ChangeGate.SolutionAnalysis.Tests;

/// <summary>
/// NU1603 (a dependency's exact minimum version is not served, a newer one is used) reaches
/// MSBuildWorkspace as a "Failure" without its code. It must not stop the analysis; real load
/// failures must.
/// </summary>
public sealed class WorkspaceLoadTests : IDisposable
{
    private readonly ScratchProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_project_whose_package_version_is_approximated_is_still_analyzed()
    {
        // The feed serves xunit.runner.visualstudio 3.1.5 but not 3.1.4, so restore resolves 3.1.5 with NU1603.
        _project.Write("Scratch.csproj", ScratchProject.ProjectFile.Replace(
            "</Project>",
            "  <ItemGroup>\n    <PackageReference Include=\"xunit.runner.visualstudio\" Version=\"3.1.4\" />\n  </ItemGroup>\n</Project>",
            StringComparison.Ordinal));

        var result = await SolutionAnalyzer.AnalyzeAsync(new AnalysisRequest(_project.Directory, _project.ProjectPath, null));

        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        Assert.Equal(2, result.Value.Findings.Count(f => f.RuleId == "CG1001"));
    }

    [Theory]
    [InlineData("Msbuild failed when processing the file '/r/App/App.csproj' with message: App depends on xunit.runner.visualstudio (>= 3.1.4) but xunit.runner.visualstudio 3.1.4 was not found. xunit.runner.visualstudio 3.1.5 was resolved instead.")]
    [InlineData("App depends on Foo (>= 1.0.0) but Foo 1.0.0 was not found. An approximate best match of Foo 1.0.1 was resolved.")]
    [InlineData("/r/App/App.csproj : warning NU1603: App depends on Foo (>= 1.0.0) but Foo 1.0.0 was not found.")]
    public void NU1603_text_is_recognised(string message) =>
        Assert.True(WorkspaceRun.IsApproximateVersionNotice(message));

    [Theory]
    [InlineData("Msbuild failed when processing the file '/r/App/App.csproj' with message: The SDK 'Microsoft.NET.Sdk.Foo' specified could not be found.")]
    [InlineData("App depends on Foo (>= 1.0.0) but Foo 1.0.0 was not found. No version of Foo was found.")]
    [InlineData("error NU1101: Unable to find package Foo. No packages exist with this id in source(s): nuget.org")]
    public void Real_load_failures_are_not_mistaken_for_NU1603(string message) =>
        Assert.False(WorkspaceRun.IsApproximateVersionNotice(message));
}
