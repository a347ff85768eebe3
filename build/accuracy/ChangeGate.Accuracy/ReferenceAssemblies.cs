using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Accuracy;

/// <summary>The net10 reference assemblies of the running SDK (Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref).</summary>
internal sealed class ReferenceAssemblies
{
    private static readonly ConcurrentDictionary<string, MetadataReference> Cache = new(StringComparer.Ordinal);

    private ReferenceAssemblies(ImmutableArray<MetadataReference> netCore, ImmutableArray<MetadataReference> aspNetCore, HashSet<string> names)
    {
        NetCore = netCore;
        AspNetCore = aspNetCore;
        FrameworkNames = names;
    }

    public ImmutableArray<MetadataReference> NetCore { get; }

    public ImmutableArray<MetadataReference> AspNetCore { get; }

    /// <summary>Simple names of the framework's assemblies (a package's copy of one is not referenced again).</summary>
    public HashSet<string> FrameworkNames { get; }

    public static MetadataReference FromFile(string path) => Cache.GetOrAdd(path, p => MetadataReference.CreateFromFile(p));

    public static ReferenceAssemblies Find()
    {
        // …/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll → the dotnet root.
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return new ReferenceAssemblies(Pack(dotnetRoot, "Microsoft.NETCore.App.Ref", names), Pack(dotnetRoot, "Microsoft.AspNetCore.App.Ref", names), names);
    }

    private static ImmutableArray<MetadataReference> Pack(string dotnetRoot, string pack, HashSet<string> names)
    {
        var versions = Path.Combine(dotnetRoot, "packs", pack);
        var major = Environment.Version.Major;
        var dir = Directory.Exists(versions)
            ? Directory.EnumerateDirectories(versions).Where(d => Path.GetFileName(d).StartsWith(major + ".", StringComparison.Ordinal)).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        var refDir = dir is null ? null : Path.Combine(dir, "ref", $"net{major}.0");
        if (refDir is null || !Directory.Exists(refDir))
        {
            throw new InvalidOperationException($"no {pack} for net{major}.0 under {versions}");
        }

        var files = Directory.EnumerateFiles(refDir, "*.dll").OrderBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }

        return [.. files.Select(FromFile)];
    }
}
