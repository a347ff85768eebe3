using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Directory deletes that cannot destroy data (class E of the labelling guidelines): a non-recursive directory delete
/// (<c>Directory.Delete(dir)</c>, <c>new DirectoryInfo(dir).Delete()</c>, <c>Delete(dir, recursive: false)</c>) throws on a
/// directory that holds anything, and a delete that runs only when a listing of the same directory is empty
/// (<c>!Directory.EnumerateFileSystemEntries(dir).Any()</c>, <c>info.GetFileSystemInfos().Length == 0</c>,
/// <c>Directory.GetFiles(dir).Count() == 0</c>, <c>if (entries.Any()) return;</c>, a check named <c>IsEmpty(dir)</c> or
/// <c>IsDirectoryEmpty(dir)</c>) removes an empty folder.
/// </summary>
internal static class EmptyDirectories
{
    // Listings whose emptiness says the folder holds no file. Listing sub-directories only says nothing of the files; listing
    // the top folder's files only says nothing of its sub-folders (ListsTopFilesOnly).
    private static readonly string[] ListingNames =
    {
        "EnumerateFileSystemEntries", "EnumerateFileSystemInfos", "EnumerateFiles", "GetFileSystemEntries", "GetFileSystemInfos", "GetFiles",
    };

    private static readonly NameVocabulary EmptyWords = NameVocabulary.Create("Empty");

    private static readonly NameVocabulary NegationWords = NameVocabulary.Create("Not", "Non");

    /// <summary>
    /// True for a delete of a directory that is not recursive: <c>Directory.Delete(dir)</c>, <c>DirectoryInfo.Delete()</c>,
    /// <c>Delete(dir, false)</c>. (A wrapper is taken as recursive: nothing says how it deletes.)
    /// </summary>
    public static bool IsNonRecursive(FileSystemCall call) =>
        call.IsDirectory == true && call.Recursive == false && !call.Api.IsWrapper && call.WrapperMethod is null;

    /// <summary>
    /// True when <paramref name="at"/> only runs when the directory <paramref name="path"/> (with <paramref name="inside"/>,
    /// or a folder it lies in) was found empty by a condition around it or an earlier early exit.
    /// </summary>
    public static bool IsCheckedEmpty(IOperation path, IOperation at, FileSystemActivity activity, bool inside = false)
    {
        foreach (var (condition, holds) in activity.ConditionsAt(at))
        {
            if (SaysEmpty(condition, holds, path, activity, inside))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SaysEmpty(IOperation condition, bool holds, IOperation path, FileSystemActivity activity, bool inside)
    {
        switch (condition)
        {
            // !entries.Any() (no predicate: with one it asks about some entries only).
            case IInvocationOperation { TargetMethod.Name: "Any" } any when !holds && ArgumentCount(any) == 0:
                return IsListingOf(Receiver(any), path, activity, inside);

            // IsEmpty(dir), IsDirectoryEmpty(dir), dir.IsEmpty(): a check named for it, handed the directory.
            case IInvocationOperation check when check.TargetMethod.ContainingType?.SpecialType != SpecialType.System_String &&
                                                 IsEmptyName(check.TargetMethod.Name) is { } says && says == holds:
                if (check.Instance is { } instance && Matches(instance, path, activity, inside))
                {
                    return true;
                }

                foreach (var argument in check.Arguments)
                {
                    if (Matches(argument.Value, path, activity, inside))
                    {
                        return true;
                    }
                }

                return false;

            case IBinaryOperation binary:
                return ComparesCountWithZero(binary, holds, path, activity, inside);

            default:
                return false;
        }
    }

    // entries.Length == 0, Count() == 0, Count == 0, 0 == x.Length, Length > 0 (false), Length < 1, Length <= 0, Length != 0 (false).
    private static bool ComparesCountWithZero(IBinaryOperation binary, bool holds, IOperation path, FileSystemActivity activity, bool inside)
    {
        IOperation? counted;
        int zero;
        bool countLeft;
        if (ConstantInt(binary.RightOperand) is { } right)
        {
            counted = binary.LeftOperand;
            zero = right;
            countLeft = true;
        }
        else if (ConstantInt(binary.LeftOperand) is { } left)
        {
            counted = binary.RightOperand;
            zero = left;
            countLeft = false;
        }
        else
        {
            return false;
        }

        // With the count on the left: does `count <op> constant` holding (or not) say count == 0?
        var kind = binary.OperatorKind;
        if (!countLeft)
        {
            kind = kind switch
            {
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                _ => kind,
            };
        }

        var saysEmpty = (kind, holds, zero) switch
        {
            (BinaryOperatorKind.Equals, true, 0) => true,
            (BinaryOperatorKind.NotEquals, false, 0) => true,
            (BinaryOperatorKind.GreaterThan, false, 0) => true,
            (BinaryOperatorKind.GreaterThanOrEqual, false, 1) => true,
            (BinaryOperatorKind.LessThan, true, 1) => true,
            (BinaryOperatorKind.LessThanOrEqual, true, 0) => true,
            _ => false,
        };
        if (!saysEmpty)
        {
            return false;
        }

        var count = counted.WalkDownConversions();
        var listing = count switch
        {
            IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "Count", Instance: { } instance } => instance,
            IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" } invocation when ArgumentCount(invocation) == 0 => Receiver(invocation),
            _ => null,
        };
        return listing is not null && IsListingOf(listing, path, activity, inside);
    }

    // A listing of the directory: Directory.EnumerateFileSystemEntries(path…), info.GetFileSystemInfos(), through a local with
    // one value.
    private static bool IsListingOf(IOperation? listing, IOperation path, FileSystemActivity activity, bool inside)
    {
        var current = listing?.WalkDownConversions();
        for (var step = 0; step < 3 && current is ILocalReferenceOperation local; step++)
        {
            var assignments = activity.AssignmentsOf(local);
            var values = assignments.ValuesOf(local.Local);
            if (values.Count != 1 || assignments.HasUnknownValue(local.Local) || assignments.LoopOf(local.Local) is not null)
            {
                return false;
            }

            current = values[0].WalkDownConversions();
        }

        if (current is not IInvocationOperation invocation || System.Array.IndexOf(ListingNames, invocation.TargetMethod.Name) < 0)
        {
            return false;
        }

        if (invocation.Instance is { } instance && activity.Symbols.InfoKindOf(instance.WalkDownConversions().Type) is not null)
        {
            // info.GetFileSystemInfos()
            return !HasNarrowingPattern(invocation, firstIsPath: false) && !(!inside && ListsTopFilesOnly(invocation)) &&
                   Matches(instance, path, activity, inside);
        }

        if (HasNarrowingPattern(invocation, firstIsPath: true) || (!inside && ListsTopFilesOnly(invocation)))
        {
            return false;
        }

        // Directory.GetFiles(dir), fileSystem.Directory.EnumerateFileSystemEntries(dir), a wrapper's GetFiles(dir, "*").
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0 || (argument.Parameter is null && ReferenceEquals(argument, invocation.Arguments[0])))
            {
                return Matches(argument.Value, path, activity, inside);
            }
        }

        return false;
    }

    // A search pattern other than "*" or "*.*" (GetFiles(dir, "*.dll")) lists only some entries: none of them says nothing
    // about the rest of the folder.
    private static bool HasNarrowingPattern(IInvocationOperation invocation, bool firstIsPath)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue ||
                (firstIsPath && (argument.Parameter?.Ordinal == 0 || (argument.Parameter is null && ReferenceEquals(argument, invocation.Arguments[0])))))
            {
                continue;
            }

            var value = argument.Value.WalkDownConversions();
            if (value.Type?.SpecialType == SpecialType.System_String || argument.Parameter?.Name == "searchPattern")
            {
                if (value.ConstantValue is not { HasValue: true, Value: "*" or "*.*" })
                {
                    return true;
                }
            }
        }

        return false;
    }

    // GetFiles(dir) / EnumerateFiles(dir) without SearchOption.AllDirectories lists the top folder's files only: a folder with
    // no file there may still hold sub-folders full of data, which a recursive delete takes with it.
    private static bool ListsTopFilesOnly(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name is not ("GetFiles" or "EnumerateFiles"))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value is IFieldReferenceOperation { Field.Name: "AllDirectories" } ||
                (value.Type?.Name == "SearchOption" && value.ConstantValue is { HasValue: true, Value: 1 }))
            {
                return false;
            }
        }

        return true;
    }

    // The checked folder is the path (a delete of it), or, when `inside`, a folder the path lies in (a file written there).
    private static bool Matches(IOperation checkedPath, IOperation path, FileSystemActivity activity, bool inside) =>
        activity.IsSame(checkedPath, path) || (activity.KeyOf(checkedPath) is { } key && key.Equals(activity.KeyOf(path))) ||
        (inside && activity.IsSameOrInside(path, checkedPath));

    // The receiver of an extension call (entries.Any()) or of an instance call.
    private static IOperation? Receiver(IInvocationOperation invocation) =>
        invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : invocation.Instance;

    private static int ArgumentCount(IInvocationOperation invocation) =>
        invocation.Arguments.Length - (invocation.TargetMethod.IsExtensionMethod ? 1 : 0);

    // True for a name that says "empty" (IsEmpty, IsDirectoryEmpty, FolderIsEmpty), false for "not empty", null otherwise.
    private static bool? IsEmptyName(string name)
    {
        if (name.IndexOf("Empty", System.StringComparison.OrdinalIgnoreCase) < 0)
        {
            return null; // most conditions: no word split needed
        }

        var words = IdentifierWords.Split(name);
        if (!EmptyWords.Matches(words, 0, words.Length))
        {
            return null;
        }

        return !NegationWords.Matches(words, 0, words.Length);
    }

    private static int? ConstantInt(IOperation operation) =>
        operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: int value } ? value :
        operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: long wide } && wide is >= 0 and <= 1 ? (int)wide : null;
}
