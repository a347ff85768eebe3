using ChangeGate.Analyzers.Tests.Infrastructure;

namespace ChangeGate.Analyzers.Tests.Samples;

/// <summary>
/// Builds each sample for real (`dotnet build`, the analyzers referenced from source as samples/Directory.Build.props
/// says) and compares the ChangeGate findings, by file, line and ID, with the sample's <c>// expect: CGxxxx</c>
/// markers, both ways. A safe sample has no markers and so must build with no finding.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed class SampleBuildTests
{
    /// <summary>The samples checked here; adding a sample is one line.</summary>
    public static TheoryData<string> Samples => new()
    {
        "LegacyUpdater",
        "SafeUpdater",
        "RolloutScript",
        "SafeRolloutScript",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_reports_exactly_the_findings_its_markers_expect(string sample)
    {
        var directory = RepositoryRoot.Combine("samples", sample);
        Assert.True(Directory.Exists(directory), $"no sample at {directory}");

        var build = await BuildAsync(directory);

        Assert.True(build.ExitCode == 0, $"the sample does not build:{Environment.NewLine}{build}");
        var diagnostics = BuildDiagnostics.Parse(build.Output);
        var analyzerFailures = diagnostics.Where(d => d.Id is "AD0001" or "CS8032" or "CS8033" or "CS8784" or "CS8785").ToList();
        Assert.True(analyzerFailures.Count == 0, $"an analyzer failed to load or threw:{Environment.NewLine}{build}");

        var actual = diagnostics
            .Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal))
            .Select(d => new ExpectedFinding(ExpectMarkers.Relative(directory, d.File), d.Line, d.Id))
            .Distinct()
            .Order(Comparer<ExpectedFinding>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())))
            .ToList();
        var expected = ExpectMarkers.Read(directory)
            .Order(Comparer<ExpectedFinding>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())))
            .ToList();

        var missing = expected.Except(actual).ToList();
        var unexpected = actual.Except(expected).ToList();
        Assert.True(
            missing.Count == 0 && unexpected.Count == 0,
            $"sample {sample}:{Environment.NewLine}" +
            $"expected but not reported: {Describe(missing)}{Environment.NewLine}" +
            $"reported but not expected: {Describe(unexpected)}{Environment.NewLine}{build}");
    }

    [Fact]
    public void Every_sample_with_expect_markers_is_checked()
    {
        var listed = ((IEnumerable<object[]>)Samples).Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var withMarkers = Directory.EnumerateDirectories(RepositoryRoot.Combine("samples"))
            .Where(dir => Directory.EnumerateFiles(dir, "*.csproj").Any() && ExpectMarkers.HasAny(dir))
            .Select(dir => Path.GetFileName(dir))
            .ToList();

        Assert.NotEmpty(withMarkers);
        Assert.All(withMarkers, name => Assert.True(listed.Contains(name!), $"samples/{name} has `// expect:` markers but is not in {nameof(SampleBuildTests)}.{nameof(Samples)}"));
    }

    private static async Task<CommandResult> BuildAsync(string sampleDirectory)
    {
        // The analyzer project is built first (a no-op when up to date); the sample itself is then rebuilt without
        // touching its references, so the compiler runs, and reports, every time.
        var root = RepositoryRoot.Path;
        var analyzers = await ExternalCommand.RunAsync(
            "dotnet", new[] { "build", RepositoryRoot.Combine("src", "ChangeGate.Analyzers", "ChangeGate.Analyzers.csproj"), "-nologo" }, root);
        Assert.True(analyzers.ExitCode == 0, $"the analyzers do not build:{Environment.NewLine}{analyzers}");

        return await ExternalCommand.RunAsync(
            "dotnet", new[] { "build", sampleDirectory, "--no-incremental", "--no-dependencies", "-nologo", "-clp:NoSummary" }, root);
    }

    private static string Describe(IReadOnlyCollection<ExpectedFinding> findings) =>
        findings.Count == 0 ? "none" : string.Join(", ", findings);
}
