using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ChangeGate.Cli.Drill;

/// <summary>
/// What the drill's service repository holds: the two updater samples (embedded in changegate, so the
/// drill runs wherever the tool does), a small test project for the safe one, the rollout policy and a
/// build setup that runs the ChangeGate analyzers shipped with this tool and writes SARIF.
/// </summary>
internal static partial class DrillRepository
{
    public const string Service = "talk-message";
    public const string SolutionFile = "Drill.slnx";

    [GeneratedRegex(@"//\s*expect:\s*(CG\d{4})")]
    private static partial Regex ExpectMarker();

    /// <summary>The embedded sample files: repository path → text.</summary>
    public static IReadOnlyDictionary<string, string> Samples()
    {
        var assembly = typeof(DrillRepository).Assembly;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("samples/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files["src/" + name["samples/".Length..]] = reader.ReadToEnd();
        }

        return files;
    }

    /// <summary>The findings the legacy sample marks with <c>// expect: CGxxxx</c>: "path:line: id".</summary>
    public static IReadOnlyList<string> ExpectedFindings(IReadOnlyDictionary<string, string> samples) =>
        [.. samples.SelectMany(file => file.Value.Split('\n').Select((line, i) => (line, number: i + 1))
                .Select(l => (l.number, match: ExpectMarker().Match(l.line)))
                .Where(l => l.match.Success)
                .Select(l => $"{file.Key}:{l.number.ToString(CultureInfo.InvariantCulture)}: {l.match.Groups[1].Value}"))
            .Order(StringComparer.Ordinal)];

    public static string Policy(string keyId, Uri? alertmanager) => $$"""
        # The drill's rollout policy: a canary host, the Pangyo data centre, then Gasan and Anyang.
        version: 1
        service: {{Service}}
        stages:
          - name: canary
            targets: [canary-01]
            bake: 2s
          - name: pangyo
            targets: [pangyo-01]
            bake: 2s
            approvals: 1
          - name: gasan-anyang
            targets: [gasan-01, anyang-01]
            approvals: 1
        sites:
          - name: pangyo
            targets: [canary-01, pangyo-01]
          - name: gasan
            targets: [gasan-01]
          - name: anyang
            targets: [anyang-01]
        redundancy:
          min-serving-sites: 2
          failover-test-max-age: 90d
        approvers: [{{DrillWorld.Lead}}, {{DrillWorld.Sre}}, {{DrillWorld.Author}}]
        overrides:
          actors: [{{DrillWorld.Sre}}]
          max-duration: 4h
        rollback-plan: required
        evidence:
          required: true
          require-signature: true
          require-clean-tree: true
          test-projects: affected
          trusted-keys:
            - id: {{keyId}}
              name: ci-drill
              public-key: keys/ci-drill.pub.pem
        {{(alertmanager is null ? "" : $"monitoring:\n  alertmanager: {alertmanager}\n  timeout: 10s\n")}}# The analyzers ran in the build (scene 2); in CI the gate's `analyzers` check reads
        # `changegate analyze --format sarif` (see samples/pipelines).
        checks: [incidents, stage, approvals, freeze, rollback-plan, redundancy, evidence]

        """;

    public static string BuildProps(string analyzerAssembly) => $"""
        <Project>
          <PropertyGroup>
            <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <IsPackable>false</IsPackable>
            <!-- The compiler's findings as SARIF, one file per project. -->
            <ErrorLog>$(MSBuildThisFileDirectory)artifacts/$(MSBuildProjectName).sarif,version=2.1</ErrorLog>
          </PropertyGroup>
          <ItemGroup Condition="'$(IsTestProject)' != 'true'">
            <!-- The ChangeGate analyzers this changegate ships, as the NuGet package adds them. -->
            <Analyzer Include="{analyzerAssembly}" />
          </ItemGroup>
        </Project>

        """;

    public const string Solution = """
        <Solution>
          <Project Path="src/LegacyUpdater/LegacyUpdater.csproj" />
          <Project Path="src/SafeUpdater/SafeUpdater.csproj" />
          <Project Path="tests/Updater.Tests/Updater.Tests.csproj" />
        </Solution>

        """;

    public const string ExeProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
          </PropertyGroup>
        </Project>

        """;

    public const string TestProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <IsTestProject>true</IsTestProject>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
          </ItemGroup>
          <ItemGroup>
            <ProjectReference Include="../../src/SafeUpdater/SafeUpdater.csproj" />
          </ItemGroup>
        </Project>

        """;

    public const string Tests = """
        using SafeUpdater;
        using Xunit;

        namespace Updater.Tests;

        public sealed class ServerFileUpdaterTests : IDisposable
        {
            private readonly string _root = Directory.CreateTempSubdirectory("updater-tests-").FullName;

            [Fact]
            public void An_update_keeps_the_config_and_the_previous_release_and_a_rollback_restores_it()
            {
                var install = Path.Combine(_root, "install");
                var package = Path.Combine(_root, "package");
                Directory.CreateDirectory(install);
                Directory.CreateDirectory(package);
                File.WriteAllText(Path.Combine(install, "server.ini"), "version=1.4.2\nport=5222\n");
                File.WriteAllText(Path.Combine(install, "app.dll"), "1.4.2");
                File.WriteAllText(Path.Combine(package, "app.dll"), "1.5.0");
                var updater = new ServerFileUpdater(TextWriter.Null);

                var backup = updater.UpdateServerFiles(package, install, "1.5.0");

                Assert.Equal("1.5.0", File.ReadAllText(Path.Combine(install, "app.dll")));
                Assert.Contains("port=5222", File.ReadAllText(Path.Combine(install, "server.ini")));
                updater.Rollback(install, backup);
                Assert.Equal("1.4.2", File.ReadAllText(Path.Combine(install, "app.dll")));
            }

            public void Dispose() => Directory.Delete(_root, recursive: true);
        }

        """;

    public const string GitIgnore = "bin/\nobj/\nartifacts/\nTestResults/\n";
}
