using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// What one executable body (with its lambdas and local functions) does to paths, so rules can ask: is this path
/// temporary or unique, was it backed up or moved aside first, did this body create it, is it moved into place or
/// re-populated afterwards, is it inside a directory this body made fresh? Build it with
/// <see cref="FileSystemActivityCollector"/>.
/// </summary>
/// <remarks>
/// "Before" and "after" are source order inside the body (an argument runs before the call that takes it),
/// an approximation that is right for straight-line update code and generous inside loops.
/// The body's calls are indexed once by the key of each path they touch (<see cref="PathKey"/>), and what each path is
/// built from is computed once per node (<see cref="PathDerivations"/>), so every question costs about the size of the
/// path asked about, not the number of calls in the body: a method with 16,000 deletes is analyzed in linear time.
/// Queries lock: the rules and <see cref="TemporaryMembers"/> may ask from different threads.
/// </remarks>
internal sealed class FileSystemActivity
{
    /// <summary>Calls whose name says they produce files: what they write, return or hand back is this run's own artifact.</summary>
    internal static readonly NamePatterns Producers = NamePatterns.CreateDefault("Download*", "Extract*", "Unzip*", "Unpack*", "Save*To*");

    private static readonly NamePatterns Repopulators = NamePatterns.CreateDefault(
        "Save*", "Write*", "Create*", "Extract*", "Unzip*", "Unpack*", "Download*", "Restore*", "Generate*", "Regenerate*", "Rebuild*", "Export*");

    private static readonly NameVocabulary AddressWords = NameVocabulary.Create("Url", "Uri", "Address", "Endpoint");

    private readonly object _gate = new();
    private readonly FileSystemSymbols _symbols;
    private readonly ImmutableArray<FileSystemCall> _calls;
    private readonly ImmutableArray<IOperation> _otherCallOperations;
    private ImmutableArray<NamedCall> _otherCalls;
    private readonly PathDerivations _paths;
    private readonly ControllingConditions _conditions = new();
    private CallIndex? _index;
    private Dictionary<NameVocabulary, Dictionary<PathKey, List<IOperation>>>? _backupArguments;

    internal FileSystemActivity(FileSystemSymbols symbols, ImmutableArray<FileSystemCall> calls, ImmutableArray<IOperation> otherCalls)
    {
        _symbols = symbols;
        _calls = calls;
        _otherCallOperations = otherCalls;
        _paths = new PathDerivations(symbols, new BodyAssignments());
    }

    /// <summary>Every watched call of the body (and every call of a configured file-system wrapper), in source order.</summary>
    public ImmutableArray<FileSystemCall> Calls => _calls;

    /// <summary>The other calls of the body, in source order: candidates for backup methods, producers and checks.</summary>
    public ImmutableArray<NamedCall> OtherCalls
    {
        get
        {
            lock (_gate)
            {
                if (_otherCalls.IsDefault)
                {
                    var calls = ImmutableArray.CreateBuilder<NamedCall>(_otherCallOperations.Length);
                    foreach (var operation in _otherCallOperations)
                    {
                        if (NamedCall.From(operation) is { } call)
                        {
                            calls.Add(call);
                        }
                    }

                    _otherCalls = calls.ToImmutable();
                }

                return _otherCalls;
            }
        }
    }

    /// <summary>The file-system symbols of the compilation.</summary>
    public FileSystemSymbols Symbols => _symbols;

    /// <summary>
    /// True when <paramref name="path"/> is derived in this body from a fresh temporary path
    /// (<c>Path.GetTempPath</c>, <c>GetTempFileName</c>, <c>GetRandomFileName</c>, <c>Directory.CreateTempSubdirectory</c>).
    /// </summary>
    public bool IsTemporary(IOperation path)
    {
        lock (_gate)
        {
            return Facts(path).Temporary;
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is built from a component that differs on every run (<c>Guid.NewGuid()</c>, a
    /// clock timestamp precise to the second), so no earlier run can have left it: it is this run's own artifact.
    /// </summary>
    public bool IsUnique(IOperation path)
    {
        lock (_gate)
        {
            return Facts(path).Unique;
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is what a producer call of this body returned or handed back
    /// (<c>var zip = await DownloadPackageAsync(url)</c>), or built from it without going up.
    /// </summary>
    public bool IsProduced(IOperation path)
    {
        lock (_gate)
        {
            var facts = Facts(path);
            return facts.Produced && !facts.GoesUp;
        }
    }

    /// <summary>
    /// True when, before <paramref name="at"/>, the body copies, moves or replaces <paramref name="path"/> (or a
    /// directory it lies in) away, replaces it keeping a backup, or passes it to a configured backup method. A copy or
    /// move through a configured wrapper counts the same.
    /// </summary>
    public bool IsBackedUpBefore(IOperation path, IOperation at, NameVocabulary backupMethods)
    {
        lock (_gate)
        {
            var index = PathIndex();
            var backups = BackupArguments(backupMethods);
            foreach (var key in InsideKeys(path))
            {
                if (AnyBefore(index.Get(key, Role.SavedAway), at) || AnyBefore(index.Get(key, Role.KeptBackup), at) ||
                    (backups.TryGetValue(key, out var given) && AnyBefore(given, at)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// True when, before <paramref name="at"/>, the body itself created <paramref name="path"/>: wrote or created it,
    /// created it as a directory, made it the destination of a copy, move, replace backup or archive extraction, or passed
    /// it to a producer (a call named <c>Download*</c>, <c>Extract*</c>, <c>Unzip*</c>, <c>Unpack*</c>, <c>Save*To*</c>).
    /// Such a path is a staging or backup artifact of this body, not an existing file.
    /// </summary>
    public bool IsCreatedBefore(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            return KeyOf(path) is { } key && AnyBefore(PathIndex().Get(key, Role.Created), at);
        }
    }

    /// <summary>
    /// True when, before <paramref name="at"/>, the body created <paramref name="path"/> as a new file, with a call that
    /// fails when the file exists: a copy without overwrite, <c>FileMode.CreateNew</c>, an extraction without overwrite.
    /// What is written there afterwards is written into this run's own file.
    /// </summary>
    public bool IsCreatedNewBefore(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            return KeyOf(path) is { } key && AnyBefore(PathIndex().Get(key, Role.CreatedNew), at);
        }
    }

    /// <summary>
    /// True when, after <paramref name="at"/>, the body moves <paramref name="path"/> (or a directory it lies in)
    /// onto another path: <c>File.Move</c>, <c>File.Replace</c>, <c>Directory.Move</c>, <c>FileInfo.MoveTo</c>, a move
    /// wrapper… That makes the path a staging copy of its final destination.
    /// </summary>
    public bool IsMovedIntoPlaceAfter(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            var index = PathIndex();
            foreach (var key in InsideKeys(path))
            {
                if (AnyAfter(index.Get(key, Role.MovedFrom), at))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// True when, after <paramref name="at"/>, the body changes <paramref name="path"/> itself: deletes it, writes it in
    /// place, or makes it the destination of a move, a replace, an extraction or an overwriting copy. A copy of such a
    /// path made just before is its backup.
    /// </summary>
    public bool IsChangedAfter(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            return KeyOf(path) is { } key && AnyAfter(PathIndex().Get(key, Role.Changed), at);
        }
    }

    /// <summary>
    /// True when <paramref name="source"/> and <paramref name="copy"/> are two files named in one folder
    /// (<c>Path.Combine(dir, "game.dll")</c> and <c>Path.Combine(dir, "game.dll.orig")</c>: two-part combines of the same folder
    /// with constant names) and, after <paramref name="at"/>, the body puts new content
    /// into that folder without deleting it: extracts an archive into it, copies or moves something onto it, or hands it to a
    /// call named <c>Extract*</c>, <c>Unzip*</c>, <c>Write*</c>… The copy kept the original next to it before the folder is
    /// overwritten: it is the way back, not a live file (as <see cref="IsChangedAfter"/> for the file itself).
    /// </summary>
    public bool IsFolderRepopulatedAfter(IOperation source, IOperation copy, IOperation at)
    {
        lock (_gate)
        {
            if (FolderOf(source) is not { } sourceFolder || FolderOf(copy) is not { } copyFolder ||
                _paths.KeyOf(sourceFolder) is not { } folder || !folder.Equals(_paths.KeyOf(copyFolder)))
            {
                return false;
            }

            var index = PathIndex();
            var deleted = index.Get(folder, Role.Deleted);
            foreach (var role in new[] { Role.Repopulated, Role.Changed })
            {
                foreach (var change in index.Get(folder, role))
                {
                    if (RunsAfter(change, at) && !Contains(deleted, change))
                    {
                        return true;
                    }
                }
            }

            // A helper of this compilation read through its summary (UnpackBundle(bundle, dir), which also creates dir) is
            // not among the other calls: its name and arguments say the same.
            foreach (var call in _calls)
            {
                if (call.Api.IsWrapper && call.Operation is IInvocationOperation invocation && RunsAfter(invocation, at) &&
                    Repopulators.Matches(invocation.TargetMethod.Name) && !WrapperCalls.IsFramework(invocation.TargetMethod))
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (folder.Equals(_paths.KeyOf(argument.Value)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }

    // The one value a local holds (not reassigned, not a loop variable), or null.
    private IOperation? SingleValueOf(IOperation operation)
    {
        if (operation.WalkDownConversions() is not ILocalReferenceOperation local)
        {
            return null;
        }

        var assignments = _paths.AssignmentsOf(local);
        var values = assignments.ValuesOf(local.Local);
        return values.Count == 1 && !assignments.HasUnknownValue(local.Local) && assignments.LoopOf(local.Local) is null
            ? values[0].WalkDownConversions()
            : null;
    }

    // The folder a file path is named in: the first argument of a two-part Path.Combine/Join (Path.Combine(dir, "a.dll")),
    // read through locals with one value; null for anything else (a relative path, a deeper or computed combine).
    private IOperation? FolderOf(IOperation path)
    {
        var current = path.WalkDownConversions();
        for (var step = 0; step < 4; step++)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    var assignments = _paths.AssignmentsOf(local);
                    var values = assignments.ValuesOf(local.Local);
                    if (values.Count != 1 || assignments.HasUnknownValue(local.Local) || assignments.LoopOf(local.Local) is not null)
                    {
                        return null;
                    }

                    current = values[0].WalkDownConversions();
                    continue;
                case IObjectCreationOperation when _symbols.WrappedPath(current) is { } wrapped:
                    // new FileInfo(Path.Combine(dir, "a.dll")).CopyTo(…)
                    current = wrapped.WalkDownConversions();
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType.Name: "Path" }, Arguments.Length: 2 } combine
                    when combine.Arguments[1].Value.WalkDownConversions().ConstantValue is { HasValue: true, Value: string name } &&
                         name.IndexOfAny(new[] { '/', '\\' }) < 0 && name != ".." && name != ".":
                    return combine.Arguments[0].Value.WalkDownConversions();
                default:
                    return null;
            }
        }

        return null;
    }

    // Contains for a list sorted by position: a binary search to the operation's start, then the entries that share it.
    private static bool ContainsSorted(IReadOnlyList<IOperation> operations, IOperation operation)
    {
        var start = operation.Start();
        for (var i = CountStartingBefore(operations, start); i < operations.Count && operations[i].Start() == start; i++)
        {
            if (ReferenceEquals(operations[i], operation))
            {
                return true;
            }
        }

        return false;
    }

    // How many entries of a list sorted by position start before `position` (a binary search).
    private static int CountStartingBefore(IReadOnlyList<IOperation> operations, int position)
    {
        int low = 0, high = operations.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (operations[middle].Start() < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static bool Contains(IReadOnlyList<IOperation> operations, IOperation operation)
    {
        foreach (var candidate in operations)
        {
            if (ReferenceEquals(candidate, operation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when, after <paramref name="at"/>, the body puts new content at <paramref name="path"/> itself: moves a file or
    /// directory onto it, copies or replaces a file onto it (a tree copy does not count), extracts an archive into it,
    /// writes it, or passes it to a call named <c>Save*</c>,
    /// <c>Write*</c>, <c>Create*</c>, <c>Extract*</c>, <c>Restore*</c>, <c>Generate*</c>… A delete just before is one half
    /// of a replacement (field report class 10); CG1002 in turn reads the write as a new file (class 6), so neither rule
    /// reports such a pair, as the labels of real code judge it.
    /// </summary>
    public bool IsRepopulatedAfter(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            return KeyOf(path) is { } key && AnyAfter(PathIndex().Get(key, Role.Repopulated), at, wheneverAtRuns: true);
        }
    }

    /// <summary>
    /// True when, before <paramref name="at"/>, the body read the content of <paramref name="path"/> (<c>File.OpenRead</c>,
    /// <c>File.ReadAllText</c>/<c>Bytes</c>/<c>Lines</c>, <c>File.ReadLines</c>, <c>File.OpenText</c>, <c>FileInfo.OpenRead</c>,
    /// their System.IO.Abstractions forms, <c>ZipFile.OpenRead</c>) and, between that read and <paramref name="at"/>, wrote,
    /// copied, moved, extracted or deleted another path: the file was an input the body used up (a patch applied to a file
    /// written elsewhere, an instruction list it carried out, the source of a file it rewrote under a new name).
    /// </summary>
    public bool IsConsumedBefore(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            if (KeyOf(path) is not { } key)
            {
                return false;
            }

            var reads = PathIndex().Get(key, Role.ContentRead);
            var checkedReads = 0;
            for (var i = reads.Count - 1; i >= 0 && checkedReads < MaxConsumingReads; i--)
            {
                if (RunsBefore(reads[i], at))
                {
                    checkedReads++;
                    if (ChangesAnotherPathBetween(key, reads[i], at))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    private const int MaxConsumingReads = 8;
    private const int MaxCallsBetween = 64;

    // A watched call that changes a path other than `key` after `from` and before `to` (source order); a bounded look at the
    // calls that follow `from`, found by binary search in the sorted calls.
    private bool ChangesAnotherPathBetween(PathKey key, IOperation from, IOperation to)
    {
        var start = from.Start();
        int low = 0, high = _calls.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_calls[middle].Operation.Start() <= start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < _calls.Length && i < low + MaxCallsBetween; i++)
        {
            var call = _calls[i];
            if (!RunsBefore(call.Operation, to))
            {
                break;
            }

            var changed = call.Api.Action switch
            {
                FileSystemAction.Write or FileSystemAction.Delete => call.Subject,
                FileSystemAction.Copy or FileSystemAction.Move or FileSystemAction.Replace or FileSystemAction.Extract => call.Destination,
                _ => null,
            };
            if (changed is not null && _paths.KeyOf(changed) is { } other && !other.Equals(key))
            {
                return true;
            }
        }

        return false;
    }

    // The path whose content a framework read call opens or reads: File.OpenRead(p), File.ReadAllLines(p), info.OpenRead().
    private IOperation? ContentReadPath(NamedCall call)
    {
        if (call.Method is not { } method || !ContentReadNames.Contains(method.Name))
        {
            return null;
        }

        if (!_symbols.IsFileSystemType(method.ContainingType) && method.ContainingType is not { Name: "ZipFile" })
        {
            return null;
        }

        // A file object reads itself (info.OpenRead()); File, ZipFile and System.IO.Abstractions' IFile read their argument.
        return !method.IsStatic && call.Operation is IInvocationOperation { Instance: { } instance } &&
               _symbols.InfoKindOf(instance.WalkDownConversions().Type) is not null
            ? instance
            : call.Arguments.At(0);
    }

    private static readonly HashSet<string> ContentReadNames = new(StringComparer.Ordinal)
    {
        "OpenRead", "OpenText", "ReadAllText", "ReadAllTextAsync", "ReadAllBytes", "ReadAllBytesAsync", "ReadAllLines",
        "ReadAllLinesAsync", "ReadLines", "ReadLinesAsync",
    };

    /// <summary>
    /// True when <paramref name="later"/> runs whenever <paramref name="at"/> does: no branch, switch case or catch clause
    /// between <paramref name="later"/> and the first operation that also holds <paramref name="at"/> leaves
    /// <paramref name="at"/> out (<c>File.Delete(p); if (File.Exists(staged)) File.Move(staged, p);</c> refills p only
    /// sometimes), and no lambda or local function (it may never be called). A bounded walk.
    /// </summary>
    internal static bool RunsWheneverItDoes(IOperation later, IOperation at)
    {
        var span = at.Syntax.Span;
        var depth = 0;
        for (var current = later.Parent; current is not null && depth < MaxVacatingDepth; current = current.Parent, depth++)
        {
            if (current.Syntax.Span.Contains(span))
            {
                return true;
            }

            if (current is IConditionalOperation or ISwitchCaseOperation or ICatchClauseOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// True when, after <paramref name="at"/>, the body creates <paramref name="path"/> again as a directory or puts new
    /// content at it (<see cref="IsRepopulatedAfter"/>): <c>Directory.Delete(dir, true); Directory.CreateDirectory(dir);</c>.
    /// </summary>
    public bool IsRecreatedAfter(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            if (KeyOf(path) is not { } key)
            {
                return false;
            }

            var index = PathIndex();
            return AnyAfter(index.Get(key, Role.DirectoryCreated), at) || AnyAfter(index.Get(key, Role.Repopulated), at);
        }
    }

    /// <summary>
    /// True when what is written at <paramref name="path"/> by <paramref name="at"/> is new, not a live file: the path
    /// is unique (<see cref="IsUnique"/>); or it lies in a directory this body deleted and then created again before
    /// <paramref name="at"/>; or <paramref name="at"/> only runs when the path, or a directory it lies in, does not exist
    /// (<c>if (!File.Exists(path))</c>, <c>if (Directory.Exists(dir)) return;</c>).
    /// </summary>
    /// <remarks>
    /// Creating a directory alone does not make it fresh: <c>Directory.CreateDirectory(installDir)</c> is usually
    /// "make sure it exists", and the live files may be in it.
    /// </remarks>
    public bool IsFresh(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            var facts = Facts(path);
            if (facts.Unique)
            {
                return true;
            }

            var own = KeyOf(path);
            if (!facts.GoesUp)
            {
                var index = PathIndex();
                foreach (var key in facts.Keys)
                {
                    var end = at.Syntax.FullSpan.End;
                    foreach (var create in index.Get(key, Role.DirectoryCreated))
                    {
                        if (create.Start() >= end)
                        {
                            break; // sorted by position: the rest come after `at`
                        }

                        // A helper that deletes and then creates its argument (DeleteAndRecreate(dir), CleanFolder(dir)) is one
                        // call with both roles.
                        if (RunsBefore(create, at) && (AnyBefore(index.Get(key, Role.Deleted), create) || ContainsSorted(index.Get(key, Role.DirectoryDeleted), create)))
                        {
                            return true;
                        }
                    }
                }
            }

            foreach (var (condition, holds) in _conditions.Of(at))
            {
                if (!holds && ExistsCheckedPath(condition) is { } checkedPath)
                {
                    if (KeyOf(checkedPath) is { } absent && (absent.Equals(own) || (!facts.GoesUp && facts.Keys.Contains(absent))))
                    {
                        return true;
                    }

                    // `var p = Path.Join(dir, "x.csv"); if (File.Exists(p)) return; … new StreamWriter(Path.Join(dir, "x.csv"))`:
                    // the local's one value names the written path.
                    if (own is not null && SingleValueOf(checkedPath) is { } value && own.Equals(KeyOf(value)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>
    /// True when, before <paramref name="at"/>, the body cleared a directory that <paramref name="path"/> is or lies in, to
    /// put it anew: it deleted the directory, and that same directory is re-populated whole after the delete (an extraction
    /// or a move onto it: <c>Directory.Delete(versionDir, true); ZipFile.ExtractToDirectory(zip, versionDir)</c>). What is
    /// written there is a new file in a cleared staging root. A tree copied into a wiped directory is no such pair (it brings
    /// back only what its source holds: the wipe stays CG1001's, the copy CG1002's). A single file deleted and then
    /// written again is a new file (<see cref="IsVacatedBefore"/>).
    /// </summary>
    public bool IsClearedBefore(IOperation path, IOperation at)
    {
        lock (_gate)
        {
            var index = PathIndex();
            foreach (var key in InsideKeys(path))
            {
                var repopulated = index.Get(key, Role.Repopulated);
                foreach (var delete in index.Get(key, Role.DirectoryDeleted))
                {
                    if (RunsBefore(delete, at) && AnyAfter(repopulated, delete))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>
    /// True when, before <paramref name="at"/> and on every way to it, the body vacated <paramref name="path"/>: deleted
    /// it or moved it away (<c>File.Delete(script); File.WriteAllText(script, text)</c>,
    /// <c>File.Move(live, live + ".old"); File.Create(live)</c>), or, when <paramref name="inFolder"/>, deleted or emptied
    /// a folder it lies in (<c>Directory.Delete(dir, true); …</c>, a helper that deletes what is in its argument,
    /// <c>CleanFolder(dir); File.Copy(src, Path.Combine(dir, name))</c>). What is written there afterwards is a new file
    /// (field report class 6); CG1001 in turn spares the delete when the path is re-populated after it (class 10), so
    /// neither rule reports a delete-then-write pair. A vacating step inside a branch counts only when
    /// the branch tests that the same path (or folder) exists (<c>if (File.Exists(p)) File.Delete(p);</c>): otherwise the
    /// write may meet the live file; one inside a loop the write is not in, a lambda, a local function or a catch clause
    /// does not count.
    /// </summary>
    public bool IsVacatedBefore(IOperation path, IOperation at, bool inFolder)
    {
        lock (_gate)
        {
            var index = PathIndex();
            var own = _paths.KeyOf(path);
            // Something put back at the path after it was vacated (File.Move(live, bak); …; File.Replace(staged, live, kept)) makes
            // it a file again.
            // A path deleted as a directory is a folder: what is written onto it is a tree (field report class 3).
            var refilled = own is null ? null : index.Get(own, Role.Repopulated);
            if (own is not null && !AnyBefore(index.Get(own, Role.DirectoryDeleted), at) && (AnyVacatingBefore(index.Get(own, Role.Deleted), own, at, refilled) || AnyVacatingBefore(index.Get(own, Role.MovedFrom), own, at, refilled)))
            {
                return true;
            }

            if (!inFolder)
            {
                return false;
            }

            foreach (var key in InsideKeys(path))
            {
                if (!key.Equals(own) && AnyVacatingBefore(index.Get(key, Role.DirectoryDeleted), key, at, null))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private const int MaxVacatingCandidates = 16;
    private const int MaxVacatingDepth = 64;

    // The first few entries before `at` (sorted by position), each checked to run on every way to `at`.
    private bool AnyVacatingBefore(IReadOnlyList<IOperation> entries, PathKey key, IOperation at, IReadOnlyList<IOperation>? refilled)
    {
        var end = at.Syntax.FullSpan.End;
        var checkedCount = 0;
        for (var i = 0; i < entries.Count && checkedCount < MaxVacatingCandidates; i++)
        {
            var entry = entries[i];
            if (entry.Start() >= end)
            {
                break;
            }

            if (!RunsBefore(entry, at))
            {
                continue;
            }

            checkedCount++;
            if (RunsOnEveryWayTo(entry, key, at) && (refilled is null || !AnyBetween(refilled, entry, at)))
            {
                return true;
            }
        }

        return false;
    }

    // An entry (sorted by position) that runs after `from` and before `to`, looked for among the few just before `to`.
    private static bool AnyBetween(IReadOnlyList<IOperation> entries, IOperation from, IOperation to)
    {
        var seen = 0;
        for (var i = CountStartingBefore(entries, to.Syntax.FullSpan.End) - 1; i >= 0 && seen < MaxVacatingCandidates; i--)
        {
            var entry = entries[i];
            if (ReferenceEquals(entry, to) || !RunsBefore(entry, to))
            {
                continue;
            }

            if (entry.Start() <= from.Start())
            {
                return false;
            }

            seen++;
            if (RunsAfter(entry, from))
            {
                return true;
            }
        }

        return false;
    }

    // Walks up from the vacating step to the first operation that also holds `at`: every branch on the way must test that
    // the vacated path exists; no loop, lambda, local function or catch clause may be on the way.
    private bool RunsOnEveryWayTo(IOperation vacate, PathKey key, IOperation at)
    {
        var child = vacate;
        var depth = 0;
        for (var current = vacate.Parent; current is not null && depth < MaxVacatingDepth; child = current, current = current.Parent, depth++)
        {
            if (current.ContainsSyntaxOf(at) && !ReferenceEquals(current, vacate))
            {
                return true;
            }

            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation or ICatchClauseOperation or ILoopOperation:
                    return false;
                case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, child):
                    if (!ReferenceEquals(conditional.WhenTrue, child) || !TestsExistence(conditional.Condition, key))
                    {
                        return false;
                    }

                    break;
                case ISwitchOperation or ISwitchCaseOperation or ISwitchExpressionOperation or ICoalesceOperation or IConditionalAccessOperation:
                    return false;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical when
                    ReferenceEquals(logical.RightOperand, child):
                    return false;
            }
        }

        return false;
    }

    // `File.Exists(p)`, `Directory.Exists(p)`, `info.Exists`, `fs.FileExists(p)` of the vacated path, and nothing else: with
    // another condition joined by `&&` (`Exists(p) && options.Reset`) the delete does not run on every way where p exists.
    private bool TestsExistence(IOperation condition, PathKey key)
    {
        var parts = new List<(IOperation Condition, bool Holds)>();
        ControllingConditions.Split(condition, true, parts);
        if (parts.Count == 0)
        {
            return false;
        }

        foreach (var (part, holds) in parts)
        {
            if (!holds || ExistsCheckedPath(part) is not { } checkedPath || !key.Equals(_paths.KeyOf(checkedPath)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="call"/> copies (or moves) onto a path from the backup this body made of that path earlier:
    /// <c>File.Copy(live, snapshot); … File.Copy(snapshot, live, overwrite: true)</c> restores, it is the rollback itself.
    /// </summary>
    public bool IsRestoreOfOwnBackup(FileSystemCall call)
    {
        if (call.Subject is not { } source || call.Destination is not { } destination)
        {
            return false;
        }

        lock (_gate)
        {
            return KeyOf(destination) is { } live && KeyOf(source) is { } backup &&
                   PathIndex().Backups.TryGetValue(new KeyPair(live, backup), out var made) && AnyBefore(made, call.Operation);
        }
    }

    /// <summary>The conditions known to hold (or not) when <paramref name="at"/> runs: enclosing <c>if</c>s and earlier early exits.</summary>
    public IReadOnlyList<(IOperation Condition, bool Holds)> ConditionsAt(IOperation at)
    {
        lock (_gate)
        {
            return _conditions.Of(at);
        }
    }

    /// <summary>True when the two path operands denote the same path (looking through <c>new FileInfo(path)</c> and <c>.FullName</c>).</summary>
    public bool IsSame(IOperation path, IOperation other)
    {
        lock (_gate)
        {
            return _paths.IsSame(path, other);
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is <paramref name="container"/> or is built from it (<c>Path.Combine(container, name)</c>).
    /// A path that goes up a level on the way (<c>Path.GetDirectoryName(container)</c>) may be above it, so it is not inside.
    /// </summary>
    public bool IsSameOrInside(IOperation path, IOperation container)
    {
        lock (_gate)
        {
            var key = KeyOf(container);
            if (key is null)
            {
                return false;
            }

            if (key.Equals(KeyOf(path)))
            {
                return true;
            }

            var facts = Facts(path);
            if (facts.GoesUp)
            {
                return false;
            }

            if (PathIndex().IsIndexed(key) && !facts.KeysTruncated)
            {
                return facts.Keys.Contains(key);
            }

            return _paths.DerivesFrom(_paths.Unwrap(path), candidate => key.Equals(_paths.KeyOf(candidate)));
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is built from an operation that satisfies <paramref name="isOrigin"/>: through string
    /// building, calls, locals, the fields this body sets, and from a <c>foreach</c> variable to the collection it walks.
    /// </summary>
    internal bool DerivesFrom(IOperation path, Func<IOperation, bool> isOrigin)
    {
        lock (_gate)
        {
            return _paths.DerivesFrom(path, isOrigin);
        }
    }

    /// <summary>The key of the path <paramref name="path"/> names (see <see cref="PathKey"/>).</summary>
    internal PathKey? KeyOf(IOperation path)
    {
        lock (_gate)
        {
            return _paths.KeyOf(path);
        }
    }

    /// <summary>The assignments of the body that contains <paramref name="operation"/>.</summary>
    internal LocalAssignments AssignmentsOf(IOperation operation)
    {
        lock (_gate)
        {
            return _paths.AssignmentsOf(operation);
        }
    }

    /// <summary>
    /// The path whose existence <paramref name="condition"/> tests, or null: <c>File.Exists(p)</c>, <c>info.Exists</c>, and a
    /// project's own check named so (<c>fileSystem.FileExists(p)</c>, <c>DirectoryExists(p)</c>, <c>PathExists(p)</c>).
    /// </summary>
    internal IOperation? ExistsCheckedPath(IOperation condition)
    {
        switch (condition.WalkDownConversions())
        {
            case IInvocationOperation invocation when invocation.TargetMethod.Name.EndsWith("Exists", StringComparison.Ordinal) &&
                                                     invocation.Arguments.Length >= 1:
                var checkedPath = invocation.Arguments[0].Value;
                var type = checkedPath.WalkDownConversions().Type;
                return type?.SpecialType == SpecialType.System_String || _symbols.InfoKindOf(type) is not null ? checkedPath : null;
            case IPropertyReferenceOperation { Property.Name: "Exists", Instance: { } info } when _symbols.InfoKindOf(info.Type) is not null:
                return info;
            case IInvalidOperation invalid when _symbols.Resolve(invalid) is { Method.Name: "Exists" } resolved:
                return resolved.Arguments.At(0);
            case IInvalidOperation invalid when NamedCall.From(invalid) is { } call && call.Name.EndsWith("Exists", StringComparison.Ordinal):
                return call.Arguments.At(0);
            default:
                return null;
        }
    }

    private PathFacts Facts(IOperation path)
    {
        PathIndex();
        return _paths.FactsOf(path);
    }

    // The keys a path counts as "inside": its own, and, unless it goes up a level, those it is built from.
    private List<PathKey> InsideKeys(IOperation path)
    {
        var keys = new List<PathKey>();
        if (_paths.KeyOf(path) is { } own)
        {
            keys.Add(own);
        }

        var facts = Facts(path);
        if (!facts.GoesUp)
        {
            foreach (var key in facts.Keys)
            {
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    private CallIndex PathIndex()
    {
        if (_index is not null)
        {
            return _index;
        }

        var index = new CallIndex();
        foreach (var call in _calls)
        {
            IndexCall(index, call);
        }

        var relevant = new HashSet<PathKey>(index.Keys);
        foreach (var other in OtherCalls)
        {
            foreach (var argument in other.Arguments.Items)
            {
                if (_paths.KeyOf(argument.Value) is { } key)
                {
                    relevant.Add(key);
                }
            }

            if (ContentReadPath(other) is { } read)
            {
                index.Add(_paths.KeyOf(read), Role.ContentRead, other.Operation);
            }

            if (Producers.Matches(other.Name) && ProducedPath(other) is { } produced)
            {
                index.Add(_paths.KeyOf(produced), Role.Created, other.Operation);
            }

            // The framework's Write* members write text to a writer or the console (a log line naming the path), never
            // the file at that path: the ones that do are watched by symbol.
            if (Repopulators.Matches(other.Name) && !(WrapperCalls.IsFramework(other.Method) && other.Name.StartsWith("Write", StringComparison.Ordinal)))
            {
                foreach (var argument in other.Arguments.Items)
                {
                    index.Add(_paths.KeyOf(argument.Value), Role.Repopulated, other.Operation);
                }
            }
        }

        relevant.UnionWith(index.Keys);
        index.Sort();
        _paths.SetRelevantKeys(relevant);
        _index = index;
        return index;
    }

    private void IndexCall(CallIndex index, FileSystemCall call)
    {
        var at = call.Operation;
        var subject = call.Subject is { } s ? _paths.KeyOf(s) : null;
        var destination = call.Destination is { } d ? _paths.KeyOf(d) : null;
        switch (call.Api.Action)
        {
            case FileSystemAction.Copy:
                index.Add(subject, Role.SavedAway, at);
                index.Add(destination, Role.Created, at);
                if (call.Overwrite == false && !call.Api.IsWrapper)
                {
                    index.Add(destination, Role.CreatedNew, at);
                }

                if (call.IsDirectory == false)
                {
                    // A file copied onto the path replaces it whole; a tree copied into a wiped directory brings back only
                    // what the source holds, and a failure halfway leaves a part of it: that delete stays a finding.
                    index.Add(destination, Role.Repopulated, at);
                }

                if (call.Overwrite != false)
                {
                    index.Add(destination, Role.Changed, at);
                }

                index.AddBackup(subject, destination, at);
                break;
            case FileSystemAction.Move:
                index.Add(subject, Role.SavedAway, at);
                index.Add(subject, Role.MovedFrom, at);
                index.Add(destination, Role.Created, at);
                index.Add(destination, Role.Changed, at);
                index.Add(destination, Role.Repopulated, at);
                index.AddBackup(subject, destination, at);
                break;
            case FileSystemAction.Replace:
                index.Add(subject, Role.SavedAway, at);
                index.Add(subject, Role.MovedFrom, at);
                index.Add(destination, Role.Changed, at);
                index.Add(destination, Role.Repopulated, at);
                if (call.Backup is { } backupPath)
                {
                    var backup = _paths.KeyOf(backupPath);
                    index.Add(destination, Role.KeptBackup, at);
                    index.Add(backup, Role.Created, at);
                    index.AddBackup(destination, backup, at);
                }

                break;
            case FileSystemAction.Write:
                if (call.Creates)
                {
                    index.Add(subject, Role.Created, at);
                    index.Add(subject, Role.Repopulated, at);
                }

                if (call.CreatesNew)
                {
                    index.Add(subject, Role.CreatedNew, at);
                }

                if (call.WritesInPlace)
                {
                    index.Add(subject, Role.Changed, at);
                }

                break;
            case FileSystemAction.CreateDirectory:
                index.Add(subject, Role.Created, at);
                index.Add(subject, Role.DirectoryCreated, at);
                break;
            case FileSystemAction.Delete:
                index.Add(subject, Role.Changed, at);
                index.Add(subject, Role.Deleted, at);
                if (call.IsDirectory == true || call.Recursive is not null || call.RecursiveArgument is not null)
                {
                    index.Add(subject, Role.DirectoryDeleted, at);
                }

                break;
            case FileSystemAction.Extract:
                // What the archive holds is at the destination from now on: the archive file is saved away, like a copy's source.
                if (ArchiveExtraction.ArchiveFileOf(call.Subject) is { } archive)
                {
                    index.Add(_paths.KeyOf(archive), Role.SavedAway, at);
                }

                index.Add(destination, Role.Created, at);
                index.Add(destination, Role.Repopulated, at);
                if (call.Overwrite != false)
                {
                    index.Add(destination, Role.Changed, at);
                }
                else
                {
                    index.Add(destination, Role.CreatedNew, at);
                }

                break;
        }
    }

    // What a producer call makes: its last path-like argument (DownloadFile(url, path), SaveTo(path)); never an address.
    private IOperation? ProducedPath(NamedCall call)
    {
        for (var i = call.Arguments.Items.Length - 1; i >= 0; i--)
        {
            var argument = call.Arguments.Items[i];
            var value = argument.Value.WalkDownConversions();
            var type = value.Type;
            if (_symbols.InfoKindOf(type) is not null)
            {
                return value;
            }

            if (type is null || type.TypeKind == TypeKind.Error || type.SpecialType == SpecialType.System_String)
            {
                var named = argument.Parameter?.Name ?? (value as ILocalReferenceOperation)?.Local.Name ?? (value as IParameterReferenceOperation)?.Parameter.Name;
                return named is not null && AddressWords.Matches(named) ? null : value;
            }
        }

        return null;
    }

    private Dictionary<PathKey, List<IOperation>> BackupArguments(NameVocabulary backupMethods)
    {
        _backupArguments ??= new Dictionary<NameVocabulary, Dictionary<PathKey, List<IOperation>>>();
        if (!_backupArguments.TryGetValue(backupMethods, out var byKey))
        {
            byKey = new Dictionary<PathKey, List<IOperation>>();
            foreach (var call in OtherCalls)
            {
                if (call.Arguments.Items.IsEmpty || !backupMethods.Matches(call.Name))
                {
                    continue;
                }

                foreach (var argument in call.Arguments.Items)
                {
                    if (_paths.KeyOf(argument.Value) is { } key)
                    {
                        if (!byKey.TryGetValue(key, out var list))
                        {
                            byKey[key] = list = new List<IOperation>();
                        }

                        list.Add(call.Operation);
                    }
                }
            }

            _backupArguments[backupMethods] = byKey;
        }

        return byKey;
    }

    // Entries are sorted by position: the first one before `at` decides, and only those inside `at` need a closer look.
    private static bool AnyBefore(IReadOnlyList<IOperation> entries, IOperation at)
    {
        var end = at.Syntax.FullSpan.End;
        foreach (var entry in entries)
        {
            if (entry.Start() >= end)
            {
                break;
            }

            if (RunsBefore(entry, at))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyAfter(IReadOnlyList<IOperation> entries, IOperation at, bool wheneverAtRuns = false)
    {
        var start = at.Start();
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i];
            if (entry.Start() <= start)
            {
                break;
            }

            if (RunsAfter(entry, at) && (!wheneverAtRuns || RunsWheneverItDoes(entry, at)))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool RunsBefore(IOperation candidate, IOperation at) =>
        !ReferenceEquals(candidate, at) &&
        (candidate.Start() < at.Start() || at.ContainsSyntaxOf(candidate)) &&
        candidate.Syntax.SyntaxTree == at.Syntax.SyntaxTree;

    internal static bool RunsAfter(IOperation candidate, IOperation at) =>
        !ReferenceEquals(candidate, at) &&
        candidate.Start() > at.Start() &&
        !at.ContainsSyntaxOf(candidate) &&
        candidate.Syntax.SyntaxTree == at.Syntax.SyntaxTree;

    private enum Role
    {
        SavedAway,
        KeptBackup,
        Created,
        MovedFrom,
        Changed,
        Repopulated,
        DirectoryCreated,
        Deleted,
        CreatedNew,
        DirectoryDeleted,
        ContentRead,
        Count,
    }

    private readonly struct KeyPair : IEquatable<KeyPair>
    {
        public KeyPair(PathKey from, PathKey to)
        {
            From = from;
            To = to;
        }

        public PathKey From { get; }

        public PathKey To { get; }

        public bool Equals(KeyPair other) => From.Equals(other.From) && To.Equals(other.To);

        public override bool Equals(object? obj) => obj is KeyPair other && Equals(other);

        public override int GetHashCode() => unchecked(From.GetHashCode() * 31 + To.GetHashCode());
    }

    // The body's calls by the key of each path they touch and the role the path plays there, in source order.
    private sealed class CallIndex
    {
        private static readonly IReadOnlyList<IOperation> None = Array.Empty<IOperation>();
        private static readonly Comparison<IOperation> BySource = static (x, y) => x.Start().CompareTo(y.Start());

        private readonly Dictionary<PathKey, List<IOperation>?[]> _byKey = new();

        public Dictionary<KeyPair, List<IOperation>> Backups { get; } = new();

        public IEnumerable<PathKey> Keys => _byKey.Keys;

        public bool IsIndexed(PathKey key) => _byKey.ContainsKey(key);

        public void Add(PathKey? key, Role role, IOperation at)
        {
            if (key is null)
            {
                return;
            }

            if (!_byKey.TryGetValue(key, out var roles))
            {
                _byKey[key] = roles = new List<IOperation>?[(int)Role.Count];
            }

            (roles[(int)role] ??= new List<IOperation>()).Add(at);
        }

        // `from` was copied or moved to `to` at `at`: `to` holds a backup of `from` from then on.
        public void AddBackup(PathKey? from, PathKey? to, IOperation at)
        {
            if (from is null || to is null)
            {
                return;
            }

            var pair = new KeyPair(from, to);
            if (!Backups.TryGetValue(pair, out var list))
            {
                Backups[pair] = list = new List<IOperation>();
            }

            list.Add(at);
        }

        public IReadOnlyList<IOperation> Get(PathKey key, Role role) =>
            _byKey.TryGetValue(key, out var roles) && roles[(int)role] is { } list ? list : None;

        public void Sort()
        {
            foreach (var roles in _byKey.Values)
            {
                foreach (var list in roles)
                {
                    list?.Sort(BySource);
                }
            }

            foreach (var list in Backups.Values)
            {
                list.Sort(BySource);
            }
        }
    }
}
