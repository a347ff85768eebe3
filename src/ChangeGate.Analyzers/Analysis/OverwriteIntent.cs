using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Writes whose content or destination makes a torn write harmless (CG1002).</summary>
internal static class OverwriteIntent
{
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

        return call.Api.WriteKind == WriteKind.Always && !call.Api.IsWrapper && IsClosedAtOnce(call.Operation);
    }

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
