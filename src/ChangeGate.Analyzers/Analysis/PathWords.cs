using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Walks down a path expression (combines, concatenations, interpolations, calls' arguments, locals' values) with a step
/// budget and asks of every name and written text in it whether it says something (backup, cache…): what a path names
/// without resolving it.
/// </summary>
internal static class PathWords
{
    /// <summary>How far <see cref="Any"/> reads beyond the plain parts of a path.</summary>
    [Flags]
    internal enum Reach
    {
        /// <summary>Names, texts, locals' values, calls' arguments, concatenations and interpolations only.</summary>
        Plain = 0,

        /// <summary>Also the receiver of a call (<c>cacheDir.Combine("x")</c>).</summary>
        Receivers = 1,

        /// <summary>Also the children of any other operation (calls that do not bind, conditionals…).</summary>
        OtherChildren = 2,
    }

    /// <summary>
    /// True when a written text in <paramref name="path"/> satisfies <paramref name="text"/>, or the words of a local's,
    /// parameter's, field's, property's or called method's name satisfy <paramref name="words"/>. Locals are followed to
    /// their values in <paramref name="locals"/> and, when <paramref name="iterated"/> has them, to the collection they
    /// iterate; at most <paramref name="maxSteps"/> operations are read.
    /// </summary>
    public static bool Any(
        IOperation path,
        UpdateCodeClassifier classifier,
        Dictionary<ILocalSymbol, List<IOperation>> locals,
        Func<string, bool> text,
        Func<string[], bool> words,
        int maxSteps,
        Reach reach = Reach.Plain,
        Dictionary<ILocalSymbol, IOperation>? iterated = null)
    {
        var pending = new Stack<IOperation>();
        var seen = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        pending.Push(path);
        for (var steps = 0; pending.Count > 0 && steps < maxSteps; steps++)
        {
            var operation = pending.Pop().WalkDownConversions();
            if (operation.ConstantValue is { HasValue: true, Value: string written })
            {
                if (text(written))
                {
                    return true;
                }

                continue;
            }

            string? name = null;
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    name = local.Local.Name;
                    if (seen.Add(local.Local))
                    {
                        if (locals.TryGetValue(local.Local, out var values))
                        {
                            foreach (var value in values)
                            {
                                pending.Push(value);
                            }
                        }

                        if (iterated is not null && iterated.TryGetValue(local.Local, out var collection))
                        {
                            pending.Push(collection);
                        }
                    }

                    break;
                case IParameterReferenceOperation parameter:
                    name = parameter.Parameter.Name;
                    break;
                case IFieldReferenceOperation field:
                    name = field.Field.Name;
                    break;
                case IPropertyReferenceOperation property:
                    name = property.Property.Name;
                    break;
                case IInvocationOperation invocation:
                    name = invocation.TargetMethod.Name;
                    if ((reach & Reach.Receivers) != 0 && invocation.Instance is { } receiver)
                    {
                        pending.Push(receiver);
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        pending.Push(argument.Value);
                    }

                    break;
                case IBinaryOperation binary:
                    pending.Push(binary.LeftOperand);
                    pending.Push(binary.RightOperand);
                    break;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        pending.Push(part is IInterpolationOperation interpolation ? interpolation.Expression : part);
                    }

                    break;
                case IInterpolatedStringTextOperation textPart:
                    pending.Push(textPart.Text);
                    break;
                default:
                    // Calls that do not bind (Path.Combine(dir, "x.old") with dir of an unresolved type) and anything else.
                    if ((reach & Reach.OtherChildren) != 0)
                    {
                        foreach (var child in operation.ChildOperations)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
            }

            if (name is not null && words(classifier.Words(name)))
            {
                return true;
            }
        }

        return false;
    }
}
