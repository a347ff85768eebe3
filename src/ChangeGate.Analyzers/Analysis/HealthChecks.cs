using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Finds health checks (<c>changegate.health_methods</c>: HealthCheck, IsHealthy, Verify, Probe,
/// WaitForHealthy by default) — calls, method groups or properties such as <c>server.IsHealthy</c>.
/// </summary>
internal static class HealthChecks
{
    /// <summary>
    /// True when <paramref name="root"/> contains a health check outside <paramref name="excluded"/>
    /// (for example: in an enclosing loop, but not in the fan-out that the loop contains).
    /// </summary>
    public static bool Contains(IOperation root, UpdateCodeClassifier classifier, ChangeGateOptions options, IOperation? excluded = null)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            ISymbol? symbol = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IMethodReferenceOperation reference => reference.Method,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };
            if (symbol is not null && classifier.IsHealthCheck(symbol, options) && (excluded is null || !operation.IsWithin(excluded)))
            {
                return true;
            }
        }

        return false;
    }
}
