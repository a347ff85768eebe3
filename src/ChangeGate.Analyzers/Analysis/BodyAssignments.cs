using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The <see cref="LocalAssignments"/> of the bodies in one operation block, each collected the first
/// time a rule asks and then reused. Create one per <c>OperationBlockStartAction</c>.
/// </summary>
internal sealed class BodyAssignments
{
    private readonly ConcurrentDictionary<IOperation, LocalAssignments> _byRoot = new();

    /// <summary>The assignments of the body that contains <paramref name="operation"/>.</summary>
    public LocalAssignments For(IOperation operation) =>
        _byRoot.GetOrAdd(operation.BodyRoot(), static root => LocalAssignments.Collect(root));
}
