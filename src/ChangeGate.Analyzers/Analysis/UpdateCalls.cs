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

    /// <summary>True when calling <paramref name="method"/> changes a target: it is update code and not a health check.</summary>
    public static bool IsUpdateCall(IMethodSymbol method, UpdateCodeClassifier classifier, ChangeGateOptions options) =>
        !HealthChecks.IsHealthCheck(method, options) && classifier.IsUpdateCode(method, options);
}
