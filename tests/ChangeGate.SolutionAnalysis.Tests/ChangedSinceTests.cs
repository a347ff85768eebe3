using ChangeGate.Core.Analysis;
using ChangeGate.SolutionAnalysis.Tests.Support;
using LibGit2Sharp;

namespace ChangeGate.SolutionAnalysis.Tests;

/// <summary>With a base commit only the documents changed since then are analyzed (and reported).</summary>
public sealed class ChangedSinceTests : IDisposable
{
    private static readonly Signature Author = new("ChangeGate Test", "test@changegate.invalid", new DateTimeOffset(2026, 5, 21, 9, 30, 0, TimeSpan.FromHours(9)));
    private readonly ScratchProject _project = new();
    private readonly string _base;

    public ChangedSinceTests()
    {
        _project.Write(".gitignore", "bin/\nobj/\n");
        _project.Write("LogCleaner.cs", "using System.IO;\n\npublic static class LogCleaner\n{\n    public static void UpdateLogs(string dir) => File.Delete(Path.Combine(dir, \"old.log\"));\n}\n");
        Repository.Init(_project.Directory);
        _base = Commit("release 1.0");
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Only_the_changed_document_is_analyzed()
    {
        _project.Write("ServerUpdater.cs", ScratchProject.Updater + "\n// touched\n");
        Commit("touch the updater");

        var all = await Analyze(null);
        var changed = await Analyze(_base);

        Assert.Contains(all.Findings, f => f.Path == "LogCleaner.cs");
        Assert.All(changed.Findings, f => Assert.Equal("ServerUpdater.cs", f.Path));
        Assert.Equal(2, changed.Findings.Count);
        Assert.Equal(1, changed.DocumentsAnalyzed);
    }

    [Fact]
    public async Task Uncommitted_and_new_files_count_as_changed()
    {
        _project.Write("Fresh.cs", "using System.IO;\n\npublic static class Fresh\n{\n    public static void DeployAll(string dir) => Directory.Delete(dir, true);\n}\n");

        var changed = await Analyze(_base);

        Assert.Equal(["Fresh.cs"], changed.Findings.Select(f => f.Path).Distinct());
    }

    [Fact]
    public async Task Nothing_changed_means_nothing_analyzed()
    {
        var changed = await Analyze("HEAD");

        Assert.Empty(changed.Findings);
        Assert.Equal(0, changed.DocumentsAnalyzed);
    }

    [Fact]
    public async Task An_unknown_base_is_a_problem_not_an_exception()
    {
        var result = await SolutionAnalyzer.AnalyzeAsync(new AnalysisRequest(_project.Directory, _project.ProjectPath, "no-such-branch"));

        Assert.False(result.IsSuccess);
        Assert.Contains("cannot find 'no-such-branch'", result.Problems[0].Message, StringComparison.Ordinal);
    }

    private string Commit(string message)
    {
        using var repository = new Repository(_project.Directory);
        Commands.Stage(repository, "*");
        return repository.Commit(message, Author, Author).Sha;
    }

    private async Task<AnalysisReport> Analyze(string? since)
    {
        var result = await SolutionAnalyzer.AnalyzeAsync(new AnalysisRequest(_project.Directory, _project.ProjectPath, since));
        Assert.True(result.IsSuccess, string.Join("\n", result.Problems));
        return result.Value;
    }
}
