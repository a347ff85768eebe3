using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>
/// The real library the side-by-side benchmark compiles: Newtonsoft.Json (about 69,000 lines, no package
/// references, no update code), at a pinned commit. The snapshot is never committed; the harness takes its path.
/// </summary>
internal static class RealLibrary
{
    public const string Repository = "JamesNK/Newtonsoft.Json";
    public const string Commit = "09bb545d72969ad7fb4ea07db0d5c34f4fc07877";
    public const string ProjectDirectory = "Src/Newtonsoft.Json";
    public const string ProjectFile = "Newtonsoft.Json.csproj";

    // Its newest .NET target; the harness compiles that configuration against the net10.0 reference assemblies.
    public const string TargetFramework = "net8.0";

    public const string EnvironmentVariable = "CHANGEGATE_BENCH_LIBRARY";

    public static string HowToFetch =>
        $"""
        the side-by-side benchmark needs a snapshot of {Repository} at {Commit[..10]}; fetch it, then pass its path:
            git clone https://github.com/{Repository} /tmp/Newtonsoft.Json && git -C /tmp/Newtonsoft.Json checkout {Commit}
            build/bench/run.sh analyzers --library /tmp/Newtonsoft.Json        (or set {EnvironmentVariable})
          a bare clone or mirror (a git directory, or a folder whose repo/ is one) works too: the harness extracts {ProjectDirectory} at that commit.
        """;

    /// <summary>
    /// The sources of the library from <paramref name="path"/>: a checkout (or its Src/Newtonsoft.Json directory) as it
    /// is, or a git directory (bare clone, mirror) from which the pinned commit is extracted into <paramref name="scratch"/>.
    /// </summary>
    public static (BenchSources Sources, string Origin) Load(string path, string scratch)
    {
        if (!Directory.Exists(path))
        {
            throw new BenchSetupException($"--library {path}: no such directory.\n{HowToFetch}");
        }

        var project = FindProject(path) ?? Extract(GitDirectoryOf(path), scratch);
        var origin = project.Extracted ? $"{Repository} at {Commit} (extracted from {path})" : $"{Repository} from {project.Directory}{CommitOf(project.Directory)}";
        var csproj = XDocument.Load(Path.Combine(project.Directory, ProjectFile));
        var defines = DefinesOf(csproj, TargetFramework).Concat(ImplicitDefines(8)).Append("RELEASE").Append("TRACE").Distinct().ToList();
        var language = Property(csproj, "LangVersion") is { } text && LanguageVersionFacts.TryParse(text, out var parsed) ? parsed : LanguageVersion.Latest;
        var nullable = Property(csproj, "Nullable") == "enable" ? NullableContextOptions.Enable : NullableContextOptions.Disable;
        var parseOptions = BenchSources.ParseOptions(language, defines);

        var files = Directory.EnumerateFiles(project.Directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var trees = files
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f), System.Text.Encoding.UTF8), parseOptions, f))
            .ToImmutableArray();
        var options = BenchSources.LibraryOptions(nullable, allowUnsafe: Property(csproj, "AllowUnsafeBlocks") == "true");
        return (new BenchSources("Newtonsoft.Json", trees, options), origin);
    }

    private sealed record Project(string Directory, bool Extracted);

    private static Project? FindProject(string path)
    {
        foreach (var candidate in new[] { path, Path.Combine(path, ProjectDirectory) })
        {
            if (File.Exists(Path.Combine(candidate, ProjectFile)))
            {
                return new Project(Path.GetFullPath(candidate), false);
            }
        }

        return null;
    }

    // A snapshot fetched by the session tools is a folder whose `repo` subfolder is the bare git directory.
    private static string GitDirectoryOf(string path)
    {
        var inner = Path.Combine(path, "repo");
        return !File.Exists(Path.Combine(path, "HEAD")) && File.Exists(Path.Combine(inner, "HEAD")) ? inner : path;
    }

    private static Project Extract(string gitDirectory, string scratch)
    {
        var target = Path.Combine(scratch, "library");
        Directory.CreateDirectory(target);
        var archive = Path.Combine(scratch, "library.tar");
        Run("git", ["-C", gitDirectory, "archive", "--format=tar", "-o", archive, Commit, ProjectDirectory], $"{gitDirectory} holds neither {ProjectDirectory}/{ProjectFile} nor commit {Commit} of {Repository}.\n{HowToFetch}");
        Run("tar", ["-xf", archive, "-C", target], "tar could not unpack the extracted library");
        return new Project(Path.Combine(target, ProjectDirectory), true);
    }

    private static string CommitOf(string directory)
    {
        try
        {
            var head = Run("git", ["-C", directory, "rev-parse", "HEAD"], "").Trim();
            return head == Commit ? $" (commit {head})" : $" (commit {head}; the figures in docs/benchmarks.md are for {Commit})";
        }
        catch (BenchSetupException)
        {
            return " (not a git checkout: commit unknown)";
        }
    }

    private static string Run(string program, string[] arguments, string failure)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new BenchSetupException($"{program} did not finish in 2 minutes. {failure}");
        }

        if (process.ExitCode != 0)
        {
            throw new BenchSetupException($"{failure}\n({program}: {error.Result.Trim()})");
        }

        return output.Result;
    }

    // DefineConstants of the unconditional property groups and of those for the target framework, in order.
    private static IEnumerable<string> DefinesOf(XDocument csproj, string framework)
    {
        foreach (var group in csproj.Descendants("PropertyGroup"))
        {
            var condition = Regex.Replace((string?)group.Attribute("Condition") ?? "", @"\s", "");
            if (condition.Length > 0 && condition != $"'$(TargetFramework)'=='{framework}'")
            {
                continue;
            }

            foreach (var element in group.Elements("DefineConstants"))
            {
                foreach (var symbol in element.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!symbol.StartsWith("$(", StringComparison.Ordinal))
                    {
                        yield return symbol;
                    }
                }
            }
        }
    }

    // The symbols the SDK defines for netN.0: NET, NETN_0, NETCOREAPP, NETx_y_OR_GREATER…
    private static IEnumerable<string> ImplicitDefines(int major)
    {
        yield return "NET";
        yield return $"NET{major}_0";
        yield return "NETCOREAPP";
        foreach (var version in new[] { "1_0", "1_1", "2_0", "2_1", "2_2", "3_0", "3_1" })
        {
            yield return $"NETCOREAPP{version}_OR_GREATER";
        }

        for (var v = 5; v <= major; v++)
        {
            yield return $"NET{v}_0_OR_GREATER";
        }
    }

    private static string? Property(XDocument csproj, string name) =>
        csproj.Descendants("PropertyGroup").Where(g => g.Attribute("Condition") is null).Elements(name).Select(e => e.Value.Trim()).LastOrDefault();
}
