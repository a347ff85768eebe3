using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Deletes whose purpose the surrounding code makes safe, each with a deliberately narrow shape (CG1001 asks these only
/// when nothing cheaper guards the delete):
/// <list type="bullet">
/// <item><see cref="IsRetention"/>: pruning a directory listing while protecting the current version;</item>
/// <item><see cref="IsAfterProvenReplacement"/>: deleting an original once a comparison proved its replacement equal,
/// a file whose content still matches its recorded checksum, or a file proven corrupt (its size or hash is not the
/// expected one);</item>
/// <item><see cref="IsOwnershipChecked"/>: deleting an orphan once a record lookup proved nothing owns it;</item>
/// <item><see cref="IsArtifactCleanup"/>: a finish step (or a step after a success check, a failure handler, or a step that
/// prepares the path again) removing staging or backup leftovers named as such;</item>
/// <item><see cref="IsDisposable"/>: a flag, marker, sentinel or lock file, which holds no data;</item>
/// <item><see cref="FileSystemActivity.IsConsumedBefore"/>: an input the method read and used up (a patch, an instruction
/// list, the source of a file it wrote elsewhere) before it changed other paths.</item>
/// </list>
/// </summary>
internal static class DeleteIntent
{
    // Cheap index look-ups first; the shapes that read conditions and loops only when those found nothing.
    internal static bool IsGuarded(FileSystemCall call, FileSystemActivity activity, ISymbol owningSymbol, ChangeGateOptions options) =>
        IsGuarded(call, activity, owningSymbol, options, byName: true);

    /// <summary>
    /// True when the delete keeps a way back or loses nothing. Without <paramref name="byName"/>, the guards that read the
    /// deleted path's own name (a flag file, a named leftover) are left out: in a helper, the path is whatever the caller
    /// passes, and the caller's call is judged with those guards.
    /// </summary>
    internal static bool IsGuarded(FileSystemCall call, FileSystemActivity activity, ISymbol owningSymbol, ChangeGateOptions options, bool byName)
    {
        if (call.IsMethodGroup)
        {
            return false;
        }

        if (call.Subject is not { } path)
        {
            // Broken code: nothing to say about a call whose path cannot be seen.
            return true;
        }

        var at = call.Operation;
        return EmptyDirectories.IsNonRecursive(call) ||
               activity.IsTemporary(path) ||
               activity.IsUnique(path) ||
               activity.IsProduced(path) ||
               activity.IsCreatedBefore(path, at) ||
               activity.IsBackedUpBefore(path, at, options.BackupMethods) ||
               activity.IsRepopulatedAfter(path, at) ||
               activity.IsConsumedBefore(path, at) ||
               IsReplacedFromLoopEntry(call, activity) ||
               IsRetention(call, activity) ||
               IsAfterProvenReplacement(call, activity) ||
               IsOwnershipChecked(call, activity) ||
               (call.IsDirectory != false && EmptyDirectories.IsCheckedEmpty(path, at, activity)) ||
               RollbackFunctions.Contain(at, owningSymbol, options) ||
               (byName && (IsDisposable(call, activity) || OwnAreas.IsInsideDeleteArea(path, call.IsDirectory == true, activity) ||
                           IsNewVersionFolderCleared(call, path, activity) ||
                           IsArtifactCleanup(call, activity, owningSymbol, options)));
    }

    private const int MaxSideSize = 256;
    private const int MaxPreparingCalls = 32;

    private static readonly NameVocabulary ArtifactWords = NameVocabulary.Create(
        "Backup", "Back Up", "Bak", "Snapshot", "Staging", "Staged", "Incoming", "Partial", "Pending", "Old", "Previous", "Leftover",
        "Orig", "New", "Temp", "Tmp", "Temporary", "Scratch", "Download", "Upload");

    // What holds no data: a flag, marker, sentinel or lock file says something by existing. (Not "cache": an installer's
    // package cache may be the only copy, and a name alone cannot tell a rebuildable cache from that.)
    private static readonly NameVocabulary DisposableWords = NameVocabulary.Create(
        "Flag", "Marker", "Sentinel", "Lock", "Lockfile", "Pid");

    // A member that says it deletes leftovers: DeletePreviousBackups, RemoveOldVersions, PurgeStagingFolder.
    private static readonly string[] DeleteVerbs = { "Delete", "Remove", "Purge", "Clear", "Clean", "Drop" };

    private static readonly NameVocabulary RetentionWords = NameVocabulary.Create(
        "Version", "Release", "Current", "Active", "Latest", "Newest", "New", "Build", "Generation", "Snapshot", "Backup", "Keep", "Retain");

    private static readonly NameVocabulary CleanupWords = NameVocabulary.Create(
        "Cleanup", "Clean Up", "Complete", "Finish", "Finalize", "Commit", "Tidy", "Prune");

    private static readonly NameVocabulary OutcomeWords = NameVocabulary.Create(
        "Success", "Succeeded", "Successful", "Ok", "Valid", "Verified", "Healthy", "Passed", "Failed", "Failure", "Error", "Errors");

    private static readonly NameVocabulary ComparisonWords = NameVocabulary.Create(
        "Equal", "Equals", "Same", "Identical", "Match", "Matches", "Verify", "Compare");

    private static readonly NameVocabulary ContentWords = NameVocabulary.Create(
        "Hash", "Checksum", "Digest", "Sha", "Md5", "Crc", "Size", "Filesize", "Length");

    private static readonly NameVocabulary OwnershipWords = NameVocabulary.Create(
        "Owner", "Owned", "Owning", "Ownership", "Orphan", "Reference", "Referenced", "Record", "Entity", "Entities",
        "Db", "Database", "Repository", "Repo", "Tenant", "User", "Account", "Customer", "Subscriber", "Registration",
        "Registered", "Usage", "Used", "In Use");

    private static readonly NameVocabulary OwnerExistsNames = NameVocabulary.Create("Any", "Exists", "Contains Key", "Has", "Is Owned", "Is Referenced", "Is In Use", "Is Used");

    private static readonly NameVocabulary LookupNames = NameVocabulary.Create("Find", "Get", "Lookup", "First Or Default", "Single Or Default", "Load", "Try Get");

    private static readonly NameVocabulary OrphanWords = NameVocabulary.Create("Orphan", "Orphaned", "Unowned", "Unreferenced", "Unused");

    private static readonly string[] OrderingNames = { "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Order", "OrderDescending", "Reverse" };

    private static readonly string[] WindowNames = { "Skip", "SkipLast", "Take", "TakeLast" };

    /// <summary>
    /// True when the delete prunes the versions a loop walks (<c>foreach</c> over <c>Directory.GetDirectories(releases)</c>,
    /// the entries of a releases file…) and the loop protects the current one: it skips (<c>continue</c>) or guards against
    /// the element equal to a non-constant value named as a version (<c>current</c>, <c>active</c>, <c>newVersion</c>,
    /// <c>latest</c>…), or the collection is filtered with <c>Where(x =&gt; x != current)</c> or <c>Except(…)</c>, or
    /// windowed with <c>Skip</c>/<c>Take</c> on an ordering of something named as versions, releases or backups (keep the
    /// newest n). Skipping one file of an install (<c>if (f == configPath) continue;</c>) protects nothing of that kind.
    /// </summary>
    public static bool IsRetention(FileSystemCall call, FileSystemActivity activity)
    {
        if (call.Subject is not { } path)
        {
            return false;
        }

        for (var current = call.Operation.Parent; current is not null and not ILocalFunctionOperation; current = current.Parent)
        {
            if (current is not IForEachLoopOperation loop || loop.Locals.IsEmpty)
            {
                continue;
            }

            var elements = new HashSet<ISymbol>(loop.Locals, SymbolEqualityComparer.Default);
            bool IsElement(IOperation operation) => operation is ILocalReferenceOperation local && elements.Contains(local.Local);
            if (!activity.DerivesFrom(path, IsElement))
            {
                continue;
            }

            foreach (var (condition, holds) in activity.ConditionsAt(call.Operation))
            {
                if (condition.IsWithin(loop) && ProtectsOne(condition, holds, IsElement, activity))
                {
                    return true;
                }
            }

            if (ExcludesFromListing(loop.Collection, activity) && NamesVersions(loop.Collection, activity))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the delete clears a folder named for the version being installed (<c>latestVersionDir</c>,
    /// <c>Path.Combine(root, "app-" + newVersion)</c>: <see cref="OwnAreas.IsInsideNewVersionFolder"/>) that the method then
    /// creates again or fills: a side-by-side folder that is not live until the update switches to it, cleared of an earlier
    /// attempt's leftovers before it is put anew (field report class 10).
    /// </summary>
    private static bool IsNewVersionFolderCleared(FileSystemCall call, IOperation path, FileSystemActivity activity) =>
        call.IsDirectory == true && activity.IsRecreatedAfter(path, call.Operation) && OwnAreas.IsInsideNewVersionFolder(path, isFolder: true, activity);

    /// <summary>
    /// True when the delete clears, inside a <c>foreach</c> over the entries of a source (a bundle, a staged release), the
    /// target's entry of the same name, and the same loop body then copies or moves that source entry into the target
    /// folder or onto the deleted path: <c>foreach (var entry in bundle.EnumerateFileSystemInfos()) { Delete(Path.Combine(gameDir,
    /// entry.Name)); CopyInto(entry, gameDir); }</c>. Each deleted path is replaced by the entry it is named after (field
    /// report class 10). Deleting the entries a loop lists from the target itself (<c>foreach (var f in live.GetFiles())
    /// f.Delete();</c>) is no such pair: what comes after need not bring any of them back.
    /// </summary>
    public static bool IsReplacedFromLoopEntry(FileSystemCall call, FileSystemActivity activity)
    {
        if (call.Subject is not { } path)
        {
            return false;
        }

        IForEachLoopOperation? loop = null;
        for (var current = call.Operation.Parent; current is not null and not ILocalFunctionOperation and not IAnonymousFunctionOperation; current = current.Parent)
        {
            if (current is IForEachLoopOperation { Locals.IsEmpty: false } found)
            {
                loop = found;
                break;
            }
        }

        if (loop is null)
        {
            return false;
        }

        var elements = new HashSet<ISymbol>(loop.Locals, SymbolEqualityComparer.Default);
        bool IsElement(IOperation operation) => operation is ILocalReferenceOperation local && elements.Contains(local.Local);
        if (EntryFolder(path, IsElement, activity) is not { } folder || activity.DerivesFrom(folder, IsElement))
        {
            return false;
        }

        // The calls after the delete inside the loop body, a bounded few (the copy follows the delete closely).
        var calls = activity.Calls;
        var start = call.Operation.Start();
        int low = 0, high = calls.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (calls[middle].Operation.Start() <= start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var body = loop.Body;
        for (var i = low; i < calls.Length && i < low + MaxPreparingCalls; i++)
        {
            var other = calls[i];
            if (!body.ContainsSyntaxOf(other.Operation))
            {
                break;
            }

            if (other.Api.Action is not (FileSystemAction.Copy or FileSystemAction.Move or FileSystemAction.Extract) ||
                other.Destination is not { } destination || !FileSystemActivity.RunsAfter(other.Operation, call.Operation) ||
                !(activity.IsSame(destination, folder) || activity.IsSame(destination, path) ||
                  (EntryFolder(destination, IsElement, activity) is { } named && activity.IsSame(named, folder))))
            {
                continue;
            }

            if (FileSystemActivity.RunsWheneverItDoes(other.Operation, call.Operation) &&
                ((other.Subject is { } source && activity.DerivesFrom(source, IsElement)) || HandsOver(other.Operation, destination, IsElement, activity)))
            {
                return true;
            }
        }

        return false;
    }

    // The folder of `Path.Combine(folder, entry.Name)` (or Path.Join, or Path.GetFileName(entry)) where entry is an element of
    // the loop, read through locals with one value; null for anything else.
    private static IOperation? EntryFolder(IOperation path, System.Func<IOperation, bool> isElement, FileSystemActivity activity)
    {
        var current = path.WalkDownConversions();
        for (var step = 0; step < 4; step++)
        {
            switch (current)
            {
                case ILocalReferenceOperation local when !isElement(local):
                    var assignments = activity.AssignmentsOf(local);
                    var values = assignments.ValuesOf(local.Local);
                    if (values.Count != 1 || assignments.HasUnknownValue(local.Local))
                    {
                        return null;
                    }

                    current = values[0].WalkDownConversions();
                    continue;
                case IObjectCreationOperation when activity.Symbols.WrappedPath(current) is { } wrapped:
                    current = wrapped.WalkDownConversions();
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType.Name: "Path" }, Arguments.Length: 2 } combine
                    when NamesEntry(combine.Arguments[1].Value.WalkDownConversions(), isElement, activity):
                    return combine.Arguments[0].Value.WalkDownConversions();
                default:
                    return null;
            }
        }

        return null;
    }

    // entry.Name, Path.GetFileName(entry) or Path.GetFileName(entry.FullName) of a loop element.
    private static bool NamesEntry(IOperation name, System.Func<IOperation, bool> isElement, FileSystemActivity activity) => name switch
    {
        IPropertyReferenceOperation { Property.Name: "Name", Instance: { } instance } => isElement(instance.WalkDownConversions()),
        IInvocationOperation { TargetMethod: { Name: "GetFileName", ContainingType.Name: "Path" }, Arguments.Length: 1 } getName =>
            activity.DerivesFrom(getName.Arguments[0].Value, isElement),
        _ => false,
    };

    // A helper's copy handed the loop element besides the destination: CopyInto(entry, gameDir).
    private static bool HandsOver(IOperation operation, IOperation destination, System.Func<IOperation, bool> isElement, FileSystemActivity activity)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (!ReferenceEquals(value, destination.WalkDownConversions()) && isElement(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the delete only runs once a comparison has shown that nothing is lost:
    /// <list type="bullet">
    /// <item>something read from the deleted path equals something read from another path
    /// (<c>new FileInfo(migrated).Length == new FileInfo(original).Length</c>, <c>Sha256(a).SequenceEqual(Sha256(b))</c>,
    /// <c>FilesAreIdentical(a, b)</c>): an equivalent copy exists;</item>
    /// <item>the deleted file's hash or size equals a recorded one (<c>snapshot.Checksum == Hash(file)</c>): it is exactly
    /// what was installed, nothing of the user's is in it;</item>
    /// <item>the deleted file's hash or size differs from the expected one (<c>info.Length != release.Filesize</c>,
    /// <c>!hash.Equals(release.Sha1)</c>): it is a corrupt download, not data.</item>
    /// </list>
    /// </summary>
    public static bool IsAfterProvenReplacement(FileSystemCall call, FileSystemActivity activity)
    {
        if (call.Subject is not { } path)
        {
            return false;
        }

        foreach (var (condition, holds) in activity.ConditionsAt(call.Operation))
        {
            if (Sides(condition) is not var (left, right, direct, equal))
            {
                continue;
            }

            var leftReads = direct ? SideReads.Of(left) : SideReads.Read(left, activity);
            var rightReads = direct ? SideReads.Of(right) : SideReads.Read(right, activity);
            var leftSame = leftReads.ReadsSame(path, activity);
            var rightSame = rightReads.ReadsSame(path, activity);
            if (equal == holds)
            {
                // Shown equal.
                if ((leftSame && rightReads.ReadsOther(path, activity)) || (rightSame && leftReads.ReadsOther(path, activity)) ||
                    (!direct && ((leftSame && leftReads.Content && rightReads.IsRecordedContent) ||
                                 (rightSame && rightReads.Content && leftReads.IsRecordedContent))))
                {
                    return true;
                }
            }
            else if (!direct && ((leftSame && leftReads.Content && rightReads.IsExpectedValue(right)) ||
                                 (rightSame && rightReads.Content && leftReads.IsExpectedValue(left))))
            {
                // Shown different from what it should be.
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the delete only runs once a lookup in the owning records found nothing for the deleted path (or the
    /// key it is named by): <c>if (!_db.Users.Any(u =&gt; u.Id == id))</c>, <c>if (_repository.Find(id) == null)</c>,
    /// <c>if (IsOrphaned(dir))</c>. The lookup must name a record store or ownership (<c>Db</c>, <c>Repository</c>,
    /// <c>Owner</c>, <c>User</c>, <c>Tenant</c>…): a set of file names (<c>!manifest.Contains(name)</c>) or
    /// <c>!File.Exists(…)</c> proves nothing about the file's owner and does not count.
    /// </summary>
    public static bool IsOwnershipChecked(FileSystemCall call, FileSystemActivity activity)
    {
        if (call.Subject is not { } path)
        {
            return false;
        }

        foreach (var (condition, holds) in activity.ConditionsAt(call.Operation))
        {
            if (NoOwnerLookup(condition, holds, activity) is { } lookup && IsRelated(lookup, path, activity))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the deleted path is named as a staging or backup artifact (its variables or literals have words such as
    /// <c>Backup</c>, <c>Bak</c>, <c>Snapshot</c>, <c>Staging</c>, <c>Incoming</c>, <c>Partial</c>, <c>Pending</c>,
    /// <c>Old</c>, <c>New</c>, <c>Temp</c>, <c>Download</c>, <c>Upload</c>, or a word of <c>changegate.backup_methods</c>) and the
    /// delete runs in a cleanup or finish step (<c>Cleanup…</c>, <c>Complete…</c>, <c>Finish…</c>, <c>Finalize…</c>,
    /// <c>Commit…</c>, <c>Prune…</c>, or a delete verb naming leftovers: <c>DeletePreviousBackups</c>), after a success check (a
    /// call named <c>Assert…</c>, <c>Verify…</c>, <c>Validate…</c>, <c>Confirm…</c> or a health method, or an early exit on an
    /// outcome such as <c>if (!result.Succeeded) return;</c>), in a catch clause (a failed step clearing its own staging), or
    /// before a later call of the method is handed the same path (<c>Delete(newPath); Prepare(zip, newPath);</c>: an earlier
    /// attempt's leftovers are cleared for the new one). A name alone is never enough.
    /// </summary>
    public static bool IsArtifactCleanup(FileSystemCall call, FileSystemActivity activity, ISymbol owningSymbol, ChangeGateOptions options)
    {
        if (call.Subject is not { } path || activity.DerivesFrom(path, activity.Symbols.IsParentPath))
        {
            return false;
        }

        if (!activity.DerivesFrom(path, operation => IsArtifactNamed(operation, options)))
        {
            return false;
        }

        return IsCleanupStep(call.Operation, owningSymbol) || IsCleanupHelper(call) || IsAfterSuccessCheck(call.Operation, activity, options) ||
               IsFailureCleanup(call.Operation) || IsPreparedAfter(call, path, activity);
    }

    /// <summary>
    /// True when the deleted path is named as something that holds no data: a flag, marker, sentinel or lock file
    /// (<c>flagFile</c>, <c>"update.finished"</c> held in a <c>flagFile</c>, <c>lockFilePath</c>, <c>upgradeMarker</c>).
    /// Deleting it loses nothing an update must keep.
    /// </summary>
    public static bool IsDisposable(FileSystemCall call, FileSystemActivity activity) =>
        call.Subject is { } path && IsNamedAsNoData(path, activity);

    /// <summary>
    /// True when <paramref name="path"/> is named as a file that holds no data (a flag, marker, sentinel, lock or pid file) and
    /// does not go up from such a name.
    /// </summary>
    public static bool IsNamedAsNoData(IOperation path, FileSystemActivity activity)
    {
        if (activity.DerivesFrom(path, activity.Symbols.IsParentPath))
        {
            return false;
        }

        return activity.DerivesFrom(path, static operation =>
        {
            var name = NameOf(operation);
            if (name is null)
            {
                return false;
            }

            var words = IdentifierWords.Split(name);
            return DisposableWords.Matches(words, 0, words.Length);
        });
    }

    // Inside a catch clause: the step failed, and its own staging or backup leftovers are cleared before it reports.
    private static bool IsFailureCleanup(IOperation at)
    {
        for (var current = at.Parent; current is not null; current = current.Parent)
        {
            if (current is ICatchClauseOperation)
            {
                return true;
            }

            if (current is ILocalFunctionOperation or IAnonymousFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    // A staging path cleared and then handed to a later call of the same method, which prepares it again
    // (Delete(newPath); Prepare(package, newPath)): the delete only clears an earlier attempt's leftovers.
    private static bool IsPreparedAfter(FileSystemCall call, IOperation path, FileSystemActivity activity)
    {
        // The calls are in source order: find the first one after the delete, then look at a bounded few (the preparing
        // call follows the delete closely), so a body with thousands of calls stays linear.
        var calls = activity.OtherCalls;
        var end = call.Operation.Syntax.Span.End;
        int low = 0, high = calls.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (calls[middle].Operation.Start() < end)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < calls.Length && i < low + MaxPreparingCalls; i++)
        {
            var other = calls[i];
            if (!FileSystemActivity.RunsAfter(other.Operation, call.Operation))
            {
                continue;
            }

            foreach (var argument in other.Arguments.Items)
            {
                if (activity.IsSame(argument.Value, path))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The name a path operand reads as: its local, parameter, field, property or called method, or its constant text.</summary>
    internal static string? NameOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        IInvocationOperation invocation => invocation.TargetMethod.Name,
        _ => operation.ConstantValue is { HasValue: true, Value: string text } ? text : null,
    };

    private static bool IsArtifactNamed(IOperation operation, ChangeGateOptions options)
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
        return ArtifactWords.Matches(words, 0, words.Length) || options.BackupMethods.Matches(words, 0, words.Length);
    }

    private static bool IsCleanupStep(IOperation at, ISymbol owningSymbol)
    {
        foreach (var function in EnclosingFunctions.LocalFunctionsAround(at))
        {
            if (IsCleanupName(function.Name, member: true))
            {
                return true;
            }
        }

        return IsCleanupName(EnclosingFunctions.NamedSymbol(owningSymbol).Name, member: true);
    }

    // A helper called for the delete that says it clears leftovers: PurgeOld(oldPath), CleanupStaging(dir), DeleteTempFiles(dir).
    private static bool IsCleanupHelper(FileSystemCall call)
    {
        if (!call.Api.IsWrapper)
        {
            return false;
        }

        var name = call.WrapperMethod?.Name ?? call.DisplayName;
        var dot = name.LastIndexOf('.');
        return IsCleanupName(dot < 0 ? name : name.Substring(dot + 1));
    }

    // Cleanup…, Finish…, or a delete verb followed by what it deletes named as a leftover (DeletePreviousVersionBackup).
    // For the member the delete is in (not a helper it calls), any delete verb: a member named for deleting
    // (CleanPackagesExcept, PurgeDownloads) is a cleanup step; what it deletes must still be named as a leftover for the
    // delete to count as cleanup (IsArtifactCleanup). A helper named DeleteDirectory says only how it deletes.
    private static bool IsCleanupName(string name, bool member = false)
    {
        if (CleanupWords.Matches(name))
        {
            return true;
        }

        var words = IdentifierWords.Split(name);
        return words.Length > 1 && System.Array.IndexOf(DeleteVerbs, words[0]) >= 0 && (member || ArtifactWords.Matches(words, 1, words.Length));
    }

    private static bool IsAfterSuccessCheck(IOperation at, FileSystemActivity activity, ChangeGateOptions options)
    {
        foreach (var call in activity.OtherCalls)
        {
            if (call.Operation.Start() >= at.Start())
            {
                break;
            }

            if (IsCheckName(call.Name, options) && FileSystemActivity.RunsBefore(call.Operation, at))
            {
                return true;
            }
        }

        foreach (var (condition, _) in activity.ConditionsAt(at))
        {
            if (MentionsOutcome(condition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCheckName(string name, ChangeGateOptions options)
    {
        var words = IdentifierWords.Split(name);
        return (words.Length > 0 && words[0] is "Assert" or "Verify" or "Validate" or "Confirm") || options.HealthMethods.Matches(name);
    }

    private static bool MentionsOutcome(IOperation condition)
    {
        foreach (var operation in Bounded(condition))
        {
            var name = operation switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                IInvocationOperation invocation => invocation.TargetMethod.Name,
                _ => null,
            };
            if (name is not null && OutcomeWords.Matches(name))
            {
                return true;
            }
        }

        return false;
    }

    // `x == other` (or `!=`, per the polarity) between an element of the loop and a non-constant value that is not one.
    private static bool ProtectsOne(IOperation condition, bool holds, System.Func<IOperation, bool> isElement, FileSystemActivity activity)
    {
        // `if (keep != null && Same(x, keep)) continue;`: the skip needs every part, so each part that compares the element
        // with the kept value protects it (a null guard around it only says there may be nothing to keep). A bounded walk
        // down the left spine of the conjunction.
        if (!holds && condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } conjunction)
        {
            var current = (IOperation)conjunction;
            for (var depth = 0; depth < 8 && current is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and; depth++)
            {
                if (ProtectsOne(and.RightOperand.WalkDownConversions(), false, isElement, activity))
                {
                    return true;
                }

                current = and.LeftOperand.WalkDownConversions();
            }

            return current is not IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } && ProtectsOne(current, false, isElement, activity);
        }

        var (left, right, equal) = condition switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } binary => (binary.LeftOperand, binary.RightOperand, true),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } binary => (binary.LeftOperand, binary.RightOperand, false),
            IInvocationOperation { Instance: { } instance, Arguments.Length: >= 1 } call when IsEqualityName(call.TargetMethod.Name) => (instance, call.Arguments[0].Value, true),
            IInvocationOperation { Instance: null, Arguments.Length: >= 2 } call when IsEqualityName(call.TargetMethod.Name) => (call.Arguments[0].Value, call.Arguments[1].Value, true),
            _ => (null, null, false),
        };
        if (left is null || right is null || equal == holds)
        {
            // The delete runs when the element equals the value: that protects nothing.
            return false;
        }

        return (IsElementSide(left, isElement, activity) && IsProtectedValue(right, isElement, activity)) ||
               (IsElementSide(right, isElement, activity) && IsProtectedValue(left, isElement, activity));
    }

    // Equals, FullPathEquals, PathsEqual, IsSamePath, AreSame: a comparison of two values by name.
    private static bool IsEqualityName(string name) =>
        name.EndsWith("Equals", System.StringComparison.Ordinal) || name.EndsWith("Equal", System.StringComparison.Ordinal) ||
        name.IndexOf("Same", System.StringComparison.Ordinal) >= 0;

    private static bool IsElementSide(IOperation side, System.Func<IOperation, bool> isElement, FileSystemActivity activity) =>
        activity.DerivesFrom(side, isElement);

    private static bool IsProtectedValue(IOperation side, System.Func<IOperation, bool> isElement, FileSystemActivity activity)
    {
        var value = side.WalkDownConversions();
        return !value.ConstantValue.HasValue && !activity.DerivesFrom(value, isElement) && NamesVersions(value, activity);
    }

    // Built from something named as a version, a release or a backup (activeVersion, current, releasesRoot, entry.Version).
    private static bool NamesVersions(IOperation value, FileSystemActivity activity) =>
        activity.DerivesFrom(value, operation => operation switch
        {
            ILocalReferenceOperation local => RetentionWords.Matches(local.Local.Name),
            IParameterReferenceOperation parameter => RetentionWords.Matches(parameter.Parameter.Name),
            IFieldReferenceOperation field => RetentionWords.Matches(field.Field.Name),
            IPropertyReferenceOperation property => RetentionWords.Matches(property.Property.Name),
            IInvocationOperation invocation => RetentionWords.Matches(invocation.TargetMethod.Name),
            _ => false,
        });

    // Walks the producing chain of a foreach collection back to its source: Where(x => x != current), Except(…), or a
    // Skip/Take window over an ordering.
    private static bool ExcludesFromListing(IOperation collection, FileSystemActivity activity)
    {
        var current = collection.WalkDownConversions();
        var windowed = false;
        for (var step = 0; step < 16; step++)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    var values = activity.AssignmentsOf(local).ValuesOf(local.Local);
                    if (values.Count != 1)
                    {
                        return false;
                    }

                    current = values[0].WalkDownConversions();
                    continue;
                case IInvocationOperation invocation:
                    var name = invocation.TargetMethod.Name;
                    if (name == "Where" && WhereExcludesOne(invocation, activity))
                    {
                        return true;
                    }

                    if (name == "Except" && invocation.Arguments.Length >= 2 && !invocation.Arguments[1].Value.WalkDownConversions().ConstantValue.HasValue)
                    {
                        return true;
                    }

                    if (System.Array.IndexOf(WindowNames, name) >= 0)
                    {
                        windowed = true;
                    }
                    else if (windowed && System.Array.IndexOf(OrderingNames, name) >= 0)
                    {
                        return true;
                    }

                    var next = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    if (next is null)
                    {
                        return false;
                    }

                    current = next.WalkDownConversions();
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool WhereExcludesOne(IInvocationOperation where, FileSystemActivity activity)
    {
        foreach (var argument in where.Arguments)
        {
            if (argument.Value.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ||
                lambda.Symbol.Parameters.Length == 0)
            {
                continue;
            }

            var parameter = lambda.Symbol.Parameters[0];
            bool IsElement(IOperation operation) =>
                operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
            foreach (var operation in lambda.Body.Operations)
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned })
                {
                    var conditions = new List<(IOperation, bool)>();
                    ControllingConditions.Split(returned, true, conditions);
                    foreach (var (condition, holds) in conditions)
                    {
                        if (ProtectsOne(condition, holds, IsElement, activity))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    // The two things a condition compares, and whether it is an equality (false: an inequality). `direct` when they are
    // paths handed to a comparison helper of the project (FilesAreIdentical(a, b)); else values read from paths (lengths,
    // hashes), compared with ==, !=, Equals or SequenceEqual. string.Equals(a, b) on two paths compares their names, not
    // their content: it is no proof.
    private static (IOperation Left, IOperation Right, bool Direct, bool Equal)? Sides(IOperation condition)
    {
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } binary:
                return (binary.LeftOperand, binary.RightOperand, false, true);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } binary:
                return (binary.LeftOperand, binary.RightOperand, false, false);
            case IInvocationOperation invocation:
                var words = IdentifierWords.Split(invocation.TargetMethod.Name);
                if (!ComparisonWords.Matches(words, 0, words.Length) && invocation.TargetMethod.Name != "SequenceEqual")
                {
                    return null;
                }

                var direct = !WrapperCalls.IsFramework(invocation.TargetMethod);
                if (invocation.Instance is { } instance && invocation.Arguments.Length >= 1)
                {
                    return (instance, invocation.Arguments[0].Value, direct, true);
                }

                return invocation.Arguments.Length >= 2 ? (invocation.Arguments[0].Value, invocation.Arguments[1].Value, direct, true) : null;
            default:
                return null;
        }
    }

    // What one side of a comparison reads: the paths it reads the file system at (new FileInfo(p).Length,
    // File.ReadAllBytes(p), Hash(p), info.Length, through up to three locals), whether it reads content (a hash, a
    // checksum, a size), and whether it names recorded content without reading any path (snapshot.Checksum).
    private sealed class SideReads
    {
        private const int MaxLocalHops = 3;

        public List<IOperation> Paths { get; } = new();

        public bool Content { get; private set; }

        public bool IsRecordedContent => Paths.Count == 0 && NamesContent;

        private bool NamesContent { get; set; }

        public static SideReads Of(IOperation path)
        {
            var reads = new SideReads();
            reads.Paths.Add(path);
            return reads;
        }

        public static SideReads Read(IOperation side, FileSystemActivity activity)
        {
            var symbols = activity.Symbols;
            var reads = new SideReads();
            var pending = new Stack<(IOperation Root, int Hops)>();
            pending.Push((side, 0));
            var budget = MaxSideSize;
            while (pending.Count > 0)
            {
                var (root, hops) = pending.Pop();
                foreach (var operation in Bounded(root))
                {
                    if (--budget < 0)
                    {
                        return reads;
                    }

                    switch (operation)
                    {
                        case IObjectCreationOperation creation when symbols.WrappedPath(creation) is { } wrapped:
                            reads.Paths.Add(wrapped);
                            break;
                        case IInvocationOperation invocation:
                            var content = ContentWords.Matches(invocation.TargetMethod.Name);
                            reads.Content |= content;
                            if (content || symbols.IsFileSystemType(invocation.TargetMethod.ContainingType))
                            {
                                foreach (var argument in invocation.Arguments)
                                {
                                    var type = argument.Value.WalkDownConversions().Type;
                                    if (type?.SpecialType == SpecialType.System_String || symbols.InfoKindOf(type) is not null)
                                    {
                                        reads.Paths.Add(argument.Value);
                                    }
                                }
                            }

                            if (invocation.Instance is { } instance && symbols.InfoKindOf(instance.WalkDownConversions().Type) is not null)
                            {
                                reads.Paths.Add(instance);
                            }

                            break;
                        case IPropertyReferenceOperation { Instance: { } owner } property:
                            var named = ContentWords.Matches(property.Property.Name);
                            reads.NamesContent |= named;
                            if (symbols.InfoKindOf(owner.WalkDownConversions().Type) is not null)
                            {
                                reads.Paths.Add(owner);
                                reads.Content |= named;
                            }
                            else if (named && owner.WalkDownConversions() is IInvocationOperation described)
                            {
                                // _files.Describe(path).Checksum: the checksum of the file at that path.
                                foreach (var argument in described.Arguments)
                                {
                                    if (argument.Value.WalkDownConversions().Type?.SpecialType == SpecialType.System_String)
                                    {
                                        reads.Paths.Add(argument.Value);
                                        reads.Content = true;
                                    }
                                }
                            }

                            break;
                        case IFieldReferenceOperation field:
                            reads.NamesContent |= ContentWords.Matches(field.Field.Name);
                            break;
                        case IParameterReferenceOperation parameter:
                            reads.NamesContent |= ContentWords.Matches(parameter.Parameter.Name);
                            break;
                        case ILocalReferenceOperation local when hops < MaxLocalHops:
                            reads.NamesContent |= ContentWords.Matches(local.Local.Name);
                            var values = activity.AssignmentsOf(local).ValuesOf(local.Local);
                            if (values.Count == 1)
                            {
                                pending.Push((values[0], hops + 1));
                            }

                            break;
                    }
                }
            }

            return reads;
        }

        public bool ReadsSame(IOperation path, FileSystemActivity activity)
        {
            foreach (var read in Paths)
            {
                if (activity.IsSame(read, path))
                {
                    return true;
                }
            }

            return false;
        }

        public bool ReadsOther(IOperation path, FileSystemActivity activity)
        {
            foreach (var read in Paths)
            {
                if (!activity.IsSame(read, path) && !read.WalkDownConversions().ConstantValue.HasValue)
                {
                    return true;
                }
            }

            return false;
        }

        // An expected size or hash: a value that is not a constant and does not read the deleted file.
        public bool IsExpectedValue(IOperation side) => Paths.Count == 0 && !side.WalkDownConversions().ConstantValue.HasValue;
    }

    // The lookup in `condition` when, with `holds`, it says that nothing owns the key; else null.
    private static IOperation? NoOwnerLookup(IOperation condition, bool holds, FileSystemActivity activity)
    {
        switch (condition)
        {
            case IInvocationOperation invocation when !WrapperCalls.IsFramework(invocation.TargetMethod) || IsRecordQuery(invocation):
                var name = invocation.TargetMethod.Name;
                if (!holds && OwnerExistsNames.Matches(name) && !activity.Symbols.IsFileSystemType(invocation.TargetMethod.ContainingType))
                {
                    return NamesOwnership(invocation) ? invocation : null;
                }

                if (holds && OrphanWords.Matches(name))
                {
                    return invocation;
                }

                return null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                var isNullCheck = binary.OperatorKind == BinaryOperatorKind.Equals ? holds : !holds;
                var other = IsNull(binary.RightOperand) ? binary.LeftOperand : IsNull(binary.LeftOperand) ? binary.RightOperand : null;
                return isNullCheck && other is not null ? LookupBehind(other, activity) : null;
            case IIsPatternOperation { Pattern: IConstantPatternOperation { Value: { } constant } } pattern when IsNull(constant):
                return holds ? LookupBehind(pattern.Value, activity) : null;
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: { } constant } } } pattern when IsNull(constant):
                return !holds ? LookupBehind(pattern.Value, activity) : null;
            case ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
                // if (isOrphan) …
                var flag = condition switch
                {
                    ILocalReferenceOperation local => local.Local.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    _ => ((IPropertyReferenceOperation)condition).Property.Name,
                };
                return holds && OrphanWords.Matches(flag) ? condition : null;
            default:
                return null;
        }
    }

    // LINQ queries (Any, FirstOrDefault…) are framework methods; they count when their source names a record store.
    private static bool IsRecordQuery(IInvocationOperation invocation) =>
        invocation.TargetMethod.IsExtensionMethod && invocation.TargetMethod.ContainingType?.Name is "Enumerable" or "Queryable" or "EntityFrameworkQueryableExtensions";

    private static IOperation? LookupBehind(IOperation value, FileSystemActivity activity)
    {
        var current = value.WalkDownConversions();
        if (current is ILocalReferenceOperation local)
        {
            var values = activity.AssignmentsOf(local).ValuesOf(local.Local);
            if (values.Count != 1)
            {
                return null;
            }

            current = values[0].WalkDownConversions();
        }

        if (current is IAwaitOperation awaited)
        {
            current = awaited.Operation.WalkDownConversions();
        }

        return current is IInvocationOperation invocation && LookupNames.Matches(invocation.TargetMethod.Name) &&
               !activity.Symbols.IsFileSystemType(invocation.TargetMethod.ContainingType) && NamesOwnership(invocation)
            ? invocation
            : null;
    }

    private static bool NamesOwnership(IInvocationOperation invocation)
    {
        if (OwnershipWords.Matches(invocation.TargetMethod.Name))
        {
            return true;
        }

        foreach (var operation in Bounded(invocation))
        {
            var name = operation switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation property => property.Property.Name,
                IInvocationOperation call => call.TargetMethod.Name,
                _ => null,
            };
            if (name is not null && OwnershipWords.Matches(name))
            {
                return true;
            }
        }

        return false;
    }

    // The lookup mentions a variable the deleted path is built from, or one built from the deleted path.
    private static bool IsRelated(IOperation lookup, IOperation path, FileSystemActivity activity)
    {
        if (lookup is ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation)
        {
            // if (isOrphan): a flag; it names no key, so it counts as about this path.
            return true;
        }

        foreach (var operation in Bounded(lookup))
        {
            ISymbol? variable = operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation { Parameter.ContainingSymbol: not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } parameter => parameter.Parameter,
                _ => null,
            };
            if (variable is null)
            {
                continue;
            }

            if (activity.DerivesFrom(path, candidate => Refers(candidate, variable)) ||
                activity.DerivesFrom(operation, candidate => activity.IsSame(candidate, path)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Refers(IOperation operation, ISymbol variable) => operation switch
    {
        ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, variable),
        IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable),
        _ => false,
    };

    private static bool IsNull(IOperation operation) => operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: null };

    // The operations of a condition or comparison side, at most MaxSideSize of them: these are small in real code.
    private static IEnumerable<IOperation> Bounded(IOperation root)
    {
        var count = 0;
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (++count > MaxSideSize)
            {
                yield break;
            }

            yield return operation;
        }
    }
}
