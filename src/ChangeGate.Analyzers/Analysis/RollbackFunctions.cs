using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Whether code runs in a function named for a rollback: the member that holds it, or a local function around it, has a
/// rollback word anywhere in its name (<c>RollbackAllServers</c>, <c>btnRollback_Click</c>, <c>RevertFleet</c>,
/// <c>UndoDeployment</c>). A loop there restores each target on purpose, one after the other and on past a failure: it is
/// the emergency action, not a change being rolled out (CG3001, CG3002).
/// </summary>
internal static class RollbackFunctions
{
    /// <summary>
    /// The words of a function named for a rollback. Not "Down" (ShutDown, CountDown) and not "Restore" (restoring defaults
    /// or a backup onto every target is a change).
    /// </summary>
    internal static readonly NameVocabulary RollbackWords = NameVocabulary.Create("Rollback", "Roll Back", "Revert", "Undo");

    /// <summary>True when <paramref name="operation"/> runs in a function named for a rollback.</summary>
    public static bool Contain(IOperation operation, ISymbol containingSymbol)
    {
        foreach (var function in EnclosingFunctions.LocalFunctionsAround(operation))
        {
            if (RollbackWords.Matches(function.Name))
            {
                return true;
            }
        }

        return RollbackWords.Matches(EnclosingFunctions.NamedSymbol(containingSymbol).Name);
    }
}
