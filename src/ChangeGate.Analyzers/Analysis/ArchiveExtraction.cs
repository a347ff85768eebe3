using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Archive extraction as a sign of update context: a body that unpacks an archive into a directory it was given installs
/// something there (<see cref="UpdateCodeClassifier"/>, step 5).
/// </summary>
internal static class ArchiveExtraction
{
    private const int MaxDerivationSteps = 100_000;

    /// <summary>Name prefixes of calls that extract an archive into a directory or a file.</summary>
    public static readonly string[] Prefixes =
    {
        "ExtractToDirectory", "ExtractToFile", "ExtractAll", "ExtractArchive", "ExtractZip", "Unzip", "WriteToDirectory",
        "WriteEntryToDirectory", "ExtractEntries",
    };

    /// <summary>True when <paramref name="name"/> names an extraction call (<c>ExtractToDirectory</c>, <c>WriteToDirectory</c>…).</summary>
    public static bool IsExtractionName(string? name)
    {
        if (name is null)
        {
            return false;
        }

        foreach (var prefix in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the body at <paramref name="root"/> extracts an archive into a directory it was given (a parameter, a field
    /// or a property, or a path built from one): an installer, an unpacker's handler or worker. One pass over the body, and
    /// derivation walks with an explicit stack and a step budget.
    /// </summary>
    public static bool IntoGivenDirectory(IOperation root)
    {
        List<IInvocationOperation>? extractions = null;
        Dictionary<ILocalSymbol, List<IOperation>>? locals = null;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when IsExtractionName(invocation.TargetMethod.Name):
                    (extractions ??= new()).Add(invocation);
                    break;
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    AddLocalValue(ref locals, declarator.Symbol, initializer.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment:
                    AddLocalValue(ref locals, local.Local, assignment.Value);
                    break;
            }
        }

        if (extractions is null)
        {
            return false;
        }

        foreach (var extraction in extractions)
        {
            foreach (var argument in extraction.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && IsDestinationParameter(argument.Parameter) &&
                    DerivesFromGivenPlace(argument.Value, locals))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void AddLocalValue(
        ref Dictionary<ILocalSymbol, List<IOperation>>? locals, ILocalSymbol local, IOperation value)
    {
        locals ??= new(SymbolEqualityComparer.Default);
        if (!locals.TryGetValue(local, out var values))
        {
            values = new();
            locals[local] = values;
        }

        values.Add(value);
    }

    private static bool IsDestinationParameter(IParameterSymbol? parameter)
    {
        if (parameter is null || parameter.Type.SpecialType != SpecialType.System_String && parameter.Type.Name != "DirectoryInfo")
        {
            return false;
        }

        var name = parameter.Name;
        if (name.IndexOf("source", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("archive", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return false;
        }

        return name.IndexOf("dest", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("dir", StringComparison.OrdinalIgnoreCase) >= 0 ||
               name.IndexOf("path", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("target", StringComparison.OrdinalIgnoreCase) >= 0 ||
               name.IndexOf("output", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("folder", StringComparison.OrdinalIgnoreCase) >= 0;
    }

    // Walks down a path expression (combines, concatenations, interpolations, locals' values) with an explicit stack and a
    // step budget, looking for a parameter, field or property: a place the method was given rather than one it made up.
    private static bool DerivesFromGivenPlace(
        IOperation value, Dictionary<ILocalSymbol, List<IOperation>>? locals)
    {
        var pending = new Stack<IOperation>();
        var seenLocals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        pending.Push(value);
        for (var steps = 0; pending.Count > 0 && steps < MaxDerivationSteps; steps++)
        {
            var operation = pending.Pop().WalkDownConversions();
            switch (operation)
            {
                case IParameterReferenceOperation:
                case IFieldReferenceOperation { Field.IsConst: false }:
                case IPropertyReferenceOperation:
                    return true;
                case ILocalReferenceOperation local:
                    if (locals is not null && seenLocals.Add(local.Local) && locals.TryGetValue(local.Local, out var values))
                    {
                        foreach (var assigned in values)
                        {
                            pending.Push(assigned);
                        }
                    }

                    break;
                case IInvocationOperation invocation:
                    if (invocation.Instance is { } instance)
                    {
                        pending.Push(instance);
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        pending.Push(argument.Value);
                    }

                    break;
                case IBinaryOperation binary:
                    // The left operand last, so it is read first: paths are built left to right (dir + "/" + name).
                    pending.Push(binary.RightOperand);
                    pending.Push(binary.LeftOperand);
                    break;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation)
                        {
                            pending.Push(interpolation.Expression);
                        }
                    }

                    break;
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        pending.Push(argument.Value);
                    }

                    break;
                case ICoalesceOperation coalesce:
                    pending.Push(coalesce.Value);
                    pending.Push(coalesce.WhenNull);
                    break;
                case IConditionalOperation conditional:
                    pending.Push(conditional.WhenTrue);
                    if (conditional.WhenFalse is { } whenFalse)
                    {
                        pending.Push(whenFalse);
                    }

                    break;
            }
        }

        return false;
    }

}
