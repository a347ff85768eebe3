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
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation localFunction && Decide(localFunction.Symbol.Name, vocabulary, overriding) is { } decided)
            {
                return decided;
            }
        }

        var named = owningSymbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated : owningSymbol;
        return Decide(named.Name, vocabulary, overriding) ?? false;
    }

    private static bool? Decide(string name, NameVocabulary vocabulary, NameVocabulary overriding) =>
        overriding.Matches(name) ? false : vocabulary.Matches(name) ? true : null;
}
