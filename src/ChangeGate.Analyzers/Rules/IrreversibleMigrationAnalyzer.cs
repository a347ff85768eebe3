using System.Collections.Concurrent;
using System.Collections.Immutable;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChangeGate.Analyzers.Rules;

/// <summary>
/// CG2002: a database migration cannot be rolled back — EF Core <c>Down</c> missing, empty or always
/// throwing; FluentMigrator <c>Down</c> empty or always throwing, or a <c>ForwardOnlyMigration</c>.
/// Analyzes and reports in generated code too: teams commonly mark <c>Migrations/*.cs</c> as generated.
/// </summary>
/// <remarks>
/// A <c>Down</c> inherited from a base migration in source is reported once, on the base; the migrations that derive from it
/// are not reported again (one fix, one finding). FluentMigrator maintenance and profile migrations (<c>[Maintenance]</c>,
/// <c>[Profile]</c>) run outside versioning and are never rolled back by version, so they are not reported.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IrreversibleMigrationAnalyzer : ChangeGateAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.IrreversibleMigration,
        title: "Migration cannot be rolled back (EF Core Down empty/throws, FluentMigrator forward-only or empty Down)",
        messageFormat: "Migration '{0}' cannot be rolled back: {1}",
        description:
            "A schema change needs a way back when the release that carries it is rolled back. Give the migration a " +
            "Down that undoes its Up (drop what Up created, restore what it changed). Forward-only FluentMigrator " +
            "migrations and EF Core migrations without a working Down leave no way back.",
        analyzesGeneratedCode: true);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    protected override bool AnalyzesGeneratedCode => true;

    /// <inheritdoc />
    protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        // Resolved on the first type, not at compilation start (MigrationBaseTypes.Resolve says why).
        var compilation = context.Compilation;
        context.RegisterSymbolStartAction(
            symbolContext =>
            {
                // Without the packages only a migration whose base does not resolve (code under edit, a file read alone) can be one.
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                if (type.BaseType is null or { SpecialType: SpecialType.System_Object })
                {
                    return;
                }

                var migrations = MigrationBaseTypes.Resolve(compilation);
                if (migrations.AnyReferenced || MigrationBaseTypes.HasUnresolvedBase(type))
                {
                    AnalyzeType(symbolContext, migrations, MemberBodies.For(compilation));
                }
            },
            SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolStartAnalysisContext context, MigrationBaseTypes migrations, MemberBodies bodies)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var kind = migrations.KindOf(type);
        if (kind is MigrationKind.None or MigrationKind.FluentMigratorAutoReversing || RunsOutsideVersioning(type))
        {
            return;
        }

        IMethodSymbol? up = null;
        IMethodSymbol? down = null;
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method)
            {
                if (migrations.IsUp(method, kind))
                {
                    up = method;
                }
                else if (migrations.IsDown(method, kind))
                {
                    down = method;
                }
            }
        }

        // An abstract base migration leaves Up (and a missing Down) to the migrations that derive from it; a Down it
        // declares is inherited by all of them, so it is checked here, once.
        if (type.IsAbstract && down is null)
        {
            return;
        }

        var shapes = new ConcurrentDictionary<IMethodSymbol, MemberBodyShape>(SymbolEqualityComparer.Default);
        context.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is IMethodSymbol owner && MemberBodies.Declared(owner) is var method &&
                (SymbolEqualityComparer.Default.Equals(method, up) || SymbolEqualityComparer.Default.Equals(method, down)))
            {
                shapes[method] = bodies.Classify(owner, block.OperationBlocks);
            }
        });

        context.RegisterSymbolEndAction(end =>
        {
            // A migration whose Up does nothing has nothing to undo. (An abstract base's own Up is a template: the
            // migrations that derive from it fill it in, and inherit its Down.)
            if (!type.IsAbstract && up is not null && shapes.TryGetValue(up, out var upShape) && upShape == MemberBodyShape.Empty)
            {
                return;
            }

            var reason = Reason(kind, type, up, down, shapes, migrations);
            if (reason is not null)
            {
                var location = down is not null && !down.Locations.IsEmpty ? down.Locations[0] : TypeLocation(type, up);
                end.ReportDiagnostic(Diagnostic.Create(Rule, location, type.Name, reason));
            }
        });
    }

    // FluentMigrator's [Maintenance(MigrationStage.…)] and [Profile("…")] migrations run before or after every migration run (or
    // when a profile is chosen); they have no version to roll back to, so a Down of theirs is never called.
    private static bool RunsOutsideVersioning(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass?.Name is "Maintenance" or "MaintenanceAttribute" or "Profile" or "ProfileAttribute")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? Reason(
        MigrationKind kind,
        INamedTypeSymbol type,
        IMethodSymbol? up,
        IMethodSymbol? down,
        ConcurrentDictionary<IMethodSymbol, MemberBodyShape> shapes,
        MigrationBaseTypes migrations)
    {
        if (kind == MigrationKind.FluentMigratorForwardOnly)
        {
            return "it derives from ForwardOnlyMigration, whose Down throws";
        }

        if (down is null)
        {
            // A Down declared in a base migration of our own is checked where it is declared. Under an unresolved base, only
            // an EF Core-shaped Up(MigrationBuilder) says that a missing Down is EF Core's throwing one.
            var entityFramework = kind == MigrationKind.EntityFrameworkCore ||
                                  (kind == MigrationKind.Unresolved && IsEntityFrameworkShaped(up ?? InheritedUp(type, migrations, kind)));
            if (entityFramework && !SourceBaseDeclaresDown(type, migrations, kind))
            {
                return "it does not override Down, and EF Core's Migration.Down throws NotSupportedException";
            }

            return null;
        }

        if (!shapes.TryGetValue(down, out var shape))
        {
            return null;
        }

        return shape switch
        {
            MemberBodyShape.Empty => "its Down is empty",
            MemberBodyShape.AlwaysThrows => "its Down always throws",
            MemberBodyShape.OnlyCallsBase when kind == MigrationKind.EntityFrameworkCore && !SourceBaseDeclaresDown(type, migrations, kind) =>
                "its Down only calls base.Down, which throws NotSupportedException",
            _ => null,
        };
    }

    // EF Core: protected override void Up(MigrationBuilder migrationBuilder). FluentMigrator: public override void Up().
    private static bool IsEntityFrameworkShaped(IMethodSymbol? up) =>
        up is { Parameters.Length: 1 } && up.Parameters[0].Type.Name == "MigrationBuilder";

    private static IMethodSymbol? InheritedUp(INamedTypeSymbol type, MigrationBaseTypes migrations, MigrationKind kind)
    {
        for (var current = type.BaseType; current is not null && current is not IErrorTypeSymbol; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("Up"))
            {
                if (member is IMethodSymbol method && migrations.IsUp(method, kind))
                {
                    return method;
                }
            }
        }

        return null;
    }

    private static bool SourceBaseDeclaresDown(INamedTypeSymbol type, MigrationBaseTypes migrations, MigrationKind kind)
    {
        for (var current = type.BaseType;
             current is not null && current is not IErrorTypeSymbol && migrations.KindOf(current) != MigrationKind.None;
             current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IMethodSymbol method && !method.IsAbstract && migrations.IsDown(method, kind))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // On the class name, in the part that holds Up (not the generated Designer part).
    private static Location TypeLocation(INamedTypeSymbol type, IMethodSymbol? up)
    {
        var upTree = up is not null && !up.Locations.IsEmpty ? up.Locations[0].SourceTree : null;
        foreach (var location in type.Locations)
        {
            if (location.IsInSource && location.SourceTree == upTree)
            {
                return location;
            }
        }

        return type.Locations[0];
    }
}
