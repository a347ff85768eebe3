using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ChangeGate.Accuracy;

/// <summary>
/// What the harness needs from one C# project file of a snapshot, read without MSBuild (the snapshots
/// are not restorable or buildable as they stand): its source files, global usings, language version,
/// preprocessor symbols, project references and package references. Properties are read from the
/// project file and every Directory.Build.props above it, and package versions also from
/// Directory.Packages.props (central package management). It is an approximation of an evaluation,
/// good enough to give each file the context a full build gives it.
/// </summary>
internal sealed class ProjectFile
{
    private static readonly string[] SdkUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WebUsings =
        ["System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
         "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
         "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    private static readonly string[] WorkerUsings =
        ["Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    /// <summary>A file the harness puts at the root of each materialised snapshot: lookups stop there.</summary>
    public const string CorpusRootMarker = ".corpus-root";

    private ProjectFile(string path) => Path = path;

    /// <summary>Full path of the .csproj.</summary>
    public string Path { get; }

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public List<string> SourceFiles { get; } = [];

    public List<string> GlobalUsings { get; } = [];

    public List<string> ProjectReferences { get; } = [];

    /// <summary>Package id → version (or "*" when no version could be found).</summary>
    public Dictionary<string, string> Packages { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? LangVersion { get; private set; }

    public bool Nullable { get; private set; }

    public bool AllowUnsafe { get; private set; }

    public bool UsesAspNetCore { get; private set; }

    public List<string> PreprocessorSymbols { get; } = [];

    public static ProjectFile Read(string csproj)
    {
        var project = new ProjectFile(System.IO.Path.GetFullPath(csproj));
        project.Load();
        return project;
    }

    private void Load()
    {
        var doc = XDocument.Load(Path);
        var props = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var imports = AncestorFiles("Directory.Build.props").Reverse().ToList();
        foreach (var import in imports)
        {
            ReadProperties(SafeLoad(import), props);
        }

        ReadProperties(doc, props);
        // SDK style: <Project Sdk="…">, <Sdk Name="…"/>, or <Import Project="Sdk.props" Sdk="…"/>.
        var sdk = string.Join(";", new[] { doc.Root?.Attribute("Sdk")?.Value }
            .Concat(doc.Root?.Elements().Where(e => e.Name.LocalName == "Sdk").Select(e => e.Attribute("Name")?.Value) ?? [])
            .Concat(doc.Descendants().Where(e => e.Name.LocalName == "Import").Select(e => e.Attribute("Sdk")?.Value))
            .Where(v => !string.IsNullOrEmpty(v)));
        var sdkStyle = sdk.Length > 0;

        LangVersion = Get(props, "LangVersion");
        Nullable = Get(props, "Nullable") is "enable" or "annotations" or "warnings";
        AllowUnsafe = string.Equals(Get(props, "AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase);
        var frameworkReferences = AllItems(doc, imports, "FrameworkReference").Select(i => i.Include).ToList();
        UsesAspNetCore = sdk.Contains("Web", StringComparison.OrdinalIgnoreCase) || sdk.Contains("Razor", StringComparison.OrdinalIgnoreCase)
                         || frameworkReferences.Any(f => f.StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase));

        if (sdkStyle && (string.Equals(Get(props, "ImplicitUsings"), "enable", StringComparison.OrdinalIgnoreCase) || string.Equals(Get(props, "ImplicitUsings"), "true", StringComparison.OrdinalIgnoreCase)))
        {
            GlobalUsings.AddRange(SdkUsings);
            if (sdk.Contains("Web", StringComparison.OrdinalIgnoreCase))
            {
                GlobalUsings.AddRange(WebUsings);
            }
            else if (sdk.Contains("Worker", StringComparison.OrdinalIgnoreCase))
            {
                GlobalUsings.AddRange(WorkerUsings);
            }

            if (string.Equals(Get(props, "UseWindowsForms"), "true", StringComparison.OrdinalIgnoreCase))
            {
                GlobalUsings.AddRange(["System.Drawing", "System.Windows.Forms"]);
            }
        }

        foreach (var item in AllItems(doc, imports, "Using"))
        {
            if (item.Element.Attribute("Remove") is { } removed)
            {
                GlobalUsings.Remove(removed.Value);
            }
            else if (item.Element.Attribute("Static")?.Value is "true" or "True")
            {
                GlobalUsings.Add("static " + item.Include);
            }
            else if (item.Element.Attribute("Alias") is { } alias)
            {
                GlobalUsings.Add(alias.Value + " = " + item.Include);
            }
            else if (item.Include.Length > 0)
            {
                GlobalUsings.Add(item.Include);
            }
        }

        AddSymbols(Get(props, "TargetFramework") ?? Get(props, "TargetFrameworks")?.Split(';')[0] ?? Get(props, "TargetFrameworkVersion") ?? "net10.0");
        foreach (var symbol in (Get(props, "DefineConstants") ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!symbol.Contains('$') && SyntaxFacts(symbol))
            {
                PreprocessorSymbols.Add(symbol);
            }
        }

        var central = ReadCentralVersions();
        foreach (var item in AllItems(doc, imports, "PackageReference"))
        {
            if (item.Include.Length == 0 || item.Include.Contains('$'))
            {
                continue;
            }

            var version = item.Element.Attribute("VersionOverride")?.Value ?? item.Element.Element(item.Element.Name.Namespace + "VersionOverride")?.Value
                ?? item.Element.Attribute("Version")?.Value ?? item.Element.Element(item.Element.Name.Namespace + "Version")?.Value
                ?? (central.TryGetValue(item.Include, out var v) ? v : null);
            Packages[item.Include] = Clean(version);
        }

        var packagesConfig = System.IO.Path.Combine(Directory, "packages.config");
        if (File.Exists(packagesConfig))
        {
            foreach (var package in SafeLoad(packagesConfig).Descendants().Where(e => e.Name.LocalName == "package"))
            {
                var id = package.Attribute("id")?.Value;
                if (id is { Length: > 0 })
                {
                    Packages[id] = Clean(package.Attribute("version")?.Value);
                }
            }
        }

        foreach (var item in Items(doc, "ProjectReference"))
        {
            var referenced = Resolve(item.Include);
            if (referenced is not null && File.Exists(referenced) && referenced.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                ProjectReferences.Add(referenced);
            }
        }

        CollectSources(doc, props, sdkStyle);
    }

    private void CollectSources(XDocument doc, Dictionary<string, string> props, bool sdkStyle)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var defaults = sdkStyle && !string.Equals(Get(props, "EnableDefaultCompileItems"), "false", StringComparison.OrdinalIgnoreCase);
        if (defaults)
        {
            foreach (var file in EnumerateSources(Directory))
            {
                files.Add(file);
            }
        }

        foreach (var item in Items(doc, "Compile"))
        {
            if (item.Element.Attribute("Remove") is { } remove)
            {
                var pattern = Glob(remove.Value);
                files.RemoveWhere(f => pattern.IsMatch(Relative(f)));
            }

            if (item.Include.Length == 0)
            {
                continue;
            }

            if (item.Include.Contains('*'))
            {
                var pattern = Glob(item.Include);
                foreach (var file in EnumerateSources(Directory).Where(f => pattern.IsMatch(Relative(f))))
                {
                    files.Add(file);
                }
            }
            else if (Resolve(item.Include) is { } file && File.Exists(file) && file.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(file);
            }
        }

        SourceFiles.AddRange(files);
    }

    /// <summary>.cs files under a folder, skipping bin/obj and folders that hold another project.</summary>
    private IEnumerable<string> EnumerateSources(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var file in System.IO.Directory.EnumerateFiles(dir, "*.cs"))
            {
                yield return file;
            }

            foreach (var sub in System.IO.Directory.EnumerateDirectories(dir))
            {
                var name = System.IO.Path.GetFileName(sub);
                if (name is "bin" or "obj" || name.StartsWith('.') || System.IO.Directory.EnumerateFiles(sub, "*.csproj").Any())
                {
                    continue;
                }

                pending.Push(sub);
            }
        }
    }

    private Dictionary<string, string> ReadCentralVersions()
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in AncestorFiles("Directory.Packages.props").Reverse())
        {
            foreach (var element in SafeLoad(file).Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
            {
                var id = element.Attribute("Include")?.Value ?? element.Attribute("Update")?.Value;
                var version = element.Attribute("Version")?.Value;
                if (id is not null && version is not null)
                {
                    versions[id] = version;
                }
            }
        }

        return versions;
    }

    private IEnumerable<string> AncestorFiles(string name)
    {
        for (var dir = new DirectoryInfo(Directory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, name);
            if (File.Exists(candidate))
            {
                yield return candidate;
            }

            if (File.Exists(System.IO.Path.Combine(dir.FullName, CorpusRootMarker)))
            {
                yield break;
            }
        }
    }

    private void AddSymbols(string framework)
    {
        PreprocessorSymbols.AddRange(["TRACE", "RELEASE"]);
        var tfm = framework.Trim().ToLowerInvariant();
        var netCore = Regex.Match(tfm, @"^net(\d+)\.(\d+)");
        if (netCore.Success)
        {
            var major = int.Parse(netCore.Groups[1].Value);
            PreprocessorSymbols.AddRange(["NET", "NETCOREAPP"]);
            for (var m = 5; m <= major; m++)
            {
                PreprocessorSymbols.Add($"NET{m}_0_OR_GREATER");
            }

            PreprocessorSymbols.Add($"NET{major}_{netCore.Groups[2].Value}");
            if (tfm.Contains("windows"))
            {
                PreprocessorSymbols.Add("WINDOWS");
            }
        }
        else if (tfm.StartsWith("netstandard", StringComparison.Ordinal))
        {
            PreprocessorSymbols.AddRange(["NETSTANDARD", tfm.ToUpperInvariant().Replace('.', '_')]);
        }
        else
        {
            // net48, v4.8, net472…
            var digits = new string(tfm.Where(char.IsDigit).ToArray());
            PreprocessorSymbols.AddRange(["NETFRAMEWORK", "NET" + digits]);
        }
    }

    private static bool SyntaxFacts(string symbol) => Regex.IsMatch(symbol, @"^[A-Za-z_][A-Za-z0-9_]*$");

    private static string Clean(string? version)
    {
        if (string.IsNullOrWhiteSpace(version) || version.Contains('$'))
        {
            return "*";
        }

        // "[1.2.3]", "[1.0,2.0)": take the lower bound.
        var trimmed = version.Trim().TrimStart('[', '(').Split(',')[0].TrimEnd(']', ')').Trim();
        return trimmed.Length == 0 ? "*" : trimmed;
    }

    private string? Resolve(string include)
    {
        if (include.Contains('$'))
        {
            return null;
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, include.Replace('\\', '/')));
    }

    private string Relative(string file) => System.IO.Path.GetRelativePath(Directory, file).Replace('\\', '/');

    private static Regex Glob(string pattern)
    {
        var p = pattern.Replace('\\', '/');
        var regex = "^" + Regex.Escape(p).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", ".") + "$";
        return new Regex(regex, RegexOptions.IgnoreCase);
    }

    private static void ReadProperties(XDocument doc, Dictionary<string, string> props)
    {
        foreach (var group in doc.Root?.Elements().Where(e => e.Name.LocalName == "PropertyGroup") ?? [])
        {
            foreach (var property in group.Elements())
            {
                var value = property.Value.Trim();
                if (value.Contains("$(" + property.Name.LocalName + ")", StringComparison.OrdinalIgnoreCase))
                {
                    value = value.Replace("$(" + property.Name.LocalName + ")", props.GetValueOrDefault(property.Name.LocalName, ""), StringComparison.OrdinalIgnoreCase);
                }

                // The first framework-like value wins over conditional overrides we cannot evaluate.
                if (property.Attribute("Condition") is not null && props.ContainsKey(property.Name.LocalName))
                {
                    continue;
                }

                props[property.Name.LocalName] = value;
            }
        }
    }

    private static string? Get(Dictionary<string, string> props, string name) =>
        props.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static IEnumerable<(XElement Element, string Include)> Items(XDocument doc, string kind) =>
        doc.Descendants().Where(e => e.Name.LocalName == kind && e.Parent?.Name.LocalName == "ItemGroup")
            .Select(e => (e, e.Attribute("Include")?.Value ?? ""));

    private static IEnumerable<(XElement Element, string Include)> AllItems(XDocument doc, IEnumerable<string> imports, string kind) =>
        imports.SelectMany(i => Items(SafeLoad(i), kind)).Concat(Items(doc, kind));

    private static XDocument SafeLoad(string path)
    {
        try
        {
            return XDocument.Load(path);
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException)
        {
            return new XDocument(new XElement("Project"));
        }
    }
}
