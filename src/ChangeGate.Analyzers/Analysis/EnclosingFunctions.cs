using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Questions about the functions that enclose an operation: its member and any local functions around it.</summary>
internal static class EnclosingFunctions
{
    /// <summary>
    /// True when <paramref name="owningSymbol"/> (the member whose body holds <paramref name="operation"/>) or a local
    /// function enclosing the operation has a name in <paramref name="vocabulary"/>.
    /// </summary>
    public static bool AnyNamed(IOperation operation, ISymbol owningSymbol, NameVocabulary vocabulary)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation localFunction && vocabulary.Matches(localFunction.Symbol.Name))
            {
                return true;
            }
        }

        var named = owningSymbol is IMethodSymbol { AssociatedSymbol: { } associated } ? associated : owningSymbol;
        return vocabulary.Matches(named.Name);
    }
}
