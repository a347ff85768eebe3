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
