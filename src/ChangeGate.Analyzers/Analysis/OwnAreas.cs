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
/// Asked only for findings-to-be; the leading directory chain is read by <see cref="FolderChain.LiesUnder"/> (bounded: locals
/// with several values are followed to a small depth; readonly fields and get-only properties through their declaration; a
/// private helper's parameter through the calls of its type, <see cref="CallerArguments"/>). When a team names its live
/// install (<c>changegate.install_directory</c>), <see cref="IsBuiltFromInstall"/> decides instead what is live.
/// A cache is not an own folder for CG1001 (an installer's package cache may be the only copy), and neither are staging
/// or backup folders (deleting those is cleanup only in a cleanup context: <see cref="DeleteIntent.IsArtifactCleanup"/>),
/// nor logs (a database's log folder is data). A "packages" folder is never one: package managers install there.
/// </remarks>
internal static class OwnAreas
{
    // Folders whose content a delete cannot lose: what is there was fetched or made to be thrown away.
    private static readonly NameVocabulary DeleteAreaWords = NameVocabulary.Create(
        "Download", "Temp", "Tmp", "Temporary", "Scratch");

    // What a field or property must be named for to hold only a temporary folder (its value is set elsewhere).
    private static readonly NameVocabulary TemporaryMemberWords = NameVocabulary.Create("Temp", "Tmp", "Temporary");

    // Folders whose files are not live: a torn write there breaks no installed file.
    private static readonly NameVocabulary WriteAreaWords = NameVocabulary.Create(
        "Download", "Temp", "Tmp", "Temporary", "Scratch", "Cache", "Log", "Logs", "Logging", "Staging", "Staged");

    /// <summary>
    /// True when <paramref name="path"/> lies inside a download, temporary or scratch folder of the code (CG1001). A deleted
    /// directory (<paramref name="isFolder"/>) may itself be that folder (<c>Path.Combine(appDir, "TempUpdate")</c>,
    /// <c>downloadDirectory</c>), and a path that a call of the code hands out as such (<c>Helpers.GetTempFileName()</c>,
    /// <c>GetTempDownloadDirectory()</c>) is one, file or directory.
    /// </summary>
    public static bool IsInsideDeleteArea(IOperation path, bool isFolder, FileSystemActivity activity) =>
        FolderChain.LiesUnder(path, pathIsFolder: false, activity.Symbols, activity.AssignmentsOf, operation => IsNamed(operation, DeleteAreaWords)) ||
        (isFolder && NamesFolderItself(path, activity, DeleteAreaWords)) ||
        IsHandedOutAsArea(path, activity, HandOutWords);

    // Directory.Delete(tempPath, true), Path.Combine(appDir, "downloads"): the deleted folder's own local or last literal
    // segment names it as such. A call's name does not count (CreateScratchFolder() may return anything; a path handed out
    // by a call is judged by IsHandedOutAsArea), nor does a parameter's (its value is the caller's). A field or property
    // counts only by a temporary word (Directory.Delete(TempDirectory, true), Clear(_config.TempPath)): its value is set
    // elsewhere, and a member named for downloads may hold a user's download folder.
    private static bool NamesFolderItself(IOperation path, FileSystemActivity activity, NameVocabulary words)
    {
        var current = path.WalkDownConversions();
        for (var step = 0; step < MaxHandOutSteps; step++)
        {
            if (current is ILocalReferenceOperation && IsNamed(current, words))
            {
                return true;
            }

            if (current is IFieldReferenceOperation or IPropertyReferenceOperation &&
                !(current is IPropertyReferenceOperation fullName && activity.Symbols.IsFullName(fullName.Property)) &&
                IsNamed(current, TemporaryMemberWords))
            {
                return true;
            }

            if (StepBack(current, activity) is { } earlier)
            {
                current = earlier;
                continue;
            }

            switch (current)
            {
                case IInvocationOperation { TargetMethod.Name: "Combine" or "Join", Arguments: { Length: > 1 } arguments }:
                    // Path.Combine(appDir, "TempUpdate"): the last segment is the folder's own name.
                    var last = arguments[arguments.Length - 1].Value.WalkDownConversions();
                    return last.ConstantValue is { HasValue: true, Value: string } && IsNamed(last, words);

                default:
                    return current.ConstantValue is { HasValue: true, Value: string } && IsNamed(current, words);
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="path"/> lies inside a download, temporary, scratch, cache, log or staging folder (CG1002),
    /// or is a path a call of the code hands out as a temporary or download file (<c>Helpers.GetTempFileName()</c>).
    /// </summary>
    public static bool IsInsideWriteArea(IOperation path, FileSystemActivity activity) =>
        FolderChain.LiesUnder(path, pathIsFolder: false, activity.Symbols, activity.AssignmentsOf, operation => IsNamed(operation, WriteAreaWords)) ||
        IsHandedOutAsArea(path, activity, HandOutWords);

    private const int MaxHandOutSteps = 8;

    // One step back along a path, shared by the two short walks above: a local to the one value it is given (not in a
    // loop, no unknown assignment), file.FullName to file, new FileInfo(p) to p; null when none applies (a local with
    // several values ends the walk).
    private static IOperation? StepBack(IOperation current, FileSystemActivity activity)
    {
        switch (current)
        {
            case ILocalReferenceOperation local:
                var assignments = activity.AssignmentsOf(local);
                var values = assignments.ValuesOf(local.Local);
                return values.Count != 1 || assignments.HasUnknownValue(local.Local) || assignments.LoopOf(local.Local) is not null
                    ? null
                    : values[0].WalkDownConversions();
            case IPropertyReferenceOperation { Instance: { } owner } property when activity.Symbols.IsFullName(property.Property):
                return owner.WalkDownConversions();
            case IObjectCreationOperation when activity.Symbols.WrappedPath(current) is { } wrapped:
                return wrapped.WalkDownConversions();
            default:
                return null;
        }
    }

    // What a helper may hand out as the code's own: a temporary or download path (not "scratch": CreateScratchFolder() may
    // return any folder).
    private static readonly NameVocabulary HandOutWords = NameVocabulary.Create("Download", "Temp", "Tmp", "Temporary");

    private static readonly NameVocabulary HandOutVerbs = NameVocabulary.Create("Get", "Create", "New", "Make", "Allocate", "Reserve");

    // var download = PlatformHelpers.GetTempFileName(); File.Delete(download): the code's own helper hands the path out as a
    // temporary (or download) one, as Path.GetTempFileName does. Read through single-valued locals, FullName and
    // new FileInfo(p) only; the call's name must begin with a verb that hands something out and name the area.
    private static bool IsHandedOutAsArea(IOperation path, FileSystemActivity activity, NameVocabulary words)
    {
        var current = path.WalkDownConversions();
        for (var step = 0; step < MaxHandOutSteps; step++)
        {
            if (StepBack(current, activity) is { } earlier)
            {
                current = earlier;
                continue;
            }

            switch (current)
            {
                case IAwaitOperation awaited:
                    current = awaited.Operation.WalkDownConversions();
                    continue;

                case IInvocationOperation or IInvalidOperation when NamedCall.NameOf(current) is { } name:
                {
                    var parts = IdentifierWords.Split(name);
                    return parts.Length > 1 && HandOutVerbs.Matches(parts, 0, 1) && words.Matches(parts, 1, parts.Length);
                }

                default:
                    return false;
            }
        }

        return false;
    }

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
        FolderChain.LiesUnder(path, isFolder, activity.Symbols, activity.AssignmentsOf, NamesNewVersion);

    /// <summary>
    /// True when <paramref name="path"/> is built from the live install as the team names it: an operand (local, parameter,
    /// field, property or called method) whose name matches <c>changegate.install_directory</c>, or the running program's
    /// own location (<c>AppContext.BaseDirectory</c>, <c>AppDomain.CurrentDomain.BaseDirectory</c>, <c>Assembly.Location</c>,
    /// <c>Environment.ProcessPath</c>, <c>Process.MainModule.FileName</c>, <c>Application.StartupPath</c>), which is always
    /// the live install. Asked only when the option is set: then CG1001 and CG1002 report nothing else.
    /// </summary>
    public static bool IsBuiltFromInstall(IOperation path, FileSystemActivity activity, ChangeGateOptions options)
    {
        var names = options.InstallDirectory;
        return activity.DerivesFrom(path, operation => IsProgramLocation(operation) || NamesInstall(operation, names));
    }

    /// <summary>True when <paramref name="options"/> name the live install (<c>changegate.install_directory</c> is set).</summary>
    public static bool InstallIsNamed(ChangeGateOptions options) => options.InstallDirectory.Count > 0;

    private static bool NamesInstall(IOperation operation, WordPatterns names)
    {
        var name = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            _ => NameOfNamed(operation),
        };
        if (name is null)
        {
            return false;
        }

        var words = IdentifierWords.Split(name);
        for (var i = 0; i < names.Count; i++)
        {
            if (names.Matches(words, i, out _))
            {
                return true;
            }
        }

        return false;
    }

    // Where the running program itself lives: its base directory, its assembly or its executable.
    private static bool IsProgramLocation(IOperation operation)
    {
        if (operation is not IPropertyReferenceOperation { Property: { ContainingType: { } type } property })
        {
            return false;
        }

        return (property.Name, type.Name) switch
        {
            ("BaseDirectory", "AppContext" or "AppDomain") => true,
            ("Location" or "CodeBase", "Assembly") => true,
            ("ProcessPath", "Environment") => true,
            ("FileName", "ProcessModule") => true,
            ("StartupPath" or "ExecutablePath", "Application") => true,
            _ => false,
        };
    }

    private static readonly NameVocabulary VersionWords = NameVocabulary.Create("Version");

    private static readonly NameVocabulary NewWords = NameVocabulary.Create(
        "New", "Newer", "Target", "Latest", "Next", "Pending", "Incoming", "Downloaded", "Upcoming");

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
}
