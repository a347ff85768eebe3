using ChangeGate.Core.Tests.Support;
using ChangeGate.Core.Evidence.Results;

namespace ChangeGate.Core.Tests.Evidence.Results;

public sealed class ResultFileGlobTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "changegate-glob-" + Guid.NewGuid().ToString("N")[..12]);

    public ResultFileGlobTests()
    {
        foreach (var file in new[] { "results/unit.trx", "results/integration.trx", "results/nested/web.trx", "results/notes.txt", "junit/TEST-a.xml" })
        {
            var path = Path.Combine(_directory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "<TestRun/>");
        }
    }

    public void Dispose() => TemporaryGitRepository.DeleteDirectory(_directory);

    [Fact]
    public void Globs_and_plain_paths_expand_to_sorted_unique_files()
    {
        var result = ResultFileGlob.Expand(["results/*.trx", "results/**/*.trx", "junit/TEST-a.xml", Path.Combine(_directory, "results", "unit.trx")], _directory);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(
            ["junit/TEST-a.xml", "results/integration.trx", "results/nested/web.trx", "results/unit.trx"],
            result.Value.Select(f => Path.GetRelativePath(_directory, f).Replace('\\', '/')));
    }

    [Theory]
    [InlineData("results/*.xml")]
    [InlineData("missing/**/*.trx")]
    [InlineData("results/none.trx")]
    public void A_pattern_that_matches_nothing_is_an_error(string pattern)
    {
        var result = ResultFileGlob.Expand(["results/*.trx", pattern], _directory);

        Assert.False(result.Succeeded);
        Assert.Contains($"'{pattern}'", result.Error.Message);
    }

    [Fact]
    public void No_patterns_is_an_error()
    {
        Assert.False(ResultFileGlob.Expand([], _directory).Succeeded);
    }
}
