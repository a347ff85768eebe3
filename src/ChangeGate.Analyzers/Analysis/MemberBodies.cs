using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>What a member body does, as far as a rollback is concerned.</summary>
internal enum MemberBodyShape
{
    /// <summary>It does something (or we cannot tell).</summary>
    DoesWork,

    /// <summary>
    /// It does nothing: no statements, or only <c>return;</c>, <c>return Task.CompletedTask;</c>,
    /// <c>return default;</c>, a constant, <c>Task.FromResult(…)</c> or <c>await Task.CompletedTask</c>.
    /// </summary>
    Empty,

    /// <summary>It never completes: it ends in an unconditional <c>throw</c> and has no <c>return</c>.</summary>
    AlwaysThrows,

    /// <summary>Its only statement calls the member it overrides (<c>base.Down(migrationBuilder)</c>).</summary>
    OnlyCallsBase,
}

/// <summary>
/// Classifies member bodies for the rollback rules: does a <c>Rollback</c> or <c>Down</c> actually undo
/// anything? One instance per compilation (<see cref="For"/>): it holds the task symbols it compares against, looked up on
/// the first body that needs them, not when the compilation starts (the first lookup of a fresh compilation pays for
/// reading every reference's namespaces, which the compiler does anyway once it binds; a compilation with no update step
/// never asks).
/// </summary>
internal sealed class MemberBodies
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, MemberBodies> Shared = new();

    private readonly Compilation _compilation;
    private TaskTypes? _taskTypes;

    /// <summary>A classifier for the bodies of <paramref name="compilation"/> (tests; rules share <see cref="For"/>).</summary>
    public MemberBodies(Compilation compilation) => _compilation = compilation;

    /// <summary>The classifier of <paramref name="compilation"/>, shared by the rules that analyze it.</summary>
    public static MemberBodies For(Compilation compilation) => Shared.GetValue(compilation, static c => new MemberBodies(c));

    /// <summary>
    /// The symbol that stands for <paramref name="method"/> among its type's members: for the implementing part of a
    /// partial method (the owner of its operation block), the declaring part.
    /// </summary>
    public static IMethodSymbol Declared(IMethodSymbol method) => method.PartialDefinitionPart ?? method;

    /// <summary>True for a partial method that is declared and never implemented: the compiler removes its calls, so it does nothing.</summary>
    public static bool IsUnimplementedPartial(IMethodSymbol method) => method.IsPartialDefinition && method.PartialImplementationPart is null;

    /// <summary>
    /// Classifies the body of <paramref name="method"/> from its operation block (as given to an
    /// operation block action). A body that cannot be read counts as <see cref="MemberBodyShape.DoesWork"/>.
    /// </summary>
    public MemberBodyShape Classify(IMethodSymbol method, IEnumerable<IOperation> operationBlocks)
    {
        IBlockOperation? block = null;
        foreach (var root in operationBlocks)
        {
            block = root switch
            {
                IMethodBodyOperation body => body.BlockBody ?? body.ExpressionBody,
                IBlockOperation plain => plain,
                _ => block,
            };
            if (block is not null)
            {
                break;
            }
        }

        if (block is null)
        {
            return MemberBodyShape.DoesWork;
        }

        var statements = new List<IOperation>();
        Flatten(block, statements);
        if (statements.Count == 0)
        {
            return MemberBodyShape.Empty;
        }

        if (statements.Count == 1 && CallsOverridden(statements[0], method))
        {
            return MemberBodyShape.OnlyCallsBase;
        }

        if (IsThrow(statements[statements.Count - 1]) && !HasExplicitReturn(block))
        {
            return MemberBodyShape.AlwaysThrows;
        }

        return MemberBodyShape.DoesWork;
    }

    // The statements that do something, in order, with nested blocks opened up (without recursion: blocks can nest deeply
    // in generated code) and no-op statements left out.
    private void Flatten(IBlockOperation block, List<IOperation> statements)
    {
        var pending = new Stack<(IBlockOperation Block, int Next)>();
        pending.Push((block, 0));
        while (pending.Count > 0)
        {
            var (current, next) = pending.Pop();
            for (var i = next; i < current.Operations.Length; i++)
            {
                var statement = current.Operations[i];
                if (statement is IBlockOperation nested)
                {
                    pending.Push((current, i + 1));
                    pending.Push((nested, 0));
                    break;
                }

                if (!IsNoOp(statement))
                {
                    statements.Add(statement);
                }
            }
        }
    }

    private bool IsNoOp(IOperation statement) => statement switch
    {
        IEmptyOperation => true,
        IReturnOperation { ReturnedValue: null } => true,
        IReturnOperation { ReturnedValue: { } value } => IsNothingValue(value),
        IExpressionStatementOperation { Operation: IAwaitOperation awaited } => IsNothingValue(awaited.Operation),
        _ => false,
    };

    // A value that carries no work: a constant, default, a completed task, Task.FromResult(x).
    private bool IsNothingValue(IOperation value)
    {
        var operation = value.WalkDownConversions();
        if (operation.ConstantValue.HasValue || operation is IDefaultValueOperation)
        {
            return true;
        }

        switch (operation)
        {
            case IPropertyReferenceOperation { Instance: null } property:
                return IsTaskType(property.Property.ContainingType) && property.Property.Type is INamedTypeSymbol type && IsTaskType(type);
            case IInvocationOperation { Instance: null } invocation:
                return IsTaskType(invocation.TargetMethod.ContainingType) &&
                       invocation.TargetMethod.ReturnType is INamedTypeSymbol returned && IsTaskType(returned) &&
                       invocation.Arguments.Length == 1 && IsPlainValue(invocation.Arguments[0].Value);
            case IObjectCreationOperation { Arguments.Length: 0, Type: INamedTypeSymbol created }:
                return IsTaskType(created);
            default:
                return false;
        }
    }

    // Task.FromResult(true), Task.FromResult(result): wrapping a value in a finished task does no work.
    private static bool IsPlainValue(IOperation argument) =>
        argument.WalkDownConversions() is ILiteralOperation or IDefaultValueOperation or ILocalReferenceOperation
            or IParameterReferenceOperation or IFieldReferenceOperation || argument.ConstantValue.HasValue;

    private bool IsTaskType(INamedTypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        if (definition is null)
        {
            return false;
        }

        var tasks = _taskTypes ??= new TaskTypes(_compilation);
        return SymbolEqualityComparer.Default.Equals(definition, tasks.Task) ||
               SymbolEqualityComparer.Default.Equals(definition, tasks.TaskOfT) ||
               SymbolEqualityComparer.Default.Equals(definition, tasks.ValueTask) ||
               SymbolEqualityComparer.Default.Equals(definition, tasks.ValueTaskOfT);
    }

    // Resolved together, once (a race resolves them twice, to the same symbols).
    private sealed class TaskTypes
    {
        public TaskTypes(Compilation compilation)
        {
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }
    }

    private static bool IsThrow(IOperation statement)
    {
        var operation = statement switch
        {
            IExpressionStatementOperation expression => expression.Operation,
            IReturnOperation { ReturnedValue: { } value } => value,
            _ => statement,
        };
        return operation.WalkDownConversions() is IThrowOperation;
    }

    private static bool HasExplicitReturn(IBlockOperation block)
    {
        foreach (var operation in block.OwnOperations())
        {
            if (operation is IReturnOperation { IsImplicit: false, Kind: OperationKind.Return })
            {
                return true;
            }
        }

        return false;
    }

    private static bool CallsOverridden(IOperation statement, IMethodSymbol method)
    {
        var operation = statement switch
        {
            IExpressionStatementOperation expression => expression.Operation,
            IReturnOperation { ReturnedValue: { } value } => value,
            _ => statement,
        };
        if (operation.WalkDownConversions() is IAwaitOperation awaited)
        {
            operation = awaited.Operation;
        }

        return method.OverriddenMethod is { } overridden &&
               operation.WalkDownConversions() is IInvocationOperation { Instance: IInstanceReferenceOperation } invocation &&
               SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, overridden.OriginalDefinition);
    }
}
