using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The conditions known to hold, or known not to hold, when an operation runs: the conditions of the <c>if</c>s (and
/// <c>?:</c>) it sits in, and those of earlier early exits in the blocks around it (<c>if (x) continue;</c>,
/// <c>if (x) return;</c>, <c>if (x) throw …;</c> leave <c>x</c> false after them). <c>!</c>, <c>&amp;&amp;</c> and
/// <c>||</c> are split, so <c>if (!a &amp;&amp; b)</c> yields "a is false" and "b is true".
/// </summary>
/// <remarks>
/// The walk stops at a local function (it may be called from anywhere) and goes on through lambdas. The early exits of a
/// block are found once per block and kept, so asking for every call of a block with thousands of statements stays linear.
/// One instance per operation block; not thread-safe (<see cref="FileSystemActivity"/> locks around it).
/// </remarks>
internal sealed class ControllingConditions
{
    private readonly Dictionary<IBlockOperation, List<(int Start, IOperation Condition)>> _exits = new();

    /// <summary>The conditions around <paramref name="at"/>, innermost first, with whether each holds there.</summary>
    public IReadOnlyList<(IOperation Condition, bool Holds)> Of(IOperation at)
    {
        var found = new List<(IOperation, bool)>();
        var current = at;
        for (var parent = at.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case ILocalFunctionOperation:
                    return found;
                case IConditionalOperation conditional when ReferenceEquals(conditional.WhenTrue, current):
                    Split(conditional.Condition, true, found);
                    break;
                case IConditionalOperation conditional when ReferenceEquals(conditional.WhenFalse, current):
                    Split(conditional.Condition, false, found);
                    break;
                case IBlockOperation block:
                    foreach (var (start, condition) in ExitsOf(block))
                    {
                        if (start >= current.Start())
                        {
                            break;
                        }

                        Split(condition, false, found);
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>Adds <paramref name="condition"/> with <paramref name="holds"/>, split at <c>!</c>, <c>&amp;&amp;</c> (when true) and <c>||</c> (when false).</summary>
    public static void Split(IOperation condition, bool holds, List<(IOperation Condition, bool Holds)> into)
    {
        var pending = new Stack<(IOperation, bool)>();
        pending.Push((condition, holds));
        while (pending.Count > 0)
        {
            var (current, value) = pending.Pop();
            current = current.WalkDownConversions();
            switch (current)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    pending.Push((not.Operand, !value));
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when value:
                    pending.Push((both.RightOperand, true));
                    pending.Push((both.LeftOperand, true));
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when !value:
                    pending.Push((either.RightOperand, false));
                    pending.Push((either.LeftOperand, false));
                    break;
                default:
                    into.Add((current, value));
                    break;
            }
        }
    }

    private List<(int Start, IOperation Condition)> ExitsOf(IBlockOperation block)
    {
        if (!_exits.TryGetValue(block, out var exits))
        {
            exits = new List<(int, IOperation)>();
            foreach (var statement in block.Operations)
            {
                if (statement is IConditionalOperation { WhenFalse: null, WhenTrue: { } exit } conditional && Leaves(exit))
                {
                    exits.Add((statement.Start(), conditional.Condition));
                }
            }

            _exits[block] = exits;
        }

        return exits;
    }

    // continue, break, return or throw, alone or as the last statement of a block.
    private static bool Leaves(IOperation statement)
    {
        var last = statement is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[block.Operations.Length - 1] : statement;
        return last is IBranchOperation { BranchKind: BranchKind.Continue or BranchKind.Break } or IReturnOperation or IThrowOperation ||
               last is IExpressionStatementOperation { Operation: IThrowOperation };
    }
}
