using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Verification;

/// <summary>
/// .NET 10 reference assemblies plus the real migration packages, so migration rules are tested
/// against the types teams actually derive from (served versions only).
/// </summary>
public static class MigrationPackages
{
    /// <summary>EF Core relational 10.0.12 (Microsoft.EntityFrameworkCore.Migrations.Migration).</summary>
    public static ReferenceAssemblies EntityFrameworkCore { get; } = TestReferenceAssemblies.Net10.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "10.0.12")));

    /// <summary>FluentMigrator 8.0.1 (FluentMigrator.Migration, ForwardOnlyMigration, AutoReversingMigration).</summary>
    public static ReferenceAssemblies FluentMigrator { get; } = TestReferenceAssemblies.Net10.AddPackages(
        ImmutableArray.Create(
            new PackageIdentity("FluentMigrator", "8.0.1"),
            new PackageIdentity("FluentMigrator.Abstractions", "8.0.1")));

    /// <summary>Both packages in one compilation.</summary>
    public static ReferenceAssemblies Both { get; } = TestReferenceAssemblies.Net10.AddPackages(
        ImmutableArray.Create(
            new PackageIdentity("Microsoft.EntityFrameworkCore.Relational", "10.0.12"),
            new PackageIdentity("FluentMigrator", "8.0.1"),
            new PackageIdentity("FluentMigrator.Abstractions", "8.0.1")));
}
