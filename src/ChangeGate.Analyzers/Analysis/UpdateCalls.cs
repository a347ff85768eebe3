using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Finds calls to update code (as <see cref="UpdateCodeClassifier"/> decides it) in a piece of code.</summary>
internal static class UpdateCalls
{
    /// <summary>
    /// The first method below <paramref name="root"/> (lambdas included) that is update code and is not a
    /// health check: a call such as <c>DeployTo(server)</c> or <c>updater.Apply(host)</c>, or a method
    /// group such as <c>Parallel.ForEach(servers, Deploy)</c>. Null when there is none.
    /// </summary>
    public static IMethodSymbol? FindFirst(IOperation? root, UpdateCodeClassifier classifier, ChangeGateOptions options)
    {
        if (root is null)
        {
            return null;
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            var method = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IMethodReferenceOperation reference => reference.Method,
                _ => null,
            };
            if (method is not null && IsUpdateCall(method, classifier, options))
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>
    /// True when calling <paramref name="method"/> changes a target: it is update code, not a health check, and not a
    /// lock or an in-memory collection, which change nothing on a target whatever their names say
    /// (<c>SemaphoreSlim.Release</c>, <c>ConcurrentDictionary.AddOrUpdate</c>).
    /// </summary>
    public static bool IsUpdateCall(IMethodSymbol method, UpdateCodeClassifier classifier, ChangeGateOptions options) =>
        !HealthChecks.IsHealthCheck(method, options) && !IsInProcessPrimitive(method) && classifier.IsUpdateCode(method, options);

    // Members of types in System.Threading and System.Collections (and below). Namespaces have no symbol to compare
    // across assemblies, so they are matched by name.
    private static bool IsInProcessPrimitive(IMethodSymbol method)
    {
        var outermost = method.ContainingNamespace;
        INamespaceSymbol? second = null;
        while (outermost is { ContainingNamespace.IsGlobalNamespace: false })
        {
            second = outermost;
            outermost = outermost.ContainingNamespace;
        }

        return outermost is { Name: "System" } && second is { Name: "Threading" or "Collections" };
    }
}
