using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Whether a call of a helper of this compilation is judged where it is made (field report class 3). A helper that is
/// update code itself has its own file calls checked in its body; until now its calls were then never read, so the
/// call that hands the helper the live folder (<c>ExtractEntry(entry, installDir)</c>, <c>RemoveObsolete(names)</c>) was
/// missed while the helper's own write or delete was found. Now such a call is judged like the BCL member the helper
/// wraps, with the call's own context (its guards, the argument's derivation: temporary, download, staging and
/// new-version folders stay quiet), whenever the helper's summary (<see cref="HelperSummaries"/>) says the helper itself
/// deletes, or overwrites in place, the very path or folder that argument gives it: no temp-then-move, backup or other
/// guard of its own. The helper's own finding stays where it is.
/// </summary>
internal static class HelperCallVerdicts
{
    /// <summary>
    /// True when <paramref name="call"/>, a call of <paramref name="helper"/> (a method of this compilation that is update
    /// code), is still judged at the call: the helper's summary deletes (<paramref name="deletes"/>) or overwrites in place
    /// the parameter that <paramref name="path"/> fills. False (the call is left to the helper's body) otherwise, and on
    /// anything unexpected.
    /// </summary>
    public static bool IsJudgedAtCall(
        FileSystemCall call, IMethodSymbol helper, IOperation? path, bool deletes, HelperSummaries summaries, ChangeGateOptions options)
    {
        if (path is null || call.IsMethodGroup || call.Operation is not IInvocationOperation invocation)
        {
            return false;
        }

        try
        {
            foreach (var action in summaries.SummaryFor(helper, options).Actions)
            {
                // What the helper does through a helper of its own is judged at that inner call: one finding per chain.
                if (action.IsThroughHelper)
                {
                    continue;
                }

                int ordinal;
                if (deletes)
                {
                    if (action.Action != FileSystemAction.Delete)
                    {
                        continue;
                    }

                    ordinal = action.Subject;
                }
                else if (action.Action == FileSystemAction.Write)
                {
                    ordinal = action.Subject;
                }
                else if (action.Action is FileSystemAction.Copy or FileSystemAction.Extract && action.Overwrites)
                {
                    ordinal = action.Destination;
                }
                else
                {
                    continue;
                }

                if (ArgumentFor(invocation, ordinal) is { } argument && SameSyntax(argument, path) &&
                    !(action.StagesAssemblies && IsAssemblyFolder(argument)))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="folder"/> is the folder the application's assemblies are loaded from, or inside it:
    /// <c>Path.GetDirectoryName(Assembly.GetEntryAssembly().Location)</c>, <c>AppContext.BaseDirectory</c>,
    /// <c>AppDomain.CurrentDomain.BaseDirectory</c>, a <c>Path.Combine</c> on one of them, or a local holding one. What a
    /// helper that stages assemblies (<see cref="HelperAction.StagesAssemblies"/>) overwrites there goes through its
    /// temporary file. A bounded walk.
    /// </summary>
    private static bool IsAssemblyFolder(IOperation folder)
    {
        var current = folder;
        for (var step = 0; step < 12 && current is not null; step++)
        {
            current = current.WalkDownConversions();
            switch (current)
            {
                case ILocalReferenceOperation local:
                    current = Initializer(local);
                    continue;
                case IConditionalAccessOperation access:
                    current = access.WhenNotNull;
                    continue;
                case ICoalesceOperation coalesce:
                    current = coalesce.Value;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "BaseDirectory" } property:
                    return property.Property.ContainingType?.Name is "AppContext" or "AppDomain";
                case IInvocationOperation { TargetMethod: { Name: "Combine" or "Join" or "GetFullPath", ContainingType.Name: "Path" } } combine
                    when combine.Arguments.Length > 0:
                    current = combine.Arguments[0].Value is IArrayCreationOperation { Initializer.ElementValues: { Length: > 0 } elements }
                        ? elements[0]
                        : combine.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "GetDirectoryName", ContainingType.Name: "Path" } } directory
                    when directory.Arguments.Length == 1:
                    var located = directory.Arguments[0].Value.WalkDownConversions();
                    if (located is IConditionalAccessOperation conditional)
                    {
                        located = conditional.WhenNotNull.WalkDownConversions();
                    }

                    return located is IPropertyReferenceOperation { Property: { Name: "Location", ContainingType.Name: "Assembly" } };
                default:
                    return false;
            }
        }

        return false;
    }

    private static IOperation? Initializer(ILocalReferenceOperation local)
    {
        foreach (var reference in local.Local.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value } &&
                local.SemanticModel is { } model && value.SyntaxTree == model.SyntaxTree)
            {
                return model.GetOperation(value);
            }
        }

        return null;
    }

    private static bool SameSyntax(IOperation argument, IOperation path)
    {
        var a = argument.WalkDownConversions().Syntax;
        var b = path.WalkDownConversions().Syntax;
        return a.SyntaxTree == b.SyntaxTree && a.Span == b.Span;
    }

    private static IOperation? ArgumentFor(IInvocationOperation invocation, int ordinal)
    {
        if (ordinal < 0)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            // An out or ref argument is a path the helper hands back (DeployLoader(out var loaderPath)), not one the call gives.
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Parameter.RefKind == RefKind.None || argument.Parameter.RefKind == RefKind.In ? argument.Value : null;
            }
        }

        return null;
    }
}
