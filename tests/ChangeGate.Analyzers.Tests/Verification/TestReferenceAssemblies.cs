using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>
/// Reference assemblies for analyzer tests, defined once. The built-in ReferenceAssemblies.Net.Net80
/// asks for a package version our feed does not serve; this one is served. Every package named here is
/// restored with the test project (see ChangeGate.Analyzers.Tests.csproj), or a first run with empty
/// caches compiles without it.
/// </summary>
public static class TestReferenceAssemblies
{
    /// <summary>.NET 10 reference assemblies.</summary>
    public static ReferenceAssemblies Net10 { get; } = new ReferenceAssemblies(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    /// <summary>
    /// .NET 10 plus System.IO.Abstractions 22 (IFileSystem, IFile, IDirectory, IFileInfo, IDirectoryInfo…). Since
    /// version 22 the interfaces live in Testably.Abstractions.FileSystem.Interface; the test framework does not
    /// resolve that dependency for net10.0, so both packages are named.
    /// </summary>
    public static ReferenceAssemblies Net10WithFileSystemAbstractions { get; } = Net10.AddPackages(
        System.Collections.Immutable.ImmutableArray.Create(
            new PackageIdentity("TestableIO.System.IO.Abstractions", "22.3.0"),
            new PackageIdentity("Testably.Abstractions.FileSystem.Interface", "10.4.0")));
}
