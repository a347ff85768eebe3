using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// What one executable body (with its lambdas and local functions) does to paths, so rules can ask:
/// is this path temporary, was it backed up or moved aside first, did this body create it, is it
/// moved into place afterwards? Build it with <see cref="FileSystemActivityCollector"/>.
/// </summary>
/// <remarks>
/// "Before" and "after" are source order inside the body (an argument runs before the call that takes it),
/// an approximation that is right for straight-line update code and generous inside loops.
/// </remarks>
internal sealed class FileSystemActivity
{
    private readonly FileSystemSymbols _symbols;
    private readonly ImmutableArray<FileSystemCall> _calls;
    private readonly ImmutableArray<IOperation> _blocks;
    private readonly BodyAssignments _assignments = new();
    private ImmutableArray<IInvocationOperation> _otherInvocations;

    internal FileSystemActivity(FileSystemSymbols symbols, ImmutableArray<FileSystemCall> calls, ImmutableArray<IOperation> blocks)
    {
        _symbols = symbols;
        _calls = calls;
        _blocks = blocks;
    }

    /// <summary>Every watched call of the body, in source order.</summary>
    public ImmutableArray<FileSystemCall> Calls => _calls;

    /// <summary>
    /// True when <paramref name="path"/> is derived in this body from a fresh temporary path
    /// (<c>Path.GetTempPath</c>, <c>GetTempFileName</c>, <c>GetRandomFileName</c>, <c>Directory.CreateTempSubdirectory</c>).
    /// </summary>
    public bool IsTemporary(IOperation path) => DerivesFrom(path, _symbols.IsTemporaryPathOrigin);

    /// <summary>
    /// True when, before <paramref name="at"/>, the body copies, moves or replaces <paramref name="path"/> (or a
    /// directory it lies in) away, replaces it keeping a backup, or passes it to a configured backup method.
    /// </summary>
    public bool IsBackedUpBefore(IOperation path, IOperation at, NameVocabulary backupMethods)
    {
        foreach (var call in _calls)
        {
            if (!RunsBefore(call.Operation, at))
            {
                continue;
            }

            var savesSubject = call.Api.Action is FileSystemAction.Copy or FileSystemAction.Move or FileSystemAction.Replace &&
                               call.Subject is { } source && IsSameOrInside(path, source);
            var keepsBackupOfDestination = call.Api.Action == FileSystemAction.Replace && call.Backup is not null &&
                                           call.Destination is { } replaced && IsSameOrInside(path, replaced);
            if (savesSubject || keepsBackupOfDestination)
            {
                return true;
            }
        }

        foreach (var invocation in OtherInvocations())
        {
            if (!RunsBefore(invocation, at) || !backupMethods.Matches(invocation.TargetMethod.Name))
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && IsSameOrInside(path, argument.Value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when, before <paramref name="at"/>, the body itself created <paramref name="path"/>: wrote or created it,
    /// created it as a directory, or made it the destination of a copy, move or replace backup. Such a path is a
    /// staging or backup artifact of this body, not an existing file.
    /// </summary>
    public bool IsCreatedBefore(IOperation path, IOperation at)
    {
        foreach (var call in _calls)
        {
            if (!RunsBefore(call.Operation, at))
            {
                continue;
            }

            var created = call.Api.Action switch
            {
                FileSystemAction.Write when call.Creates => call.Subject,
                FileSystemAction.CreateDirectory => call.Subject,
                FileSystemAction.Copy or FileSystemAction.Move => call.Destination,
                FileSystemAction.Replace => call.Backup,
                _ => null,
            };
            if (created is not null && IsSame(path, created))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when, after <paramref name="at"/>, the body moves <paramref name="path"/> (or a directory it lies in)
    /// onto another path: <c>File.Move</c>, <c>File.Replace</c>, <c>Directory.Move</c>, <c>FileInfo.MoveTo</c>…
    /// That makes the path a staging copy of its final destination.
    /// </summary>
    public bool IsMovedIntoPlaceAfter(IOperation path, IOperation at)
    {
        foreach (var call in _calls)
        {
            if (call.Api.Action is FileSystemAction.Move or FileSystemAction.Replace &&
                RunsAfter(call.Operation, at) &&
                call.Subject is { } source &&
                IsSameOrInside(path, source))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when, after <paramref name="at"/>, the body changes <paramref name="path"/> itself: deletes it, writes it in
    /// place, or makes it the destination of a move, a replace or an overwriting copy. A copy of such a path made just
    /// before is its backup.
    /// </summary>
    public bool IsChangedAfter(IOperation path, IOperation at)
    {
        foreach (var call in _calls)
        {
            if (!RunsAfter(call.Operation, at))
            {
                continue;
            }

            var changed = call.Api.Action switch
            {
                FileSystemAction.Delete => call.Subject,
                FileSystemAction.Write when call.WritesInPlace => call.Subject,
                FileSystemAction.Move or FileSystemAction.Replace => call.Destination,
                FileSystemAction.Copy when call.OverwritesDestination => call.Destination,
                _ => null,
            };
            if (changed is not null && IsSame(path, changed))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the two path operands denote the same path (looking through <c>new FileInfo(path)</c> and <c>.FullName</c>).</summary>
    public bool IsSame(IOperation path, IOperation other)
    {
        var a = Unwrap(path);
        var b = Unwrap(other);
        return SamePath.Equals(path, other) || SamePath.Equals(a, other) || SamePath.Equals(path, b) || SamePath.Equals(a, b);
    }

    /// <summary>
    /// True when <paramref name="path"/> is <paramref name="container"/> or is built from it (<c>Path.Combine(container, name)</c>).
    /// A path that goes up a level on the way (<c>Path.GetDirectoryName(container)</c>) may be above it, so it is not inside.
    /// </summary>
    public bool IsSameOrInside(IOperation path, IOperation container)
    {
        if (IsSame(path, container))
        {
            return true;
        }

        var unwrapped = Unwrap(path);
        return !DerivesFrom(unwrapped, _symbols.IsParentPath) && DerivesFrom(unwrapped, candidate => IsSame(candidate, container));
    }

    /// <summary>
    /// <see cref="LocalAssignments.DerivesFrom"/> over this body, plus: the variable of a foreach loop derives from the
    /// collection it walks, so <c>foreach (var f in Directory.GetFiles(dir))</c> yields paths inside dir.
    /// </summary>
    internal bool DerivesFrom(IOperation path, Func<IOperation, bool> isOrigin)
    {
        var assignments = AssignmentsOf(path);
        if (assignments.DerivesFrom(path, isOrigin))
        {
            return true;
        }

        return path.WalkDownConversions() is ILocalReferenceOperation local &&
               LoopOver(local) is { } loop &&
               assignments.DerivesFrom(loop.Collection, isOrigin);
    }

    private static IForEachLoopOperation? LoopOver(ILocalReferenceOperation local)
    {
        for (var current = local.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && loop.Locals.Contains(local.Local, SymbolEqualityComparer.Default))
            {
                return loop;
            }
        }

        return null;
    }

    // Calls of unwatched methods that take arguments: the candidates for configured backup methods.
    // Found only when a rule asks, so bodies without a finding never pay for the walk.
    private ImmutableArray<IInvocationOperation> OtherInvocations()
    {
        if (_otherInvocations.IsDefault)
        {
            var found = ImmutableArray.CreateBuilder<IInvocationOperation>();
            foreach (var block in _blocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation { Arguments.Length: > 0 } invocation && _symbols.Find(invocation.TargetMethod) is null)
                    {
                        found.Add(invocation);
                    }
                }
            }

            _otherInvocations = found.ToImmutable();
        }

        return _otherInvocations;
    }

    private IOperation Unwrap(IOperation path)
    {
        var current = path.WalkDownConversions();
        for (var depth = 0; depth < 4; depth++)
        {
            IOperation? next = current switch
            {
                // info.FullName is the path the info object wraps.
                IPropertyReferenceOperation { Instance: { } owner } reference when _symbols.IsFullName(reference.Property) => owner,
                ILocalReferenceOperation local => SingleValue(local),
                _ => _symbols.WrappedPath(current),
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

    private IOperation? SingleValue(ILocalReferenceOperation local)
    {
        var assignments = AssignmentsOf(local);
        var values = assignments.ValuesOf(local.Local);
        return values.Count == 1 && !assignments.HasUnknownValue(local.Local) ? values[0] : null;
    }

    private LocalAssignments AssignmentsOf(IOperation operation) => _assignments.For(operation);

    private static bool RunsBefore(IOperation candidate, IOperation at) =>
        !ReferenceEquals(candidate, at) &&
        (candidate.Syntax.SpanStart < at.Syntax.SpanStart || at.Syntax.Span.Contains(candidate.Syntax.Span)) &&
        candidate.Syntax.SyntaxTree == at.Syntax.SyntaxTree;

    private static bool RunsAfter(IOperation candidate, IOperation at) =>
        !ReferenceEquals(candidate, at) &&
        candidate.Syntax.SpanStart > at.Syntax.SpanStart &&
        !at.Syntax.Span.Contains(candidate.Syntax.Span) &&
        candidate.Syntax.SyntaxTree == at.Syntax.SyntaxTree;
}

/// <summary>
/// Collects what one operation block does with paths, from operation actions (which may run concurrently): the watched
/// file-system calls, and the values it gives the fields and properties of its type (for <see cref="TemporaryMembers"/>).
/// </summary>
internal sealed class FileSystemActivityCollector
{
    private static readonly ImmutableArray<OperationKind> MemberWriteKinds = ImmutableArray.Create(
        OperationKind.SimpleAssignment, OperationKind.CoalesceAssignment, OperationKind.CompoundAssignment,
        OperationKind.DeconstructionAssignment, OperationKind.FieldInitializer, OperationKind.PropertyInitializer);

    private static readonly ImmutableArray<OperationKind> AllKinds =
        MemberWriteKinds.AddRange(OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.MethodReference);

    private readonly FileSystemSymbols _symbols;
    private readonly TemporaryMembers _members;
    private readonly List<FileSystemCall> _calls = new();
    private readonly List<(ISymbol Member, IOperation? Value)> _memberWrites = new();
    private FileSystemActivity? _activity;

    /// <summary>A collector for one operation block of the type whose members <paramref name="members"/> tracks.</summary>
    internal FileSystemActivityCollector(FileSystemSymbols symbols, TemporaryMembers members)
    {
        _symbols = symbols;
        _members = members;
    }

    /// <summary>
    /// Registers, for every named type of the compilation and each of its operation blocks, a collector and
    /// <paramref name="analyzeBlock"/> to run at the end of the block with it and the type's <see cref="TemporaryMembers"/>,
    /// through which the rule reports. Findings held by those are reported at the end of the type. A block that cannot
    /// be update code (with the rule's <paramref name="scope"/> at its default) only has its member writes collected.
    /// </summary>
    public static void RegisterPerType(
        CompilationStartAnalysisContext context,
        FileSystemSymbols symbols,
        UpdateCodeClassifier classifier,
        Func<ChangeGateOptions, RuleScope> scope,
        Action<OperationBlockAnalysisContext, FileSystemActivityCollector, TemporaryMembers> analyzeBlock)
    {
        context.RegisterSymbolStartAction(
            type =>
            {
                var members = new TemporaryMembers((INamedTypeSymbol)type.Symbol, symbols);
                type.RegisterOperationBlockStartAction(block =>
                {
                    var collector = new FileSystemActivityCollector(symbols, members);
                    var kinds = MayBeUpdateCode(block.OwningSymbol, block.OperationBlocks, block.Options, classifier, scope) ? AllKinds : MemberWriteKinds;
                    block.RegisterOperationAction(operation => collector.Collect(operation.Operation), kinds);
                    block.RegisterOperationBlockEndAction(end =>
                    {
                        collector.RecordMemberWrites(end);
                        analyzeBlock(end, collector, members);
                    });
                });
                type.RegisterSymbolEndAction(members.ReportHeld);
            },
            SymbolKind.NamedType);
    }

    // The member, an enclosing type, or a local function declared in the block may be update code (decided once per
    // member by the shared classifier, for CG1001 and CG1002 alike).
    private static bool MayBeUpdateCode(
        ISymbol owningSymbol, ImmutableArray<IOperation> blocks, AnalyzerOptions analyzerOptions, UpdateCodeClassifier classifier, Func<ChangeGateOptions, RuleScope> scope)
    {
        if (blocks.IsEmpty)
        {
            return false;
        }

        var options = ChangeGateOptions.For(analyzerOptions, blocks[0].Syntax.SyntaxTree);
        return scope(options) == RuleScope.All || classifier.MayContainUpdateCode(owningSymbol, blocks, options);
    }

    /// <summary>Records <paramref name="operation"/> when it calls a watched member or writes a member of the type.</summary>
    public void Collect(IOperation operation)
    {
        switch (operation)
        {
            case IAssignmentOperation assignment when _members.CandidateOf(assignment.Target) is { } member:
                // x = value and x ??= value give x that value; x += value does not.
                AddWrite(member, assignment is ICompoundAssignmentOperation ? null : assignment.Value);
                return;
            case IDeconstructionAssignmentOperation deconstruction:
                foreach (var target in deconstruction.Target.DescendantsAndSelf())
                {
                    if (_members.CandidateOf(target) is { } element)
                    {
                        AddWrite(element, null);
                    }
                }

                return;
            case IFieldInitializerOperation initializer:
                foreach (var field in initializer.InitializedFields)
                {
                    AddInitializer(field, initializer.Value);
                }

                return;
            case IPropertyInitializerOperation initializer:
                foreach (var property in initializer.InitializedProperties)
                {
                    AddInitializer(property, initializer.Value);
                }

                return;
        }

        if (_symbols.Classify(operation) is { } call)
        {
            lock (_calls)
            {
                _calls.Add(call);
            }
        }
    }

    /// <summary>True when some collected call satisfies <paramref name="predicate"/>; rules bail out early when none does.</summary>
    public bool Any(Func<FileSystemCall, bool> predicate)
    {
        lock (_calls)
        {
            foreach (var call in _calls)
            {
                if (predicate(call))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The activity of the block made of <paramref name="blocks"/>, with calls in source order; built once.</summary>
    public FileSystemActivity Build(ImmutableArray<IOperation> blocks)
    {
        lock (_calls)
        {
            if (_activity is null)
            {
                var calls = _calls.ToImmutableArray().Sort(static (x, y) => x.Operation.Syntax.SpanStart.CompareTo(y.Operation.Syntax.SpanStart));
                _activity = new FileSystemActivity(_symbols, calls, blocks);
            }

            return _activity;
        }
    }

    private void RecordMemberWrites(OperationBlockAnalysisContext context)
    {
        List<(ISymbol, IOperation?)> writes;
        lock (_memberWrites)
        {
            writes = new List<(ISymbol, IOperation?)>(_memberWrites);
        }

        var isGetter = context.OwningSymbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet };
        if (writes.Count > 0 || isGetter)
        {
            _members.Record(context.OwningSymbol, writes, Build(context.OperationBlocks), context.OperationBlocks);
        }
    }

    private void AddInitializer(ISymbol member, IOperation value)
    {
        if (_members.IsCandidate(member))
        {
            AddWrite(member, value);
        }
    }

    private void AddWrite(ISymbol member, IOperation? value)
    {
        lock (_memberWrites)
        {
            _memberWrites.Add((member, value));
        }
    }
}
