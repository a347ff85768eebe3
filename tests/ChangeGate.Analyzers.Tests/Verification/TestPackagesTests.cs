using System.Xml.Linq;
using ChangeGate.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>
/// The reference packages tests compile against really reach the compilation, also on a first run with
/// empty caches: a package the test framework drops silently makes a rule test fail with CS0234, or
/// worse, makes a robustness test pass without the types it meant to exercise.
/// </summary>
public sealed class TestPackagesTests
{
    public static TheoryData<string> Sets => ["file system abstractions", "migrations"];

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Every_named_package_contributes_its_assemblies(string set)
    {
        var references = Named(set);

        var resolved = await references.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);

        var paths = resolved.Select(r => r.Display ?? "").ToList();
        foreach (var package in references.Packages)
        {
            Assert.True(
                paths.Any(p => p.Contains($"{Path.DirectorySeparatorChar}{package.Id}.{package.Version}{Path.DirectorySeparatorChar}", StringComparison.OrdinalIgnoreCase)
                    || p.Contains($"{Path.DirectorySeparatorChar}{package.Id}{Path.DirectorySeparatorChar}{package.Version}{Path.DirectorySeparatorChar}", StringComparison.OrdinalIgnoreCase)),
                $"{package.Id} {package.Version} added no assembly to the compilation; resolved:\n{string.Join("\n", paths.Where(p => !p.Contains("App.Ref", StringComparison.OrdinalIgnoreCase)))}");
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_named_package_is_restored_with_the_test_project(string set)
    {
        var central = XDocument.Load(RepositoryRoot.Combine("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => p.Attribute("Include")!.Value, p => p.Attribute("Version")!.Value, StringComparer.OrdinalIgnoreCase);
        var project = XDocument.Load(RepositoryRoot.Combine("tests", "ChangeGate.Analyzers.Tests", "ChangeGate.Analyzers.Tests.csproj"));
        var restored = project.Descendants("PackageDownload").Select(d => $"{d.Attribute("Include")!.Value} {d.Attribute("Version")!.Value.Trim('[', ']')}")
            .Concat(project.Descendants("PackageReference")
                .Where(r => r.Attribute("ExcludeAssets")?.Value == "all")
                .Select(r => $"{r.Attribute("Include")!.Value} {central.GetValueOrDefault(r.Attribute("Include")!.Value)}"))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var references = Named(set);

        foreach (var package in references.Packages.Append(references.ReferenceAssemblyPackage!))
        {
            Assert.True(restored.Contains($"{package.Id} {package.Version}"),
                $"{package.Id} {package.Version} is not restored with the test project: add <PackageReference Include=\"{package.Id}\" ExcludeAssets=\"all\" PrivateAssets=\"all\" /> "
                + "to ChangeGate.Analyzers.Tests.csproj and its version to Directory.Packages.props (see the comment in the project)");
        }
    }

    private static ReferenceAssemblies Named(string set) => set switch
    {
        "file system abstractions" => TestReferenceAssemblies.Net10WithFileSystemAbstractions,
        "migrations" => MigrationPackages.Both,
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, null),
    };
}
