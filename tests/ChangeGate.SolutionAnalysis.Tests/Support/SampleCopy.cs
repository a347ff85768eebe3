using ChangeGate.Analyzers.Tests.Infrastructure;

namespace ChangeGate.SolutionAnalysis.Tests.Support;

/// <summary>
/// A copy of one sample under a temporary root laid out like the repository (samples/NAME, the
/// central package versions, global.json), so analyzing it restores and evaluates nothing inside
/// the checkout while the analyzer tests build the same sample. The samples' own
/// Directory.Build.props adds the analyzers by project reference; the copy leaves that out, since
/// the engine runs the analyzers shipped with the tool whatever a project references.
/// </summary>
internal sealed class SampleCopy : IDisposable
{
    private const string SamplesProps = """
        <Project>
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
        </Project>
        """;

    public SampleCopy(string sample)
    {
        Root = Path.Combine(Path.GetTempPath(), "changegate-sample-" + Guid.NewGuid().ToString("N")[..12]);
        Directory = Path.Combine(Root, "samples", sample);
        foreach (var file in new[] { "Directory.Packages.props", "global.json", "nuget.config" })
        {
            File.Copy(RepositoryRoot.Combine(file), Path.Combine(Root.EnsureDirectory(), file));
        }

        File.WriteAllText(Path.Combine(Path.Combine(Root, "samples").EnsureDirectory(), "Directory.Build.props"), SamplesProps);
        var source = RepositoryRoot.Combine("samples", sample);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(Directory, relative);
            Path.GetDirectoryName(target)!.EnsureDirectory();
            File.Copy(file, target);
        }
    }

    /// <summary>The temporary root (the copy's "repository root").</summary>
    public string Root { get; }

    /// <summary>The copied sample's directory, Root/samples/NAME.</summary>
    public string Directory { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class DirectoryExtensions
{
    public static string EnsureDirectory(this string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }
}
