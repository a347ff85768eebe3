using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Tests.Analysis;

/// <summary>References to the running framework's assemblies, for compiling small snippets in unit tests.</summary>
internal static class TrustedPlatformReferences
{
    public static IReadOnlyList<MetadataReference> All { get; } =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) ||
                           Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
}
