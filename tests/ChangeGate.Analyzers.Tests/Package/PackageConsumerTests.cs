using System.IO.Compression;
using System.Xml.Linq;
using ChangeGate.Analyzers.Tests.Infrastructure;

namespace ChangeGate.Analyzers.Tests.Package;

/// <summary>
/// Packs ChangeGate.Analyzers with build/pack.sh, adds the package to a fresh console project through a local
/// folder source, and checks that its `dotnet build` reports CG1001 on a File.Delete inside UpdateServerFiles().
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed class PackageConsumerTests : IDisposable
{
    private const string PackageId = "ChangeGate.Analyzers";

    private readonly string _work = Directory.CreateTempSubdirectory("changegate-package-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task The_package_reports_CG1001_in_a_consumer_build_and_leaks_nothing_into_it()
    {
        var package = await PackAsync();

        AssertPackageLayout(package);

        // A fresh console project whose only source is the folder holding the package, and an empty package
        // cache, so an older package of the same version cached on this machine is never used.
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "Consumer")).FullName;
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work, "packages") };
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Path.GetDirectoryName(package)}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            ServerFiles.UpdateServerFiles(args.Length > 0 ? args[0] : "/srv/app");

            static class ServerFiles
            {
                public static void UpdateServerFiles(string root)
                {
                    File.Delete(Path.Combine(root, "app.config"));
                }
            }
            """);

        var version = Path.GetFileNameWithoutExtension(package).Substring(PackageId.Length + 1);
        var add = await ExternalCommand.RunAsync("dotnet", new[] { "add", "package", PackageId, "--version", version }, consumer, environment);
        Assert.True(add.ExitCode == 0, $"dotnet add package failed:{Environment.NewLine}{add}");

        var build = await ExternalCommand.RunAsync("dotnet", new[] { "build", "--no-restore", "-nologo", "-clp:NoSummary" }, consumer, environment);
        Assert.True(build.ExitCode == 0, $"the consumer does not build:{Environment.NewLine}{build}");

        var findings = BuildDiagnostics.Parse(build.Output);
        Assert.Contains(findings, d => d.Id == "CG1001" && Path.GetFileName(d.File) == "Program.cs" && d.Line == 7 && d.Severity == "warning");
        Assert.DoesNotContain(findings, d => d.Id is "AD0001" or "CS8032" or "CS8033");

        // Analyzers only: nothing of the package reaches the consumer's output.
        var output = Path.Combine(consumer, "bin");
        Assert.Empty(Directory.EnumerateFiles(output, "ChangeGate.*.dll", SearchOption.AllDirectories));
    }

    private async Task<string> PackAsync()
    {
        // The documented command. Debug reuses the assemblies the test run has just built (Release would compile them
        // again); the package layout is the same.
        var feed = Path.Combine(_work, "feed");
        var pack = await ExternalCommand.RunAsync(
            "bash", new[] { RepositoryRoot.Combine("build", "pack.sh"), "--configuration", "Debug", "--output", feed }, RepositoryRoot.Path);
        Assert.True(pack.ExitCode == 0, $"build/pack.sh failed:{Environment.NewLine}{pack}");

        var package = pack.Output.TrimEnd().Split('\n').Last().Trim();
        Assert.Equal(feed, Path.GetDirectoryName(package));
        Assert.Matches(@"^ChangeGate\.Analyzers\.\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\.nupkg$", Path.GetFileName(package));
        Assert.True(File.Exists(package), $"build/pack.sh named {package}, which does not exist");
        return package;
    }

    private static void AssertPackageLayout(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(e => e.FullName).ToList();

        Assert.Contains("analyzers/dotnet/cs/ChangeGate.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ChangeGate.CodeFixes.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.OrdinalIgnoreCase) || e.StartsWith("ref/", StringComparison.OrdinalIgnoreCase));

        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName is "dependency" or "dependencies" or "frameworkReferences");
        Assert.Equal("true", nuspec.Descendants().Single(e => e.Name.LocalName == "developmentDependency").Value);
    }
}
