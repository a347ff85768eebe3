using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Collects what one operation block does with paths, from operation actions (which may run concurrently): the watched
/// file-system calls (also those that did not bind, and calls of configured file-system wrappers), the other calls (for
/// backup methods, producers and checks), and the values it gives the fields and properties of its type (for
/// <see cref="TemporaryMembers"/>).
/// </summary>
internal sealed class FileSystemActivityCollector
{
    private static readonly ImmutableArray<OperationKind> MemberWriteKinds = ImmutableArray.Create(
        OperationKind.SimpleAssignment, OperationKind.CoalesceAssignment, OperationKind.CompoundAssignment,
        OperationKind.DeconstructionAssignment, OperationKind.FieldInitializer, OperationKind.PropertyInitializer);

    private static readonly ImmutableArray<OperationKind> AllKinds =
        MemberWriteKinds.AddRange(OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.MethodReference, OperationKind.Invalid);

    private static readonly Comparison<FileSystemCall> CallsBySource = static (x, y) => x.Operation.Start().CompareTo(y.Operation.Start());

    private static readonly Comparison<IOperation> OtherCallsBySource = static (x, y) => x.Start().CompareTo(y.Start());

    private readonly FileSystemSymbols _symbols;
    private readonly TemporaryMembers _members;
    private readonly ChangeGateOptions _options;
    private readonly List<FileSystemCall> _calls = new();
    private readonly List<IOperation> _otherCalls = new();
    private readonly List<(ISymbol Member, IOperation? Value)> _memberWrites = new();
    private readonly ISymbol? _owner;
    private FileSystemActivity? _activity;

    /// <summary>A collector for one operation block of the type whose members <paramref name="members"/> tracks.</summary>
    internal FileSystemActivityCollector(FileSystemSymbols symbols, TemporaryMembers members, ChangeGateOptions? options = null, ISymbol? owner = null)
    {
        _symbols = symbols;
        _members = members;
        _options = options ?? ChangeGateOptions.Default;
        _owner = owner?.OriginalDefinition;
    }

    /// <summary>
    /// Registers, for every named type of the compilation and each of its operation blocks, a collector and
    /// <paramref name="analyzeBlock"/> to run at the end of the block with it and the type's <see cref="TemporaryMembers"/>,
    /// through which the rule reports. Findings held by those are reported at the end of the type. A block that cannot
    /// be update code (with the rule's <paramref name="scope"/> at its default) only has its member writes collected.
    /// </summary>
    /// <remarks>
    /// The file-system symbols are resolved (once per compilation, <see cref="FileSystemSymbols.Resolve(Compilation)"/>) only
    /// when a type may hold update code, and the rule registers nothing when <paramref name="watches"/> says the compilation
    /// references none of the members it looks for: a compilation with no update code never looks them up.
    /// </remarks>
    public static void RegisterPerType(
        CompilationStartAnalysisContext context,
        Func<FileSystemSymbols, bool> watches,
        UpdateCodeClassifier classifier,
        Func<ChangeGateOptions, RuleScope> scope,
        Action<OperationBlockAnalysisContext, FileSystemActivityCollector, TemporaryMembers> analyzeBlock)
    {
        context.RegisterSymbolStartAction(
            type =>
            {
                // Most types of most compilations hold no update code: then none of their blocks could hold a finding, and
                // registering nothing for them spares a callback per block and per assignment.
                if (!MayHoldUpdateCode((INamedTypeSymbol)type.Symbol, type.Options, classifier, scope))
                {
                    return;
                }

                var symbols = FileSystemSymbols.Resolve(type.Compilation);
                if (!watches(symbols))
                {
                    return;
                }

                var members = new TemporaryMembers((INamedTypeSymbol)type.Symbol, symbols);
                type.RegisterOperationBlockStartAction(block =>
                {
                    var options = block.OperationBlocks.IsEmpty ? ChangeGateOptions.Default : ChangeGateOptions.For(block.Options, block.OperationBlocks[0].Syntax.SyntaxTree);
                    var collector = new FileSystemActivityCollector(symbols, members, options, block.OwningSymbol);
                    var kinds = MayBeUpdateCode(block.OwningSymbol, block.OperationBlocks, options, classifier, scope) ? AllKinds : MemberWriteKinds;
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
            case IAssignmentOperation:
                return;
        }

        if (_symbols.Classify(operation) is { } call)
        {
            lock (_calls)
            {
                _calls.Add(call);
            }

            return;
        }

        // Every other call is kept as it is; what it says (backup method, producer, check) is read only if a rule asks.
        if (NamedCall.NameOf(operation) is not { } name)
        {
            return;
        }

        if (WrapperCalls.MayBeWrapper(name, _options) && NamedCall.From(operation) is { } named &&
            WrapperCalls.Classify(named, _symbols, _options) is { } wrapper)
        {
            lock (_calls)
            {
                _calls.Add(wrapper);
            }

            return;
        }

        // A helper of this compilation that deletes, writes or copies a path it is given acts like that call here (not a
        // recursive call of this member: its own calls are judged in this very body).
        if (operation is IInvocationOperation invocation &&
            !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, _owner))
        {
            var helperCalls = _symbols.Helpers.CallsOf(operation, _options);
            if (!helperCalls.IsEmpty)
            {
                lock (_calls)
                {
                    _calls.AddRange(helperCalls);
                }

                return;
            }
        }

        lock (_otherCalls)
        {
            _otherCalls.Add(operation);
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
                var calls = _calls.ToImmutableArray().Sort(CallsBySource);
                ImmutableArray<IOperation> others;
                lock (_otherCalls)
                {
                    others = _otherCalls.ToImmutableArray().Sort(OtherCallsBySource);
                }

                _activity = new FileSystemActivity(_symbols, calls, others);
            }

            return _activity;
        }
    }

    // Some block of the type may be update code (or the rule looks everywhere), under the options of any tree the type is in.
    private static bool MayHoldUpdateCode(
        INamedTypeSymbol type, AnalyzerOptions analyzerOptions, UpdateCodeClassifier classifier, Func<ChangeGateOptions, RuleScope> scope)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return true;
        }

        ChangeGateOptions? previous = null;
        foreach (var reference in references)
        {
            var options = ChangeGateOptions.For(analyzerOptions, reference.SyntaxTree);
            if (ReferenceEquals(options, previous))
            {
                continue;
            }

            previous = options;
            if (scope(options) == RuleScope.All || classifier.TypeMayContainUpdateCode(type, options))
            {
                return true;
            }
        }

        return false;
    }

    // The member, an enclosing type, or a local function declared in the block may be update code.
    private static bool MayBeUpdateCode(
        ISymbol owningSymbol, ImmutableArray<IOperation> blocks, ChangeGateOptions options, UpdateCodeClassifier classifier, Func<ChangeGateOptions, RuleScope> scope)
    {
        if (blocks.IsEmpty)
        {
            return false;
        }

        return scope(options) == RuleScope.All || classifier.MayContainUpdateCode(owningSymbol, blocks, options);
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
