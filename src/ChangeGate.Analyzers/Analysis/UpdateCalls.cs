using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>Finds calls to update code (as <see cref="UpdateCodeClassifier"/> decides it) in a piece of code.</summary>
internal static class UpdateCalls
{
    /// <summary>
    /// The name of the first update below <paramref name="root"/> (lambdas included), or null when there is none:
    /// <list type="bullet">
    /// <item>a call or method group of a method that is update code and not a health check (<c>DeployTo(server)</c>,
    /// <c>updater.Apply(host)</c>, <c>Parallel.ForEach(servers, Deploy)</c>);</item>
    /// <item>a delegate invoked by a name that says update (<c>Action&lt;Server&gt; deploy; … deploy(s)</c>), or of a delegate type
    /// that does;</item>
    /// <item>a call through an interface or an abstract or virtual member whose receiver's name says update
    /// (<c>IStep installer; … installer.Run(node)</c>): the implementation is not known, the receiver says what it is;</item>
    /// <item>in code that does not bind (under edit, or read without its project), a call whose written name says update.</item>
    /// </list>
    /// </summary>
    public static string? FindFirst(IOperation? root, UpdateCodeClassifier classifier, ChangeGateOptions options)
    {
        if (root is null)
        {
            return null;
        }

        foreach (var operation in root.DescendantsAndSelf())
        {
            var name = operation switch
            {
                IInvocationOperation invocation => UpdateInvoked(invocation, classifier, options),
                IMethodReferenceOperation reference => IsUpdateCall(reference.Method, classifier, options) ? reference.Method.Name : null,
                IInvalidOperation { Syntax: InvocationExpressionSyntax call } => UpdateWritten(call, classifier, options),
                _ => null,
            };
            if (name is not null)
            {
                return name;
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
        !classifier.IsHealthCheck(method, options) && !IsInProcessPrimitive(method) &&
        (classifier.IsUpdateCode(method, options) || classifier.IsStepRunMember(method, options));

    private static string? UpdateInvoked(IInvocationOperation invocation, UpdateCodeClassifier classifier, ChangeGateOptions options)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            var invoked = NamedReference(invocation.Instance);
            if (invoked is not null && !classifier.IsHealthCheck(invoked, options) && classifier.NameVerdictOf(invoked, options) == NameVerdict.Update)
            {
                return invoked.Name;
            }

            return method.ContainingType is { } delegateType && classifier.NameVerdictOf(delegateType, options) == NameVerdict.Update
                ? invoked?.Name ?? delegateType.Name
                : null;
        }

        if (IsUpdateCall(method, classifier, options))
        {
            return method.Name;
        }

        // Dispatched at run time: the receiver's name is all we know of what runs (IStep installer → installer.Run).
        if ((method.ContainingType?.TypeKind == TypeKind.Interface || method.IsAbstract || method.IsVirtual) &&
            NamedReference(invocation.Instance) is { } receiver &&
            !classifier.IsHealthCheck(method, options) &&
            classifier.NameVerdictOf(method, options) != NameVerdict.NonUpdate &&
            classifier.NameVerdictOf(receiver, options) == NameVerdict.Update)
        {
            return receiver.Name + "." + method.Name;
        }

        return null;
    }

    // DeployTo(server), updater.ApplyPatch(host) in code whose symbols do not resolve: the written name of the call is all
    // there is (a receiver's name is not enough here, since nothing says the call is dispatched through it).
    private static string? UpdateWritten(InvocationExpressionSyntax call, UpdateCodeClassifier classifier, ChangeGateOptions options)
    {
        var name = call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }

        var words = classifier.Words(name);
        return !options.HealthMethods.Matches(words, 0, words.Length) &&
               UpdateWords.Verdict(words, options.UpdateNames, options.NonUpdateNames) == NameVerdict.Update
            ? name
            : null;
    }

    private static ISymbol? NamedReference(IOperation? operation) => operation?.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
        _ => null,
    };

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
