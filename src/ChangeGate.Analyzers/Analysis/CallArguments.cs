using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>One argument a caller wrote, with the parameter it binds to when that is known.</summary>
internal readonly struct CallArgument
{
    public CallArgument(IOperation value, IParameterSymbol? parameter, string? name, int position)
    {
        Value = value;
        Parameter = parameter;
        Name = name;
        Position = position;
    }

    /// <summary>The argument's value.</summary>
    public IOperation Value { get; }

    /// <summary>The parameter it binds to; null for a call that did not bind and has no candidate.</summary>
    public IParameterSymbol? Parameter { get; }

    /// <summary>The parameter name written before the value (<c>overwrite: true</c>), else the bound parameter's name.</summary>
    public string? Name { get; }

    /// <summary>The argument's place in the call (0 for the first written; an extension method's receiver is 0).</summary>
    public int Position { get; }

    /// <summary>The parameter ordinal when bound, else the written position.</summary>
    public int Ordinal => Parameter?.Ordinal ?? Position;
}

/// <summary>
/// The arguments of a call as the rules read them, the same for a call that bound (from its
/// <see cref="IArgumentOperation"/>s) and for one that did not (from its syntax and the operations the compiler still
/// made for the argument expressions, mapped to a candidate's parameters when there is one). Arguments the compiler
/// filled in from defaults are left out.
/// </summary>
internal sealed class CallArguments
{
    private readonly ImmutableArray<CallArgument> _items;

    private CallArguments(ImmutableArray<CallArgument> items) => _items = items;

    /// <summary>No arguments.</summary>
    public static CallArguments Empty { get; } = new(ImmutableArray<CallArgument>.Empty);

    /// <summary>The arguments, in source order.</summary>
    public ImmutableArray<CallArgument> Items => _items;

    /// <summary>The arguments of a bound call.</summary>
    public static CallArguments FromBound(ImmutableArray<IArgumentOperation> arguments)
    {
        if (arguments.IsEmpty)
        {
            return Empty;
        }

        var items = ImmutableArray.CreateBuilder<CallArgument>(arguments.Length);
        var position = 0;
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            items.Add(new CallArgument(argument.Value, argument.Parameter, argument.Parameter?.Name, position++));
        }

        return new CallArguments(items.ToImmutable());
    }

    /// <summary>
    /// The arguments of a call that did not bind: each argument expression of <paramref name="list"/> paired with the
    /// operation the compiler made for it (a child of <paramref name="invalid"/>), and with the parameter of
    /// <paramref name="method"/> it would bind to (by name when written with one, else by position). An extension call's
    /// receiver, when <paramref name="receiver"/> is given, comes first.
    /// </summary>
    public static CallArguments FromSyntax(IOperation invalid, BaseArgumentListSyntax? list, IMethodSymbol? method, IOperation? receiver = null)
    {
        var items = ImmutableArray.CreateBuilder<CallArgument>();
        var byNode = new Dictionary<SyntaxNode, IOperation>();
        foreach (var child in invalid.ChildOperations)
        {
            byNode[child.Syntax] = child;
        }

        // Positions count the receiver of an extension call, as the parameters of the static method it binds to do.
        var position = 0;
        if (receiver is not null)
        {
            items.Add(new CallArgument(receiver, ParameterAt(method, 0), ParameterAt(method, 0)?.Name, position++));
        }

        if (list is not null)
        {
            foreach (var argument in list.Arguments)
            {
                var index = position++;
                if (argument.Expression.IsMissing || !byNode.TryGetValue(argument.Expression, out var value))
                {
                    // An argument not written yet (`File.Copy(p, , true)`) is no value at all.
                    continue;
                }

                var written = argument.NameColon?.Name.Identifier.ValueText;
                var parameter = written is not null ? ParameterNamed(method, written) : ParameterAt(method, index);
                items.Add(new CallArgument(value, parameter, written ?? parameter?.Name, index));
            }
        }

        return items.Count == 0 ? Empty : new CallArguments(items.ToImmutable());
    }

    /// <summary>The value given for the parameter at <paramref name="ordinal"/> (by written position when nothing bound), or null.</summary>
    public IOperation? At(int ordinal)
    {
        foreach (var argument in _items)
        {
            if (argument.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The value given for the parameter named <paramref name="name"/>, or null.</summary>
    public IOperation? Named(string name)
    {
        foreach (var argument in _items)
        {
            if (argument.Name == name)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The value given for the first parameter of type <paramref name="type"/>, or null.</summary>
    public IOperation? OfType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var argument in _items)
        {
            if (argument.Parameter is { } parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, type))
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static IParameterSymbol? ParameterAt(IMethodSymbol? method, int ordinal) =>
        method is not null && ordinal >= 0 && ordinal < method.Parameters.Length ? method.Parameters[ordinal] : null;

    private static IParameterSymbol? ParameterNamed(IMethodSymbol? method, string name)
    {
        if (method is null)
        {
            return null;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }
}
