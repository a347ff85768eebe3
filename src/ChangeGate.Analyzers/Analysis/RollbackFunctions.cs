using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Whether code runs in a function named for a rollback, the one reading every rule shares: going out through the local
/// functions around it to the member that holds it, the first name with a rollback or an update word has a rollback word (<c>changegate.rollback_names</c> but <c>Down</c>, which
/// hides in <c>ShutDown</c>; or <c>Roll Back</c>) with no update word before it: <c>RollbackFiles</c>, <c>RevertUpdate</c>,
/// <c>WriteRollbackJournal</c>, <c>btnRollback_Click</c>, but not <c>UpdateWithRollback</c> (the update itself). There a delete
/// removes what a failed update added (CG1001), a write records or restores the way back (CG1002), and a loop restores every
/// target on purpose, one after the other and on past a failure (CG3001, CG3002). <c>Restore…</c> is not a rollback word:
/// restoring defaults may wipe a live folder or reach every server as a change like another.
/// </summary>
internal static class RollbackFunctions
{
    private static readonly ConditionalWeakTable<NameVocabulary, NameVocabulary> WordsByRollbackNames = new();

    /// <summary>True when <paramref name="operation"/> runs in a function named for a rollback.</summary>
    public static bool Contain(IOperation operation, ISymbol containingSymbol, ChangeGateOptions options)
    {
        var words = WordsByRollbackNames.GetValue(options.RollbackNames, static names => NameVocabulary.Create(
            names.Words.Where(static w => !string.Equals(w, "Down", StringComparison.OrdinalIgnoreCase)).Append("Roll Back").ToArray()));
        foreach (var function in EnclosingFunctions.LocalFunctionsAround(operation))
        {
            if (Decide(function.Name, words, options) is { } decided)
            {
                return decided;
            }
        }

        return Decide(EnclosingFunctions.NamedSymbol(containingSymbol).Name, words, options) ?? false;
    }

    // Going out from the code, the first function whose name has a rollback or an update word decides: a rollback word with
    // no update word before it says rollback (RollbackUpdate, btnRollback_Click), an update word first says update
    // (UpdateWithRollback, DeployAll); a name with neither leaves it to the function around.
    private static bool? Decide(string name, NameVocabulary rollbackWords, ChangeGateOptions options)
    {
        var mayRollBack = rollbackWords.MayMatch(name);
        if (!mayRollBack && !options.UpdateNames.MayMatch(name))
        {
            return null;
        }

        var parts = IdentifierWords.Split(name);
        var rollbackAt = mayRollBack ? rollbackWords.FindOccurrence(parts, 0, parts.Length, out _) : -1;
        var updateAt = options.UpdateNames.FindOccurrence(parts, 0, rollbackAt >= 0 ? rollbackAt : parts.Length, out _);
        return updateAt >= 0 ? false : rollbackAt >= 0 ? true : null;
    }
}
