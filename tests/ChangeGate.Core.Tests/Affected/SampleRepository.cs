using ChangeGate.Core.Tests.Support;

namespace ChangeGate.Core.Tests.Affected;

/// <summary>
/// A temporary git repository with seven real SDK-style projects, evaluated by real MSBuild:
/// <code>
/// src/Core            &lt;- src/Web (AssemblyName Kakao.Web, imports build/common.props) &lt;- tests/Web.Tests (Microsoft.NET.Test.Sdk, no transitive references)
/// src/Core            &lt;- tests/Core.Tests (IsTestProject)
/// src/Tools (links src/Shared/Linked.cs) &lt;- tests/Tools.Tests (IsTestProject)
/// src/Lonely          (nothing references it)
/// </code>
/// plus Directory.Build.props at the root, src/Directory.Build.targets, and docs/ outside every project.
/// </summary>
internal static class SampleRepository
{
    public static TemporaryGitRepository Create()
    {
        var repo = TemporaryGitRepository.Create();
        repo.Write(".gitignore", "bin/\nobj/\n");
        repo.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <Nullable>enable</Nullable>\n  </PropertyGroup>\n</Project>\n");
        repo.Write("src/Directory.Build.targets", "<Project>\n  <PropertyGroup>\n    <Deterministic>true</Deterministic>\n  </PropertyGroup>\n</Project>\n");
        repo.Write("build/common.props", "<Project>\n  <PropertyGroup>\n    <Company>Kakao</Company>\n  </PropertyGroup>\n</Project>\n");
        repo.Write("docs/readme.md", "# Rollout service\n");

        repo.Write("src/Core/Core.csproj", Project());
        repo.Write("src/Core/Stages.cs", "namespace Core;\n\npublic static class Stages\n{\n    public static readonly string[] All = [\"canary\", \"pangyo\", \"gasan\"];\n}\n");
        repo.Write("src/Web/Web.csproj", Project(
            "<AssemblyName>Kakao.Web</AssemblyName>",
            "<ProjectReference Include=\"../Core/Core.csproj\" />",
            "<Import Project=\"../../build/common.props\" />"));
        repo.Write("src/Web/Page.cs", "namespace Web;\n\npublic static class Page\n{\n}\n");
        repo.Write("src/Tools/Tools.csproj", Project(items: "<Compile Include=\"../Shared/Linked.cs\" Link=\"Linked.cs\" />"));
        repo.Write("src/Tools/Tool.cs", "namespace Tools;\n\npublic static class Tool\n{\n}\n");
        repo.Write("src/Tools/Old.cs", "namespace Tools;\n\npublic static class Old\n{\n}\n");
        repo.Write("src/Shared/Linked.cs", "namespace Shared;\n\npublic static class Linked\n{\n}\n");
        repo.Write("src/Lonely/Lonely.csproj", Project());
        repo.Write("src/Lonely/Alone.cs", "namespace Lonely;\n\npublic static class Alone\n{\n}\n");

        repo.Write("tests/Core.Tests/Core.Tests.csproj", Project("<IsTestProject>true</IsTestProject>", "<ProjectReference Include=\"../../src/Core/Core.csproj\" />"));
        repo.Write("tests/Core.Tests/StagesTests.cs", "namespace Core.Tests;\n\npublic class StagesTests\n{\n}\n");
        // Without transitive references the graph links Web.Tests only to Web, so reaching it from a
        // change in Core takes the walk over two references.
        repo.Write("tests/Web.Tests/Web.Tests.csproj", Project("<DisableTransitiveProjectReferences>true</DisableTransitiveProjectReferences>", "<ProjectReference Include=\"../../src/Web/Web.csproj\" />\n    <PackageReference Include=\"Microsoft.NET.Test.Sdk\" Version=\"18.0.1\" />"));
        repo.Write("tests/Web.Tests/PageTests.cs", "namespace Web.Tests;\n\npublic class PageTests\n{\n}\n");
        repo.Write("tests/Tools.Tests/Tools.Tests.csproj", Project("<IsTestProject>true</IsTestProject>", "<ProjectReference Include=\"../../src/Tools/Tools.csproj\" />"));
        repo.Write("tests/Tools.Tests/ToolTests.cs", "namespace Tools.Tests;\n\npublic class ToolTests\n{\n}\n");
        repo.CommitAll("Rollout service");
        return repo;
    }

    private static string Project(string properties = "", string items = "", string imports = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          {imports}
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {items}
          </ItemGroup>
        </Project>

        """;
}
