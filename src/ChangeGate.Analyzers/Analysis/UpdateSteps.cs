using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Recognizes update steps and their apply and rollback members.
/// </summary>
/// <remarks>
/// An update step is a class or struct that carries an attribute named <c>UpdateStep</c>, implements a
/// configured step interface (<c>changegate.step_interfaces</c>), or is update code and declares an
/// apply member that a runner can call: not private, and not the implementation of another interface's
/// contract (<c>ICommand.Execute</c>, a scheduler's <c>IJob.Execute</c>). Apply members are named exactly
/// as a word of <c>changegate.apply_names</c>, optionally with <c>Async</c> (<c>Apply</c>, <c>ExecuteAsync</c>);
/// rollback members begin with a word of <c>changegate.rollback_names</c> (<c>Rollback</c>,
/// <c>RollbackAsync</c>, <c>RevertChanges</c>). The apply test is strict and the rollback test loose on
/// purpose: a step is only reported when we are sure it is one, and never because its rollback has an
/// unusual name.
/// </remarks>
internal static class UpdateSteps
{
    /// <summary>True when <paramref name="type"/> is an update step.</summary>
    public static bool IsUpdateStep(INamedTypeSymbol type, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic)
        {
            return false;
        }

        return UpdateCodeClassifier.HasUpdateStepAttribute(type) ||
               UpdateCodeClassifier.ImplementsStepInterface(type, options) ||
               (classifier.IsUpdateType(type, options) && DeclaredApplyMember(type, options, entryPointsOnly: true) is not null);
    }

    /// <summary>
    /// True when <paramref name="type"/> is a step interface (named in <c>changegate.step_interfaces</c>, deriving from
    /// one, or marked <c>UpdateStep</c>): a default rollback it declares is inherited by every step that implements it.
    /// </summary>
    public static bool IsStepInterface(INamedTypeSymbol type, ChangeGateOptions options) =>
        type.TypeKind == TypeKind.Interface &&
        (options.StepInterfaces.ContainsExactly(type.Name) ||
         UpdateCodeClassifier.ImplementsStepInterface(type, options) ||
         UpdateCodeClassifier.HasUpdateStepAttribute(type));

    /// <summary>
    /// The member a message should name as the step's change: an apply member of the type or its bases,
    /// else a member implementing a step interface, else the first public ordinary method; or null.
    /// </summary>
    public static IMethodSymbol? ApplyMember(INamedTypeSymbol type, ChangeGateOptions options)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (DeclaredApplyMember(current, options) is { } apply)
            {
                return apply;
            }
        }

        IMethodSymbol? firstPublic = null;
        foreach (var method in OrdinaryMethods(type))
        {
            if (IsRollbackMember(method, options))
            {
                continue;
            }

            if (ImplementsStepInterfaceMember(type, method, options))
            {
                return method;
            }

            if (firstPublic is null && method.DeclaredAccessibility == Accessibility.Public)
            {
                firstPublic = method;
            }
        }

        return firstPublic;
    }

    /// <summary>The rollback members that <paramref name="type"/> itself declares (with a body).</summary>
    public static List<IMethodSymbol> DeclaredRollbackMembers(INamedTypeSymbol type, ChangeGateOptions options)
    {
        var members = new List<IMethodSymbol>();
        foreach (var method in OrdinaryMethods(type))
        {
            if (!method.IsAbstract && IsRollbackMember(method, options))
            {
                members.Add(method);
            }
        }

        return members;
    }

    /// <summary>
    /// True when <paramref name="type"/> gets a rollback member with a body from a base class or a default
    /// interface implementation. That body is checked where it is declared.
    /// </summary>
    public static bool InheritsRollbackMember(INamedTypeSymbol type, ChangeGateOptions options)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            foreach (var method in OrdinaryMethods(current))
            {
                if (!method.IsAbstract && method.DeclaredAccessibility != Accessibility.Private && IsRollbackMember(method, options))
                {
                    return true;
                }
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            foreach (var method in OrdinaryMethods(implemented))
            {
                if (!method.IsAbstract && IsRollbackMember(method, options))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="method"/> is named as a rollback: it begins with a rollback word.</summary>
    public static bool IsRollbackMember(IMethodSymbol method, ChangeGateOptions options)
    {
        var name = SimpleName(method);
        foreach (var word in options.RollbackNames.Words)
        {
            if (name.StartsWith(word, StringComparison.OrdinalIgnoreCase) &&
                (name.Length == word.Length || IsWordStart(name[word.Length])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="method"/> is named as an apply member: an apply word, optionally followed by Async.</summary>
    public static bool IsApplyMember(IMethodSymbol method, ChangeGateOptions options)
    {
        var name = SimpleName(method);
        if (name.EndsWith("Async", StringComparison.Ordinal) && name.Length > "Async".Length)
        {
            name = name.Substring(0, name.Length - "Async".Length);
        }

        return options.ApplyNames.ContainsExactly(name);
    }

    /// <summary>The name a reader sees: for an explicit interface implementation, the interface member's name.</summary>
    public static string SimpleName(IMethodSymbol method) =>
        method.ExplicitInterfaceImplementations.Length > 0 ? method.ExplicitInterfaceImplementations[0].Name : method.Name;

    // With entryPointsOnly, only an apply member a runner can call on a step: a private helper of an orchestrator
    // (ServerUpdater.Upgrade(server)) or another interface's contract (ICommand.Execute) does not make a step.
    private static IMethodSymbol? DeclaredApplyMember(INamedTypeSymbol type, ChangeGateOptions options, bool entryPointsOnly = false)
    {
        foreach (var method in OrdinaryMethods(type))
        {
            if (IsApplyMember(method, options) &&
                (!entryPointsOnly || (method.DeclaredAccessibility != Accessibility.Private && !ImplementsOtherContract(type, method, options))))
            {
                return method;
            }
        }

        return null;
    }

    private static bool ImplementsOtherContract(INamedTypeSymbol type, IMethodSymbol method, ChangeGateOptions options)
    {
        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (!IsStepContract(implemented.ContainingType, options))
            {
                return true;
            }
        }

        foreach (var contract in type.AllInterfaces)
        {
            if (IsStepContract(contract, options))
            {
                continue;
            }

            foreach (var member in contract.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsStepContract(INamedTypeSymbol contract, ChangeGateOptions options) =>
        options.StepInterfaces.ContainsExactly(contract.Name) || UpdateCodeClassifier.ImplementsStepInterface(contract, options);

    private static bool ImplementsStepInterfaceMember(INamedTypeSymbol type, IMethodSymbol method, ChangeGateOptions options)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (!options.StepInterfaces.ContainsExactly(implemented.Name))
            {
                continue;
            }

            foreach (var member in implemented.GetMembers())
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<IMethodSymbol> OrdinaryMethods(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation, IsStatic: false } method)
            {
                yield return method;
            }
        }
    }

    private static bool IsWordStart(char c) => char.IsUpper(c) || char.IsDigit(c) || c == '_';
}
