using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Every value assigned to each local variable inside one executable body (including its lambdas and
/// local functions), and to the fields and properties of the type that the body sets. Built once per body,
/// it lets rules ask where a path came from.
/// </summary>
/// <remarks>
/// Every walk here is iterative with a visited set: a 9,000-term concatenation or a 10,000-call chain costs its size,
/// not a stack frame per level, and each node is visited at most once per question.
/// </remarks>
internal sealed class LocalAssignments
{
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _values;
    private readonly HashSet<ILocalSymbol> _assignedUnknown;
    private readonly Dictionary<ISymbol, List<IOperation>> _memberValues;
    private readonly Dictionary<ILocalSymbol, IForEachLoopOperation> _loops;
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _outSources;

    private LocalAssignments(
        Dictionary<ILocalSymbol, List<IOperation>> values,
        HashSet<ILocalSymbol> assignedUnknown,
        Dictionary<ISymbol, List<IOperation>> memberValues,
        Dictionary<ILocalSymbol, IForEachLoopOperation> loops,
        Dictionary<ILocalSymbol, List<IOperation>> outSources)
    {
        _values = values;
        _assignedUnknown = assignedUnknown;
        _memberValues = memberValues;
        _loops = loops;
        _outSources = outSources;
    }

    /// <summary>Collects the assignments below <paramref name="root"/>.</summary>
    public static LocalAssignments Collect(IOperation root)
    {
        var values = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var unknown = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var members = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var loops = new Dictionary<ILocalSymbol, IForEachLoopOperation>(SymbolEqualityComparer.Default);
        var outSources = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator:
                    Add(values, declarator.Symbol, initial);
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(values, target.Local, assignment.Value);
                    break;
                case ISimpleAssignmentOperation or ICoalesceAssignmentOperation when OwnMember(((IAssignmentOperation)operation).Target) is { } member:
                    Add(members, member, ((IAssignmentOperation)operation).Value);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref, Value: ILocalReferenceOperation byRef } byRefArgument:
                    unknown.Add(byRef.Local);
                    AddOutSource(outSources, byRef.Local, byRefArgument);
                    break;
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared, Parent: IArgumentOperation declaredArgument }:
                    // F(out var x): the declaration is the argument's value.
                    unknown.Add(declared.Local);
                    AddOutSource(outSources, declared.Local, declaredArgument);
                    break;
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declaredInBrokenCall, Parent: IInvalidOperation brokenCall }:
                    // The same in a call that did not bind: the value comes from that call.
                    unknown.Add(declaredInBrokenCall.Local);
                    Add(outSources, declaredInBrokenCall.Local, brokenCall);
                    break;
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals)
                    {
                        unknown.Add(local);
                        loops[local] = loop;
                    }

                    break;
            }
        }

        return new LocalAssignments(values, unknown, members, loops, outSources);
    }

    // TempUtil.GetTempDirectory(out var dir): the call that hands the value back is where it comes from.
    private static void AddOutSource(Dictionary<ILocalSymbol, List<IOperation>> outSources, ILocalSymbol local, IOperation argument)
    {
        if (argument.Parent is IInvocationOperation or IObjectCreationOperation)
        {
            Add(outSources, local, argument.Parent);
        }
    }

    /// <summary>The values assigned to <paramref name="local"/> in this body (empty when it is only set through out/ref or a loop).</summary>
    public IReadOnlyList<IOperation> ValuesOf(ILocalSymbol local) =>
        _values.TryGetValue(local, out var list) ? list : (IReadOnlyList<IOperation>)ImmutableArray<IOperation>.Empty;

    /// <summary>True when <paramref name="local"/> is also set in a way whose value is not visible (out/ref argument, loop variable).</summary>
    public bool HasUnknownValue(ILocalSymbol local) => _assignedUnknown.Contains(local);

    /// <summary>The <c>foreach</c> loop whose iteration variable <paramref name="local"/> is, or null.</summary>
    public IForEachLoopOperation? LoopOf(ILocalSymbol local) => _loops.TryGetValue(local, out var loop) ? loop : null;

    /// <summary>
    /// The values this body gives <paramref name="member"/>, a field or property of its own type (set on <c>this</c>, or
    /// static) with <c>=</c> or <c>??=</c>; empty when the body does not set it.
    /// </summary>
    public IReadOnlyList<IOperation> MemberValuesOf(ISymbol member) =>
        _memberValues.TryGetValue(member, out var list) ? list : (IReadOnlyList<IOperation>)ImmutableArray<IOperation>.Empty;

    /// <summary>
    /// True when the value of <paramref name="value"/> is built from an operation that satisfies
    /// <paramref name="isOrigin"/>: directly, through string building (concatenation, interpolation,
    /// <c>Path.Combine</c> and other calls that take it as an argument), or through locals assigned in this body.
    /// </summary>
    public bool DerivesFrom(IOperation value, Func<IOperation, bool> isOrigin) => Walk(value, isOrigin, extended: false);

    /// <summary>
    /// <see cref="DerivesFrom"/>, also through the fields and properties this body sets, through calls that did not bind,
    /// and from the variable of a <c>foreach</c> to the collection it walks (<c>foreach (var f in Directory.GetFiles(dir))</c>
    /// yields paths inside dir).
    /// </summary>
    public bool PathDerivesFrom(IOperation value, Func<IOperation, bool> isOrigin) => Walk(value, isOrigin, extended: true);

    /// <summary>
    /// The sources a value is built from, one step back: the values of a local (and, with <paramref name="extended"/>, the
    /// collection its loop walks and the values of the body's own members), the receiver and arguments of a call, the
    /// parts of a string. Operations are added under their conversions. <paramref name="node"/> is an operation or a symbol.
    /// </summary>
    internal void AddSources(object node, bool extended, List<object> into)
    {
        switch (node)
        {
            case ILocalSymbol local:
                AddAll(ValuesOf(local), into);
                if (extended && _loops.TryGetValue(local, out var loop))
                {
                    into.Add(loop.Collection.WalkDownConversions());
                }

                if (extended && _outSources.TryGetValue(local, out var handedBack))
                {
                    // What a call hands back through out/ref comes from the call, as a returned value does.
                    AddAll(handedBack, into);
                }

                return;
            case ISymbol member:
                AddAll(MemberValuesOf(member), into);
                return;

            case ILocalReferenceOperation reference:
                into.Add(reference.Local);
                return;
            case IInvocationOperation invocation:
                if (invocation.Instance is { } instance)
                {
                    into.Add(instance.WalkDownConversions());
                }

                foreach (var argument in invocation.Arguments)
                {
                    into.Add(argument.Value.WalkDownConversions());
                }

                return;
            case IObjectCreationOperation creation:
                foreach (var argument in creation.Arguments)
                {
                    into.Add(argument.Value.WalkDownConversions());
                }

                return;
            case IFieldReferenceOperation or IPropertyReferenceOperation when extended && OwnMember((IOperation)node) is { } own && _memberValues.ContainsKey(own):
                into.Add(own);
                return;
            case IPropertyReferenceOperation { Instance: { } propertyOwner }:
                // tempFile.FullName, tempDir.Parent…: a property of a value keeps its origin.
                into.Add(propertyOwner.WalkDownConversions());
                return;
            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (var element in initializer.ElementValues)
                {
                    into.Add(element.WalkDownConversions());
                }

                return;
            case IInvalidOperation when extended:
                foreach (var child in ((IOperation)node).ChildOperations)
                {
                    into.Add(child.WalkDownConversions());
                }

                return;
            case IOperation operation:
                foreach (var child in operation.ChildOperations)
                {
                    if (child is IBinaryOperation or IInterpolatedStringOperation or IInterpolationOperation
                            or IInterpolatedStringTextOperation or ILiteralOperation or IConversionOperation
                            or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                            or IInvocationOperation or IConditionalOperation
                            or ICoalesceOperation or IParenthesizedOperation or IPropertyReferenceOperation
                            or IObjectCreationOperation ||
                        (extended && child is IInvalidOperation or IArrayCreationOperation))
                    {
                        into.Add(child.WalkDownConversions());
                    }
                }

                return;
        }
    }

    /// <summary>The field or property of the body's own type that <paramref name="target"/> refers to (on <c>this</c>, or static), else null.</summary>
    internal static ISymbol? OwnMember(IOperation target) => target switch
    {
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

    private bool Walk(IOperation value, Func<IOperation, bool> isOrigin, bool extended)
    {
        var pending = new Stack<object>();
        var visited = new HashSet<object>(NodeComparer.Instance);
        var sources = new List<object>();
        pending.Push(value.WalkDownConversions());
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!visited.Add(node))
            {
                continue;
            }

            if (node is IOperation operation && isOrigin(operation))
            {
                return true;
            }

            sources.Clear();
            AddSources(node, extended, sources);
            for (var i = sources.Count - 1; i >= 0; i--)
            {
                pending.Push(sources[i]);
            }
        }

        return false;
    }

    private static void AddAll(IReadOnlyList<IOperation> values, List<object> into)
    {
        foreach (var value in values)
        {
            into.Add(value.WalkDownConversions());
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<IOperation>> values, TKey key, IOperation value)
        where TKey : notnull
    {
        if (!values.TryGetValue(key, out var list))
        {
            list = new List<IOperation>();
            values.Add(key, list);
        }

        list.Add(value);
    }
}

/// <summary>Equality for derivation nodes: symbols by <see cref="SymbolEqualityComparer.Default"/>, operations by reference.</summary>
internal sealed class NodeComparer : IEqualityComparer<object>
{
    public static readonly NodeComparer Instance = new();

    public new bool Equals(object? x, object? y) =>
        x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

    public int GetHashCode(object obj) => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : RuntimeHelpers.GetHashCode(obj);
}
