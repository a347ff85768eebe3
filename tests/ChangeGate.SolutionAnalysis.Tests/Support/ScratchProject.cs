namespace ChangeGate.SolutionAnalysis.Tests.Support;

/// <summary>
/// A small C# project in a temporary directory, with update code the ChangeGate rules see, so a test
/// can add an .editorconfig or a suppression and watch the analysis change. Deleted on dispose.
/// </summary>
internal sealed class ScratchProject : IDisposable
{
    public const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>
        """;

    /// <summary>Two unguarded deletes in update code: CG1001 on lines 7 and 12.</summary>
    public const string Updater = """
        using System.IO;

        public static class ServerUpdater
        {
            public static void UpdatePlugins(string dir)
            {
                File.Delete(Path.Combine(dir, "plugin.dll"));
            }

            public static void UpdateConfig(string dir)
            {
                File.Delete(Path.Combine(dir, "app.config"));
            }
        }
        """;

    public ScratchProject()
    {
        Directory = Path.Combine(Path.GetTempPath(), "changegate-analysis-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Write("Scratch.csproj", ProjectFile);
        Write("ServerUpdater.cs", Updater);
    }

    public string Directory { get; }

    public string ProjectPath => Path.Combine(Directory, "Scratch.csproj");

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
