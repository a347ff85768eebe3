using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Questions about the functions that enclose an operation: its member and any local functions around it.</summary>
internal static class EnclosingFunctions
{
    /// <summary>
    /// True when, going out from <paramref name="operation"/> through its local functions to
    /// <paramref name="owningSymbol"/> (accessors by their property's name), the first function whose name is in
    /// <paramref name="vocabulary"/> or <paramref name="overriding"/> is in <paramref name="vocabulary"/> only.
    /// So a write in <c>BackupConfig</c> (or a helper inside it) is in a backup method, and one in
    /// <c>UpdateWithBackup</c> is not.
    /// </summary>
    public static bool IsInFunctionNamed(IOperation operation, ISymbol owningSymbol, NameVocabulary vocabulary, NameVocabulary overriding)
    {
        foreach (var localFunction in LocalFunctionsAround(operation))
        {
            if (Decide(localFunction.Name, vocabulary, overriding) is { } decided)
            {
                return decided;
            }
        }

        return Decide(NamedSymbol(owningSymbol).Name, vocabulary, overriding) ?? false;
    }

    /// <summary>The local functions that <paramref name="operation"/> is declared in, innermost first.</summary>
    public static IEnumerable<IMethodSymbol> LocalFunctionsAround(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation localFunction)
            {
                yield return localFunction.Symbol;
            }
        }
    }

    /// <summary>The symbol whose name <paramref name="member"/> goes by: an accessor goes by its property or event.</summary>
    public static ISymbol NamedSymbol(ISymbol member) => member is IMethodSymbol { AssociatedSymbol: { } associated } ? associated : member;

    private static bool? Decide(string name, NameVocabulary vocabulary, NameVocabulary overriding) =>
        overriding.Matches(name) ? false : vocabulary.Matches(name) ? true : null;
}
