using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>What an update step's apply member does, as far as a way back is concerned.</summary>
internal enum ApplyBodyShape
{
    /// <summary>It changes state with no copy kept first (or we cannot tell).</summary>
    Changes,

    /// <summary>It backs up, snapshots, copies or moves aside before anything else it does changes state, or it moves the original aside under a backup name at any point.</summary>
    BacksUpFirst,

    /// <summary>All it changes is to create what is absent (<c>if (!Directory.Exists(d)) Directory.CreateDirectory(d)</c>, <c>CREATE TABLE IF NOT EXISTS</c>).</summary>
    OnlyCreatesWhatIsAbsent,

    /// <summary>It changes nothing: it only reads, checks and logs (a compatibility check before the real steps).</summary>
    ChangesNothing,

    /// <summary>
    /// All it changes is derived data, recomputed by another object from a source of truth that it leaves alone
    /// (<c>rebuilder.RebuildContentAsync(batch, ct)</c>, <c>_search.ReindexAll()</c>, <c>store.ClearSnapshotsAsync()</c>):
    /// running the recomputation again is the way back. Also fields of the records it loads, each set from other fields of the
    /// same record and saved (<c>user.NormalizedName = user.Name.ToUpperInvariant(); await db.SaveChangesAsync()</c>).
    /// </summary>
    RecomputesDerivedData,

    /// <summary>
    /// It runs the same member of every element it goes over (<c>foreach (var step in _steps) step.Execute()</c>, or each
    /// element handed to a lambda): a runner or a composite, whose steps carry the verdict, not a step itself.
    /// </summary>
    RunsOtherSteps,
}

/// <summary>
/// Rollback-equivalents of an update step without a rollback member: a backup attribute that the step's runner honours,
/// an apply member that keeps a copy of what it changes before it changes it, or one that only creates what is absent
/// (the previous version ignores what it adds).
/// </summary>
/// <remarks>
/// Calls are judged by what they are and their names, in source order: backups (a configured backup method, a copy or move
/// with <c>System.IO</c>, backup SQL such as <c>VACUUM INTO</c> or <c>SELECT … INTO</c>), creations of what is absent
/// (guarded by a negated existence check or an early return on presence, <c>CreateDirectory</c>, <c>Ensure…</c>,
/// <c>…IfNotExists</c>, <c>IF NOT EXISTS</c> SQL), reads and logging, opening a context or session, another object's
/// queries whose value the step uses, filling a collection the step created; a save on another object is part of what came
/// before it when that was only creations of what is absent or derived fields; any other call counts as a change, and so
/// does a removal however it is guarded.
/// </remarks>
internal static class RollbackEquivalents
{
    private const int MaxCalls = 2_000;

    private const int MaxRecordWrites = 200;

    private static readonly string[] NegationWords = { "No", "Skip", "Without", "Disable", "Disabled", "Never", "Ignore", "Suppress", "Except" };

    private static readonly string[] ReadVerbs =
    {
        "Get", "Read", "Load", "Find", "Query", "Select", "Exists", "Contains", "Any", "All", "Count", "Is", "Has", "Can",
        "Log", "Trace", "Debug", "Info", "Information", "Warn", "Warning", "Error", "Fatal", "Critical", "To", "As", "Parse",
        "Format", "Combine", "Join", "Equals", "Compare", "Open", "Begin", "Commit", "Dispose", "Close", "Configure", "Wait",
        "Delay", "Where", "First", "Single", "Last", "Order", "Then", "Throw", "Ensure", "Validate", "Verify", "Check",
        "Report", "Enumerate", "Print", "Notify", "Measure", "Calculate", "Compute", "Deserialize",

        // Query operators, for calls that do not bind (a bound System.Linq call is a read by its namespace).
        "Cast", "OfType", "Skip", "Take", "Distinct", "Group", "Sum", "Min", "Max", "Average", "Aggregate",
    };

    // Verbs that recompute derived data from its source: Rebuild, Regenerate, Reindex, Recompute, Recalculate, Replay…
    private static readonly string[] RecomputeVerbs =
    {
        "Rebuild", "Regenerate", "Reindex", "Recompute", "Recalculate", "Replay", "Reproject", "Rehydrate", "Repopulate", "Reseed",
    };

    // Verbs that throw derived data away (it is recomputed on demand) when the object they name is derived: ClearSnapshots,
    // InvalidateCache, DropProjections, ResetReadModels.
    private static readonly string[] DiscardVerbs = { "Clear", "Invalidate", "Drop", "Reset", "Purge", "Flush" };

    private static readonly string[] DerivedNouns =
    {
        "Cache", "Caches", "Snapshot", "Snapshots", "Projection", "Projections", "Index", "Indexes", "Indices", "Thumbnail",
        "Thumbnails", "Read", "Model", "Models", "View", "Views",
    };

    private static readonly string[] CreateIfAbsentMarkers = { "IfNotExists", "IfNotExist", "IfMissing", "IfAbsent", "IfNotPresent", "IfNeeded" };

    private static readonly Regex BackupSql = new(
        @"\bBACKUP\s+(DATABASE|LOG)\b|\bVACUUM\s+INTO\b|\bSELECT\b[^;]*\bINTO\s+(?!@)\w|\bCREATE\s+TABLE\b[^;]*\bAS\s+SELECT\b|\bINSERT\s+INTO\s+\w*(BACKUP|BAK|SNAPSHOT)\w*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex CreateIfAbsentSql = new(
        @"\bIF\s+NOT\s+EXISTS\b|\bWHERE\s+NOT\s+EXISTS\b|\bINSERT\s+OR\s+IGNORE\b|\bON\s+CONFLICT\b[^;]*\bDO\s+NOTHING\b|\bINSERT\s+IGNORE\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex DestructiveSql = new(
        @"\b(DELETE|DROP|TRUNCATE|RENAME|MERGE)\b|(^|;|\s)UPDATE\s+[\w\[\]""`.]+\s+SET\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly string[] BackupWords = { "Backup", "Bak", "Old", "Orig", "Original", "Previous", "Prev", "Snapshot", "Saved", "Rollback" };

    private static readonly Regex BackupText = new(
        @"\.(bak|old|orig|prev|backup|snapshot)\b|backup|snapshot|\bold\b|\.rollback\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex LooksLikeSql = new(
        @"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|PRAGMA|VACUUM|BACKUP|TRUNCATE|MERGE|EXEC|EXECUTE|IF|BEGIN|DECLARE|REPLACE|RENAME)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex ReadSql = new(@"^\s*(SELECT|WITH|PRAGMA\s+\w+\s*;?\s*$|EXPLAIN)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The backup attribute (<c>changegate.backup_attributes</c>) on <paramref name="type"/>, a base type or
    /// <paramref name="apply"/>, such as <c>[SnapshotDatabaseFirst]</c> or <c>[MigrationBackup(Database = true)]</c>; or null.
    /// An attribute that negates it (<c>[NoBackup]</c>, <c>[SkipSnapshot]</c>) does not count.
    /// </summary>
    public static string? BackupAttribute(INamedTypeSymbol type, IMethodSymbol? apply, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        if (apply is not null && BackupAttributeOf(apply, options, classifier) is { } onApply)
        {
            return onApply;
        }

        for (var current = type; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            if (BackupAttributeOf(current, options, classifier) is { } onType)
            {
                return onType;
            }
        }

        return null;
    }

    /// <summary>Classifies the body of an apply member (its operation block roots).</summary>
    public static ApplyBodyShape Classify(IEnumerable<IOperation> blocks, ChangeGateOptions options, UpdateCodeClassifier classifier, INamedTypeSymbol? stepType = null)
    {
        var calls = new List<IOperation>();
        var recordWrites = new List<ISimpleAssignmentOperation>();
        var locals = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var iterated = new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default);
        var storeNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var firstMemberWrite = -1;
        var creates = 0;
        foreach (var root in blocks)
        {
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation:
                    case IInvalidOperation { Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax }:
                        calls.Add(operation);
                        if (calls.Count > MaxCalls)
                        {
                            return ApplyBodyShape.Changes;
                        }

                        break;
                    case IAssignmentOperation { Target: var guardedTarget } when IsMemberOfSomethingElse(guardedTarget) && IsGuardedByAbsence(operation):
                        // if (config.Repositories.Length == 0) config.Repositories = defaults: fills in what is absent.
                        creates++;
                        break;
                    case IAssignmentOperation { Target: var target } when IsMemberOfSomethingElse(target):
                    case IIncrementOrDecrementOperation { Target: var incremented } when IsMemberOfSomethingElse(incremented):
                        // config.PluginRepositories = …: state outside the method changes.
                        var at = operation.Syntax.SpanStart;
                        firstMemberWrite = firstMemberWrite < 0 ? at : Math.Min(firstMemberWrite, at);
                        break;
                    case ISimpleAssignmentOperation { Target: var recordTarget } recordWrite when RecordMember(recordTarget, out _, out _):
                        // user.NormalizedName = …: a field of a record the step loaded or iterates; judged below, with every local's values known.
                        recordWrites.Add(recordWrite);
                        break;
                    case IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation iteration } loop:
                        // foreach (var row in batch): a record the step reads (its parts are edited in memory), an element of batch.
                        iterated[iteration.Symbol] = loop.Collection;
                        break;
                    case ILiteralOperation { ConstantValue: { HasValue: true, Value: string literal } } when DerivedStores.IsStoreName(literal):
                        // "Orders", "Orders2": the names of stores the step opens, to tell a new version of one from the others.
                        storeNames.Add(literal);
                        break;
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                        AddValue(locals, declarator.Symbol, initializer.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                        AddValue(locals, local.Local, assignment.Value);
                        break;
                }
            }
        }

        // Records whose every written field is recomputed from other fields of the same record (a normalized name, a slug, a
        // date read back from the file the record points at) hold derived data: saving them is part of the recomputation. Any
        // other write to a record (a constant, a field converted from itself) makes the saves the change they look like.
        var derivedWrites = 0;
        var otherRecordWrites = 0;
        foreach (var write in recordWrites)
        {
            // Each write is followed through locals with its own budget; past a few hundred writes the rest count as changes.
            if (derivedWrites + otherRecordWrites < MaxRecordWrites && IsDerivedFieldWrite(write, locals))
            {
                derivedWrites++;
            }
            else
            {
                otherRecordWrites++;
            }
        }

        var recomputes = otherRecordWrites == 0 ? derivedWrites : 0;

        calls.Sort(static (x, y) => x.Syntax.SpanStart.CompareTo(y.Syntax.SpanStart));
        var firstBackup = -1;
        var firstChange = firstMemberWrite;
        var movesAside = false;
        var recomputeEnd = -1;
        foreach (var call in calls)
        {
            // What a recomputation is handed (its batch size, its options) is computed for it, not changed.
            if (call.Syntax.SpanStart < recomputeEnd)
            {
                continue;
            }

            var kind = call is IInvocationOperation invocation ? Kind(invocation, options, classifier, locals, stepType, iterated, storeNames) : KindByName(call, options, classifier);
            if (kind == CallKind.Save)
            {
                // A save commits what the step did before it: only creations of what was absent, or derived fields of the records
                // it saves, and it is part of them; after anything else (or with nothing before it) it is a change.
                var commitsOnly = otherRecordWrites == 0 && (derivedWrites > 0 || creates > 0) &&
                                  (firstChange < 0 || firstChange > call.Syntax.SpanStart);
                kind = commitsOnly ? CallKind.Read : CallKind.Change;
            }

            if (kind == CallKind.Recompute)
            {
                recomputeEnd = call.Syntax.Span.End;
            }

            if (kind == CallKind.Backup && IsMoveAside(call))
            {
                movesAside = true;
            }

            switch (kind)
            {
                case CallKind.Backup when firstBackup < 0:
                    firstBackup = call.Syntax.SpanStart;
                    break;
                case CallKind.CreateIfAbsent:
                    creates++;
                    break;
                case CallKind.Recompute:
                    recomputes++;
                    break;
                case CallKind.Change when firstChange < 0 || call.Syntax.SpanStart < firstChange:
                    firstChange = call.Syntax.SpanStart;
                    break;
            }
        }

        if (firstChange < 0 && firstBackup < 0 && creates == 0)
        {
            return recomputes > 0 ? ApplyBodyShape.RecomputesDerivedData : ApplyBodyShape.ChangesNothing;
        }

        // A move aside under a backup name keeps the original whenever it happens: a step that imports a legacy store into
        // the new one and then renames the legacy file to '.old' keeps its way back (a copy made afterwards would not).
        if ((firstBackup >= 0 && (firstChange < 0 || firstBackup < firstChange)) || movesAside)
        {
            return ApplyBodyShape.BacksUpFirst;
        }

        return firstChange < 0 && creates > 0 ? ApplyBodyShape.OnlyCreatesWhatIsAbsent : ApplyBodyShape.Changes;
    }

    private enum CallKind
    {
        Read,
        Backup,
        CreateIfAbsent,
        Recompute,
        Change,

        // SaveChanges, WriteAsync, SaveConfiguration on another object: a change, unless all the step did before it is create
        // what was absent or recompute derived fields of the records it saves.
        Save,
    }

    // rebuilder.RebuildAppsAsync(…), _index.ReindexAll(), store.ClearSnapshotsAsync(): a call on another object (not this step,
    // not a static helper of its own) whose name recomputes derived data, or discards data it names as derived.
    private static bool IsRecomputeOnOther(string[] words, bool onOtherObject)
    {
        if (!onOtherObject || words.Length == 0)
        {
            return false;
        }

        if (IdentifierWords.IsOneOf(words[0], RecomputeVerbs))
        {
            return true;
        }

        if (!IdentifierWords.IsOneOf(words[0], DiscardVerbs))
        {
            return false;
        }

        for (var i = 1; i < words.Length; i++)
        {
            if (IdentifierWords.IsOneOf(words[i], DerivedNouns))
            {
                return true;
            }
        }

        return false;
    }

    // The receiver of an instance call is another object: a field, a parameter, a local, a property of one (not this or base,
    // and not the implicit receiver of the step's own members).
    private static bool IsOnOtherObject(IInvocationOperation call)
    {
        var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        return receiver?.WalkDownConversions() is { } instance && instance is not IInstanceReferenceOperation;
    }

    private static CallKind Kind(
        IInvocationOperation call, ChangeGateOptions options, UpdateCodeClassifier classifier, Dictionary<ILocalSymbol, List<IOperation>> locals,
        INamedTypeSymbol? stepType, Dictionary<ILocalSymbol, IOperation> iterated, HashSet<string> storeNames)
    {
        var method = call.TargetMethod;

        // SQL says what it does, whatever the call is named: ExecuteAsync("CREATE TABLE IF NOT EXISTS …").
        foreach (var argument in call.Arguments)
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: string sql } && sql.Length > 6 && LooksLikeSql.IsMatch(sql))
            {
                if (BackupSql.IsMatch(sql))
                {
                    return CallKind.Backup;
                }

                if (DestructiveSql.IsMatch(sql))
                {
                    return CallKind.Change;
                }

                if (CreateIfAbsentSql.IsMatch(sql))
                {
                    return CallKind.CreateIfAbsent;
                }

                if (ReadSql.IsMatch(sql))
                {
                    return CallKind.Read;
                }
            }
        }

        var words = classifier.Words(method.Name);
        if (options.BackupMethods.Matches(words, 0, words.Length) || IsFileSystemBackup(call, classifier, locals))
        {
            return CallKind.Backup;
        }

        if (IsRecomputeOnOther(words, IsOnOtherObject(call)))
        {
            return CallKind.Recompute;
        }

        // snapshots.UpdateManyAsync(…) with snapshots = db.GetCollection("States_Orders"), db.DropCollectionAsync("thumbnail_cache"),
        // _cache.Remove(key): a change to a store the code names as derived is a recomputation (DerivedStores).
        if (!IsRead(method, words))
        {
            switch (DerivedStores.StoreWorkedOn(call, classifier, locals, storeNames))
            {
                case StoreKind.Derived:
                    return CallKind.Recompute;

                // events2.BulkWriteAsync(…) with events2 = db.GetCollection("Events2") beside db.GetCollection("Events"): a new version
                // of a store the step opens, which the previous version never reads; the old store is left as it was.
                case StoreKind.NewVersion:
                    return CallKind.CreateIfAbsent;
            }
        }

        // Directory.Delete(Path.Combine(paths.CachePath, "subtitles"), true): a file or directory the code names as a cache or
        // thumbnails is derived data, rebuilt when it is missing.
        if (IsFileSystemChange(method) && method.IsStatic && DerivedStores.IsOnCachePathsOnly(call, classifier, locals, iterated))
        {
            return CallKind.Recompute;
        }

        // foreach (var row in batch) { var meta = row["Metadata"]; meta.Remove("Legacy"); }: an edit of the in-memory copy of a
        // record the step reads; the call that writes it back is what changes state, and it is judged itself.
        if (IsOnPartOfIteratedRecord(call, locals, iterated))
        {
            return CallKind.Read;
        }

        // var kept = new List<string>(); kept.Add(x): filling a collection the step built itself changes nothing outside it.
        if (IsOnLocalCollection(call, locals))
        {
            return CallKind.Read;
        }

        // if (book.Title.Length == 0) db.Remove(book): a removal is never a creation of what is absent, whatever guards it.
        if (words.Length > 0 && IdentifierWords.IsOneOf(words[0], RemoveVerbs))
        {
            return CallKind.Change;
        }

        if (IsIdempotentCreate(method) || IsGuardedByAbsence(call) || IsSchemaAddition(words))
        {
            return CallKind.CreateIfAbsent;
        }

        // SchemaBuilder.AlterTable("T", table => table.AddColumn<int>("C")): an alteration described by a delegate does what the
        // delegate's calls do, and those are judged themselves (they are in the body too). What configures a column or a table
        // being added (column => column.WithDefault(false)) is part of that addition.
        var alters = words.Length > 0 && string.Equals(words[0], "Alter", StringComparison.Ordinal);
        if ((alters && HasDelegateArgument(call)) ||
            (!alters && !(words.Length > 0 && IsChangeVerb(words[0])) && IsInsideSchemaDelegate(call, classifier)))
        {
            return CallKind.Read;
        }

        // A call whose value decides a branch is a check: if (File.Exists(p) && ExistingConfigUnmodified(p)).
        if (IsInCondition(call))
        {
            return CallKind.Read;
        }

        if (IsFileSystemChange(method))
        {
            return CallKind.Change;
        }

        if (IsRead(method, words) || method.MethodKind is MethodKind.DelegateInvoke or MethodKind.LocalFunction)
        {
            // A delegate or a local function is judged by the calls in it (they are in the body too).
            return CallKind.Read;
        }

        // contextFactory.CreateDbContextAsync(ct), scopes.CreateScope(): opening a unit of work or a connection changes nothing.
        if (IsResourceFactory(words, method.ReturnType))
        {
            return CallKind.Read;
        }

        var onOther = IsOnOtherObject(call) || (method.IsStatic && !SymbolEqualityComparer.Default.Equals(method.ContainingType, stepType));

        // var update = Builders<Doc>.Update.Rename("a", "b"): a builder describes a change; what executes it makes it.
        if (onOther && DescribesAChange(method) && IsValueUsed(call))
        {
            return CallKind.Read;
        }

        // OrderId.Create(tenant, id), Money.From(amount): a static factory of its own type makes a value, it changes nothing.
        if (method.IsStatic && !SymbolEqualityComparer.Default.Equals(method.ContainingType, stepType) &&
            method.ReturnType is INamedTypeSymbol { TypeKind: not TypeKind.Error } made &&
            SymbolEqualityComparer.Default.Equals(made.OriginalDefinition, method.ContainingType.OriginalDefinition) && IsValueUsed(call))
        {
            return CallKind.Read;
        }

        if (onOther && words.Length > 0 && IsSaveVerb(words[0]))
        {
            return CallKind.Save;
        }

        // var real = host.ExpandVirtualPath(item.Path): another object's method whose result the step goes on with, named with no
        // verb that changes anything, is a query. The step's own helpers are not judged by their names: they may do the work.
        if (onOther && !method.ReturnsVoid && words.Length > 0 && !IsChangeVerb(words[0]) && IsValueUsed(call))
        {
            return CallKind.Read;
        }

        return CallKind.Change;
    }

    // A member of a …Builder, or one that returns a …Definition or a …Builder: it builds the description of a change (an update
    // definition, a filter, a query) that another call executes.
    private static bool DescribesAChange(IMethodSymbol method)
    {
        if (method.ContainingType is { TypeKind: not TypeKind.Error } owner && owner.Name.EndsWith("Builder", StringComparison.Ordinal))
        {
            return true;
        }

        return method.ReturnType is { TypeKind: not TypeKind.Error } returned &&
               (returned.Name.EndsWith("Definition", StringComparison.Ordinal) || returned.Name.EndsWith("Builder", StringComparison.Ordinal));
    }

    // The receiver is a part of a record the step iterates: row["Metadata"], or a local holding one (var meta = ev["Metadata"],
    // with ev a foreach variable), reached through members and indexers with a step budget.
    private static bool IsOnPartOfIteratedRecord(IInvocationOperation call, Dictionary<ILocalSymbol, List<IOperation>> locals, Dictionary<ILocalSymbol, IOperation> iterated)
    {
        // Only a collection or document (a BsonDocument, a JSON object, a list): a client or a file reached from a record acts.
        if (iterated.Count == 0 || call.Instance?.Type is not { } partType || partType.TypeKind == TypeKind.Error || !IsCollection(partType) ||
            IsFileSystemChange(call.TargetMethod))
        {
            return false;
        }

        var current = call.Instance!.WalkDownConversions();
        var viaMember = false;
        for (var steps = 0; steps < 16; steps++)
        {
            switch (current)
            {
                case IPropertyReferenceOperation { Instance: { } owner }:
                    current = owner.WalkDownConversions();
                    viaMember = true;
                    continue;
                case IFieldReferenceOperation { Instance: { } owner }:
                    current = owner.WalkDownConversions();
                    viaMember = true;
                    continue;
                case ILocalReferenceOperation local when iterated.ContainsKey(local.Local):
                    // The record itself (row.Remove(…)) is a part only when reached through a member.
                    return viaMember;
                case ILocalReferenceOperation local when locals.TryGetValue(local.Local, out var values) && values.Count == 1 &&
                                                         values[0].WalkDownConversions() is IPropertyReferenceOperation or IFieldReferenceOperation:
                    current = values[0].WalkDownConversions();
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool IsOnLocalCollection(IInvocationOperation call, Dictionary<ILocalSymbol, List<IOperation>> locals)
    {
        if (call.Instance?.WalkDownConversions() is not ILocalReferenceOperation local || !locals.TryGetValue(local.Local, out var values))
        {
            return false;
        }

        foreach (var value in values)
        {
            var created = value.WalkDownConversions();

            // items.Where(…).ToList(): a materialization makes a new collection of the step's own.
            if (created is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "ToHashSet" or "ToDictionary" } materialized &&
                IsInNamespace(materialized.TargetMethod.ContainingType, "System", "Linq"))
            {
                continue;
            }

            if (created is not (IObjectCreationOperation or IArrayCreationOperation) ||
                created.Type is not { } type || type.TypeKind == TypeKind.Error || !IsCollection(type))
            {
                return false;
            }
        }

        return values.Count > 0;
    }

    private static bool IsCollection(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol)
        {
            return true;
        }

        // Every collection, generic or not, implements System.Collections.IEnumerable (a special type: no name to format).
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return true;
            }
        }

        return false;
    }

    // Verbs that change something when a call begins with them, whatever it returns.
    private static readonly string[] ChangeVerbs =
    {
        "Delete", "Remove", "Drop", "Clear", "Truncate", "Purge", "Reset", "Set", "Update", "Write", "Save", "Insert", "Add", "Put",
        "Post", "Send", "Replace", "Rename", "Move", "Copy", "Install", "Uninstall", "Apply", "Execute", "Exec", "Run", "Import",
        "Migrate", "Convert", "Upgrade", "Downgrade", "Patch", "Merge", "Overwrite", "Change", "Modify", "Enable", "Disable",
        "Register", "Unregister", "Commit", "Push", "Store", "Persist", "Flush", "Upsert", "Track", "Mark", "Restore", "Kill",
        "Stop", "Start", "Create", "Make", "Generate", "Upload", "Deploy", "Publish", "Release", "Switch", "Swap", "Assign", "Grant",
        "Revoke", "Attach", "Detach", "Link", "Unlink", "Append", "Extract", "Unpack", "Unzip", "Fix", "Repair", "Process",
        "Perform", "Handle", "Sync", "Increment", "Decrement", "Invoke", "Emit", "Enqueue", "Dequeue", "Schedule", "Cancel", "Abort",
        "Archive", "Erase", "Wipe", "Destroy", "Dispose", "Reindex", "Rebuild", "Regenerate", "Recompute", "Recalculate", "Refresh",
        "Normalize", "Transform", "Rewrite", "Encrypt", "Decrypt", "Lock", "Unlock", "Open", "Close", "Begin", "End", "Try",
    };

    // String queries of a value whose type did not bind (the call is not seen as System.String's).
    private static readonly string[] UnboundStringQueries =
    {
        "StartsWith", "EndsWith", "IndexOf", "IndexOfAny", "LastIndexOf", "Substring", "Trim", "TrimStart", "TrimEnd", "Split", "PadLeft", "PadRight",
    };

    private static readonly string[] RemoveVerbs = { "Delete", "Remove", "Drop", "Clear", "Truncate", "Purge", "Overwrite", "Wipe", "Erase", "Destroy" };

    private static readonly string[] SaveVerbs = { "Save", "Write", "Persist", "Commit", "Flush", "Store" };

    private static readonly string[] FactoryNouns = { "Context", "Scope", "Connection", "Session", "Transaction", "Client", "Logger" };

    private static bool IsChangeVerb(string word) => IdentifierWords.IsOneOf(word, ChangeVerbs);

    // SchemaBuilder.CreateTable("Alias", …), table.AddColumn<string>("Culture"), CreateIndex(…), CreateForeignKey(…): a new
    // table, column or index holds nothing a failure could lose (dropping or altering one is a change).
    private static bool IsSchemaAddition(string[] words) =>
        words.Length >= 2 &&
        ((string.Equals(words[0], "Create", StringComparison.Ordinal) && IdentifierWords.IsOneOf(words[1], SchemaObjects)) ||
         (string.Equals(words[0], "Add", StringComparison.Ordinal) && IdentifierWords.IsOneOf(words[1], AddedSchemaObjects)));

    private const int MaxDelegateDepth = 16;

    // The call is inside a lambda handed to a schema addition or alteration (CreateTable("T", table => table.Column<int>("Id",
    // c => c.Identity())), AddColumn<bool>("C", column => column.WithDefault(false)), AlterTypeDefinition("T", cfg =>
    // cfg.WithPart("P"))): it describes what is added or altered. The caller leaves out calls named with a change verb or
    // Alter (DropColumn, AlterColumn, RemovePart), which are changes of their own.
    private static bool IsInsideSchemaDelegate(IOperation call, UpdateCodeClassifier classifier)
    {
        var depth = 0;
        for (var current = call.Parent; current is not null && depth < MaxDelegateDepth; current = current.Parent, depth++)
        {
            if (current is IAnonymousFunctionOperation && current.Parent?.Parent is IArgumentOperation { Parent: IInvocationOperation owner })
            {
                var ownerWords = classifier.Words(owner.TargetMethod.Name);
                if (IsSchemaAddition(ownerWords) || (ownerWords.Length > 0 && string.Equals(ownerWords[0], "Alter", StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasDelegateArgument(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation or IAnonymousFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] SchemaObjects = { "Table", "Index", "Column", "Foreign", "Sequence", "Schema", "View", "Collection" };

    private static readonly string[] AddedSchemaObjects = { "Column", "Index", "Foreign" };

    private static bool IsSaveVerb(string word) => IdentifierWords.IsOneOf(word, SaveVerbs);

    // Create…Context, Create…Scope, Create…Connection (optionally …Async), or a Create… that returns something to dispose.
    private static bool IsResourceFactory(string[] words, ITypeSymbol? returnType)
    {
        if (words.Length < 2 || !string.Equals(words[0], "Create", StringComparison.Ordinal))
        {
            return false;
        }

        var last = words[words.Length - 1] == "Async" && words.Length > 2 ? words[words.Length - 2] : words[words.Length - 1];
        if (IdentifierWords.IsOneOf(last, FactoryNouns))
        {
            return true;
        }

        if (returnType is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
        {
            returnType = task.TypeArguments[0];
        }

        if (returnType is null || returnType.TypeKind == TypeKind.Error)
        {
            return false;
        }

        foreach (var implemented in returnType.AllInterfaces)
        {
            if (implemented.Name is "IDisposable" or "IAsyncDisposable" && IsInNamespace(implemented, "System", null))
            {
                return true;
            }
        }

        return false;
    }

    // The call's value is what the step goes on with: a local's value, an argument, an operand, an interpolated part or an
    // assigned value (not a statement of its own, nor only awaited).
    private static bool IsValueUsed(IOperation call)
    {
        var current = call;
        for (var steps = 0; current.Parent is { } parent && steps < 20; current = parent, steps++)
        {
            switch (parent)
            {
                case IConversionOperation:
                case IAwaitOperation:
                case IParenthesizedOperation:
                    continue;
                case IVariableInitializerOperation:
                case IArgumentOperation:
                case IBinaryOperation:
                case IInterpolationOperation:
                case ICoalesceOperation:
                    return true;
                case ISimpleAssignmentOperation assignment:
                    return assignment.Value == current;
                case IInvocationOperation outer:
                    // query.Include(…).WithCancellation(ct): the value is the receiver of the next call.
                    return outer.Instance == current;
                case IForEachLoopOperation loop:
                    return loop.Collection == current;
                case IInvalidOperation when current.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member &&
                                            member.Expression == current.Syntax:
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    // a.B = …, a.B.C = …, a[k] = … where a is a local (a record the step loaded, an iteration variable): the local and the
    // member written on it.
    private static bool RecordMember(IOperation target, out ILocalSymbol? root, out ISymbol? member)
    {
        root = null;
        member = null;
        var current = target.WalkDownConversions();
        for (var depth = 0; depth < 16; depth++)
        {
            IOperation? instance;
            ISymbol symbol;
            switch (current)
            {
                case IPropertyReferenceOperation property:
                    instance = property.Instance;
                    symbol = property.Property;
                    break;
                case IFieldReferenceOperation field:
                    instance = field.Instance;
                    symbol = field.Field;
                    break;
                default:
                    return false;
            }

            var next = instance?.WalkDownConversions();
            if (next is ILocalReferenceOperation local)
            {
                root = local.Local;
                member = symbol;
                return true;
            }

            if (next is null)
            {
                return false;
            }

            current = next;
        }

        return false;
    }

    // record.Slug = record.FileName.ToSlug(), item.Modified = fs.GetLastWriteTimeUtc(host.Expand(item.Path)): the value reads
    // another field of the same record (directly or through locals) and never the written field itself, nor the whole record.
    private static bool IsDerivedFieldWrite(ISimpleAssignmentOperation write, Dictionary<ILocalSymbol, List<IOperation>> locals)
    {
        if (!RecordMember(write.Target, out var root, out var member) || root is null || member is null)
        {
            return false;
        }

        var readsOtherField = false;
        var pending = new Stack<IOperation>();
        var seen = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        pending.Push(write.Value);
        for (var steps = 0; pending.Count > 0; steps++)
        {
            if (steps > 400)
            {
                return false;
            }

            var operation = pending.Pop().WalkDownConversions();
            if (operation is IPropertyReferenceOperation or IFieldReferenceOperation && RecordMember(operation, out var readRoot, out var readMember) &&
                SymbolEqualityComparer.Default.Equals(readRoot, root))
            {
                if (SymbolEqualityComparer.Default.Equals(readMember, member))
                {
                    return false;
                }

                readsOtherField = true;
                continue;
            }

            if (operation is ILocalReferenceOperation local)
            {
                if (SymbolEqualityComparer.Default.Equals(local.Local, root))
                {
                    return false;
                }

                if (seen.Add(local.Local) && locals.TryGetValue(local.Local, out var values))
                {
                    foreach (var value in values)
                    {
                        pending.Push(value);
                    }
                }

                continue;
            }

            foreach (var child in operation.ChildOperations)
            {
                pending.Push(child);
            }
        }

        return readsOtherField;
    }

    // A call that does not bind (code under edit, a file read without its project): its written names are all there is.
    private static CallKind KindByName(IOperation call, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        var syntax = (Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax)call.Syntax;
        string? name;
        string? receiver = null;
        switch (syntax.Expression)
        {
            case Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member:
                name = member.Name.Identifier.ValueText;
                receiver = (member.Expression as Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax)?.Identifier.ValueText;
                break;
            case Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple:
                name = simple.Identifier.ValueText;
                break;
            default:
                return CallKind.Change;
        }

        var words = classifier.Words(name);
        if (options.BackupMethods.Matches(words, 0, words.Length) ||
            (receiver is "File" or "Directory" && name is "Copy" or "Move" && syntax.ArgumentList.Arguments.Count >= 2 &&
             NamesBackupInText(syntax.ArgumentList.Arguments[1].Expression, classifier)))
        {
            return CallKind.Backup;
        }

        if (IsRecomputeOnOther(words, onOtherObject: receiver is not null && receiver != "this" && receiver != "base" &&
                                                      !(receiver.Length > 0 && char.IsUpper(receiver[0]))))
        {
            return CallKind.Recompute;
        }

        if (words.Length > 0 && IdentifierWords.IsOneOf(words[0], RemoveVerbs))
        {
            return CallKind.Change;
        }

        if (IsGuardedByAbsence(call))
        {
            return CallKind.CreateIfAbsent;
        }

        if (IsInCondition(call) || (words.Length > 0 && IsReadVerb(words[0])) || IsReadVerb(name) || IdentifierWords.IsOneOf(name, UnboundStringQueries) ||
            IsResourceFactory(words, null) || receiver == "Stopwatch")
        {
            return CallKind.Read;
        }

        // A call on another object (a receiver that is not this, base or the step's own member; a chain counts as another object).
        var onOther = syntax.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: var target } &&
                      target is not (Microsoft.CodeAnalysis.CSharp.Syntax.ThisExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BaseExpressionSyntax);
        if (onOther && words.Length > 0 && IsSaveVerb(words[0]))
        {
            return CallKind.Save;
        }

        if (onOther && words.Length > 0 && !IsChangeVerb(words[0]) && IsValueUsed(call))
        {
            return CallKind.Read;
        }

        return CallKind.Change;
    }

    private static bool NamesBackupInText(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression, UpdateCodeClassifier classifier)
    {
        foreach (var token in expression.DescendantTokens())
        {
            if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralToken) && BackupText.IsMatch(token.ValueText))
            {
                return true;
            }

            if (token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken) && HasBackupWord(classifier.Words(token.ValueText)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInCondition(IOperation call)
    {
        var steps = 0;
        for (IOperation? current = call; current?.Parent is { } parent && steps < 50; current = parent, steps++)
        {
            switch (parent)
            {
                case IConditionalOperation conditional:
                    return current == conditional.Condition;
                case IWhileLoopOperation loop:
                    return current == loop.Condition;
                case IBlockOperation:
                case IExpressionStatementOperation:
                case IVariableDeclaratorOperation:
                case IAnonymousFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    // _config.Plugins = …, Settings.Default.X = …, options.Y++: a field or property of an object the step reaches, not its own
    // field (a counter of its own) and not a local's.
    private static bool IsMemberOfSomethingElse(IOperation target)
    {
        var current = target.WalkDownConversions();
        var depth = 0;
        while (true)
        {
            switch (current)
            {
                case IFieldReferenceOperation { Instance: { } instance }:
                    current = instance.WalkDownConversions();
                    depth++;
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance }:
                    current = instance.WalkDownConversions();
                    depth++;
                    continue;
                case IFieldReferenceOperation:
                case IPropertyReferenceOperation:
                case IParameterReferenceOperation:
                    return true;
                case IInstanceReferenceOperation:
                    return depth > 1;
                default:
                    return false;
            }
        }
    }

    // File.Copy, File.Move, Directory.Move, FileInfo.CopyTo/MoveTo, DirectoryInfo.MoveTo to a destination named as a backup
    // (bakPath, dbPath + ".bak", "logging.old.json"), or File.Replace with a backup file. A copy to anywhere else is the change.
    // File.Move / Directory.Move / FileInfo.MoveTo / DirectoryInfo.MoveTo (bound or by name): the original is kept, not copied.
    private static bool IsMoveAside(IOperation call) => NamedCall.NameOf(call) is "Move" or "MoveTo";

    private static bool IsFileSystemBackup(IInvocationOperation call, UpdateCodeClassifier classifier, Dictionary<ILocalSymbol, List<IOperation>> locals)
    {
        var method = call.TargetMethod;
        if (!IsInNamespace(method.ContainingType, "System", "IO"))
        {
            return false;
        }

        switch (method.ContainingType.Name, method.Name)
        {
            case ("File", "Copy"):
            case ("File", "Move"):
            case ("Directory", "Move"):
                return call.Arguments.ArgumentAt(1) is { } destination && NamesBackup(destination, classifier, locals);
            case ("FileInfo", "CopyTo"):
            case ("FileInfo", "MoveTo"):
            case ("DirectoryInfo", "MoveTo"):
                return call.Arguments.ArgumentAt(0) is { } moved && NamesBackup(moved, classifier, locals);
            case ("File", "Replace"):
            case ("FileInfo", "Replace"):
                var backup = call.Arguments.ArgumentAt(method.IsStatic ? 2 : 1);
                return backup is not null && !(backup.ConstantValue.HasValue && backup.ConstantValue.Value is null);
            default:
                return false;
        }
    }

    // File and directory calls other than reads change the file system: File.WriteAllText, File.Open, Directory.Delete…
    private static bool IsFileSystemChange(IMethodSymbol method)
    {
        if (method.ContainingType?.Name is not ("File" or "Directory" or "FileInfo" or "DirectoryInfo") ||
            !IsInNamespace(method.ContainingType, "System", "IO"))
        {
            return false;
        }

        var name = method.Name;
        return !(name.StartsWith("Read", StringComparison.Ordinal) || name.StartsWith("Exists", StringComparison.Ordinal) ||
                 name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("Enumerate", StringComparison.Ordinal) ||
                 name is "OpenRead" or "OpenText" or "Refresh" or "ToString");
    }

    // Walks down a path expression (combines, concatenations, locals' values) with a step budget: does any name or text in
    // it say backup (Backup, Bak, Old, Orig, Previous, Snapshot)?
    private static bool NamesBackup(IOperation path, UpdateCodeClassifier classifier, Dictionary<ILocalSymbol, List<IOperation>> locals) =>
        PathWords.Any(path, classifier, locals, BackupText.IsMatch, HasBackupWord, MaxBackupPathSteps, PathWords.Reach.OtherChildren);

    private const int MaxBackupPathSteps = 500;

    private static bool HasBackupWord(string[] words)
    {
        foreach (var word in words)
        {
            foreach (var backup in BackupWords)
            {
                if (NameVocabulary.IsInflectionOf(word, backup))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AddValue(Dictionary<ILocalSymbol, List<IOperation>> locals, ILocalSymbol local, IOperation value)
    {
        if (!locals.TryGetValue(local, out var values))
        {
            values = new List<IOperation>();
            locals[local] = values;
        }

        values.Add(value);
    }

    // Calls that create only what is absent by contract: Directory.CreateDirectory, DirectoryInfo.Create, EnsureCreated,
    // CreateIfNotExists, TryAdd, GetOrAdd.
    private static bool IsIdempotentCreate(IMethodSymbol method)
    {
        var name = method.Name;
        if ((name == "CreateDirectory" && method.ContainingType.Name == "Directory") ||
            (name is "Create" or "CreateSubdirectory" && method.ContainingType.Name == "DirectoryInfo") ||
            name.StartsWith("Ensure", StringComparison.Ordinal) || name.StartsWith("TryAdd", StringComparison.Ordinal) ||
            name.StartsWith("GetOrAdd", StringComparison.Ordinal) || name.StartsWith("GetOrCreate", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var marker in CreateIfAbsentMarkers)
        {
            if (name.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRead(IMethodSymbol method, string[] words)
    {
        var type = method.ContainingType;
        if (type is null ||
            type.SpecialType == SpecialType.System_String || type.SpecialType == SpecialType.System_Object ||
            IsInNamespace(type, "System", "Linq") || IsInNamespace(type, "System", "Text") ||
            IsInNamespace(type, "Microsoft", "Extensions") && type.ContainingNamespace.Name == "Logging" ||
            (IsInNamespace(type, "System", "IO") && type.Name == "Path") ||
            (type.Name is "Console" or "Math" or "Task" or "ValueTask" or "Debug" or "Trace" or "Convert" or "Guid" or "DateTime" or "DateTimeOffset" or "TimeSpan"
             && IsInNamespace(type, "System", null)) ||
            (type.Name is "Stopwatch" && IsInNamespace(type, "System", "Diagnostics")) ||

            // Task.WhenAll(…), Parallel.ForEachAsync(…): they wait for or run the calls handed to them, which are judged themselves.
            (type.Name is "Task" or "ValueTask" or "Parallel" && IsInNamespace(type, "System", "Threading")))
        {
            return true;
        }

        return words.Length > 0 && IsReadVerb(words[0]);
    }

    private static bool IsReadVerb(string word)
    {
        foreach (var verb in ReadVerbs)
        {
            if (string.Equals(word, verb, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Inside the true branch of if (!File.Exists(p)), if (!ids.Contains(x)), if (row == null); or after if (File.Exists(p)) return;
    private static bool IsGuardedByAbsence(IOperation call)
    {
        var steps = 0;
        for (IOperation? current = call; current?.Parent is { } parent && steps < 200; current = parent, steps++)
        {
            if (parent is IConditionalOperation conditional)
            {
                if (current == conditional.WhenTrue && ChecksPresence(conditional.Condition, negated: true))
                {
                    return true;
                }

                if (current == conditional.WhenFalse && ChecksPresence(conditional.Condition, negated: false))
                {
                    return true;
                }
            }

            if (parent is IBlockOperation block && current is not null)
            {
                foreach (var statement in block.Operations)
                {
                    if (statement == current)
                    {
                        break;
                    }

                    if (statement is IConditionalOperation { WhenFalse: null } earlyExit && LeavesOnly(earlyExit.WhenTrue) &&
                        ChecksPresence(earlyExit.Condition, negated: false))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool LeavesOnly(IOperation branch)
    {
        var last = branch is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : branch;
        return last is IReturnOperation or IThrowOperation or IBranchOperation ||
               last is IExpressionStatementOperation { Operation: IThrowOperation };
    }

    // With negated: the condition is true when something is absent (!Exists(…), !Contains(…), x == null); without: when it is present.
    private static bool ChecksPresence(IOperation condition, bool negated)
    {
        var operation = condition.WalkDownConversions();
        if (operation is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return IsPresenceTest(not.Operand.WalkDownConversions()) && negated;
        }

        if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison &&
            (IsNull(comparison.LeftOperand) || IsNull(comparison.RightOperand)))
        {
            return (comparison.OperatorKind == BinaryOperatorKind.Equals) == negated;
        }

        if (operation is IIsPatternOperation { Pattern: IConstantPatternOperation constant } && IsNull(constant.Value))
        {
            return negated;
        }

        // list.Length == 0, items.Count() == 0: nothing is there yet; Count > 0, Length != 0: something is.
        if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.GreaterThan } sized &&
            IsZero(sized.RightOperand) && IsSize(sized.LeftOperand))
        {
            return (sized.OperatorKind == BinaryOperatorKind.Equals) == negated;
        }

        if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both)
        {
            // if (!File.Exists(a) && ready): the branch still runs only when a is absent.
            return ChecksPresence(both.LeftOperand, negated) || ChecksPresence(both.RightOperand, negated);
        }

        if (!negated && IsPresenceTest(operation))
        {
            return true;
        }

        // A condition over members that do not bind (the file read without its project): its written form.
        return HasInvalidPart(operation) && condition.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax written &&
               ChecksPresenceBySyntax(written, negated, depth: 0);
    }

    private static bool HasInvalidPart(IOperation operation)
    {
        if (operation is IInvalidOperation)
        {
            return true;
        }

        var steps = 0;
        foreach (var descendant in operation.Descendants())
        {
            if (descendant is IInvalidOperation || ++steps > 50)
            {
                return descendant is IInvalidOperation;
            }
        }

        return false;
    }

    // x.Items.Length == 0, list.Count() > 0, !store.Exists(k), row == null, as written.
    private static bool ChecksPresenceBySyntax(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax condition, bool negated, int depth)
    {
        if (depth > 32)
        {
            return false;
        }

        switch (condition)
        {
            case Microsoft.CodeAnalysis.CSharp.Syntax.ParenthesizedExpressionSyntax parenthesized:
                return ChecksPresenceBySyntax(parenthesized.Expression, negated, depth + 1);
            case Microsoft.CodeAnalysis.CSharp.Syntax.PrefixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalNotExpression } not:
                return negated && IsPresenceName(WrittenName(not.Operand));
            case Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax binary:
                var kind = (Microsoft.CodeAnalysis.CSharp.SyntaxKind)binary.RawKind;
                if (kind == Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalAndExpression)
                {
                    return ChecksPresenceBySyntax(binary.Left, negated, depth + 1) || ChecksPresenceBySyntax(binary.Right, negated, depth + 1);
                }

                var equals = kind == Microsoft.CodeAnalysis.CSharp.SyntaxKind.EqualsExpression;
                if (!equals && kind is not (Microsoft.CodeAnalysis.CSharp.SyntaxKind.NotEqualsExpression or Microsoft.CodeAnalysis.CSharp.SyntaxKind.GreaterThanExpression))
                {
                    return false;
                }

                if (binary.Right.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NullLiteralExpression) && kind != Microsoft.CodeAnalysis.CSharp.SyntaxKind.GreaterThanExpression)
                {
                    return equals == negated;
                }

                if (binary.Right is Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax { Token.ValueText: "0" } &&
                    WrittenName(binary.Left) is "Length" or "Count" or "LongLength" or "LongCount")
                {
                    return equals == negated;
                }

                return false;
            default:
                return !negated && IsPresenceName(WrittenName(condition));
        }
    }

    private static string? WrittenName(Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression) => expression switch
    {
        Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation => WrittenName(invocation.Expression),
        Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    private static bool IsPresenceName(string? name) =>
        name is not null &&
        (name.IndexOf("Exist", StringComparison.Ordinal) >= 0 || name.StartsWith("Contains", StringComparison.Ordinal) ||
         name is "Any" or "HasValue" || name.StartsWith("Has", StringComparison.Ordinal) || name.StartsWith("IsInstalled", StringComparison.Ordinal));

    private static bool IsZero(IOperation operation) => operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: 0 };

    private static bool IsSize(IOperation operation) => operation.WalkDownConversions() switch
    {
        IPropertyReferenceOperation property => property.Property.Name is "Length" or "Count" or "LongLength" or "LongCount",
        IInvocationOperation invocation => invocation.TargetMethod.Name is "Count" or "LongCount",

        // var existingCount = …; if (existingCount > 0) continue;
        ILocalReferenceOperation local => local.Local.Name.EndsWith("Count", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static bool IsPresenceTest(IOperation operation)
    {
        var name = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            _ => null,
        };
        return name is not null &&
               (name.IndexOf("Exist", StringComparison.Ordinal) >= 0 || name.StartsWith("Contains", StringComparison.Ordinal) ||
                name is "Any" or "HasValue" || name.StartsWith("Has", StringComparison.Ordinal) || name.StartsWith("IsInstalled", StringComparison.Ordinal));
    }

    private static bool IsNull(IOperation operation) => operation.WalkDownConversions() is { ConstantValue: { HasValue: true, Value: null } };

    private static string? BackupAttributeOf(ISymbol symbol, ChangeGateOptions options, UpdateCodeClassifier classifier)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is not { } attributeClass)
            {
                continue;
            }

            var words = classifier.Words(attributeClass.Name);
            if (options.BackupAttributes.Matches(words, 0, words.Length) && !HasNegation(words))
            {
                return attributeClass.Name;
            }
        }

        return null;
    }

    private static bool HasNegation(string[] words)
    {
        foreach (var word in words)
        {
            foreach (var negation in NegationWords)
            {
                if (string.Equals(word, negation, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsInNamespace(INamedTypeSymbol? type, string outer, string? inner)
    {
        var ns = type?.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        if (inner is null)
        {
            return ns.Name == outer && ns.ContainingNamespace is { IsGlobalNamespace: true };
        }

        // Matches outer.inner and anything below it.
        for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            if (current.Name == inner && current.ContainingNamespace is { Name: var parent, ContainingNamespace.IsGlobalNamespace: true } && parent == outer)
            {
                return true;
            }
        }

        return false;
    }
}
