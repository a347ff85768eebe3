using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// One call of a watched file-system member, with the path operands it acts on. Paths are operations
/// (a string expression, or a <c>FileInfo</c>-like object for instance members), compared with
/// <see cref="FileSystemActivity"/>.
/// </summary>
internal sealed class FileSystemCall
{
    // FileMode and FileAccess values, as the runtime defines them.
    private const int FileModeCreateNew = 1;
    private const int FileModeCreate = 2;
    private const int FileModeOpen = 3;
    private const int FileModeOpenOrCreate = 4;
    private const int FileModeTruncate = 5;
    private const int FileAccessWrite = 2;

    private FileSystemCall(FileSystemApi api, IOperation operation)
    {
        Api = api;
        Operation = operation;
        DisplayName = api.DisplayName;
        IsDirectory = api.IsDirectory;
    }

    /// <summary>The member called.</summary>
    public FileSystemApi Api { get; }

    /// <summary>The member as users see it in messages; for an instance call, named after the receiver's type (<c>IFileInfo.Delete</c>).</summary>
    public string DisplayName { get; private set; }

    /// <summary>True when the subject is a directory, false for a file, null when it can be either.</summary>
    public bool? IsDirectory { get; private set; }

    /// <summary>The invocation, object creation or method reference.</summary>
    public IOperation Operation { get; }

    /// <summary>The path acted on (deleted, written, copied or moved from); null for a method group, broken code or a constant null path.</summary>
    public IOperation? Subject { get; private set; }

    /// <summary>Where a copy, move or replace puts the subject.</summary>
    public IOperation? Destination { get; private set; }

    /// <summary>The backup path of a replace (<c>File.Replace(source, destination, backup)</c>), when not null.</summary>
    public IOperation? Backup { get; private set; }

    /// <summary>True when a copy or extraction is told to overwrite its destination (<c>overwrite: true</c>).</summary>
    public bool OverwritesDestination => Overwrite == true;

    /// <summary>
    /// For a copy or extraction: true when told to overwrite its destination, false when not (or not for a move), null
    /// when a non-constant argument decides at run time (<see cref="OverwriteArgument"/>).
    /// </summary>
    public bool? Overwrite { get; private set; } = false;

    /// <summary>The <c>overwrite</c> argument when it is not a constant.</summary>
    public IOperation? OverwriteArgument { get; private set; }

    /// <summary>True when a write modifies an existing file in place (create/truncate, or opened with write access).</summary>
    public bool WritesInPlace { get; private set; }

    /// <summary>True when a write creates its subject if it is missing (so the path may be an artifact of this method).</summary>
    public bool Creates { get; private set; }

    /// <summary>For a whole-file write (<c>File.WriteAllText(path, content)</c>): the content written; else null.</summary>
    public IOperation? Content { get; private set; }

    /// <summary>True when a write creates its subject and fails when it exists (<c>FileMode.CreateNew</c>).</summary>
    public bool CreatesNew { get; private set; }

    /// <summary>
    /// True when a write opened with a constant <c>FileMode.Truncate</c>: it empties a file that must exist (opened and
    /// closed at once it is no marker, unlike <c>File.Create(flag).Dispose()</c>).
    /// </summary>
    public bool TruncatesExisting { get; private set; }

    /// <summary>For a directory delete: true when recursive, false when not, null when decided at run time.</summary>
    public bool? Recursive { get; private set; }

    /// <summary>The <c>recursive</c> argument when it is not a constant.</summary>
    public IOperation? RecursiveArgument { get; private set; }

    /// <summary>For a call of a file-system wrapper that bound: the wrapper method.</summary>
    public IMethodSymbol? WrapperMethod { get; private set; }

    /// <summary>True for a method group (<c>paths.ForEach(File.Delete)</c>): every path passed to it is acted on.</summary>
    public bool IsMethodGroup { get; private set; }

    internal static FileSystemCall Create(
        FileSystemApi api, IOperation operation, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, FileSystemSymbols symbols) =>
        Create(api, operation, instance, CallArguments.FromBound(arguments), symbols);

    internal static FileSystemCall Create(FileSystemApi api, IOperation operation, IOperation? instance, CallArguments arguments, FileSystemSymbols symbols)
    {
        var call = new FileSystemCall(api, operation);
        var first = api.SubjectIsInstance ? 0 : 1;
        call.Subject = api.SubjectIsInstance ? instance : PathArgumentAt(arguments, 0);
        if (api.SubjectIsInstance && symbols.InfoKindOf(instance?.WalkDownConversions().Type) is { } receiver)
        {
            // fileInfo.Delete() binds to FileSystemInfo.Delete; say what the user wrote.
            call.DisplayName = receiver.Type.Name + "." + MemberName(api.DisplayName);
            call.IsDirectory = receiver.IsDirectory;
        }

        switch (api.Action)
        {
            case FileSystemAction.Copy:
                call.Destination = PathArgumentAt(arguments, first);
                call.SetOverwrite(arguments.Named("overwrite"));
                break;
            case FileSystemAction.Move:
                // A move with overwrite: true replaces its destination in one step: the recommended way, never an overwrite.
                call.Destination = PathArgumentAt(arguments, first);
                break;
            case FileSystemAction.Replace:
                call.Destination = PathArgumentAt(arguments, first);
                var backup = arguments.At(first + 1);
                call.Backup = backup is null || backup.WalkDownConversions().ConstantValue is { HasValue: true, Value: null } ? null : backup;
                break;
            case FileSystemAction.Extract:
                call.Destination = PathArgumentAt(arguments, first);
                call.SetExtractOverwrite(api, arguments);
                break;
            case FileSystemAction.Delete:
                var recursive = arguments.Named("recursive");
                if (call.IsDirectory == true || recursive is not null)
                {
                    call.Recursive = recursive is null ? false : ConstantBool(recursive);
                    call.RecursiveArgument = call.Recursive is null ? recursive : null;
                }

                break;
            case FileSystemAction.Write:
                call.Content = api.WriteKind == WriteKind.WholeFile ? arguments.At(1) : null;
                call.WritesInPlace = IsInPlaceWrite(api.WriteKind, arguments, symbols);
                var mode = api.WriteKind == WriteKind.ByMode ? ConstantInt(arguments.OfType(symbols.FileMode)) : null;
                call.Creates = api.WriteKind != WriteKind.ByMode || mode is FileModeCreateNew or FileModeCreate or FileModeOpenOrCreate;
                call.CreatesNew = api.WriteKind == WriteKind.CreateNew || mode == FileModeCreateNew;
                call.TruncatesExisting = mode == FileModeTruncate;
                break;
        }

        return call;
    }

    /// <summary>
    /// A call of a project's own file-system helper (<see cref="WrapperCalls"/>): the paths and the overwrite flag are
    /// the ones the wrapper's name and parameters say.
    /// </summary>
    internal static FileSystemCall ForWrapper(
        FileSystemApi api, IOperation operation, IOperation? subject, IOperation? destination, IOperation? overwriteArgument, IMethodSymbol? method,
        bool overwritesByDefault = true)
    {
        var call = new FileSystemCall(api, operation)
        {
            Subject = subject,
            Destination = destination,
            WrapperMethod = method,
        };
        switch (api.Action)
        {
            case FileSystemAction.Copy:
                // A copy helper is written to bring files up to date: it overwrites unless told not to (or unless it is
                // named like the BCL member, whose default is not to).
                call.Overwrite = overwritesByDefault;
                if (overwriteArgument is not null)
                {
                    call.SetOverwrite(overwriteArgument);
                }

                break;
            case FileSystemAction.Delete when api.IsDirectory == true:
                call.Recursive = true;
                break;
            case FileSystemAction.Write:
                call.WritesInPlace = true;
                call.Creates = true;
                break;
        }

        return call;
    }

    /// <summary>
    /// A call of a helper of this compilation that copies or moves a path it is given (<see cref="HelperSummaries"/>):
    /// <paramref name="overwrite"/> says whether it overwrites <paramref name="destination"/> unguarded.
    /// </summary>
    internal static FileSystemCall ForHelper(
        FileSystemApi api, IOperation operation, IOperation? subject, IOperation? destination, bool overwrite, IMethodSymbol method) =>
        new(api, operation)
        {
            Subject = subject,
            Destination = destination,
            WrapperMethod = method,
            Overwrite = overwrite,
        };

    internal static FileSystemCall ForMethodGroup(FileSystemApi api, IMethodReferenceOperation reference) =>
        new FileSystemCall(api, reference) { IsMethodGroup = true };

    private void SetExtractOverwrite(FileSystemApi api, CallArguments arguments)
    {
        switch (api.ExtractOverwrite)
        {
            case ExtractOverwrite.Always:
                Overwrite = true;
                return;
            case ExtractOverwrite.ByOptions:
                // new ExtractionOptions { Overwrite = false } keeps existing files; no options, or options built elsewhere,
                // take the library's default, which overwrites.
                Overwrite = true;
                foreach (var argument in arguments.Items)
                {
                    if (argument.Value.WalkDownConversions() is IObjectCreationOperation { Initializer: { } initializer } options &&
                        options.Type?.Name == "ExtractionOptions")
                    {
                        foreach (var assignment in initializer.Initializers)
                        {
                            if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Overwrite" } } set)
                            {
                                SetOverwrite(set.Value);
                            }
                        }
                    }
                }

                return;
            case ExtractOverwrite.ByEnum:
                Overwrite = api.OverwritesWithoutArgument;
                foreach (var argument in arguments.Items)
                {
                    var value = argument.Value.WalkDownConversions();
                    if (value.Type?.TypeKind == TypeKind.Enum)
                    {
                        Overwrite = value is IFieldReferenceOperation field ? field.Field.Name == api.OverwriteMember : null;
                        OverwriteArgument = Overwrite is null ? value : null;
                    }
                    else if (value.Syntax is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } && value.Type is null or { TypeKind: TypeKind.Error } &&
                             member is "OverwriteSilently" or "DoNotOverwrite" or "Throw" or "Always" or "Never" or "Prompt")
                    {
                        // The library did not restore: its enum member is still written by name.
                        Overwrite = member == api.OverwriteMember;
                    }
                }

                return;
            default:
                SetOverwrite(arguments.Named("overwriteFiles") ?? arguments.Named("overwrite"));
                return;
        }
    }

    private void SetOverwrite(IOperation? argument)
    {
        if (argument is null)
        {
            Overwrite = false;
            return;
        }

        Overwrite = ConstantBool(argument);
        OverwriteArgument = Overwrite is null ? argument : null;
    }

    private static string MemberName(string displayName)
    {
        var dot = displayName.LastIndexOf('.');
        return dot < 0 ? displayName : displayName.Substring(dot + 1);
    }

    private static bool IsInPlaceWrite(WriteKind kind, CallArguments arguments, FileSystemSymbols symbols)
    {
        switch (kind)
        {
            case WriteKind.WholeFile:
            case WriteKind.Always:
                return true;
            case WriteKind.UnlessAppend:
                var append = arguments.Named("append");
                return append is null || IsConstant(append, false);
            case WriteKind.ByMode:
                var mode = ConstantInt(arguments.OfType(symbols.FileMode));
                var accessArgument = arguments.OfType(symbols.FileAccess);
                var access = ConstantInt(accessArgument);
                var writes = accessArgument is null || (access is { } value && (value & FileAccessWrite) != 0);
                // FileMode.Open defaults to read-write access and is mostly used to read; an explicit FileAccess.ReadWrite is
                // as often a lock probe or an archive read (new ZipArchive(stream)) as a patch: only write-only access counts.
                var onlyWrites = access == FileAccessWrite;
                return mode switch
                {
                    FileModeCreate or FileModeTruncate => true,
                    FileModeOpenOrCreate => writes,
                    FileModeOpen => onlyWrites,
                    _ => false,
                };
            default:
                return false;
        }
    }

    // A path that is the constant null (`null`, `default`) names no file: the call throws before touching one.
    private static IOperation? PathArgumentAt(CallArguments arguments, int ordinal) =>
        arguments.At(ordinal) is { } path && path.WalkDownConversions().ConstantValue is not { HasValue: true, Value: null } ? path : null;

    private static bool IsConstant(IOperation? operation, bool expected) => operation is not null && ConstantBool(operation) == expected;

    private static bool? ConstantBool(IOperation operation) =>
        operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: bool value } ? value : null;

    private static int? ConstantInt(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        // Enum constants arrive as their underlying value, possibly behind a conversion.
        var constant = operation.ConstantValue.HasValue ? operation.ConstantValue : operation.WalkDownConversions().ConstantValue;
        return constant is { HasValue: true, Value: { } value }
            ? value switch
            {
                int i => i,
                short s => s,
                byte b => b,
                long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
                _ => null,
            }
            : null;
    }
}
