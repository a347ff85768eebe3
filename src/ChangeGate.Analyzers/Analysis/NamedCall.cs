using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// A call read by its name and arguments, whether it bound or not: the shape the name-based rules (wrappers, backup
/// methods, producers, success checks) need. An unbound <c>dir.CopyTreeFrom(src)</c> has the receiver as its first argument,
/// as a bound extension call has.
/// </summary>
internal sealed class NamedCall
{
    private NamedCall(IOperation operation, string name, IMethodSymbol? method, CallArguments arguments, string displayName)
    {
        Operation = operation;
        Name = name;
        Method = method;
        Arguments = arguments;
        DisplayName = displayName;
    }

    /// <summary>The invocation (or the invalid operation of a call that did not bind).</summary>
    public IOperation Operation { get; }

    /// <summary>The method name as written.</summary>
    public string Name { get; }

    /// <summary>The method, when the call bound.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>The arguments, an extension call's receiver first.</summary>
    public CallArguments Arguments { get; }

    /// <summary>How messages name the call: <c>FsKit.WipeTree</c>, <c>IFileOps.WipeTree</c>, or the bare name of an extension.</summary>
    public string DisplayName { get; }

    /// <summary>The method name a call is written with, without building anything else; null when it is no invocation.</summary>
    public static string? NameOf(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.Name,
        IInvalidOperation { Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } } => access.Name.Identifier.ValueText,
        IInvalidOperation { Syntax: InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } } => simple.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The call <paramref name="operation"/> makes, or null when it is no invocation.</summary>
    public static NamedCall? From(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                var shown = method.IsExtensionMethod || method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;
                if (method.ContainingType is { Name.Length: 0 } &&
                    invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } })
                {
                    // A C# 14 extension member has an unnamed containing type: say it as written (Directory.Copy).
                    shown = receiver.Identifier.ValueText + "." + method.Name;
                }

                return new NamedCall(operation, method.Name, method, CallArguments.FromBound(invocation.Arguments), shown);
            case IInvalidOperation { Syntax: InvocationExpressionSyntax syntax }:
                return FromSyntax(operation, syntax);
            default:
                return null;
        }
    }

    private static NamedCall? FromSyntax(IOperation operation, InvocationExpressionSyntax syntax)
    {
        switch (syntax.Expression)
        {
            case MemberAccessExpressionSyntax memberAccess:
                var name = memberAccess.Name.Identifier.ValueText;
                var receiver = ReceiverValue(operation, memberAccess.Expression);
                var shown = receiver is null && memberAccess.Expression is IdentifierNameSyntax type ? type.Identifier.ValueText + "." + name : name;
                return new NamedCall(operation, name, null, CallArguments.FromSyntax(operation, syntax.ArgumentList, null, receiver), shown);
            case SimpleNameSyntax simple:
                return new NamedCall(
                    operation, simple.Identifier.ValueText, null, CallArguments.FromSyntax(operation, syntax.ArgumentList, null), simple.Identifier.ValueText);
            default:
                return null;
        }
    }

    // The receiver of an unbound call when it is a value that may be a path (a string, a file or directory object, or a
    // local or parameter whose type is unknown), so `liveDir.CopyTreeFrom(src)` reads like the extension call it is.
    private static IOperation? ReceiverValue(IOperation operation, ExpressionSyntax receiver)
    {
        foreach (var child in operation.ChildOperations)
        {
            if (child.Syntax != receiver)
            {
                continue;
            }

            // A type name (File in File.Exists(x), a static helper class) is no receiver value.
            var value = child.WalkDownConversions();
            if (value.Kind == OperationKind.None)
            {
                return null;
            }

            return value.Type is { SpecialType: SpecialType.System_String } or { TypeKind: TypeKind.Class or TypeKind.Interface or TypeKind.Error } ||
                   value is ILocalReferenceOperation or IParameterReferenceOperation
                ? child
                : null;
        }

        return null;
    }
}
