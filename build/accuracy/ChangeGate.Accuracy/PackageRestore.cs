using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChangeGate.Accuracy;

/// <summary>
/// Resolves a snapshot's package references to compile-time assemblies: one synthetic net10.0 project
/// per repository lists the union of its packages, <c>dotnet restore</c> brings them into the NuGet
/// cache (the feed serves only some packages and versions; those it refuses are dropped and
/// reported), and project.assets.json gives each package's compile assets and dependencies.
/// </summary>
internal sealed class PackageRestore
{
    private static readonly Regex MissingPackage = new(@"error (NU1101|NU1102|NU1103|NU1202|NU1213|NU1107|NU1605|NU1608): .*?(?:package|Package) '?([A-Za-z0-9_.\-]+)'?", RegexOptions.Compiled);

    private readonly Dictionary<string, (string Key, List<string> Compile, List<string> Dependencies)> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _frameworkNames;

    private PackageRestore(HashSet<string> frameworkNames) => _frameworkNames = frameworkNames;

    /// <summary>Packages the feed did not serve (or that could not be restored), with the reason.</summary>
    public List<string> Missing { get; } = [];

    public static PackageRestore Run(string workDir, string repo, IReadOnlyDictionary<string, string> packages, HashSet<string> frameworkNames, TextWriter log)
    {
        var restore = new PackageRestore(frameworkNames);
        if (packages.Count == 0)
        {
            return restore;
        }

        var dir = Path.Combine(workDir, "restore", repo);
        Directory.CreateDirectory(dir);
        var wanted = new Dictionary<string, string>(packages, StringComparer.OrdinalIgnoreCase);
        var assets = Path.Combine(dir, "obj", "project.assets.json");
        var stamp = Path.Combine(dir, "packages.txt");
        var list = string.Join("\n", wanted.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => p.Key + " " + p.Value));
        if (File.Exists(assets) && File.Exists(stamp) && File.ReadAllText(stamp) == list && File.Exists(Path.Combine(dir, "missing.txt")))
        {
            restore.Missing.AddRange(File.ReadAllLines(Path.Combine(dir, "missing.txt")).Where(l => l.Length > 0));
            restore.ReadAssets(assets);
            return restore;
        }

        // Each attempt drops the packages the feed refused; a large repository needs a few rounds.
        for (var attempt = 0; attempt < 30 && wanted.Count > 0; attempt++)
        {
            WriteProject(Path.Combine(dir, "restore.csproj"), wanted);
            var (exit, output) = RunRestore(dir, TimeSpan.FromMinutes(8));
            if (exit == 0)
            {
                break;
            }

            var refused = MissingPackage.Matches(output).Select(m => m.Groups[2].Value.TrimEnd('.'))
                .Where(wanted.ContainsKey).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (refused.Count == 0)
            {
                // Use whatever the last attempt resolved (project.assets.json lists it); say so.
                var errors = output.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Take(3).Select(l => l.Trim());
                log.WriteLine($"  restore of {repo} failed and named no package: {string.Join(" | ", errors)}");
                restore.Missing.Add("(restore incomplete: " + string.Join(" | ", errors) + ")");
                break;
            }

            foreach (var id in refused)
            {
                restore.Missing.Add($"{id} {wanted[id]}");
                wanted.Remove(id);
            }
        }

        File.WriteAllText(stamp, list);
        File.WriteAllLines(Path.Combine(dir, "missing.txt"), restore.Missing);
        if (wanted.Count > 0 && File.Exists(assets))
        {
            restore.ReadAssets(assets);
        }

        return restore;
    }

    /// <summary>Compile assemblies of the given packages and everything they depend on.</summary>
    public IEnumerable<string> CompileAssemblies(IEnumerable<string> packageIds)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(packageIds);
        var result = new List<string>();
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!seen.Add(id) || !_packages.TryGetValue(id, out var package))
            {
                continue;
            }

            result.AddRange(package.Compile.Where(dll => !_frameworkNames.Contains(Path.GetFileNameWithoutExtension(dll))));
            foreach (var dependency in package.Dependencies)
            {
                pending.Push(dependency);
            }
        }

        return result;
    }

    private void ReadAssets(string assetsPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(assetsPath));
        var root = doc.RootElement;
        var folders = root.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var libraries = root.GetProperty("libraries");
        foreach (var target in root.GetProperty("targets").EnumerateObject())
        {
            foreach (var package in target.Value.EnumerateObject())
            {
                if (!package.Value.TryGetProperty("type", out var type) || type.GetString() != "package")
                {
                    continue;
                }

                var id = package.Name.Split('/')[0];
                var libPath = libraries.TryGetProperty(package.Name, out var lib) && lib.TryGetProperty("path", out var p) ? p.GetString()! : package.Name.ToLowerInvariant();
                var compile = new List<string>();
                if (package.Value.TryGetProperty("compile", out var assets))
                {
                    foreach (var asset in assets.EnumerateObject())
                    {
                        if (asset.Name.EndsWith("_._", StringComparison.Ordinal))
                        {
                            continue;
                        }

                        var full = folders.Select(f => Path.Combine(f, libPath, asset.Name)).FirstOrDefault(File.Exists);
                        if (full is not null)
                        {
                            compile.Add(full);
                        }
                    }
                }

                var dependencies = package.Value.TryGetProperty("dependencies", out var deps)
                    ? deps.EnumerateObject().Select(d => d.Name).ToList()
                    : [];
                _packages[id] = (package.Name, compile, dependencies);
            }

            break; // one target framework
        }
    }

    private static void WriteProject(string path, Dictionary<string, string> packages)
    {
        var items = string.Join("\n", packages.Select(p => $"    <PackageReference Include=\"{p.Key}\" Version=\"{p.Value}\" />"));
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Generated by build/accuracy (ChangeGate.Accuracy) to resolve a corpus repository's packages. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <AssetTargetFallback>net48;net472;net471;net462;net461;net46;net452;net45;netstandard2.1;netcoreapp3.1</AssetTargetFallback>
                <NoWarn>NU1603;NU1701;NU1605;NU1608;NU1604;NU1900;NU1901;NU1902;NU1903;NU1904;NU1510</NoWarn>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
            {items}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "Directory.Packages.props"), "<Project />\n");
    }

    private static (int Exit, string Output) RunRestore(string dir, TimeSpan limit)
    {
        var info = new ProcessStartInfo("dotnet", ["restore", "restore.csproj", "-nologo", "-v", "q", "-p:NuGetAudit=false"])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "error NU0000: restore timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
