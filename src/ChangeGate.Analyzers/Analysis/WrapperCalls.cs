using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// A project's own file-system helpers, matched by name with <c>changegate.delete_methods</c>, <c>copy_methods</c>,
/// <c>move_methods</c> and <c>write_methods</c>, and read like the BCL member they wrap: <c>FsKit.WipeTree(dir)</c> is a
/// recursive directory delete, <c>FsKit.MirrorTree(src, dst)</c> a copy that overwrites <c>dst</c>,
/// <c>live.CopyTreeFrom(cache)</c> a copy from <c>cache</c> onto <c>live</c>. The call may be on any receiver, an extension
/// or a base-class member, and need not bind (code under edit).
/// </summary>
/// <remarks>
/// Arguments count as paths when they are strings or file and directory objects (or of unknown type, in a call that did
/// not bind). With the built-in defaults, a string must also look like a path: its parameter or the expression is named
/// like one (<c>path</c>, <c>dir</c>, <c>folder</c>, <c>file</c>, <c>root</c>…), or it is built by <c>Path.*</c> or from a
/// path literal. So <c>cache.PurgeKey(userId)</c> is no delete. Members of <c>System.*</c> namespaces are never wrappers:
/// the BCL members that touch files are watched by symbol.
/// Source and destination of a copy or move come from the parameter names (<c>source</c>/<c>src</c>/<c>from</c>,
/// <c>destination</c>/<c>dest</c>/<c>target</c>/<c>to</c> as the first word; <c>Source</c>, <c>Destination</c>,
/// <c>Target</c> anywhere, as in <c>installDestinationDir</c>), else from the name (<c>…From</c>: destination first), else
/// source first.
/// </remarks>
internal static class WrapperCalls
{
    private static readonly NameVocabulary PathWords = NameVocabulary.Create(
        "Path", "Dir", "Directory", "Folder", "File", "Filename", "Filepath", "Root", "Location");

    private static readonly NameVocabulary SourceWords = NameVocabulary.Create("Source", "Src", "From", "Origin", "Input");

    private static readonly NameVocabulary DestinationWords = NameVocabulary.Create("Destination", "Dest", "Dst", "Target", "To", "Into", "Output");

    private static readonly NameVocabulary DirectoryWords = NameVocabulary.Create("Tree", "Directory", "Dir", "Folder", "Recursive", "Recursively");

    private static readonly NameVocabulary FileWords = NameVocabulary.Create("File");

    private static readonly NameVocabulary ReversedWords = NameVocabulary.Create("From");

    // Role words that say the role wherever they stand in a parameter name (jackettDestinationDirectory,
    // fullSourceFilePath); the short ones (To, From, Input…) only count as the name's first word.
    private static readonly NameVocabulary InnerSourceWords = NameVocabulary.Create("Source", "Src", "Origin");

    private static readonly NameVocabulary InnerDestinationWords = NameVocabulary.Create("Destination", "Dest", "Dst", "Target");

    private static readonly string[] OverwriteNames = { "overwrite", "overwriteFiles", "overwriteExisting", "replace", "replaceExisting", "force" };

    // Words that qualify how a helper does its work, not what it does: SafeDeleteFile, TryDeleteDirectory,
    // DeleteDirectorySafe, DeleteFileIfExists, ForceDeleteFolder and DeleteFolderWithRetry all delete.
    private static readonly string[] QualifierPrefixes = { "Safe", "Safely", "Try", "Force", "Forced" };

    private static readonly string[] QualifierSuffixes =
    {
        "Safe", "Safely", "IfExists", "IfExist", "IfPresent", "IfAny", "IfNeeded", "IfNecessary", "Quietly", "Silently",
        "Forcefully", "Force", "WithRetry", "WithRetries", "Retry", "Retrying", "NoThrow", "Async",
    };

    /// <summary>True when <paramref name="name"/> is in one of the wrapper lists: only then is a call worth reading closer.</summary>
    public static bool MayBeWrapper(string name, ChangeGateOptions options) =>
        ActionOf(name, options).Action != FileSystemAction.Wrap || IsBareDelete(name, options);

    /// <summary>
    /// True for a helper named by the bare verb <c>Delete</c>, maybe with qualifiers (<c>ForceDelete</c>, <c>SafeDelete</c>,
    /// <c>DeleteIfExists</c>), when <c>changegate.delete_methods</c> keeps its default: such a call deletes only when it is
    /// handed a file or directory object (<c>FileUtilities.ForceDelete(new DirectoryInfo(dir))</c>); a string or another
    /// object (<c>_store.Delete(key)</c>, <c>repository.Delete(entity)</c>) says nothing of a file.
    /// </summary>
    private static bool IsBareDelete(string name, ChangeGateOptions options) =>
        options.DeleteMethods.IsDefault && name.IndexOf("Delete", StringComparison.Ordinal) >= 0 && Unqualified(name) == "Delete";

    /// <summary>
    /// True when <paramref name="name"/> may be read as a delete wrapper: it matches <c>changegate.delete_methods</c>
    /// (qualifiers aside), or it is a bare-verb <c>Delete</c> helper (<c>ForceDelete</c>).
    /// </summary>
    public static bool IsDeleteWrapperName(string name, ChangeGateOptions options) =>
        ActionOf(name, options).Action == FileSystemAction.Delete || IsBareDelete(name, options);

    /// <summary>
    /// <paramref name="name"/> without the qualifier words around its verb (<c>SafeDeleteFile</c> → <c>DeleteFile</c>,
    /// <c>DeleteDirectoryIfExistsAsync</c> → <c>DeleteDirectory</c>); the name itself when it has none. A qualifier is
    /// only stripped at a word boundary and never leaves less than a verb and a noun.
    /// </summary>
    internal static string Unqualified(string name)
    {
        int start = 0, end = name.Length;
        foreach (var prefix in QualifierPrefixes)
        {
            if (end - prefix.Length > 2 && string.CompareOrdinal(name, 0, prefix, 0, prefix.Length) == 0 && char.IsUpper(name[prefix.Length]))
            {
                start = prefix.Length;
                break;
            }
        }

        // Suffixes may stack (DeleteFileIfExistsAsync); a bounded number of passes.
        for (var pass = 0; pass < 3; pass++)
        {
            var stripped = false;
            foreach (var suffix in QualifierSuffixes)
            {
                var at = end - suffix.Length;
                if (at - start > 2 && string.CompareOrdinal(name, at, suffix, 0, suffix.Length) == 0 && char.IsUpper(name[at]) &&
                    !char.IsUpper(name[at - 1]))
                {
                    end = at;
                    stripped = true;
                    break;
                }
            }

            if (!stripped)
            {
                break;
            }
        }

        return start == 0 && end == name.Length ? name : name.Substring(start, end - start);
    }

    // The action a wrapper list gives the name, trying the name as written first, then without its qualifiers.
    private static (FileSystemAction Action, NamePatterns Patterns) ActionOf(string name, ChangeGateOptions options)
    {
        var found = ActionOfExact(name, options);
        if (found.Action != FileSystemAction.Wrap)
        {
            return found;
        }

        var core = Unqualified(name);
        return ReferenceEquals(core, name) ? found : ActionOfExact(core, options);
    }

    private static (FileSystemAction Action, NamePatterns Patterns) ActionOfExact(string name, ChangeGateOptions options) =>
        options.DeleteMethods.Matches(name) ? (FileSystemAction.Delete, options.DeleteMethods) :
        options.MoveMethods.Matches(name) ? (FileSystemAction.Move, options.MoveMethods) :
        options.CopyMethods.Matches(name) ? (FileSystemAction.Copy, options.CopyMethods) :
        options.WriteMethods.Matches(name) ? (FileSystemAction.Write, options.WriteMethods) :
        (FileSystemAction.Wrap, NamePatterns.None);

    /// <summary>The wrapper call <paramref name="call"/> is, read like the BCL member it wraps, or null.</summary>
    public static FileSystemCall? Classify(NamedCall call, FileSystemSymbols symbols, ChangeGateOptions options)
    {
        var (action, patterns) = ActionOf(call.Name, options);
        var bare = false;
        if (action == FileSystemAction.Wrap && IsBareDelete(call.Name, options))
        {
            (action, patterns, bare) = (FileSystemAction.Delete, options.DeleteMethods, true);
        }

        if (action == FileSystemAction.Wrap || IsFramework(call.Method))
        {
            return null;
        }

        if (bare)
        {
            if (FileObjectArgument(call, symbols) is not { } target ||
                call.Method is { } helper && symbols.BodyTouchesNoFiles(helper))
            {
                return null;
            }

            var kind = symbols.InfoKindOf(target.WalkDownConversions().Type);
            var deletes = new FileSystemApi(FileSystemAction.Delete, call.DisplayName, false, kind?.IsDirectory, WriteKind.None, isWrapper: true);
            return FileSystemCall.ForWrapper(deletes, call.Operation, target, null, null, call.Method);
        }

        // A helper of this compilation matched only by a default pattern must show it touches files: its body calls
        // something named for a file operation. PurgeKey(userId) => _keys.Clear() is no delete.
        var trusted = !patterns.IsDefault;
        if (!trusted && call.Method is { } method && symbols.BodyTouchesNoFiles(method))
        {
            return null;
        }

        // A delete or write acts on its first path; a copy or move on its first two path-typed arguments, of which one
        // must look like a path (the other may be named `source` or `stagedMod`).
        var paths = action is FileSystemAction.Delete or FileSystemAction.Write
            ? PathArguments(call, trusted, symbols)
            : PathTypedArguments(call, trusted, symbols);
        if (paths.Count == 0)
        {
            return null;
        }

        var words = IdentifierWords.Split(call.Name);
        if (action == FileSystemAction.Delete && ReversedWords.Matches(words, 0, words.Length))
        {
            // DeleteLinesFromFile(path) edits a file; it does not delete it.
            return null;
        }

        // What the helper acts on, by its name: WipeTree and CopyDirectory take directories, DeleteFile a file.
        var isDirectory = action == FileSystemAction.Write ? false
            : DirectoryWords.Matches(words, 0, words.Length) ? true
            : FileWords.Matches(words, 0, words.Length) ? false
            : (bool?)null;
        switch (action)
        {
            case FileSystemAction.Delete:
            case FileSystemAction.Write:
                var api = new FileSystemApi(action, call.DisplayName, false, isDirectory, action == FileSystemAction.Write ? WriteKind.Always : WriteKind.None, isWrapper: true);
                return FileSystemCall.ForWrapper(api, call.Operation, paths[0].Value, null, null, call.Method);
            default:
                if (paths.Count < 2)
                {
                    return null;
                }

                var (source, destination) = SourceAndDestination(paths, ReversedWords.Matches(words, 0, words.Length));
                var copy = new FileSystemApi(action, call.DisplayName, false, isDirectory, WriteKind.None, isWrapper: true);
                if (action == FileSystemAction.Copy && IsBclCopyName(call.Name) && call.Method is not { DeclaringSyntaxReferences.IsEmpty: false })
                {
                    // Copy(src, dst) and CopyTo(dst) of a referenced abstraction (IFile, IFileInfo, a transactional file
                    // manager) or of a type that does not bind read like File.Copy and FileInfo.CopyTo: they overwrite only
                    // when a boolean argument says so. A helper of this compilation is read from its body instead.
                    var overwrite = OverwriteArgument(call) ?? BooleanArgument(call);
                    return FileSystemCall.ForWrapper(copy, call.Operation, source, destination, overwrite, call.Method, overwritesByDefault: false);
                }

                return FileSystemCall.ForWrapper(copy, call.Operation, source, destination, OverwriteArgument(call), call.Method);
        }
    }

    // The first path argument of a bare `Delete` helper, when it is a file or directory object (FileInfo, DirectoryInfo,
    // FileSystemInfo and their abstractions); null when it is a string, an unknown type or another object.
    private static IOperation? FileObjectArgument(NamedCall call, FileSystemSymbols symbols)
    {
        foreach (var argument in call.Arguments.Items)
        {
            var value = argument.Value.WalkDownConversions();
            var type = value.Type;
            if (symbols.InfoKindOf(type) is not null || IsFileSystemInfo(type))
            {
                return value;
            }

            if (type is null || type.TypeKind == TypeKind.Error || type.SpecialType == SpecialType.System_String)
            {
                return null;
            }
        }

        return null;
    }

    private static bool IsFileSystemInfo(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "FileSystemInfo", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } or
            INamedTypeSymbol { Name: "IFileSystemInfo", ContainingNamespace.Name: "Abstractions" };

    /// <summary>
    /// The arguments of <paramref name="call"/> that look like paths (see the remarks), in order; with
    /// <paramref name="trusted"/> (a configured list), every string or file-object argument.
    /// </summary>
    public static List<CallArgument> PathArguments(NamedCall call, bool trusted, FileSystemSymbols symbols)
    {
        var paths = new List<CallArgument>();
        foreach (var argument in call.Arguments.Items)
        {
            var value = argument.Value.WalkDownConversions();
            var type = value.Type;
            if (symbols.InfoKindOf(type) is not null)
            {
                paths.Add(argument);
                continue;
            }

            var isString = type?.SpecialType == SpecialType.System_String;
            var unknown = type is null || type.TypeKind == TypeKind.Error;
            if ((isString || unknown) && (trusted ? isString || IsValue(value) : LooksLikePath(argument, value, symbols)))
            {
                paths.Add(argument);
            }
        }

        return paths;
    }

    // The string, file-object or unknown-typed arguments, when (unless trusted) one of the first two looks like a path.
    private static List<CallArgument> PathTypedArguments(NamedCall call, bool trusted, FileSystemSymbols symbols)
    {
        var typed = new List<CallArgument>();
        var looksLikePath = trusted;
        foreach (var argument in call.Arguments.Items)
        {
            var value = argument.Value.WalkDownConversions();
            var type = value.Type;
            var isInfo = symbols.InfoKindOf(type) is not null;
            if (isInfo || type is null || type.TypeKind == TypeKind.Error || type.SpecialType == SpecialType.System_String)
            {
                typed.Add(argument);
                looksLikePath |= isInfo || (typed.Count <= 2 && LooksLikePath(argument, value, symbols));
            }
        }

        return looksLikePath ? typed : new List<CallArgument>();
    }

    /// <summary>True when a string argument looks like a path by the name of its parameter or its expression, or by how it is built.</summary>
    public static bool LooksLikePath(CallArgument argument, IOperation value, FileSystemSymbols symbols)
    {
        if (argument.Parameter is { } parameter && PathWords.Matches(parameter.Name))
        {
            return true;
        }

        var current = value;
        for (var depth = 0; depth < 4; depth++)
        {
            switch (current)
            {
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }:
                    return text.IndexOf('/') >= 0 || text.IndexOf('\\') >= 0;
                case ILocalReferenceOperation local:
                    if (PathWords.Matches(local.Local.Name))
                    {
                        return true;
                    }

                    // A local with one value: look at how that value is built.
                    if (FirstInitializer(local) is { } initial)
                    {
                        current = initial.WalkDownConversions();
                        continue;
                    }

                    return false;
                case IParameterReferenceOperation parameterReference:
                    return PathWords.Matches(parameterReference.Parameter.Name);
                case IFieldReferenceOperation field:
                    return PathWords.Matches(field.Field.Name);
                case IPropertyReferenceOperation property:
                    return PathWords.Matches(property.Property.Name) || symbols.IsFullName(property.Property);
                case IInvocationOperation invocation:
                    return symbols.IsFileSystemType(invocation.TargetMethod.ContainingType) || symbols.IsTemporaryPathOrigin(invocation);
                case IInvalidOperation:
                    return symbols.Resolve(current) is { } resolved && symbols.IsFileSystemType(resolved.Method.ContainingType);
                case IBinaryOperation binary:
                    current = binary.LeftOperand.WalkDownConversions();
                    continue;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation)
                        {
                            current = interpolation.Expression.WalkDownConversions();
                            break;
                        }
                    }

                    if (current == value)
                    {
                        return false;
                    }

                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    // The initializer of a local's declaration (`var target = Path.Combine(...)`), read through the semantic model.
    private static IOperation? FirstInitializer(ILocalReferenceOperation local)
    {
        foreach (var reference in local.Local.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value } && local.SemanticModel is { } model &&
                value.SyntaxTree == model.SyntaxTree)
            {
                return model.GetOperation(value);
            }
        }

        return null;
    }

    private static (IOperation Source, IOperation Destination) SourceAndDestination(List<CallArgument> paths, bool reversed)
    {
        var first = paths[0];
        var second = paths[1];
        if (IsNamed(first, DestinationWords) || IsNamed(second, SourceWords))
        {
            return (second.Value, first.Value);
        }

        if (IsNamed(first, SourceWords) || IsNamed(second, DestinationWords))
        {
            return (first.Value, second.Value);
        }

        if (HasWord(first, InnerDestinationWords) || HasWord(second, InnerSourceWords))
        {
            return (second.Value, first.Value);
        }

        if (HasWord(first, InnerSourceWords) || HasWord(second, InnerDestinationWords))
        {
            return (first.Value, second.Value);
        }

        return reversed ? (second.Value, first.Value) : (first.Value, second.Value);
    }

    private static bool IsNamed(CallArgument argument, NameVocabulary words)
    {
        var name = argument.Parameter?.Name;
        if (name is null)
        {
            return false;
        }

        var split = IdentifierWords.Split(name);
        return split.Length > 0 && words.Matches(split, 0, 1);
    }

    private static bool HasWord(CallArgument argument, NameVocabulary words) =>
        argument.Parameter?.Name is { } name && words.Matches(name);

    // The BCL's own copy names: a helper called exactly so is taken to keep the BCL member's contract.
    private static bool IsBclCopyName(string name) => name is "Copy" or "CopyTo";

    // The one boolean argument of a call (a constant or a bool-typed value), or null: the overwrite flag of a positional
    // Copy(src, dst, false) whose parameter names are unknown.
    private static IOperation? BooleanArgument(NamedCall call)
    {
        IOperation? found = null;
        foreach (var argument in call.Arguments.Items)
        {
            var value = argument.Value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: bool } || value.Type?.SpecialType == SpecialType.System_Boolean)
            {
                if (found is not null)
                {
                    return null;
                }

                found = argument.Value;
            }
        }

        return found;
    }

    private static IOperation? OverwriteArgument(NamedCall call)
    {
        foreach (var argument in call.Arguments.Items)
        {
            if (argument.Name is { } name && Array.IndexOf(OverwriteNames, name) >= 0 &&
                argument.Value.WalkDownConversions().Type?.SpecialType is SpecialType.System_Boolean or null)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static bool IsValue(IOperation value) =>
        value is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation ||
        value.Type is not null;

    /// <summary>
    /// True for a method of a <c>System.*</c> or <c>Microsoft.Win32.*</c> namespace: the framework's members are watched by
    /// symbol, never by name (<c>RegistryKey.DeleteSubKeyTree</c> deletes a registry key, not a directory tree).
    /// </summary>
    internal static bool IsFramework(IMethodSymbol? method)
    {
        for (var ns = method?.ContainingType?.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.ContainingNamespace is { IsGlobalNamespace: true } && ns.Name == "System")
            {
                return true;
            }

            if (ns.Name == "Win32" && ns.ContainingNamespace is { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }
}
