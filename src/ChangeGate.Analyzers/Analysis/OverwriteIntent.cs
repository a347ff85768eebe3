using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Writes whose content or destination makes a torn write harmless (CG1002).</summary>
internal static class OverwriteIntent
{
    // The written path is no live file, or the write cannot tear one: a staging or temporary file, this run's own new
    // file, a marker, a backup copy, or the restore of this method's own backup. (A destination named as a backup is
    // checked by the caller, with the options.)
    internal static bool IsNotLive(FileSystemCall call, IOperation path, FileSystemActivity activity)
    {
        var at = call.Operation;
        if (activity.IsTemporary(path) || activity.IsMovedIntoPlaceAfter(path, at) || activity.IsFresh(path, at) || activity.IsClearedBefore(path, at) ||
            activity.IsCreatedNewBefore(path, at) || IsMarkerWrite(call) || IsNewFile(call, path, activity))
        {
            return true;
        }

        if (call.Api.Action == FileSystemAction.Copy && call.Subject is { } source)
        {
            // File.Copy(live, backup, overwrite: true) right before live is replaced keeps the way back: backup is no live
            // file. File.Copy(backup, live, overwrite: true) from the backup this method made of live is the rollback.
            // File.Copy(Path.Combine(dir, "game.dll"), Path.Combine(dir, "game.dll.orig"), true) right before an archive is
            // extracted into dir keeps the original next to it the same way.
            return activity.IsChangedAfter(source, at) || activity.IsRestoreOfOwnBackup(call) ||
                   (call.Destination is { } copy && call.IsDirectory != true && activity.IsFolderRepopulatedAfter(source, copy, at));
        }

        return false;
    }

    /// <summary>
    /// True when a write of one file (not a tree copy or an extraction into a folder) creates it anew: the method deleted the
    /// path or moved it away before, on every way to the write, or deleted a folder it lies in
    /// (<see cref="FileSystemActivity.IsVacatedBefore"/>); or the write only runs when a folder it lies in was found empty
    /// (<c>if (Directory.GetFiles(dir).Any()) return;</c>, <see cref="EmptyDirectories.IsCheckedEmpty"/>). The mirror of
    /// CG1001's delete-then-replace (<see cref="FileSystemActivity.IsRepopulatedAfter"/>): field report class 6.
    /// </summary>
    internal static bool IsNewFile(FileSystemCall call, IOperation path, FileSystemActivity activity)
    {
        if (call.IsDirectory == true || (call.Api.Action == FileSystemAction.Extract && call.Api.IsDirectory != false))
        {
            // A tree brought into a wiped folder brings back only what its source holds (field report class 3): still live.
            return false;
        }

        return activity.IsVacatedBefore(path, call.Operation, inFolder: true) ||
               EmptyDirectories.IsCheckedEmpty(path, call.Operation, activity, inside: true);
    }

    private static readonly NameVocabulary BackupWords = NameVocabulary.Create("Backup", "Bak", "Snapshot");

    /// <summary>
    /// True when the written path is named as a backup (<c>backupDir</c>, <c>Path.Combine(root, "backups")</c>,
    /// <c>live + ".bak"</c>, or a word of <c>changegate.backup_methods</c>) and does not go up from it: copying onto a
    /// backup keeps the way back, it is no live file.
    /// </summary>
    public static bool IsBackupDestination(IOperation path, FileSystemActivity activity, ChangeGateOptions options) =>
        !activity.DerivesFrom(path, activity.Symbols.IsParentPath) &&
        activity.DerivesFrom(path, operation =>
        {
            var name = operation switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                _ => operation.ConstantValue is { HasValue: true, Value: string text } ? text : null,
            };
            if (name is null)
            {
                return false;
            }

            var words = IdentifierWords.Split(name);
            return BackupWords.Matches(words, 0, words.Length) || options.BackupMethods.Matches(words, 0, words.Length);
        });

    /// <summary>
    /// True when <paramref name="call"/> copies or mirrors inside a member (or local function) named as the rollback:
    /// its first word is <c>Restore</c> or a word of <c>changegate.rollback_names</c> (<c>Restore(target)</c>,
    /// <c>RestoreAppConfig(saved)</c>, <c>RollbackInstall</c>). Copying the kept version back onto the live path is the way
    /// back itself (class 14), even when the backup was made by another member.
    /// </summary>
    public static bool IsRestoreCopy(FileSystemCall call, ISymbol owningSymbol, ChangeGateOptions options)
    {
        if (call.Api.Action != FileSystemAction.Copy)
        {
            return false;
        }

        foreach (var function in EnclosingFunctions.LocalFunctionsAround(call.Operation))
        {
            if (IsRestoreName(function.Name, options))
            {
                return true;
            }
        }

        return IsRestoreName(EnclosingFunctions.NamedSymbol(owningSymbol).Name, options);
    }

    /// <summary>
    /// True when the overwritten path was backed up earlier in the method and a catch clause of a <c>try</c> around the
    /// overwrite restores it (a call named as the rollback, <c>Restore(installDir)</c>, that is handed the path or a
    /// directory it lies in): a torn write is repaired by the rollback (class B of the labelling guidelines).
    /// </summary>
    public static bool IsRestoredOnFailure(FileSystemCall call, IOperation path, FileSystemActivity activity, ChangeGateOptions options)
    {
        var at = call.Operation;
        if (!activity.IsBackedUpBefore(path, at, options.BackupMethods))
        {
            return false;
        }

        var child = at;
        for (var current = at.Parent; current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; current = current.Parent)
        {
            if (current is ITryOperation tryOperation && ReferenceEquals(child, tryOperation.Body))
            {
                foreach (var handler in tryOperation.Catches)
                {
                    if (RestoresIn(handler, path, activity, options))
                    {
                        return true;
                    }
                }
            }

            child = current;
        }

        return false;
    }

    // A bounded walk of the catch clause for a rollback-named call given the path (or a directory that holds it).
    private static bool RestoresIn(ICatchClauseOperation handler, IOperation path, FileSystemActivity activity, ChangeGateOptions options)
    {
        var seen = 0;
        foreach (var operation in handler.Handler.Descendants())
        {
            if (++seen > 512)
            {
                return false;
            }

            if (operation is IInvocationOperation invocation && IsRestoreName(invocation.TargetMethod.Name, options))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (activity.IsSameOrInside(path, argument.Value))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsRestoreName(string name, ChangeGateOptions options)
    {
        var words = IdentifierWords.Split(name);
        if (words.Length == 0)
        {
            return false;
        }

        return string.Equals(words[0], "Restore", System.StringComparison.OrdinalIgnoreCase) ||
               (options.RollbackNames.Matches(words, 0, 1) && !string.Equals(words[0], "Down", System.StringComparison.OrdinalIgnoreCase)) ||
               (words.Length > 1 && string.Equals(words[0], "Roll", System.StringComparison.OrdinalIgnoreCase) &&
                string.Equals(words[1], "Back", System.StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// True when <paramref name="call"/> writes a marker, not content: a whole-file write of a constant empty or
    /// whitespace string (<c>""</c>, <c>string.Empty</c>, <c>"\n"</c>) or of an empty array or collection
    /// (<c>Array.Empty&lt;byte&gt;()</c>, <c>new byte[0]</c>, <c>[]</c>), or a file created and closed at once
    /// (<c>File.Create(flag).Dispose()</c>, <c>using (File.Create(flag)) { }</c>). A half-written empty file is the same
    /// empty file.
    /// </summary>
    public static bool IsMarkerWrite(FileSystemCall call)
    {
        if (call.Api.Action != FileSystemAction.Write)
        {
            return false;
        }

        if (call.Content is { } content)
        {
            return IsEmpty(content);
        }

        // A stream opened and closed at once writes nothing (File.Open(path, FileMode.Open, FileAccess.Write).Dispose(), a
        // write-access probe) or leaves an empty marker (File.Create(flag).Dispose()); FileMode.Truncate empties a file
        // that must exist, and is checked.
        return call.Api.WriteKind is WriteKind.Always or WriteKind.ByMode && !call.TruncatesExisting && !call.Api.IsWrapper &&
               IsClosedAtOnce(call.Operation);
    }

    /// <summary>
    /// True when the written path is named as a file that holds no data: a flag, marker, sentinel, lock or pid file
    /// (<c>lockFilePath</c>, <c>"app.lock"</c>, <c>upgrade.pid</c>), as for CG1001 (<see cref="DeleteIntent.IsNamedAsNoData"/>).
    /// A torn lock or pid file loses nothing an update must keep.
    /// </summary>
    public static bool IsNoDataFile(IOperation path, FileSystemActivity activity) => DeleteIntent.IsNamedAsNoData(path, activity);

    private static bool IsEmpty(IOperation content)
    {
        var value = content.WalkDownConversions();
        if (value.ConstantValue.HasValue)
        {
            return value.ConstantValue.Value is null || (value.ConstantValue.Value is string text && string.IsNullOrWhiteSpace(text));
        }

        switch (value)
        {
            case IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } }:
                return true;
            case IArrayCreationOperation array:
                return array.Initializer is { ElementValues.Length: 0 } ||
                       (array.Initializer is null && array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 });
            case IInvocationOperation { TargetMethod: { Name: "Empty", ContainingType.Name: "Array" or "Enumerable" } }:
                return true;
            default:
                // A collection expression `[]` (C# 12), whatever the operation tree of the compiler makes of it.
                return value.Syntax.IsKind(SyntaxKind.CollectionExpression) && value.Syntax.ChildNodes().GetEnumerator().MoveNext() == false;
        }
    }

    private static bool IsClosedAtOnce(IOperation create)
    {
        var parent = create.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IInvocationOperation { TargetMethod.Name: "Dispose" or "Close" or "DisposeAsync" }:
                return true;
            case IUsingOperation { Body: IBlockOperation { Operations.Length: 0 } }:
                return true;
            default:
                return false;
        }
    }
}
