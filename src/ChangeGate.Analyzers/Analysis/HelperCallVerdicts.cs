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
        // Only a private helper: a step of its own type's update routine, whose calls are that routine's steps. A helper
        // others call keeps its verdict in its body, as before (its callers are other types' business).
        if (path is null || call.IsMethodGroup || call.Operation is not IInvocationOperation invocation ||
            helper.DeclaredAccessibility != Accessibility.Private)
        {
            return false;
        }

        try
        {
            // A helper's call of itself (the recursion into sub-folders of a delete helper) is judged in its body.
            var at = call.Operation.Syntax;
            foreach (var reference in helper.OriginalDefinition.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == at.SyntaxTree && reference.Span.Contains(at.Span))
                {
                    return false;
                }
            }

            foreach (var action in summaries.SummaryFor(helper, options).Actions)
            {
                // What the helper does through a helper of its own is judged at that inner call: one finding per chain. A
                // delete the helper makes only after listing what is there (a leftover or broken-folder check) is its own call.
                if (action.IsThroughHelper || action.InspectsContents)
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
                    !(action.StagesAssemblies && IsAssemblyFolder(argument)) && !IsInTemporaryOut(argument))
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
                    current = CombineRoot(combine);
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

    /// <summary>
    /// True when <paramref name="path"/> is, or lies in (through <c>Path.Combine</c>, <c>new DirectoryInfo(…)</c>,
    /// <c>.FullName</c>, a listing and <c>First()</c>), a local that a call named for a temporary folder hands out through
    /// <c>out</c>: <c>using (Utility.WithTempDirectory(out tempPath)) { … Helper(tempPath) … }</c>. A bounded walk.
    /// </summary>
    private static bool IsInTemporaryOut(IOperation path)
    {
        var current = path;
        for (var step = 0; step < 16 && current is not null; step++)
        {
            current = current.WalkDownConversions();
            switch (current)
            {
                case ILocalReferenceOperation local:
                    var initial = Initializer(local);
                    if (initial is null || initial.WalkDownConversions().ConstantValue is { HasValue: true, Value: null })
                    {
                        return IsTemporaryOutArgument(local);
                    }

                    current = initial;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "FullName" or "Parent" or "Directory", Instance: { } instance }:
                    current = instance;
                    continue;
                case IObjectCreationOperation { Arguments.Length: > 0 } creation:
                    current = creation.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 } extension:
                    current = extension.Arguments[0].Value;
                    continue;
                case IInvocationOperation { TargetMethod: { Name: "Combine" or "Join" or "GetFullPath", ContainingType.Name: "Path" } } combine
                    when combine.Arguments.Length > 0:
                    current = CombineRoot(combine);
                    continue;
                case IInvocationOperation { Instance: { } receiver, TargetMethod.Name: var name } when name.StartsWith("Get", StringComparison.Ordinal) ||
                                                                                                     name.StartsWith("Enumerate", StringComparison.Ordinal):
                    current = receiver;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    // using (Utility.WithTempDirectory(out tempPath)) { … }: `out tempPath` handed to a call named for a temporary folder, in
    // a using statement around the local's use (walked up from the use, a bounded number of ancestors).
    private static bool IsTemporaryOutArgument(ILocalReferenceOperation local)
    {
        var node = local.Syntax.Parent;
        for (var depth = 0; depth < 64 && node is not null and not Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax; depth++, node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.UsingStatementSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax call } &&
                NamesTemporary(call.Expression.ToString()))
            {
                foreach (var argument in call.ArgumentList.Arguments)
                {
                    var name = argument.Expression switch
                    {
                        Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        Microsoft.CodeAnalysis.CSharp.Syntax.DeclarationExpressionSyntax
                        {
                            Designation: Microsoft.CodeAnalysis.CSharp.Syntax.SingleVariableDesignationSyntax designation,
                        } => designation.Identifier.ValueText,
                        _ => null,
                    };
                    if (argument.RefKindKeyword.ValueText == "out" && name == local.Local.Name)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool NamesTemporary(string callee)
    {
        var dot = callee.LastIndexOf('.');
        var name = dot < 0 ? callee : callee.Substring(dot + 1);
        foreach (var word in IdentifierWords.Split(name))
        {
            if (string.Equals(word, "Temp", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "Tmp", StringComparison.OrdinalIgnoreCase) ||
                string.Equals(word, "Temporary", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "Scratch", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // The first part of Path.Combine(root, …) or Path.Combine(new[] { root, … }): the folder the combined path lies in.
    private static IOperation CombineRoot(IInvocationOperation combine) =>
        combine.Arguments[0].Value is IArrayCreationOperation { Initializer.ElementValues: { Length: > 0 } elements } ? elements[0] : combine.Arguments[0].Value;

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
