using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

    private const int MaxArchiveSteps = 8;

    /// <summary>
    /// The archive file an extraction reads, or null: the path itself (<c>ZipFile.ExtractToDirectory(zip, dir)</c>), or the
    /// file behind the <c>ZipArchive</c> or entry it extracts, through locals' initializers and <c>foreach</c> over
    /// <c>archive.Entries</c>: <c>ZipFile.OpenRead(zip)</c>, <c>ZipFile.Open(zip, …)</c>, <c>new ZipArchive(stream)</c> on
    /// <c>new FileStream(zip, …)</c>, <c>File.OpenRead(zip)</c> or <c>File.Open(zip, …)</c>. Once extracted, what the archive
    /// holds is elsewhere: deleting it then loses nothing (like deleting the source of a copy). A bounded walk; never throws.
    /// </summary>
    public static IOperation? ArchiveFileOf(IOperation? subject)
    {
        try
        {
            var current = subject;
            for (var step = 0; step < MaxArchiveSteps && current is not null; step++)
            {
                current = current.WalkDownConversions();
                if (current.Type?.SpecialType == SpecialType.System_String)
                {
                    // An archive the caller hands in (a parameter, maybe through a local) may be the caller's only copy: only an
                    // archive the method names itself is its own staging artefact.
                    return IsHandedIn(current) ? null : current;
                }

                switch (current)
                {
                    case ILocalReferenceOperation local:
                        current = ValueOf(local);
                        continue;
                    case IPropertyReferenceOperation { Property.Name: "Entries", Instance: { } archive } when IsCompressionType(archive.Type, "ZipArchive"):
                        current = archive;
                        continue;
                    case IInvocationOperation { TargetMethod.Name: "GetEntry", Instance: { } owner } when IsCompressionType(owner.Type, "ZipArchive"):
                        current = owner;
                        continue;
                    case IInvocationOperation { TargetMethod: { Name: "OpenRead" or "Open" } method } invocation when invocation.Arguments.Length > 0 &&
                        (IsCompressionType(method.ContainingType, "ZipFile") || IsIoType(method.ContainingType, "File")):
                        current = invocation.Arguments[0].Value;
                        continue;
                    case IObjectCreationOperation { Arguments.Length: > 0 } creation when IsCompressionType(creation.Type, "ZipArchive") ||
                        IsIoType(creation.Type, "FileStream"):
                        current = creation.Arguments[0].Value;
                        continue;
                    default:
                        return null;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
        }

        return null;
    }

    private static bool IsHandedIn(IOperation path)
    {
        var current = path;
        for (var step = 0; step < MaxArchiveSteps && current is not null; step++)
        {
            current = current.WalkDownConversions();
            switch (current)
            {
                case IParameterReferenceOperation:
                    return true;
                case ILocalReferenceOperation local:
                    current = ValueOf(local);
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    // A local's one value: its declaration's initializer, or the collection a foreach variable walks.
    private static IOperation? ValueOf(ILocalReferenceOperation local)
    {
        var model = local.SemanticModel;
        if (model is null || local.Local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = local.Local.DeclaringSyntaxReferences[0].GetSyntax();
        if (syntax.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return syntax switch
        {
            VariableDeclaratorSyntax { Initializer.Value: { } value } => model.GetOperation(value),
            ForEachStatementSyntax { Expression: { } collection } => model.GetOperation(collection),
            _ => null,
        };
    }

    private static bool IsCompressionType(ITypeSymbol? type, string name) =>
        type is INamedTypeSymbol { Name: var n, ContainingNamespace: { Name: "Compression", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } &&
        n == name;

    private static bool IsIoType(ITypeSymbol? type, string name) =>
        type is INamedTypeSymbol { Name: var n, ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } &&
        n == name;
}
