using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>
/// Reference assemblies for analyzer tests, defined once. The built-in ReferenceAssemblies.Net.Net80
/// asks for a package version our feed does not serve; this one is served.
/// </summary>
public static class TestReferenceAssemblies
{
    /// <summary>.NET 10 reference assemblies.</summary>
    public static ReferenceAssemblies Net10 { get; } = new ReferenceAssemblies(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));
}
