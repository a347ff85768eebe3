using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ChangeGate.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Rules;

/// <summary>
/// CG2001: an update step has no way back — no rollback member, or one that is empty or always throws.
/// The regulator found no emergency action plan after the 2024 disruptions: changes had no way back.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UpdateStepWithoutRollbackAnalyzer : ChangeGateAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.UpdateStepWithoutRollback,
        title: "Update step has no rollback (missing, empty, or throws)",
        messageFormat: "Update step '{0}' has no rollback for '{1}': {2}",
        description:
            "An update step (a type marked [UpdateStep], implementing a configured step interface or the contract of a home-grown " +
            "step or migration framework, or update code with an Apply/Up/Upgrade/Execute member) must be able to undo what it " +
            "does. Add a Rollback, Revert, Down or Undo member that restores the previous state; an empty one or one that only " +
            "throws is no rollback. A backup attribute the runner honours, or an apply member that backs up first, only creates " +
            "what is absent (a new version of a store included) or changes only derived data (caches, snapshots, projections, " +
            "indexes), is a way back too.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var classifier = UpdateCodeClassifier.For(context.Compilation);

        // A global using alias (global using Marker = Ops.UpdateStepAttribute;) can hide a step attribute in every file.
        var compilation = context.Compilation;
        var globalAliases = new System.Lazy<bool>(() => HasGlobalUsingAlias(compilation));

        // The body classifier and the migration base types are looked up only for a type that may be a step.
        context.RegisterSymbolStartAction(symbolContext => AnalyzeType(symbolContext, classifier, compilation, globalAliases), SymbolKind.NamedType);
    }

    private static void AnalyzeType(
        SymbolStartAnalysisContext context, UpdateCodeClassifier classifier, Compilation compilation, System.Lazy<bool> globalAliases)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.Locations.IsEmpty || type.Locations[0].SourceTree is not { } tree)
        {
            return;
        }

        // Most types are plain classes: no base list, no attribute, no update word in their name or an enclosing type's. None of
        // them can be a step or a step interface, decided from syntax before any symbol is looked up.
        if (CannotBeStep(type))
        {
            return;
        }

        var options = ChangeGateOptions.For(context.Options, tree);
        if (!MayBeNamedStep(type, options) && (!HasBaseListOrAttributes(type) || !MayBeStepByContract(type, options, globalAliases)))
        {
            return;
        }

        var isStep = UpdateSteps.IsUpdateStep(type, options, classifier);
        // Migrations are CG2002's: EF Core and FluentMigrator decide what their Down must be.
        if (!isStep && !UpdateSteps.IsStepInterface(type, options, classifier) || MigrationBaseTypes.Resolve(compilation).KindOf(type) != MigrationKind.None)
        {
            return;
        }

        var bodies = MemberBodies.For(compilation);

        var rollbacks = UpdateSteps.DeclaredRollbackMembers(type, options);
        var apply = UpdateSteps.ApplyMember(type, options);
        var applyName = apply is null ? type.Name : UpdateSteps.SimpleName(apply);

        // A backup or snapshot the runner takes before the step runs is its way back.
        if (isStep && RollbackEquivalents.BackupAttribute(type, apply, options, classifier) is not null)
        {
            return;
        }

        // An abstract step that declares the apply member's body is judged where that body is, unless the body is a template
        // that runs members its derived steps override (then those carry the verdict, as for every other abstract step).
        var judgedAsBase = false;
        if (rollbacks.Count == 0)
        {
            // A step interface without a default rollback leaves it to its implementations; those are checked.
            // An abstract step leaves its rollback to the types that derive from it; those are checked.
            if (!isStep || UpdateSteps.InheritsRollbackMember(type, options))
            {
                return;
            }

            judgedAsBase = type.IsAbstract && DeclaresApplyBody(type, apply) && !LeavesMethodsToDerivedTypes(type);
            if ((type.IsAbstract && !judgedAsBase) || IsDataOnlyVariant(type, apply, options, classifier))
            {
                return;
            }
        }

        // With no rollback member at all, the apply member (when the type declares it with a body) may be its own way back:
        // it keeps a copy first, or only creates what is absent. A rollback member that is declared is what a runner calls,
        // so it must work whatever the apply member does.
        var declaredApply = isStep && rollbacks.Count == 0 && apply is not null && !apply.IsAbstract && SymbolEqualityComparer.Default.Equals(apply.ContainingType, type) ? apply : null;

        // The apply member and every versioned one the type declares are read (a versioned migration's UpdateFrom1 … UpdateFromN
        // run in turn): the step keeps its way back only when none of them changes state without one.
        var declaredApplies = declaredApply is null ? new List<IMethodSymbol>() : UpdateSteps.DeclaredVersionedApplyMembers(type);
        if (declaredApply is not null && !declaredApplies.Contains(declaredApply, SymbolEqualityComparer.Default))
        {
            // The apply member found by its name, a contract or a template comes first.
            declaredApplies.Insert(0, declaredApply);
        }
        var applyShapes = new ConcurrentDictionary<IMethodSymbol, ApplyBodyShape>(SymbolEqualityComparer.Default);

        // A type that is a step only by its name may be a runner (a plan that runs each of its steps); one that declares itself a
        // step (an attribute, a step interface, a framework contract) is judged as the step it says it is, composite or not.
        var mayBeRunner = declaredApply is not null && !classifier.IsStepType(type, options);

        var shapes = new ConcurrentDictionary<IMethodSymbol, MemberBodyShape>(SymbolEqualityComparer.Default);
        foreach (var rollback in rollbacks)
        {
            if (MemberBodies.IsUnimplementedPartial(rollback))
            {
                shapes[rollback] = MemberBodyShape.Empty;
            }
        }

        context.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is not IMethodSymbol owner)
            {
                return;
            }

            var method = MemberBodies.Declared(owner);

            if (rollbacks.Contains(method, SymbolEqualityComparer.Default))
            {
                shapes[method] = bodies.Classify(owner, block.OperationBlocks);
            }

            if (declaredApplies.Contains(method, SymbolEqualityComparer.Default))
            {
                // A plan or a composite that runs the same member of each of its steps is a runner: the steps carry the verdict.
                // An abstract base whose apply body runs a member its derived steps override is a template: they carry it.
                applyShapes[method] = (mayBeRunner && StepRunners.RunsSameMemberOfEachElement(method, block.OperationBlocks)) ||
                                      (judgedAsBase && CallsOverridableMemberOf(type, block.OperationBlocks))
                    ? ApplyBodyShape.RunsOtherSteps
                    : RollbackEquivalents.Classify(block.OperationBlocks, options, classifier, type);
            }
        });

        context.RegisterSymbolEndAction(end =>
        {
            var reportedApply = applyName;
            if (declaredApply is not null)
            {
                if (FirstChangingApply(declaredApplies, applyShapes) is not { } changing)
                {
                    return;
                }

                reportedApply = UpdateSteps.SimpleName(changing);
            }

            if (rollbacks.Count == 0)
            {
                end.ReportDiagnostic(Diagnostic.Create(
                    Rule, ReportLocation(type, apply), type.Name, reportedApply, "it has no " + Describe(options.RollbackNames) + " member"));
                return;
            }

            // Reported only when every rollback member was read and none of them undoes anything.
            IMethodSymbol? first = null;
            var firstShape = MemberBodyShape.DoesWork;
            foreach (var rollback in rollbacks)
            {
                if (!shapes.TryGetValue(rollback, out var shape) || shape is MemberBodyShape.DoesWork or MemberBodyShape.OnlyCallsBase)
                {
                    return;
                }

                if (first is null)
                {
                    first = rollback;
                    firstShape = shape;
                }
            }

            if (first is not null)
            {
                var reason = "'" + UpdateSteps.SimpleName(first) + "'" +
                             (firstShape == MemberBodyShape.Empty ? " is empty" : " always throws");
                end.ReportDiagnostic(Diagnostic.Create(Rule, ReportLocation(type, apply), type.Name, reportedApply, reason));
            }
        });
    }

    // The first declared apply member whose body changes state with no way back (or was not read), or null when every one was
    // read and none does.
    private static IMethodSymbol? FirstChangingApply(List<IMethodSymbol> applies, ConcurrentDictionary<IMethodSymbol, ApplyBodyShape> shapes)
    {
        foreach (var apply in applies)
        {
            if (!shapes.TryGetValue(apply, out var shape) || shape == ApplyBodyShape.Changes)
            {
                return apply;
            }
        }

        return null;
    }

    // The type declares the apply member itself, with a body.
    private static bool DeclaresApplyBody(INamedTypeSymbol type, IMethodSymbol? apply) =>
        apply is { IsAbstract: false } && SymbolEqualityComparer.Default.Equals(apply.ContainingType, type) && !apply.DeclaringSyntaxReferences.IsEmpty;

    // An abstract method of the type or of a base that no type of the chain overrides (RunWithSession of a plan action whose
    // derived steps do the work): the derived types are the steps, whatever the base's own apply-named helper does.
    private static bool LeavesMethodsToDerivedTypes(INamedTypeSymbol type)
    {
        var overridden = new System.Collections.Generic.HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    continue;
                }

                if (method.IsAbstract && !overridden.Contains(method.OriginalDefinition))
                {
                    return true;
                }

                for (var replaced = method.OverriddenMethod; replaced is not null; replaced = replaced.OverriddenMethod)
                {
                    overridden.Add(replaced.OriginalDefinition);
                }
            }
        }

        return false;
    }

    // A variant of a step base that only supplies data (properties, fields, constructors: MoveBackupsMigration overrides PathName
    // and Version of MovePathMigration) while a base in source that is a step itself declares the apply member's body: that
    // body is the whole step, and the base, where a rollback would be added, carries the verdict. A type that declares any
    // method of its own (a template member the base's apply runs, a helper) is judged itself.
    private static bool IsDataOnlyVariant(INamedTypeSymbol type, IMethodSymbol? apply, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        if (apply is not { IsAbstract: false } || apply.ContainingType is not { } declaring ||
            SymbolEqualityComparer.Default.Equals(declaring, type) || apply.DeclaringSyntaxReferences.IsEmpty ||
            !UpdateSteps.IsUpdateStep(declaring, options, classifier))
        {
            return false;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method && !method.IsImplicitlyDeclared)
            {
                return false;
            }
        }

        return true;
    }

    // The body calls an abstract or virtual member of the type's own hierarchy (FleetOperation.Run() => _Run()): a template.
    private static bool CallsOverridableMemberOf(INamedTypeSymbol type, ImmutableArray<IOperation> blocks)
    {
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod: { } target } && (target.IsAbstract || target.IsVirtual) &&
                    IsInHierarchyOf(type, target.ContainingType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsInHierarchyOf(INamedTypeSymbol type, INamedTypeSymbol? declaring)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, declaring?.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    // Enums, delegates, static classes and types with no body of their own are never steps nor step interfaces.
    private static bool CannotBeStep(INamedTypeSymbol type) =>
        type.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface) || type.IsStatic || type.IsImplicitlyDeclared;

    // Every part of the type: a base list (a step interface, a framework base, a migration) or attribute lists ([UpdateStep],
    // [Fixup(31)], an alias of either) on any of them.
    private static bool HasBaseListOrAttributes(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration ||
                declaration.BaseList is not null || declaration.AttributeLists.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    // A type without a base list or attributes is a step only by the name of its own or an enclosing type (an update-named type
    // with an apply member), or as an interface named in changegate.step_interfaces or for a fixup or an update.
    private static bool MayBeNamedStep(INamedTypeSymbol type, ChangeGateOptions options)
    {
        if (type.TypeKind == TypeKind.Interface &&
            (options.StepInterfaces.ContainsExactly(type.Name) || type.Name.IndexOf("Fix", System.StringComparison.OrdinalIgnoreCase) >= 0))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (options.UpdateNames.MayMatch(current.Name))
            {
                return true;
            }
        }

        return false;
    }

    // A type with a base list or attributes is a step (or a migration, CG2002's) only when a name in its hierarchy says so: a base
    // type or an interface named for an update, a fixup or a configured step interface (resolved or not), or an attribute on it
    // or on a base type in source whose written name does. Attribute names are read from syntax, so that the attributes of the
    // many types that are no step are never bound; a file with a using alias (an attribute can hide behind one) is read from
    // symbols instead.
    private static bool MayBeStepByContract(INamedTypeSymbol type, ChangeGateOptions options, System.Lazy<bool> globalAliases)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (IsStepishName(implemented.Name, options))
            {
                return true;
            }
        }

        for (var current = type; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            if (!ReferenceEquals(current, type) && IsStepishName(current.Name, options))
            {
                return true;
            }

            if (current is IErrorTypeSymbol)
            {
                break;
            }

            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax { AttributeLists.Count: > 0 } declaration && MayNameStepAttribute(declaration, options, globalAliases))
                {
                    return true;
                }
            }
        }

        foreach (var declared in type.Interfaces)
        {
            if (declared is IErrorTypeSymbol && IsStepishName(declared.Name, options))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStepishName(string name, ChangeGateOptions options) =>
        options.UpdateNames.MayMatch(name) || options.StepInterfaces.ContainsExactly(name) ||
        name.IndexOf("Fix", System.StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool MayNameStepAttribute(TypeDeclarationSyntax declaration, ChangeGateOptions options, System.Lazy<bool> globalAliases)
    {
        foreach (var list in declaration.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = attribute.Name switch
                {
                    QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                    AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => attribute.Name.ToString(),
                };
                if (IsStepishName(name, options) || options.BackupAttributes.MayMatch(name) ||
                    name.IndexOf("UpdateStep", System.StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }
        }

        return globalAliases.Value || HasUsingAlias(declaration.SyntaxTree.GetRoot());
    }

    private static bool HasGlobalUsingAlias(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit)
            {
                foreach (var directive in unit.Usings)
                {
                    if (directive.Alias is not null && directive.GlobalKeyword.RawKind != 0)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // using Marker = Ops.UpdateStepAttribute; at the top of the file or in a namespace of it, however deeply nested (an explicit
    // stack: namespaces nest without bound in generated code).
    private static bool HasUsingAlias(SyntaxNode root)
    {
        var pending = new System.Collections.Generic.Stack<SyntaxNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            foreach (var node in pending.Pop().ChildNodes())
            {
                switch (node)
                {
                    case UsingDirectiveSyntax { Alias: not null }:
                        return true;
                    case BaseNamespaceDeclarationSyntax ns:
                        pending.Push(ns);
                        break;
                }
            }
        }

        return false;
    }

    // On the type's name, in the declaration that holds the apply member when the type is partial.
    private static Location ReportLocation(INamedTypeSymbol type, IMethodSymbol? apply)
    {
        var applyTree = apply is not null && !apply.Locations.IsEmpty ? apply.Locations[0].SourceTree : null;
        foreach (var location in type.Locations)
        {
            if (location.IsInSource && location.SourceTree == applyTree)
            {
                return location;
            }
        }

        return type.Locations[0];
    }

    // "Rollback, Revert, Down or Undo"
    private static string Describe(NameVocabulary names)
    {
        var words = names.Words.ToArray();
        if (words.Length == 1)
        {
            return words[0];
        }

        return string.Join(", ", words, 0, words.Length - 1) + " or " + words[words.Length - 1];
    }
}
