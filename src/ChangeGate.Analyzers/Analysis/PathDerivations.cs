using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>What a path expression is built from, as far as the rules care (see <see cref="PathDerivations.FactsOf"/>).</summary>
internal sealed class PathFacts
{
    public PathFacts(bool temporary, bool goesUp, bool unique, ImmutableArray<PathKey> keys, bool keysTruncated, bool produced = false)
    {
        Produced = produced;
        Temporary = temporary;
        GoesUp = goesUp;
        Unique = unique;
        Keys = keys;
        KeysTruncated = keysTruncated;
    }

    /// <summary>Built from a fresh temporary path (<c>Path.GetTempPath</c>, <c>GetTempFileName</c>, <c>GetRandomFileName</c>…).</summary>
    public bool Temporary { get; }

    /// <summary>
    /// Built from what a producer call returned or handed back: <c>var zip = await DownloadPackageAsync(url)</c>,
    /// <c>ExtractBundle(pkg, out var dir)</c> (a call named <c>Download*</c>, <c>Extract*</c>, <c>Unzip*</c>, <c>Unpack*</c>).
    /// </summary>
    public bool Produced { get; }

    /// <summary>Built, somewhere, from a step up to a parent (<c>Path.GetDirectoryName</c>, <c>info.Directory</c>…).</summary>
    public bool GoesUp { get; }

    /// <summary>
    /// Built from a component that differs on every run (<c>Guid.NewGuid()</c>, a clock timestamp precise to the
    /// second) without going up from it: a path no earlier run can have left behind.
    /// </summary>
    public bool Unique { get; }

    /// <summary>The keys of the indexed paths this path is, or is built from (its own key first when indexed).</summary>
    public ImmutableArray<PathKey> Keys { get; }

    /// <summary>True when more keys were found than kept (a pathological expression); <see cref="Keys"/> is then incomplete.</summary>
    public bool KeysTruncated { get; }
}

/// <summary>
/// Answers, for the path expressions of one operation block, "which path is this" (<see cref="KeyOf"/>) and "what is
/// it built from" (<see cref="FactsOf"/>). Derivations follow string building, calls, locals, the fields this block sets
/// and <c>foreach</c> variables, as <see cref="LocalAssignments.PathDerivesFrom"/> does. Facts are computed once per
/// node and shared (strongly connected groups of locals that feed each other get one answer), by an iterative walk, so
/// a block with thousands of file-system calls, or one 10,000-deep expression, costs its size.
/// </summary>
internal sealed class PathDerivations
{
    private const int MaxKeys = 32;

    private static readonly PathFacts Nothing = new(false, false, false, ImmutableArray<PathKey>.Empty, false);

    private readonly FileSystemSymbols _symbols;
    private readonly BodyAssignments _assignments;
    private readonly SyntaxShapes _shapes = new();
    private readonly Dictionary<IOperation, PathKey?> _rawKeys = new();
    private readonly Dictionary<object, PathFacts> _facts = new(NodeComparer.Instance);
    private HashSet<PathKey> _relevant = new();

    public PathDerivations(FileSystemSymbols symbols, BodyAssignments assignments)
    {
        _symbols = symbols;
        _assignments = assignments;
    }

    /// <summary>
    /// The keys <see cref="PathFacts.Keys"/> keeps: the paths the block's calls act on. Set once, before the first
    /// <see cref="FactsOf"/>.
    /// </summary>
    public void SetRelevantKeys(HashSet<PathKey> keys) => _relevant = keys;

    /// <summary>The assignments of the body <paramref name="operation"/> is in.</summary>
    public LocalAssignments AssignmentsOf(IOperation operation) => _assignments.For(operation);

    /// <summary>
    /// The key of the path <paramref name="path"/> names, looking through <c>new FileInfo(path)</c>, <c>info.FullName</c>
    /// and a local that holds only such a wrapper; null for a constant that is not a string.
    /// </summary>
    public PathKey? KeyOf(IOperation path) => RawKey(Unwrap(path, null));

    /// <summary>True when the two expressions name the same path.</summary>
    public bool IsSame(IOperation path, IOperation other) => KeyOf(path) is { } a && a.Equals(KeyOf(other));

    /// <summary>The facts of <paramref name="path"/>: computed once per node of the block, then looked up.</summary>
    public PathFacts FactsOf(IOperation path)
    {
        var root = path.WalkDownConversions();
        return _facts.TryGetValue(root, out var known) ? known : Compute(root, AssignmentsOf(root));
    }

    /// <summary>True when <paramref name="path"/> is built from an operation that satisfies <paramref name="isOrigin"/> (no memo).</summary>
    public bool DerivesFrom(IOperation path, Func<IOperation, bool> isOrigin) => AssignmentsOf(path).PathDerivesFrom(path, isOrigin);

    /// <summary>The path a file or directory object wraps (<c>new FileInfo(p)</c>, <c>info.FullName</c>…), or the path itself.</summary>
    public IOperation Unwrap(IOperation path) => Unwrap(path, null);

    private PathKey? KeyOf(IOperation path, LocalAssignments? assignments) => RawKey(Unwrap(path, assignments));

    // The assignments are looked up only when a local is met: most paths have none on the way.
    private IOperation Unwrap(IOperation path, LocalAssignments? assignments)
    {
        var current = path.WalkDownConversions();
        for (var depth = 0; depth < 4; depth++)
        {
            IOperation? next = current switch
            {
                // info.FullName is the path the info object wraps.
                IPropertyReferenceOperation { Instance: { } owner } reference when _symbols.IsFullName(reference.Property) => owner,
                ILocalReferenceOperation local => SingleValue(local, assignments ??= AssignmentsOf(local)),
                IObjectCreationOperation or IInvocationOperation or IInvalidOperation => _symbols.WrappedPath(current),
                _ => null,
            };
            if (next is null)
            {
                return current;
            }

            var unwrapped = next.WalkDownConversions();
            if (current is ILocalReferenceOperation && _symbols.WrappedPath(unwrapped) is null)
            {
                // A string local stays itself: locals are compared by symbol.
                return current;
            }

            current = unwrapped;
        }

        return current;
    }

    private static IOperation? SingleValue(ILocalReferenceOperation local, LocalAssignments assignments)
    {
        var values = assignments.ValuesOf(local.Local);
        return values.Count == 1 && !assignments.HasUnknownValue(local.Local) ? values[0] : null;
    }

    private PathKey? RawKey(IOperation operation)
    {
        operation = operation.WalkDownConversions();
        if (_rawKeys.TryGetValue(operation, out var known))
        {
            return known;
        }

        // a.b.c: key the innermost instance, then each member on it, without recursion.
        var chain = new List<IOperation>();
        var current = operation;
        while (!_rawKeys.ContainsKey(current) && MemberOnInstance(current) is { } instance)
        {
            chain.Add(current);
            current = instance.WalkDownConversions();
        }

        var key = _rawKeys.TryGetValue(current, out var baseKey) ? baseKey : BaseKey(current);
        _rawKeys[current] = key;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var member = chain[i] is IFieldReferenceOperation field ? (ISymbol)field.Field : ((IPropertyReferenceOperation)chain[i]).Property;
            key = key is null ? null : PathKey.ForMember(member, key);
            _rawKeys[chain[i]] = key;
        }

        return key;
    }

    // A field or property read on an instance other than `this`: keyed by the member and the instance's key.
    private static IOperation? MemberOnInstance(IOperation operation) => operation switch
    {
        IFieldReferenceOperation { Instance: { } instance } when instance is not IInstanceReferenceOperation => instance,
        IPropertyReferenceOperation { Instance: { } instance, Property.IsIndexer: false } when instance is not IInstanceReferenceOperation => instance,
        _ => null,
    };

    private PathKey? BaseKey(IOperation operation)
    {
        if (operation.ConstantValue.HasValue)
        {
            return operation.ConstantValue.Value is string text ? PathKey.ForConstant(text) : null;
        }

        return operation switch
        {
            ILocalReferenceOperation local => PathKey.ForSymbol(local.Local),
            IParameterReferenceOperation parameter => PathKey.ForSymbol(parameter.Parameter),
            IInstanceReferenceOperation => PathKey.This,
            IFieldReferenceOperation field => PathKey.ForSymbol(field.Field),
            IPropertyReferenceOperation { Property.IsIndexer: false } property => PathKey.ForSymbol(property.Property),
            _ => PathKey.ForShape(operation, _shapes.HashOf(operation.Syntax)),
        };
    }

    // Tarjan's strongly connected components, iteratively: a node's facts are its own plus those of its sources; nodes
    // that feed each other (a local assigned from itself in a loop) share one answer. Every node is expanded once.
    private PathFacts Compute(IOperation root, LocalAssignments assignments)
    {
        var frames = new Stack<Frame>();
        var open = new List<Frame>();
        var active = new Dictionary<object, Frame>(NodeComparer.Instance);
        var counter = 0;
        PathFacts? result = null;

        void Enter(object node)
        {
            var frame = new Frame(node, counter++, UniqueSurvives(node));
            OwnFacts(node, assignments, frame.Facts);
            assignments.AddSources(node, extended: true, frame.Sources);
            frames.Push(frame);
            open.Add(frame);
            active[node] = frame;
        }

        Enter(root);
        while (frames.Count > 0)
        {
            var frame = frames.Peek();
            if (frame.Next < frame.Sources.Count)
            {
                var source = frame.Sources[frame.Next++];
                if (_facts.TryGetValue(source, out var done))
                {
                    frame.Facts.Add(done, frame.KeepsUnique);
                }
                else if (active.TryGetValue(source, out var inProgress))
                {
                    frame.Low = Math.Min(frame.Low, inProgress.Index);
                }
                else
                {
                    Enter(source);
                }

                continue;
            }

            frames.Pop();
            if (frame.Low < frame.Index)
            {
                // Part of a group still open below: its facts join the group's when the group closes.
                var below = frames.Peek();
                below.Low = Math.Min(below.Low, frame.Low);
                continue;
            }

            var first = open.LastIndexOf(frame);
            for (var i = first + 1; i < open.Count; i++)
            {
                frame.Facts.Merge(open[i].Facts);
            }

            var facts = frame.Facts.Build();
            for (var i = first; i < open.Count; i++)
            {
                _facts[open[i].Node] = facts;
                active.Remove(open[i].Node);
            }

            open.RemoveRange(first, open.Count - first);
            if (frames.Count > 0)
            {
                var parent = frames.Peek();
                parent.Facts.Add(facts, parent.KeepsUnique);
            }
            else
            {
                result = facts;
            }
        }

        return result ?? Nothing;
    }

    private void OwnFacts(object node, LocalAssignments assignments, FactsBuilder facts)
    {
        if (node is not IOperation operation)
        {
            return;
        }

        facts.Temporary |= _symbols.IsTemporaryPathOrigin(operation);
        facts.Produced |= IsProducerCall(operation);
        facts.GoesUp |= _symbols.IsParentPath(operation);
        facts.Unique |= _symbols.IsUniqueOrigin(operation);
        if (_relevant.Count > 0 && KeyOf(operation, assignments) is { } key && _relevant.Contains(key))
        {
            facts.AddKey(key);
        }
    }

    private static bool IsProducerCall(IOperation operation) =>
        operation is IInvocationOperation or IInvalidOperation && NamedCall.From(operation) is { } call && FileSystemActivity.Producers.Matches(call.Name);

    // Whether a unique component of a source stays unique in this node: not above it (GetDirectoryName), and not when a
    // timestamp is cut to the day or the minute (ToString("yyyyMMdd"), .Date, {now:HHmm}).
    private bool UniqueSurvives(object node)
    {
        switch (node)
        {
            case IOperation operation when _symbols.IsParentPath(operation):
                return false;
            case IInvocationOperation { Instance: { } instance } invocation when _symbols.IsClockType(instance.Type):
                return invocation.TargetMethod.Name switch
                {
                    "ToString" => invocation.Arguments.ArgumentAt(0) is not { } toStringFormat || Timestamps.KeepsSeconds(toStringFormat),
                    "ToShortDateString" or "ToLongDateString" or "ToShortTimeString" => false,
                    _ => true,
                };
            case IPropertyReferenceOperation { Instance: { } instance } property when _symbols.IsClockType(instance.Type):
                return property.Property.Name is "Ticks" or "UtcTicks" or "UtcDateTime" or "LocalDateTime" or "DateTime";
            case IInterpolationOperation interpolation when _symbols.IsClockType(interpolation.Expression.WalkDownConversions().Type):
                return interpolation.FormatString is not { } pattern || Timestamps.KeepsSeconds(pattern);
            case IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } } composite:
                return composite.Arguments.Length == 0 || Timestamps.FormatKeepsSeconds(composite.Arguments[0].Value);
            default:
                return true;
        }
    }

    private sealed class Frame
    {
        public Frame(object node, int index, bool keepsUnique)
        {
            Node = node;
            Index = index;
            Low = index;
            KeepsUnique = keepsUnique;
        }

        public object Node { get; }

        public int Index { get; }

        public int Low { get; set; }

        public bool KeepsUnique { get; }

        public int Next { get; set; }

        public List<object> Sources { get; } = new();

        public FactsBuilder Facts { get; } = new();
    }

    private sealed class FactsBuilder
    {
        private ImmutableArray<PathKey> _keys = ImmutableArray<PathKey>.Empty;
        private List<PathKey>? _growing;
        private PathFacts? _only;
        private int _parts;

        public bool Temporary { get; set; }

        public bool Produced { get; set; }

        public bool GoesUp { get; set; }

        public bool Unique { get; set; }

        private bool Truncated { get; set; }

        public void AddKey(PathKey key)
        {
            _parts++;
            Keys().Add(key);
        }

        public void Add(PathFacts source, bool keepsUnique)
        {
            Temporary |= source.Temporary;
            Produced |= source.Produced;
            GoesUp |= source.GoesUp;
            Unique |= keepsUnique && source.Unique;
            Truncated |= source.KeysTruncated;
            if (source.Keys.IsEmpty)
            {
                return;
            }

            if (_parts == 0 && _growing is null)
            {
                // The common case of one source: share its keys instead of copying them.
                _keys = source.Keys;
                _only = source;
                _parts = 1;
                return;
            }

            _parts++;
            foreach (var key in source.Keys)
            {
                var keys = Keys();
                if (!keys.Contains(key))
                {
                    if (keys.Count >= MaxKeys)
                    {
                        Truncated = true;
                        break;
                    }

                    keys.Add(key);
                }
            }
        }

        public void Merge(FactsBuilder other)
        {
            Temporary |= other.Temporary;
            Produced |= other.Produced;
            GoesUp |= other.GoesUp;
            Unique |= other.Unique;
            Truncated |= other.Truncated;
            foreach (var key in other._growing is null ? (IEnumerable<PathKey>)other._keys : other._growing)
            {
                var keys = Keys();
                if (!keys.Contains(key))
                {
                    if (keys.Count >= MaxKeys)
                    {
                        Truncated = true;
                        break;
                    }

                    keys.Add(key);
                }
            }
        }

        public PathFacts Build()
        {
            if (_growing is null && _only is not null && _only.Temporary == Temporary && _only.GoesUp == GoesUp &&
                _only.Unique == Unique && _only.KeysTruncated == Truncated && _only.Produced == Produced)
            {
                return _only;
            }

            if (!Temporary && !GoesUp && !Unique && !Truncated && !Produced && _growing is null && _keys.IsEmpty)
            {
                return Nothing;
            }

            return new PathFacts(Temporary, GoesUp, Unique, _growing is null ? _keys : _growing.ToImmutableArray(), Truncated, Produced);
        }

        private List<PathKey> Keys()
        {
            if (_growing is null)
            {
                _growing = new List<PathKey>(_keys);
                _only = null;
            }

            return _growing;
        }
    }
}

/// <summary>
/// The leading directory chain of a path expression: which folders a path is built <em>under</em> (<see cref="LiesUnder"/>).
/// Unlike <see cref="PathDerivations.FactsOf"/>, which gathers what a path is built from anywhere in it, this reads only
/// the folders it lies in, for the rules' own-folder tests (<see cref="OwnAreas"/>).
/// </summary>
internal static class FolderChain
{
    private const int MaxChainSteps = 48;
    private const int MaxChainDepth = 3;
    private const int MaxCallerDepth = 5;

    /// <summary>
    /// True when <paramref name="path"/> lies under a folder that satisfies <paramref name="isFolder"/>, reading only the
    /// path's leading directory chain: the first argument of <c>Path.Combine</c>/<c>Path.Join</c> or a <c>Combine*</c> helper
    /// and its middle segments, <c>dir + "/x"</c>, <c>$"{dir}/x"</c>, the folder a listing (<c>Directory.GetFiles(dir)</c>,
    /// through LINQ steps and <c>foreach</c>) lists, a local's values (every one must lie there), <c>info.FullName</c> and
    /// <c>new FileInfo(p)</c>. The path's own name does not count (<c>live + ".tmp"</c>), and a path that goes up on the way
    /// is not under anything. <paramref name="pathIsFolder"/> says the path is itself a folder, so its own last segment
    /// counts. Bounded: at most <see cref="MaxChainSteps"/> steps and <see cref="MaxChainDepth"/> levels of multi-valued locals.
    /// </summary>
    public static bool LiesUnder(
        IOperation path, bool pathIsFolder, FileSystemSymbols symbols, Func<IOperation, LocalAssignments> assignmentsOf, Func<IOperation, bool> isFolder)
    {
        var steps = 0;
        return LiesUnder(path, pathIsFolder, symbols, assignmentsOf, isFolder, depth: 0, ref steps);
    }

    // Walks the leading directory chain of `path`. `directory` is true once the current operand is a folder the path is
    // built under (the first argument of a Combine, what a listing lists); only then do names count.
    private static bool LiesUnder(
        IOperation path, bool directory, FileSystemSymbols symbols, Func<IOperation, LocalAssignments> assignmentsOf, Func<IOperation, bool> isArea, int depth,
        ref int steps)
    {
        var current = path.WalkDownConversions();
        while (++steps <= MaxChainSteps)
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
                    var assignments = assignmentsOf(local);
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

                    if (depth >= MaxChainDepth)
                    {
                        return false;
                    }

                    // Every value the local is given must lie in such a folder.
                    foreach (var value in values)
                    {
                        if (!LiesUnder(value, directory, symbols, assignmentsOf, isArea, depth + 1, ref steps))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                case IPropertyReferenceOperation { Instance: { } owner } property when symbols.IsFullName(property.Property):
                    current = owner.WalkDownConversions();
                    continue;

                case IPropertyReferenceOperation { Instance: { } owner } property when directory && IsPathOfOwner(property.Property.Name) &&
                                                                                   isArea(owner.WalkDownConversions()):
                    // Path.Combine(tempFolder.Path, "pkg.zip"), $"{downloadArea.FolderPath}/x": the path of an object named as
                    // the folder is that folder (a temporary-folder allocation, a download slot).
                    return true;

                case IParameterReferenceOperation parameter when depth < MaxCallerDepth && CallerArguments.Of(parameter) is { } arguments:
                {
                    // A private helper's parameter: every call in its type hands it a path in such a folder.
                    foreach (var argument in arguments)
                    {
                        if (!LiesUnder(argument, directory, symbols, assignmentsOf, isArea, depth + 1, ref steps))
                        {
                            return false;
                        }
                    }

                    return true;
                }

                case IFieldReferenceOperation or IPropertyReferenceOperation when MemberValues.FixedValueOf(current) is { } fixedValue:
                    // static readonly string UpdateDir = Path.Combine(Path.GetTempPath(), "app-update"): the member always holds
                    // what its declaration says.
                    current = fixedValue.WalkDownConversions();
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

    private static bool StartsWithSeparator(IOperation operation) =>
        operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text } && StartsWithSeparator(text);

    private static bool StartsWithSeparator(string text) => text.Length > 0 && text[0] is '/' or '\\';

    // The property that gives an object's own location: tempFolder.Path, scratch.FolderPath, slot.RootPath (not a path the
    // object names elsewhere: download.InstallPath, job.TargetDirectory).
    private static bool IsPathOfOwner(string name) =>
        name is "Path" or "FullPath" or "FolderPath" or "DirectoryPath" or "DirPath" or "Root" or "RootPath" or "Location";

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

/// <summary>How much of the clock a timestamp format keeps.</summary>
internal static class Timestamps
{
    /// <summary>
    /// True when the constant date format <paramref name="format"/> keeps at least the seconds (<c>"yyyyMMddHHmmss"</c>,
    /// <c>"o"</c>, <c>"s"</c>, <c>"u"</c>, <c>"T"</c>…), so two runs a second apart get different names; false for a date
    /// or minute format, or a format that is not a constant.
    /// </summary>
    public static bool KeepsSeconds(IOperation format) =>
        format.WalkDownConversions().ConstantValue is { HasValue: true, Value: string text } && KeepsSeconds(text);

    /// <summary>As <see cref="KeepsSeconds(IOperation)"/>, for the text of a format.</summary>
    public static bool KeepsSeconds(string format)
    {
        if (format.Length == 1)
        {
            // Standard formats with seconds: F, G, O/o, R/r, s, T, u, U.
            return "FGOoRrsTuU".IndexOf(format[0]) >= 0;
        }

        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            switch (c)
            {
                case '\\':
                    i++;
                    break;
                case '\'':
                case '"':
                    var close = format.IndexOf(c, i + 1);
                    i = close < 0 ? format.Length : close;
                    break;
                case 's':
                case 'f':
                case 'F':
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For <c>string.Format(format, …)</c>: false when the constant format formats an argument with a format that drops
    /// the seconds (<c>"{0:yyyyMMdd}"</c>); true otherwise (a placeholder without a format prints the whole timestamp).
    /// </summary>
    public static bool FormatKeepsSeconds(IOperation format)
    {
        if (format.WalkDownConversions().ConstantValue is not { HasValue: true, Value: string text })
        {
            return true;
        }

        for (var open = text.IndexOf('{'); open >= 0 && open < text.Length - 1; open = text.IndexOf('{', open + 1))
        {
            if (text[open + 1] == '{')
            {
                open++;
                continue;
            }

            var close = text.IndexOf('}', open);
            var colon = text.IndexOf(':', open);
            if (close > 0 && colon > 0 && colon < close && !KeepsSeconds(text.Substring(colon + 1, close - colon - 1)))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The one value a field or property of source can hold, read from its declaration: a <c>const</c> or <c>readonly</c> field
/// with an initializer (<c>static readonly string UpdateDir = Path.Combine(Path.GetTempPath(), "app")</c>), or a get-only
/// property whose getter is one expression (<c>string CacheDir =&gt; Path.Combine(Root, "cache")</c>,
/// <c>get { return …; }</c>) or that has an initializer and no setter. A constructor may still assign a readonly field
/// that has an initializer; that is rare and not checked. Null when there is no such value, or it does not bind.
/// </summary>
internal static class MemberValues
{
    public static IOperation? FixedValueOf(IOperation reference)
    {
        try
        {
            var (member, compilation) = reference switch
            {
                IFieldReferenceOperation { Field: { } field } when field.IsConst || field.IsReadOnly => ((ISymbol)field, reference.SemanticModel?.Compilation),
                IPropertyReferenceOperation { Property: { SetMethod: null, IsIndexer: false } property } => (property, reference.SemanticModel?.Compilation),
                _ => (null, null),
            };
            if (member is null || compilation is null || member.DeclaringSyntaxReferences.Length != 1 || IsAssignedInConstructor(member))
            {
                return null;
            }

            var syntax = member.DeclaringSyntaxReferences[0].GetSyntax();
            var expression = syntax switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value } => value,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { ExpressionBody.Expression: { } body } => body,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { Initializer.Value: { } initial } => initial,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { AccessorList.Accessors: { Count: 1 } accessors } => GetterValue(accessors[0]),
                _ => null,
            };
            if (expression is null || !compilation.ContainsSyntaxTree(expression.SyntaxTree))
            {
                return null;
            }

            var model = ReferenceEquals(reference.SemanticModel!.SyntaxTree, expression.SyntaxTree)
                ? reference.SemanticModel
                : compilation.GetSemanticModel(expression.SyntaxTree);
            return model.GetOperation(expression);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            // Broken code or a declaration the model cannot read: no value.
            return null;
        }
    }

    private const int MaxConstructorNodes = 4096;

    // readonly string _dir = …; public C(string d) { if (x) _dir = d; }: a constructor may give it another value.
    private static bool IsAssignedInConstructor(ISymbol member)
    {
        if (member is not IFieldSymbol { IsConst: false } field || field.ContainingType is not { } type)
        {
            return false;
        }

        var seen = 0;
        foreach (var constructor in type.Constructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                foreach (var node in reference.GetSyntax().DescendantNodes())
                {
                    if (++seen > MaxConstructorNodes)
                    {
                        return true;
                    }

                    if (node is Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax { Left: var left } &&
                        (left is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: var name } && name == field.Name ||
                         left is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: var accessed } && accessed == field.Name))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax? GetterValue(Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax getter) =>
        getter switch
        {
            { ExpressionBody.Expression: { } body } => body,
            { Body.Statements: { Count: 1 } statements } when statements[0] is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax { Expression: { } returned } => returned,
            _ => null,
        };
}

/// <summary>
/// What the calls of a private method hand one of its parameters: the arguments of every call in the method's own type
/// (all its partial declarations), read from syntax and bound on demand. Null when there is none, when the method is not
/// private (callers may be anywhere), when it is used other than by a direct call (a method group, a delegate), when a
/// call does not bind to it, or when the type is too large to read within the budget. Calls the method makes to itself
/// (recursion into sub-folders) are left out: they pass what it was given, or something inside it.
/// </summary>
internal static class CallerArguments
{
    private const int MaxNodes = 40_000;
    private const int MaxCalls = 16;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IParameterSymbol, Found> Cache = new();

    // What was found for one parameter (null: no callers in sight), kept while the compilation's symbols live.
    private sealed class Found
    {
        public Found(IReadOnlyList<IOperation>? arguments) => Arguments = arguments;

        public IReadOnlyList<IOperation>? Arguments { get; }
    }

    public static IReadOnlyList<IOperation>? Of(IParameterReferenceOperation reference)
    {
        if (Cache.TryGetValue(reference.Parameter, out var known))
        {
            return known.Arguments;
        }

        var found = Find(reference);
        try
        {
            Cache.Add(reference.Parameter, new Found(found));
        }
        catch (System.ArgumentException)
        {
            // Another thread was first: same answer.
        }

        return found;
    }

    private static IReadOnlyList<IOperation>? Find(IParameterReferenceOperation reference)
    {
        try
        {
            var parameter = reference.Parameter;
            if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Private } method ||
                method.ContainingType is not { } type || reference.SemanticModel?.Compilation is not { } compilation ||
                parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                return null;
            }

            var arguments = new List<IOperation>();
            var nodes = 0;
            foreach (var typeDeclaration in type.DeclaringSyntaxReferences)
            {
                var root = typeDeclaration.GetSyntax();
                SemanticModel? model = null;
                foreach (var node in root.DescendantNodes())
                {
                    if (++nodes > MaxNodes)
                    {
                        return null;
                    }

                    if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax name || name.Identifier.ValueText != method.Name)
                    {
                        continue;
                    }

                    var invocation = InvocationOf(name);
                    if (invocation is null)
                    {
                        // Used as a method group or delegate: its callers are out of sight.
                        return null;
                    }

                    if (IsInside(invocation.Span, typeDeclaration.SyntaxTree, method))
                    {
                        continue;
                    }

                    model ??= ReferenceEquals(reference.SemanticModel.SyntaxTree, root.SyntaxTree)
                        ? reference.SemanticModel
                        : compilation.GetSemanticModel(root.SyntaxTree);
                    if (model.GetOperation(invocation) is not IInvocationOperation call ||
                        !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method.OriginalDefinition))
                    {
                        return null;
                    }

                    IOperation? given = null;
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Parameter is { } target && target.Ordinal == parameter.Ordinal)
                        {
                            given = argument.Value.WalkDownConversions();
                        }
                    }

                    if (given is null || arguments.Count >= MaxCalls)
                    {
                        return null;
                    }

                    arguments.Add(given);
                }
            }

            return arguments.Count == 0 ? null : arguments;
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            // Broken code the model cannot read: callers unknown.
            return null;
        }
    }

    // The invocation whose called name is `name` (M(x), this.M(x), Type.M(x)), or null when the name is used otherwise.
    private static Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax? InvocationOf(Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax name)
    {
        SyntaxNode expression = name;
        if (name.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access && access.Name == name)
        {
            expression = access;
        }

        return expression.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation && invocation.Expression == expression
            ? invocation
            : null;
    }

    private static bool IsInside(Microsoft.CodeAnalysis.Text.TextSpan span, SyntaxTree tree, IMethodSymbol method)
    {
        foreach (var declaration in method.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree == tree && declaration.Span.Contains(span))
            {
                return true;
            }
        }

        return false;
    }
}
