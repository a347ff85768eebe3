using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The <see cref="LocalAssignments"/> of the bodies in one operation block, each collected the first
/// time a rule asks and then reused. Create one per <c>OperationBlockStartAction</c>; it allocates
/// nothing until asked, since most blocks never are.
/// </summary>
/// <remarks>
/// The body an operation belongs to is found by walking up to the root once per operation: the root of every operation
/// passed on the way is remembered, so asking for each of 10,000 nested operations costs 10,000 steps, not 10,000².
/// </remarks>
internal sealed class BodyAssignments
{
    private Dictionary<IOperation, LocalAssignments>? _byRoot;
    private Dictionary<IOperation, IOperation>? _rootOf;

    /// <summary>The assignments of the body that contains <paramref name="operation"/>.</summary>
    public LocalAssignments For(IOperation operation)
    {
        lock (this)
        {
            _byRoot ??= new Dictionary<IOperation, LocalAssignments>();
            var root = RootOf(operation);
            if (!_byRoot.TryGetValue(root, out var assignments))
            {
                assignments = LocalAssignments.Collect(root);
                _byRoot.Add(root, assignments);
            }

            return assignments;
        }
    }

    private IOperation RootOf(IOperation operation)
    {
        _rootOf ??= new Dictionary<IOperation, IOperation>();
        var passed = new List<IOperation>();
        var current = operation;
        IOperation? root = null;
        while (true)
        {
            if (_rootOf.TryGetValue(current, out var known))
            {
                root = known;
                break;
            }

            passed.Add(current);
            if (current.Parent is null)
            {
                root = current;
                break;
            }

            current = current.Parent;
        }

        foreach (var node in passed)
        {
            _rootOf[node] = root;
        }

        return root;
    }
}
