using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The <see cref="LocalAssignments"/> of the bodies in one operation block, each collected the first
/// time a rule asks and then reused. Create one per <c>OperationBlockStartAction</c>; it allocates
/// nothing until asked, since most blocks never are.
/// </summary>
internal sealed class BodyAssignments
{
    private Dictionary<IOperation, LocalAssignments>? _byRoot;

    /// <summary>The assignments of the body that contains <paramref name="operation"/>.</summary>
    public LocalAssignments For(IOperation operation)
    {
        var root = operation.BodyRoot();
        lock (this)
        {
            _byRoot ??= new Dictionary<IOperation, LocalAssignments>();
            if (!_byRoot.TryGetValue(root, out var assignments))
            {
                assignments = LocalAssignments.Collect(root);
                _byRoot.Add(root, assignments);
            }

            return assignments;
        }
    }
}
