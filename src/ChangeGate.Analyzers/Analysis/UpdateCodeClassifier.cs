using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Decides from symbols, not text, whether code is "update code": a member or type whose name
/// matches the update vocabulary, or that carries an attribute named <c>UpdateStep</c>, or a type
/// implementing a configured step interface. Local functions count by their own name too.
/// </summary>
/// <remarks>
/// One instance per compilation, shared by every rule (<see cref="For"/>); it caches its answers per symbol
/// and per options object, so a rule may ask on every operation and no rule decides again what another did.
/// </remarks>
internal sealed class UpdateCodeClassifier
{
    private const string UpdateStepAttributeName = "UpdateStep";

    private static readonly ConditionalWeakTable<Compilation, UpdateCodeClassifier> Shared = new();

    // Options objects are few (one per .editorconfig section in effect); types and members are many.
    private readonly ConcurrentDictionary<ChangeGateOptions, ConcurrentDictionary<ISymbol, bool>> _typeCache = new();
    private readonly ConcurrentDictionary<ChangeGateOptions, ConcurrentDictionary<ISymbol, bool>> _memberCache = new();

    /// <summary>The classifier of <paramref name="compilation"/>, shared by the rules that analyze it.</summary>
    public static UpdateCodeClassifier For(Compilation compilation) => Shared.GetValue(compilation, static _ => new UpdateCodeClassifier());

    /// <summary>
    /// True when <paramref name="operation"/>, found in the body of <paramref name="containingSymbol"/>,
    /// is update code: its member, an enclosing local function, or an enclosing type is update code.
    /// </summary>
    public bool IsUpdateCode(IOperation operation, ISymbol containingSymbol, ChangeGateOptions options)
    {
        foreach (var localFunction in EnclosingFunctions.LocalFunctionsAround(operation))
        {
            if (IsUpdateMember(localFunction, options))
            {
                return true;
            }
        }

        return IsUpdateCode(containingSymbol, options);
    }

    /// <summary>True when <paramref name="symbol"/> (a member or a type) is update code or is declared inside update code.</summary>
    public bool IsUpdateCode(ISymbol symbol, ChangeGateOptions options)
    {
        if (symbol is ITypeSymbol type)
        {
            return IsUpdateType(type, options);
        }

        if (Cached(_memberCache, symbol, options, IsUpdateMember))
        {
            return true;
        }

        return symbol.ContainingType is { } containingType && IsUpdateType(containingType, options);
    }

    /// <summary>True when <paramref name="type"/> or a type that encloses it is an update type.</summary>
    public bool IsUpdateType(ITypeSymbol type, ChangeGateOptions options)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (Cached(_typeCache, current, options, IsUpdateTypeItself))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the type implements one of the configured step interfaces (by simple name).</summary>
    public static bool ImplementsStepInterface(ITypeSymbol type, ChangeGateOptions options)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (options.StepInterfaces.ContainsExactly(implemented.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="symbol"/> carries an attribute named <c>UpdateStep</c> (any namespace).</summary>
    public static bool HasUpdateStepAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name is not null &&
                (string.Equals(name, UpdateStepAttributeName, StringComparison.Ordinal) ||
                 string.Equals(name, UpdateStepAttributeName + "Attribute", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    // A look-up that allocates nothing once the answer is known (ConcurrentDictionary.GetOrAdd would need a closure).
    private static bool Cached<TSymbol>(
        ConcurrentDictionary<ChangeGateOptions, ConcurrentDictionary<ISymbol, bool>> cache, TSymbol symbol, ChangeGateOptions options, Func<TSymbol, ChangeGateOptions, bool> decide)
        where TSymbol : ISymbol
    {
        var answers = cache.GetOrAdd(options, static _ => new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default));
        if (!answers.TryGetValue(symbol, out var answer))
        {
            answer = decide(symbol, options);
            answers.TryAdd(symbol, answer);
        }

        return answer;
    }

    private static bool IsUpdateMember(ISymbol member, ChangeGateOptions options)
    {
        // Accessors take the name of their property or event: a setter of ReleaseVersion is update code.
        var named = EnclosingFunctions.NamedSymbol(member);
        return options.UpdateNames.Matches(named.Name) || HasUpdateStepAttribute(member) || HasUpdateStepAttribute(named);
    }

    private static bool IsUpdateTypeItself(ITypeSymbol type, ChangeGateOptions options) =>
        options.UpdateNames.Matches(type.Name) ||
        HasUpdateStepAttribute(type) ||
        ImplementsStepInterface(type, options);
}
