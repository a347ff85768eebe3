using System;
using System.Collections.Generic;
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
    public static string? FindFirst(IOperation? root, UpdateCodeClassifier classifier, ChangeGateOptions options) =>
        FindFirst(root, classifier, options, depth: 0);

    // Local delegates and local functions are followed to what they were made from, at most this deep (a delegate made from a
    // lambda that invokes another local delegate…).
    private const int MaxDelegateDepth = 3;

    private static string? FindFirst(IOperation? root, UpdateCodeClassifier classifier, ChangeGateOptions options, int depth)
    {
        if (root is null)
        {
            return null;
        }

        // Source order, and an event subscription's handler (host.Updated += OnHostUpdated) is not run here: skipped whole.
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation is IEventAssignmentOperation)
            {
                continue;
            }

            var name = operation switch
            {
                IInvocationOperation invocation => UpdateInvoked(invocation, classifier, options, depth),
                IMethodReferenceOperation reference => IsUpdateCall(reference.Method, classifier, options) ? reference.Method.Name : null,
                IInvalidOperation { Syntax: InvocationExpressionSyntax call } => UpdateWritten(call, classifier, options),
                _ => null,
            };
            if (name is not null)
            {
                return name;
            }

            PushChildren(pending, operation);
        }

        return null;
    }

    private static void PushChildren(Stack<IOperation> pending, IOperation operation)
    {
        var start = pending.Count;
        foreach (var child in operation.ChildOperations)
        {
            pending.Push(child);
        }

        // Children were pushed first to last: reverse them so that the first child is popped first.
        var end = pending.Count;
        if (end - start > 1)
        {
            var children = new IOperation[end - start];
            for (var i = children.Length - 1; i >= 0; i--)
            {
                children[i] = pending.Pop();
            }

            for (var i = children.Length - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }
    }

    /// <summary>
    /// True when calling <paramref name="method"/> changes a target: it is update code, not a health check, and not a
    /// lock or an in-memory collection, which change nothing on a target whatever their names say
    /// (<c>SemaphoreSlim.Release</c>, <c>ConcurrentDictionary.AddOrUpdate</c>).
    /// </summary>
    public static bool IsUpdateCall(IMethodSymbol method, UpdateCodeClassifier classifier, ChangeGateOptions options) =>
        !classifier.IsHealthCheck(method, options) && !IsInProcessPrimitive(method) && !IsQuery(method, classifier, options) &&
        (classifier.IsUpdateCode(method, options) || classifier.IsStepRunMember(method, options)) && !LoggingCalls.IsLogging(method);

    // Verbs that ask and never change a target, whatever update word follows (GetPendingUpdates, ReadInstalledVersion,
    // ListUpgradableHosts, CountPatchedHosts). Load is not one: LoadFirmware(device) flashes a device.
    private static readonly string[] QueryVerbs =
    {
        "Get", "Find", "Is", "Has", "Have", "Can", "Should", "Must", "Was", "Were", "Are", "Does", "Did", "Check", "Read", "List",
        "Count", "Query", "Fetch", "Lookup", "Look", "Search", "Select", "Contains", "Exists", "Describe", "Estimate",
        "Compare", "Peek", "Needs", "Need", "Wants", "Supports", "Matches",
    };

    // Verbs that change what they are given: a member that begins with one is an action even when it answers with a bool or a
    // list (bool UpdateHost(host) reports success; List<Host> PatchAll(pool) the hosts it patched).
    private static readonly string[] ChangeVerbs =
    {
        "Set", "Apply", "Push", "Roll", "Restart", "Reboot", "Start", "Stop", "Enable", "Disable", "Add", "Remove", "Delete",
        "Create", "Write", "Save", "Send", "Upload", "Copy", "Move", "Replace", "Swap", "Run", "Execute", "Perform", "Do",
        "Process", "Uninstall", "Activate", "Deactivate", "Switch", "Promote", "Commit", "Restore", "Configure", "Reconfigure",
        "Drain", "Evacuate", "Flash", "Reset", "Sync", "Change", "Modify", "Put", "Post", "Invoke", "Trigger", "Schedule",
        "Enqueue", "Submit", "Stage", "Finalize", "Complete", "Prepare", "Ensure", "Force", "Mark", "Register", "Unregister",
    };

    /// <summary>
    /// True when <paramref name="method"/> asks rather than changes: its name begins with a query verb (<c>GetPendingUpdates</c>,
    /// <c>ReadInstalledVersion</c>, <c>ListUpgradableHosts</c>), or it answers with a bool or a collection and its name does
    /// not begin with a verb of change (<c>bool AppliedOn(host)</c>, <c>List&lt;Host&gt; HostsToUpgrade(pool)</c>,
    /// <c>Task&lt;bool&gt; PatchAttemptedOn(host)</c>).
    /// </summary>
    public static bool IsQuery(IMethodSymbol method, UpdateCodeClassifier classifier, ChangeGateOptions options)
    {
        if (method.MethodKind is MethodKind.DelegateInvoke)
        {
            return false;
        }

        return IsQueryName(classifier.Words(method.Name), ReturnsAnswer(method.ReturnType), options);
    }

    private static bool IsQueryName(string[] words, bool returnsAnswer, ChangeGateOptions options)
    {
        if (words.Length == 0)
        {
            return false;
        }

        var first = words[0];
        if (IdentifierWords.IsOneOf(first, QueryVerbs) || IsParticipleOfChange(first, options))
        {
            return true;
        }

        if (!returnsAnswer)
        {
            return false;
        }

        // PatchAppliedOn(host), UpgradeAttemptedForHost(host), IsPatched: a participle followed by a preposition, or last, asks
        // whether something happened, whatever verb comes first.
        for (var i = 1; i < words.Length; i++)
        {
            if (words[i].Length > 4 && words[i].EndsWith("ed", StringComparison.OrdinalIgnoreCase) &&
                (i == words.Length - 1 || IdentifierWords.IsOneOf(words[i + 1], Prepositions) || (i == words.Length - 2 && words[i + 1] == "Async")))
            {
                return true;
            }
        }

        return !IdentifierWords.IsOneOf(first, ChangeVerbs) && !IsUpdateVerb(first, options);
    }

    // Applied, Installed, Deployed, Updated, Patched as the first word (AppliedOn(host), InstalledVersions(host),
    // UpdatedSince(date)): a name that begins with the past participle of a verb of change describes state, it changes none.
    private static bool IsParticipleOfChange(string word, ChangeGateOptions options)
    {
        if (word.Length < 5 || !word.EndsWith("ed", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var verb in options.UpdateNames.Words)
        {
            if (NameVocabulary.IsInflectionOf(word, verb))
            {
                return true;
            }
        }

        foreach (var verbs in new[] { ChangeVerbs, UpdateSteps.RunLikeNames })
        {
            foreach (var verb in verbs)
            {
                if (NameVocabulary.IsInflectionOf(word, verb))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly string[] Prepositions = { "On", "For", "To", "In", "At", "By", "From", "Since", "With", "Of" };

    // Update, Upgrade, Deploy, Install, Migrate, Patch… as the first word of a name, in their base form: the words of
    // changegate.update_names are imperatives when they begin a name, and so are the run-like names of steps.
    private static bool IsUpdateVerb(string word, ChangeGateOptions options) =>
        options.UpdateNames.ContainsExactly(word) || IdentifierWords.IsOneOf(word, UpdateSteps.RunLikeNames);

    // bool, a collection (not a string), or a Task or ValueTask of one.
    private static bool ReturnsAnswer(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic &&
            generic.Name is "Task" or "ValueTask" && generic.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
        {
            type = generic.TypeArguments[0];
        }

        return type.SpecialType == SpecialType.System_Boolean || DeploymentTargets.IsCollection(type);
    }

    private static string? UpdateInvoked(IInvocationOperation invocation, UpdateCodeClassifier classifier, ChangeGateOptions options, int depth)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            var invoked = NamedReference(invocation.Instance);
            if (invoked is not null && !classifier.IsHealthCheck(invoked, options) && classifier.NameVerdictOf(invoked, options) == NameVerdict.Update)
            {
                return invoked.Name;
            }

            if (method.ContainingType is { } delegateType && classifier.NameVerdictOf(delegateType, options) == NameVerdict.Update)
            {
                return invoked?.Name ?? delegateType.Name;
            }

            // Action<Server> step = s => DeployTo(s); … step(server): a local delegate made from an update is that update.
            return invoked is ILocalSymbol local && depth < MaxDelegateDepth && MadeFromUpdate(invocation, local, classifier, options, depth)
                ? local.Name
                : null;
        }

        if (IsUpdateCall(method, classifier, options))
        {
            return method.Name;
        }

        // void Push(Server s) => DeployTo(s); … Push(server): a local function is judged by the calls in its body.
        if (method.MethodKind == MethodKind.LocalFunction && depth < MaxDelegateDepth && !IsQuery(method, classifier, options) &&
            LocalFunctionUpdates(invocation, method, classifier, options, depth))
        {
            return method.Name;
        }

        // Dispatched at run time: the receiver's name is all we know of what runs (IStep installer → installer.Run).
        if ((method.ContainingType?.TypeKind == TypeKind.Interface || method.IsAbstract || method.IsVirtual) &&
            NamedReference(invocation.Instance) is { } receiver &&
            !classifier.IsHealthCheck(method, options) &&
            !IsQuery(method, classifier, options) &&
            classifier.NameVerdictOf(method, options) != NameVerdict.NonUpdate &&
            classifier.NameVerdictOf(receiver, options) == NameVerdict.Update)
        {
            return receiver.Name + "." + method.Name;
        }

        return null;
    }

    // The values assigned to the local in the body that holds the invocation: a lambda or anonymous method with an update in
    // its body, or a method group of an update (new Action<Server>(DeployTo), DeployTo).
    private static bool MadeFromUpdate(IOperation at, ILocalSymbol local, UpdateCodeClassifier classifier, ChangeGateOptions options, int depth)
    {
        foreach (var operation in at.BodyRoot().Descendants())
        {
            var value = operation switch
            {
                IVariableDeclaratorOperation { Initializer.Value: { } initial } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => initial,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                _ => null,
            };
            if (value is not null && IsMadeFromUpdate(value, classifier, options, depth))
            {
                return true;
            }
        }

        return false;
    }

    // s => DeployTo(s), DeployTo, new Action<Server>(DeployTo), canary ? DeployCanary : DeployTo.
    private static bool IsMadeFromUpdate(IOperation value, UpdateCodeClassifier classifier, ChangeGateOptions options, int depth)
    {
        switch (value.WalkDownConversions())
        {
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                return FindFirst(lambda.Body, classifier, options, depth + 1) is not null;
            case IDelegateCreationOperation { Target: IMethodReferenceOperation reference }:
                return IsUpdateCall(reference.Method, classifier, options);
            case IDelegateCreationOperation { Target: { } target }:
                return IsMadeFromUpdate(target, classifier, options, depth);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return IsMadeFromUpdate(conditional.WhenTrue, classifier, options, depth) || IsMadeFromUpdate(whenFalse, classifier, options, depth);
            default:
                return false;
        }
    }

    private static bool LocalFunctionUpdates(IOperation at, IMethodSymbol function, UpdateCodeClassifier classifier, ChangeGateOptions options, int depth)
    {
        foreach (var operation in at.BodyRoot().Descendants())
        {
            if (operation is ILocalFunctionOperation declared && SymbolEqualityComparer.Default.Equals(declared.Symbol, function.OriginalDefinition))
            {
                return FindFirst(declared.Body, classifier, options, depth + 1) is not null;
            }
        }

        return false;
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
        return !options.HealthMethods.Matches(words, 0, words.Length) && !(words.Length > 0 && IdentifierWords.IsOneOf(words[0], QueryVerbs)) &&
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
