using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// A collection of targets whose type does not resolve (a repository or a framework the compilation cannot see, as in
/// <c>var tenants = _tenantRepository.GetAllList(); for (var i = 0; i &lt; tenants.Count; i++)</c>): a loop condition that counts
/// it still says the loop goes over its elements. Only a count (<c>Count</c>, <c>Length</c>, <c>LongLength</c>, <c>Count()</c>) of a
/// reference named in the plural for targets counts: a single unresolved target (<c>while (host.IsBusy)</c>) is no collection.
/// </summary>
internal static class UnresolvedTargetCollections
{
    /// <summary>True when <paramref name="read"/>, an unresolved reference in a loop condition, is a counted collection of targets.</summary>
    public static bool IsCountedTargetCollection(IOperation read, NameVocabulary targets)
    {
        if (read.Type is not (null or IErrorTypeSymbol) ||
            read.Syntax.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" or "Length" or "LongLength" } access ||
            access.Expression != read.Syntax)
        {
            return false;
        }

        var name = DeploymentTargets.NameOf(read);
        return name is { Length: > 1 } && (name.EndsWith("s", System.StringComparison.Ordinal) || name.EndsWith("List", System.StringComparison.Ordinal)) &&
               DeploymentTargets.IsTargetName(name, targets);
    }
}
