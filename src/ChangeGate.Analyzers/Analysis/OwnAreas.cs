using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Paths inside a folder that update code keeps for itself, not the live install: its downloads, temporary and scratch
/// folders (CG1001 and CG1002), and also its caches, logs and staging folders (CG1002 only). The folder is recognised by
/// the name of a directory the path is built <em>under</em>: <c>Path.Combine(downloadDir, "pkg.zip")</c>,
/// <c>Path.Combine(root, "logs", "update.log")</c>, <c>$"{cacheRoot}/index.bin"</c>, a file listed from
/// <c>Directory.GetFiles(tempFolder)</c>. The path's own name does not count (<c>live + ".tmp"</c> is next to the live file,
/// not in a folder of its own), nor does a path that goes up on the way (<c>Path.GetDirectoryName(download)</c>), nor a
/// file name taken from such a folder (<c>Path.Combine(installDir, Path.GetFileName(downloaded))</c>): only the leading
/// directory chain is read.
/// </summary>
/// <remarks>
/// Asked only for findings-to-be; the walk is bounded (locals with several values are followed to a small depth).
/// A cache is not an own folder for CG1001 (an installer's package cache may be the only copy), and neither are staging
/// or backup folders (deleting those is cleanup only in a cleanup context: <see cref="DeleteIntent.IsArtifactCleanup"/>),
/// nor logs (a database's log folder is data). A "packages" folder is never one: package managers install there.
/// </remarks>
internal static class OwnAreas
{
    private const int MaxSteps = 24;
    private const int MaxDepth = 3;

    // Folders whose content a delete cannot lose: what is there was fetched or made to be thrown away.
    private static readonly NameVocabulary DeleteAreaWords = NameVocabulary.Create(
        "Download", "Temp", "Tmp", "Temporary", "Scratch");

    // Folders whose files are not live: a torn write there breaks no installed file.
    private static readonly NameVocabulary WriteAreaWords = NameVocabulary.Create(
        "Download", "Temp", "Tmp", "Temporary", "Scratch", "Cache", "Log", "Logs", "Logging", "Staging", "Staged");

    /// <summary>True when <paramref name="path"/> lies inside a download, temporary or scratch folder of the code (CG1001).</summary>
    public static bool IsInsideDeleteArea(IOperation path, FileSystemActivity activity) =>
        IsInside(path, directory: false, activity, operation => IsNamed(operation, DeleteAreaWords));

    /// <summary>True when <paramref name="path"/> lies inside a download, temporary, scratch, cache, log or staging folder (CG1002).</summary>
    public static bool IsInsideWriteArea(IOperation path, FileSystemActivity activity) =>
        IsInside(path, directory: false, activity, operation => IsNamed(operation, WriteAreaWords));

    /// <summary>
    /// True when <paramref name="path"/> is, or lies in, a folder named for the version being installed
    /// (<c>Path.Combine(root, $"bin.{_targetPackage.Version}")</c>, <c>Path.Combine(appsRoot, "app-" + newVersion)</c>,
    /// <c>latestVersionDir</c>): a side-by-side folder that is new until the update switches to it, so what is written there
    /// is no live file (CG1002). The version must be named as the new one (<c>new</c>, <c>target</c>, <c>latest</c>,
    /// <c>next</c>, <c>pending</c>, <c>incoming</c>, <c>downloaded</c>): <c>$"app-{release.Version}"</c> or
    /// <c>currentVersion</c> may be the running one and does not count. <paramref name="isFolder"/> says the written path is
    /// itself a folder (a tree copy or an extraction into it).
    /// </summary>
    public static bool IsInsideNewVersionFolder(IOperation path, bool isFolder, FileSystemActivity activity) =>
        IsInside(path, isFolder, activity, NamesNewVersion);

    private static bool IsInside(IOperation path, bool directory, FileSystemActivity activity, Func<IOperation, bool> isArea)
    {
        var steps = 0;
        return IsInside(path, directory, activity, isArea, depth: 0, ref steps);
    }

    // Walks the leading directory chain of `path`. `directory` is true once the current operand is a folder the path is
    // built under (the first argument of a Combine, what a listing lists); only then do names count.
    private static bool IsInside(IOperation path, bool directory, FileSystemActivity activity, Func<IOperation, bool> isArea, int depth, ref int steps)
    {
        var symbols = activity.Symbols;
        var current = path.WalkDownConversions();
        while (++steps <= MaxSteps)
        {
            if (symbols.IsParentPath(current))
            {
                return false;
            }

            if (directory && isArea(current))
            {
                return true;
            }

            switch (current)
            {
                case ILocalReferenceOperation local:
                {
                    var assignments = activity.AssignmentsOf(local);
                    if (assignments.LoopOf(local.Local) is { } loop)
                    {
                        // foreach (var f in Directory.GetFiles(dir)): each element lies in the listed folder.
                        current = loop.Collection.WalkDownConversions();
                        continue;
                    }

                    // A null a local starts with names no file: only the paths it is given count.
                    var values = WithoutNull(assignments.ValuesOf(local.Local));
                    if (values.Count == 0 || assignments.HasUnknownValue(local.Local))
                    {
                        return false;
                    }

                    if (values.Count == 1)
                    {
                        current = values[0].WalkDownConversions();
                        continue;
                    }

                    if (depth >= MaxDepth)
                    {
                        return false;
                    }

                    // Every value the local is given must lie in such a folder.
                    foreach (var value in values)
                    {
                        if (!IsInside(value, directory, activity, isArea, depth + 1, ref steps))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                case IPropertyReferenceOperation { Instance: { } owner } property when symbols.IsFullName(property.Property):
                    current = owner.WalkDownConversions();
                    continue;

                case IObjectCreationOperation or IInvocationOperation or IInvalidOperation when symbols.WrappedPath(current) is { } wrapped:
                    current = wrapped.WalkDownConversions();
                    continue;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    // dir + "/name" is inside dir; live + ".tmp" is next to live.
                    if (!StartsWithSeparator(concatenation.RightOperand))
                    {
                        return false;
                    }

                    directory = true;
                    current = concatenation.LeftOperand.WalkDownConversions();
                    continue;

                case IInterpolatedStringOperation interpolated:
                    // $"{dir}/name" is inside dir.
                    if (interpolated.Parts.Length < 2 || interpolated.Parts[0] is not IInterpolationOperation first ||
                        interpolated.Parts[1] is not IInterpolatedStringTextOperation { Text: var text } || !StartsWithSeparator(text))
                    {
                        return false;
                    }

                    directory = true;
                    current = first.Expression.WalkDownConversions();
                    continue;

                case IInvocationOperation or IInvalidOperation when NamedCall.From(current) is { } call:
                {
                    var items = call.Arguments.Items;
                    if (IsCombine(call))
                    {
                        if (items.IsEmpty)
                        {
                            return false;
                        }

                        // Path.Combine(root, "logs", name): the middle segments are folders the path lies in, and so is the last
                        // one when the combined path is itself a folder the path lies in.
                        var folders = directory ? items.Length : items.Length - 1;
                        for (var i = 1; i < folders; i++)
                        {
                            if (IsAreaSegment(items[i].Value.WalkDownConversions(), isArea))
                            {
                                return true;
                            }
                        }

                        directory = true;
                        current = items[0].Value.WalkDownConversions();
                        continue;
                    }

                    if (IsListing(call, symbols))
                    {
                        // Directory.GetFiles(dir), info.EnumerateFiles(): what is listed lies in the folder.
                        var listed = call.Operation is IInvocationOperation { Instance: { } instance } && symbols.InfoKindOf(instance.WalkDownConversions().Type) is not null
                            ? instance
                            : items.IsEmpty ? null : items[0].Value;
                        if (listed is null)
                        {
                            return false;
                        }

                        directory = true;
                        current = listed.WalkDownConversions();
                        continue;
                    }

                    if (IsLinqStep(call))
                    {
                        // Directory.GetFiles(dir).Where(…).OrderBy(…): the same elements.
                        var source = call.Operation is IInvocationOperation { Instance: { } instance2 } ? instance2 : items.IsEmpty ? null : items[0].Value;
                        if (source is null)
                        {
                            return false;
                        }

                        current = source.WalkDownConversions();
                        continue;
                    }

                    return false;
                }

                default:
                    return false;
            }
        }

        return false;
    }

    private static readonly NameVocabulary VersionWords = NameVocabulary.Create("Version");

    private static readonly NameVocabulary NewWords = NameVocabulary.Create(
        "New", "Newer", "Target", "Latest", "Next", "Pending", "Incoming", "Downloaded", "Upcoming");

    // A folder segment of a Combine: a constant, or a name built from the version being installed ($"bin.{target.Version}").
    private static bool IsAreaSegment(IOperation segment, Func<IOperation, bool> isArea)
    {
        if (segment.ConstantValue.HasValue)
        {
            return isArea(segment);
        }

        if (segment is not (IInterpolatedStringOperation or IBinaryOperation))
        {
            return isArea(segment);
        }

        var seen = 0;
        foreach (var part in segment.DescendantsAndSelf())
        {
            if (++seen > 64)
            {
                return false;
            }

            if (part is not IInterpolatedStringOperation and not IBinaryOperation && isArea(part))
            {
                return true;
            }
        }

        return false;
    }

    // newVersion, targetVersionDir, _latest.Version, pendingRelease.VersionString: a version named as the new one.
    private static bool NamesNewVersion(IOperation operation)
    {
        var name = NameOfNamed(operation);
        if (name is null)
        {
            return false;
        }

        var words = IdentifierWords.Split(name);
        if (!VersionWords.Matches(words, 0, words.Length))
        {
            return false;
        }

        if (NewWords.Matches(words, 0, words.Length))
        {
            return true;
        }

        // target.Version, _targetPackage.Version: the owner names the new one.
        var owner = operation switch
        {
            IPropertyReferenceOperation { Instance: { } instance } => instance.WalkDownConversions(),
            IFieldReferenceOperation { Instance: { } instance } => instance.WalkDownConversions(),
            _ => null,
        };
        if (owner is null || NameOfNamed(owner) is not { } ownerName)
        {
            return false;
        }

        var ownerWords = IdentifierWords.Split(ownerName);
        return NewWords.Matches(ownerWords, 0, ownerWords.Length);
    }

    private static string? NameOfNamed(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        _ => null,
    };

    private static IReadOnlyList<IOperation> WithoutNull(IReadOnlyList<IOperation> values)
    {
        List<IOperation>? kept = null;
        for (var i = 0; i < values.Count; i++)
        {
            var isNull = values[i].WalkDownConversions().ConstantValue is { HasValue: true, Value: null };
            if (isNull && kept is null)
            {
                kept = new List<IOperation>(values.Count);
                for (var j = 0; j < i; j++)
                {
                    kept.Add(values[j]);
                }
            }
            else if (!isNull)
            {
                kept?.Add(values[i]);
            }
        }

        return kept ?? values;
    }

    private static bool IsNamed(IOperation operation, NameVocabulary words)
    {
        var name = DeleteIntent.NameOf(operation);
        return name is not null && NamesArea(name, words);
    }

    private static bool NamesArea(string name, NameVocabulary words)
    {
        if (!words.MayMatch(name))
        {
            return false;
        }

        var parts = IdentifierWords.Split(name);
        return words.Matches(parts, 0, parts.Length);
    }

    private static bool StartsWithSeparator(IOperation operation) =>
        operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text } && StartsWithSeparator(text);

    private static bool StartsWithSeparator(string text) => text.Length > 0 && text[0] is '/' or '\\';

    // Path.Combine, Path.Join, and a project's own CombinePaths/JoinPath: the first argument is the folder.
    private static bool IsCombine(NamedCall call) =>
        call.Name.StartsWith("Combine", StringComparison.Ordinal) || call.Name is "Join" or "JoinPath" or "JoinPaths";

    private static bool IsListing(NamedCall call, FileSystemSymbols symbols) =>
        (call.Name.StartsWith("Get", StringComparison.Ordinal) || call.Name.StartsWith("Enumerate", StringComparison.Ordinal)) &&
        (call.Name.EndsWith("Files", StringComparison.Ordinal) || call.Name.EndsWith("Directories", StringComparison.Ordinal) ||
         call.Name.EndsWith("FileSystemEntries", StringComparison.Ordinal) || call.Name.EndsWith("FileSystemInfos", StringComparison.Ordinal)) &&
        (call.Method is null || symbols.IsFileSystemType(call.Method.ContainingType) || !WrapperCalls.IsFramework(call.Method));

    private static bool IsLinqStep(NamedCall call) =>
        call.Method is { IsExtensionMethod: true, ContainingType.Name: "Enumerable" } &&
        call.Name is "Where" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Skip" or "Take" or "ToList" or "ToArray" or "Distinct";
}
