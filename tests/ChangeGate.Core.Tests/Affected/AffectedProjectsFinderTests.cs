using ChangeGate.Core.Tests.Support;
using ChangeGate.Affected;

namespace ChangeGate.Core.Tests.Affected;

/// <summary>Real git history and real MSBuild evaluation of the projects in <see cref="SampleRepository"/>.</summary>
public sealed class AffectedProjectsFinderTests : IDisposable
{
    private static readonly string[] AllProjects =
    [
        "src/Core/Core.csproj", "src/Lonely/Lonely.csproj", "src/Tools/Tools.csproj", "src/Web/Web.csproj",
        "tests/Core.Tests/Core.Tests.csproj", "tests/Tools.Tests/Tools.Tests.csproj", "tests/Web.Tests/Web.Tests.csproj",
    ];

    private readonly TemporaryGitRepository _repo = SampleRepository.Create();
    private readonly string _base;

    public AffectedProjectsFinderTests() => _base = _repo.Repository.Head.Tip.Sha;

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void A_source_change_affects_its_project_its_dependents_transitively_and_their_tests()
    {
        _repo.Write("src/Core/Stages.cs", "namespace Core;\n\npublic static class Stages\n{\n    public static readonly string[] All = [\"canary\", \"pangyo\", \"gasan\", \"anyang\"];\n}\n");
        _repo.CommitAll("Add the anyang stage");

        var report = Find();

        Assert.Equal(["src/Core/Core.csproj"], Paths(report.ChangedProjects));
        Assert.Equal(["src/Core/Core.csproj", "src/Web/Web.csproj", "tests/Core.Tests/Core.Tests.csproj", "tests/Web.Tests/Web.Tests.csproj"], Paths(report.AffectedProjects));
        Assert.Equal(["tests/Core.Tests/Core.Tests.csproj", "tests/Web.Tests/Web.Tests.csproj"], Paths(report.AffectedTestProjects));
        Assert.Equal(["references src/Web/Web.csproj"], Project(report.AffectedProjects, "tests/Web.Tests/Web.Tests.csproj").Reasons);
        Assert.Equal(["references src/Core/Core.csproj"], Project(report.AffectedProjects, "tests/Core.Tests/Core.Tests.csproj").Reasons);
        Assert.Equal(["src/Core/Stages.cs is one of its items (modified)"], Project(report.ChangedProjects, "src/Core/Core.csproj").Reasons);
        Assert.Empty(report.UnownedFiles);
        Assert.Equal(_base, report.SinceCommit);
        Assert.Equal(_repo.Repository.Head.Tip.Sha, report.Commit);
    }

    [Fact]
    public void A_root_Directory_Build_props_change_affects_every_project()
    {
        _repo.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <Nullable>disable</Nullable>\n  </PropertyGroup>\n</Project>\n");
        _repo.CommitAll("Turn nullable off");

        var report = Find();

        Assert.Equal(AllProjects, Paths(report.ChangedProjects));
        Assert.Equal(AllProjects, Paths(report.AffectedProjects));
        Assert.Equal(["tests/Core.Tests/Core.Tests.csproj", "tests/Tools.Tests/Tools.Tests.csproj", "tests/Web.Tests/Web.Tests.csproj"], Paths(report.AffectedTestProjects));
        Assert.Contains("Directory.Build.props applies to projects below the repository root (modified)", Project(report.ChangedProjects, "src/Lonely/Lonely.csproj").Reasons);
    }

    [Fact]
    public void A_deleted_Directory_Build_targets_affects_only_the_projects_below_it()
    {
        _repo.Delete("src/Directory.Build.targets");
        _repo.CommitAll("Drop src targets");

        var report = Find();

        Assert.Equal(["src/Core/Core.csproj", "src/Lonely/Lonely.csproj", "src/Tools/Tools.csproj", "src/Web/Web.csproj"], Paths(report.ChangedProjects));
        Assert.Equal(AllProjects, Paths(report.AffectedProjects));
    }

    [Theory]
    [InlineData("global.json", "{ \"sdk\": { \"version\": \"10.0.100\", \"rollForward\": \"latestFeature\" } }\n")]
    [InlineData(".config/dotnet-tools.json", "{ \"version\": 1, \"isRoot\": true, \"tools\": {} }\n")]
    [InlineData("dotnet-tools.json", "{ \"version\": 1, \"isRoot\": true, \"tools\": {} }\n")]
    [InlineData("Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n")]
    public void Repository_wide_files_affect_every_project(string path, string content)
    {
        _repo.Write(path, content);
        _repo.CommitAll("Add " + path);

        var report = Find();

        Assert.Equal(AllProjects, Paths(report.ChangedProjects));
        Assert.All(report.ChangedProjects, p => Assert.Contains($"{path} applies to every project (added)", p.Reasons));
    }

    [Fact]
    public void A_deleted_file_affects_the_project_whose_directory_held_it()
    {
        _repo.Delete("src/Tools/Old.cs");
        _repo.CommitAll("Remove old tool");

        var report = Find();

        Assert.Equal(new ChangedFile("src/Tools/Old.cs", null, ChangeKind.Deleted), Assert.Single(report.ChangedFiles));
        Assert.Equal(["src/Tools/Tools.csproj"], Paths(report.ChangedProjects));
        Assert.Equal(["src/Tools/Old.cs is in its directory (deleted)"], report.ChangedProjects[0].Reasons);
        Assert.Equal(["tests/Tools.Tests/Tools.Tests.csproj"], Paths(report.AffectedTestProjects));
    }

    [Fact]
    public void A_renamed_file_affects_the_projects_of_both_paths()
    {
        _repo.Move("src/Core/Stages.cs", "src/Web/Stages.cs");
        _repo.CommitAll("Move stages to web");

        var report = Find();

        Assert.Equal(new ChangedFile("src/Web/Stages.cs", "src/Core/Stages.cs", ChangeKind.Renamed), Assert.Single(report.ChangedFiles));
        Assert.Equal(["src/Core/Core.csproj", "src/Web/Web.csproj"], Paths(report.ChangedProjects));
        Assert.Equal(["src/Core/Stages.cs is in its directory (renamed to src/Web/Stages.cs)"], Project(report.ChangedProjects, "src/Core/Core.csproj").Reasons);
        Assert.Equal(["src/Web/Stages.cs is one of its items (renamed from src/Core/Stages.cs)"], Project(report.ChangedProjects, "src/Web/Web.csproj").Reasons);
    }

    [Fact]
    public void A_file_outside_every_project_is_reported_not_dropped()
    {
        _repo.Write("docs/readme.md", "# Rollout service\n\nNow with anyang.\n");
        _repo.Write("scripts/deploy.sh", "#!/bin/sh\necho deploy\n");
        _repo.CommitAll("Docs and a script");

        var report = Find();

        Assert.Empty(report.ChangedProjects);
        Assert.Empty(report.AffectedProjects);
        Assert.Equal(["docs/readme.md", "scripts/deploy.sh"], report.UnownedFiles.Select(f => f.Path));
    }

    [Fact]
    public void A_linked_file_outside_the_project_directory_belongs_to_the_project_that_links_it()
    {
        _repo.Write("src/Shared/Linked.cs", "namespace Shared;\n\npublic static class Linked\n{\n    public const int Version = 2;\n}\n");
        _repo.CommitAll("Change linked file");

        var report = Find();

        Assert.Equal(["src/Tools/Tools.csproj"], Paths(report.ChangedProjects));
        Assert.Empty(report.UnownedFiles);
    }

    [Fact]
    public void An_imported_props_file_affects_the_projects_that_import_it()
    {
        _repo.Write("build/common.props", "<Project>\n  <PropertyGroup>\n    <Company>Kakao Corp</Company>\n  </PropertyGroup>\n</Project>\n");
        _repo.CommitAll("Rename company");

        var report = Find();

        Assert.Equal(["src/Web/Web.csproj"], Paths(report.ChangedProjects));
        Assert.Equal(["imports build/common.props (modified)"], report.ChangedProjects[0].Reasons);
        Assert.Equal(["tests/Web.Tests/Web.Tests.csproj"], Paths(report.AffectedTestProjects));
    }

    [Fact]
    public void Test_projects_and_assembly_names_come_from_evaluation()
    {
        _repo.Write("src/Web/Page.cs", "namespace Web;\n\npublic static class Page\n{\n    public const string Title = \"Deploys\";\n}\n");
        _repo.CommitAll("Title");

        var report = Find();

        var web = Project(report.AffectedProjects, "src/Web/Web.csproj");
        Assert.Equal(("Web", "Kakao.Web", false), (web.Name, web.AssemblyName, web.IsTestProject));
        var webTests = Project(report.AffectedProjects, "tests/Web.Tests/Web.Tests.csproj");
        Assert.Equal(("Web.Tests", true), (webTests.AssemblyName, webTests.IsTestProject));
    }

    [Fact]
    public void A_removed_project_is_listed_and_its_files_are_reported()
    {
        _repo.Delete("tests/Tools.Tests/Tools.Tests.csproj");
        _repo.Delete("tests/Tools.Tests/ToolTests.cs");
        _repo.CommitAll("Drop tool tests");

        var report = Find();

        Assert.Equal(["tests/Tools.Tests/Tools.Tests.csproj"], report.RemovedProjects);
        Assert.Equal(["tests/Tools.Tests/ToolTests.cs"], report.UnownedFiles.Select(f => f.Path));
        Assert.Empty(report.ChangedProjects);
    }

    [Fact]
    public void A_shallow_clone_without_REF_is_a_clear_error()
    {
        _repo.Write("src/Core/Stages.cs", "namespace Core;\n");
        _repo.CommitAll("Second commit");
        var clone = Path.Combine(Path.GetTempPath(), "changegate-shallow-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            GitCli.Run(Path.GetTempPath(), "clone", "--quiet", "--depth", "1", new Uri(_repo.Path).AbsoluteUri, clone);

            var result = AffectedProjectsFinder.Find(new AffectedProjectsRequest { RepositoryPath = clone, Since = _base });

            Assert.False(result.Succeeded);
            Assert.Contains("shallow clone", result.Error.Message);
            Assert.Contains(_base, result.Error.Message);
            Assert.Contains("--unshallow", result.Error.Fix);
        }
        finally
        {
            TemporaryGitRepository.DeleteDirectory(clone);
        }
    }

    [Fact]
    public void An_unknown_REF_is_a_clear_error()
    {
        var result = AffectedProjectsFinder.Find(new AffectedProjectsRequest { RepositoryPath = _repo.Path, Since = "origin/release-2024" });

        Assert.False(result.Succeeded);
        Assert.Equal("REF 'origin/release-2024' not found in this repository", result.Error.Message);
        Assert.Contains("git fetch origin origin/release-2024", result.Error.Fix);
    }

    [Fact]
    public void A_commit_that_is_not_checked_out_is_refused()
    {
        _repo.Write("src/Core/Stages.cs", "namespace Core;\n");
        _repo.CommitAll("Second commit");

        var result = AffectedProjectsFinder.Find(new AffectedProjectsRequest { RepositoryPath = _repo.Path, Since = _base, Commit = _base });

        Assert.False(result.Succeeded);
        Assert.Contains("The working tree is not at", result.Error.Message);
    }

    [Fact]
    public void A_project_MSBuild_cannot_evaluate_is_an_error_with_its_location()
    {
        _repo.Write("src/Lonely/Lonely.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n  <Oops\n</Project>\n");
        _repo.CommitAll("Break a project");

        var result = AffectedProjectsFinder.Find(new AffectedProjectsRequest { RepositoryPath = _repo.Path, Since = _base });

        Assert.False(result.Succeeded);
        Assert.EndsWith("src/Lonely/Lonely.csproj", result.Error.File);
        Assert.Equal(6, result.Error.Line);
    }

    private AffectedProjectsReport Find()
    {
        var result = AffectedProjectsFinder.Find(new AffectedProjectsRequest { RepositoryPath = _repo.Path, Since = _base });
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Report;
    }

    private static string[] Paths(IEnumerable<AffectedProject> projects) => [.. projects.Select(p => p.Path)];

    private static AffectedProject Project(IEnumerable<AffectedProject> projects, string path) => Assert.Single(projects, p => p.Path == path);
}
