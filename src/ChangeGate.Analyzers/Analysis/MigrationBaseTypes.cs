using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Which migration framework a type's migration comes from.</summary>
internal enum MigrationKind
{
    /// <summary>Not a migration.</summary>
    None,

    /// <summary>Derives from EF Core's <c>Microsoft.EntityFrameworkCore.Migrations.Migration</c>.</summary>
    EntityFrameworkCore,

    /// <summary>Derives from FluentMigrator's <c>FluentMigrator.Migration</c>.</summary>
    FluentMigrator,

    /// <summary>Derives from FluentMigrator's <c>ForwardOnlyMigration</c>, whose <c>Down</c> throws.</summary>
    FluentMigratorForwardOnly,

    /// <summary>Derives from FluentMigrator's <c>AutoReversingMigration</c> (or another <c>MigrationBase</c>): FluentMigrator builds its <c>Down</c>.</summary>
    FluentMigratorAutoReversing,

    /// <summary>
    /// Names an unresolved base type called <c>Migration</c> (the packages are not referenced, as in a file read without its
    /// project): EF Core's or FluentMigrator's, told apart by the shape of <c>Up</c>.
    /// </summary>
    Unresolved,
}

/// <summary>
/// The migration base classes of EF Core and FluentMigrator, resolved by symbol once per compilation,
/// with their <c>Up</c> and <c>Down</c> methods so overrides are recognized by symbol too. When a migration's base
/// type does not resolve (the packages are absent, as in code under edit or a file read alone), an unresolved base
/// named exactly <c>Migration</c>, <c>ForwardOnlyMigration</c> or <c>AutoReversingMigration</c> (optionally qualified) is
/// matched by name; a resolved class that is only called <c>Migration</c> never is.
/// </summary>
internal sealed class MigrationBaseTypes
{
    private readonly INamedTypeSymbol? _entityFramework;
    private readonly INamedTypeSymbol? _fluent;
    private readonly INamedTypeSymbol? _fluentForwardOnly;
    private readonly IMethodSymbol? _entityFrameworkUp;
    private readonly IMethodSymbol? _entityFrameworkDown;
    private readonly IMethodSymbol? _fluentUp;
    private readonly IMethodSymbol? _fluentDown;
    private readonly INamedTypeSymbol? _fluentBase;

    private MigrationBaseTypes(Compilation compilation)
    {
        _entityFramework = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.Migration");
        _fluent = compilation.GetTypeByMetadataName("FluentMigrator.Migration");
        _fluentForwardOnly = compilation.GetTypeByMetadataName("FluentMigrator.ForwardOnlyMigration");
        _entityFrameworkUp = Method(_entityFramework, "Up");
        _entityFrameworkDown = Method(_entityFramework, "Down");

        // FluentMigrator declares Up and Down as abstract members of MigrationBase, the base of Migration.
        _fluentBase = compilation.GetTypeByMetadataName("FluentMigrator.MigrationBase");
        _fluentUp = Method(_fluentBase, "Up");
        _fluentDown = Method(_fluentBase, "Down");
    }

    /// <summary>True when the compilation references EF Core or FluentMigrator migrations.</summary>
    public bool AnyReferenced => _entityFramework is not null || _fluent is not null;

    /// <summary>
    /// The migration base types of <paramref name="compilation"/>, resolved once and shared by CG2001 and CG2002. Ask when a
    /// type needs them, not when the compilation starts: the first lookup of a fresh compilation pays for reading every
    /// reference's namespaces, which the compiler does anyway once it binds the declarations.
    /// </summary>
    public static MigrationBaseTypes Resolve(Compilation compilation) => Shared.GetValue(compilation, static c => new MigrationBaseTypes(c));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, MigrationBaseTypes> Shared = new();

    /// <summary>The migration framework <paramref name="type"/> derives from, if any.</summary>
    public MigrationKind KindOf(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current is IErrorTypeSymbol unresolved)
            {
                return UnresolvedKind(unresolved.Name);
            }

            var definition = current.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(definition, _fluentForwardOnly))
            {
                return MigrationKind.FluentMigratorForwardOnly;
            }

            if (SymbolEqualityComparer.Default.Equals(definition, _fluent))
            {
                return MigrationKind.FluentMigrator;
            }

            if (SymbolEqualityComparer.Default.Equals(definition, _entityFramework))
            {
                return MigrationKind.EntityFrameworkCore;
            }

            if (SymbolEqualityComparer.Default.Equals(definition, _fluentBase))
            {
                return MigrationKind.FluentMigratorAutoReversing;
            }
        }

        return MigrationKind.None;
    }

    /// <summary>True when <paramref name="type"/> has an unresolved base type at all (cheap: checked before <see cref="KindOf"/>).</summary>
    public static bool HasUnresolvedBase(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current is IErrorTypeSymbol)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="method"/> overrides a migration's <c>Up</c> (by name under an unresolved base).</summary>
    public bool IsUp(IMethodSymbol method, MigrationKind kind) =>
        kind == MigrationKind.Unresolved ? IsNamedOverride(method, "Up") : Overrides(method, _entityFrameworkUp) || Overrides(method, _fluentUp);

    /// <summary>True when <paramref name="method"/> overrides a migration's <c>Down</c> (by name under an unresolved base).</summary>
    public bool IsDown(IMethodSymbol method, MigrationKind kind) =>
        kind == MigrationKind.Unresolved ? IsNamedOverride(method, "Down") : Overrides(method, _entityFrameworkDown) || Overrides(method, _fluentDown);

    /// <summary>True when <paramref name="method"/> overrides a migration's <c>Up</c>.</summary>
    public bool IsUp(IMethodSymbol method) => Overrides(method, _entityFrameworkUp) || Overrides(method, _fluentUp);

    /// <summary>True when <paramref name="method"/> overrides a migration's <c>Down</c>.</summary>
    public bool IsDown(IMethodSymbol method) => Overrides(method, _entityFrameworkDown) || Overrides(method, _fluentDown);

    private static MigrationKind UnresolvedKind(string name) => name switch
    {
        "Migration" => MigrationKind.Unresolved,
        "ForwardOnlyMigration" => MigrationKind.FluentMigratorForwardOnly,
        "AutoReversingMigration" => MigrationKind.FluentMigratorAutoReversing,
        _ => MigrationKind.None,
    };

    private static bool IsNamedOverride(IMethodSymbol method, string name) =>
        method.IsOverride && method.MethodKind == MethodKind.Ordinary && string.Equals(method.Name, name, System.StringComparison.Ordinal);

    private static bool Overrides(IMethodSymbol method, IMethodSymbol? baseMethod)
    {
        if (baseMethod is null)
        {
            return false;
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, baseMethod))
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol? Method(INamedTypeSymbol? type, string name)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol method)
            {
                return method;
            }
        }

        return null;
    }
}
