using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
    /// (for example: in an enclosing loop, but not in the fan-out that the loop contains). The health checks of a root are
    /// found once and kept, so many fan-outs in one loop body do not each walk it again.
    /// </summary>
    public static bool Contains(IOperation root, UpdateCodeClassifier classifier, ChangeGateOptions options, IOperation? excluded = null)
    {
        var found = Found.GetValue(root, static _ => new FoundChecks());
        var checks = found.For(root, classifier, options);
        foreach (var check in checks)
        {
            if (excluded is null || !check.IsWithin(excluded))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly ConditionalWeakTable<IOperation, FoundChecks> Found = new();

    private sealed class FoundChecks
    {
        private ChangeGateOptions? _options;
        private List<IOperation>? _checks;

        public List<IOperation> For(IOperation root, UpdateCodeClassifier classifier, ChangeGateOptions options)
        {
            lock (this)
            {
                if (_checks is not null && ReferenceEquals(_options, options))
                {
                    return _checks;
                }

                var checks = new List<IOperation>();
                foreach (var operation in root.DescendantsAndSelf())
                {
                    ISymbol? symbol = operation switch
                    {
                        IInvocationOperation invocation => invocation.TargetMethod,
                        IMethodReferenceOperation reference => reference.Method,
                        IPropertyReferenceOperation property => property.Property,
                        _ => null,
                    };
                    if (symbol is not null && classifier.IsHealthCheck(symbol, options))
                    {
                        checks.Add(operation);
                    }
                }

                _options = options;
                _checks = checks;
                return checks;
            }
        }
    }
}
