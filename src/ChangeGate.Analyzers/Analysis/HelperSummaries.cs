using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// What a method of the same compilation does to the paths it is given: <c>void Reset(string dir) =&gt;
/// Directory.Delete(Path.Combine(dir, "cache"), true)</c> deletes (inside) its first argument, so a call
/// <c>Reset(installDir)</c> is read like the BCL delete it makes, at the call site, where the caller's guards and the
/// caller's update context are. A helper's copy of a parameter is a backup for its callers; its unguarded delete,
/// in-place write or overwriting copy of a parameter is a risk at each call.
/// </summary>
/// <remarks>
/// A summary is worked out once per method, options, depth and compilation, lazily, the first time a call of it is read in code that
/// may be update code (<see cref="FileSystemSymbols.Helpers"/>). It reads the helper's operations with a bounded,
/// iterative walk, follows helpers it calls up to <see cref="MaxDepth"/> levels (which also ends recursion and cycles), and gives up
/// (no summary) on bodies larger than <see cref="MaxOperations"/> operations or on anything unexpected: it never throws.
/// </remarks>
internal sealed class HelperSummaries
{
    internal const int MaxDepth = 3;
    private const int MaxOperations = 6000;
    private const int MaxDerivationSteps = 12;

    private static readonly NameVocabulary UtilityWords = NameVocabulary.Create(
        "Util", "Utils", "Utility", "Utilities", "Helper", "Helpers", "Extension", "Extensions", "Tools", "Toolkit", "Kit", "Ops");

    private readonly Compilation _compilation;
    private readonly FileSystemSymbols _symbols;
    // A summary is a function of the method, the options (one object per .editorconfig section) and the depth it is read at
    // (the depth limit cuts deeper helpers, and ends recursion and cycles too), and is kept under exactly that key: no
    // answer depends on which concurrent callback asked first. At most MaxDepth summaries per method and options.
    private readonly ConcurrentDictionary<SummaryKey, HelperSummary> _cache = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _utilityTypes = new(SymbolEqualityComparer.Default);

    internal HelperSummaries(Compilation compilation, FileSystemSymbols symbols)
    {
        _compilation = compilation;
        _symbols = symbols;
    }

    /// <summary>
    /// The file-system calls a call of a helper of this compilation stands for (at most one delete and one overwrite, and
    /// the copies that back up an argument), or empty when <paramref name="operation"/> calls no such helper.
    /// </summary>
    public ImmutableArray<FileSystemCall> CallsOf(IOperation operation, ChangeGateOptions options) => CallsOf(operation, options, 0);

    /// <summary>
    /// True when <paramref name="owningSymbol"/> is a helper whose callers carry the verdict (<see cref="CallersCarryVerdict"/>)
    /// and <paramref name="path"/> derives from one of its parameters: the helper does what its callers ask, and each call
    /// in update code is read through its summary, with the caller's guards.
    /// </summary>
    public bool IsCallerDecidedPath(ISymbol owningSymbol, IOperation path, ChangeGateOptions options)
    {
        if (owningSymbol is not IMethodSymbol method || !CallersCarryVerdict(method, options))
        {
            return false;
        }

        try
        {
            var model = path.SemanticModel;
            return ParameterOf(path, method, local => LocalInitializer(local, model)) >= 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// True for a generic helper whose callers carry the verdict on what it does to the paths they give it: a method of a
    /// utility type (<c>FileUtils</c>, <c>IOHelper</c>, <c>PathExtensions</c>…; field report classes 3 and 9) that is not named
    /// for an update itself (<c>UpdateLocalPackage</c>), or a delete wrapper (<see cref="IsDeleteWrapper"/>). Other helpers
    /// that are update code keep their own verdict, in their body (where the labelling guidelines put it).
    /// </summary>
    public bool CallersCarryVerdict(IMethodSymbol method, ChangeGateOptions options) =>
        method.MethodKind == MethodKind.Ordinary && method.ContainingType is { } type &&
        ((IsUtilityType(DeclaringClass(type)) && !NamesAnUpdate(method, options)) || IsDeleteWrapper(method, options));

    // A method named for an update (UpdateLocalPackage, InstallTheme) is the update itself, also in a utility or extension
    // class (a static FeedExtensions class holds a package manager's install logic): it keeps its verdict in its body.
    private static bool NamesAnUpdate(IMethodSymbol method, ChangeGateOptions options) =>
        options.UpdateNames.MayMatch(method.Name) &&
        UpdateWords.Verdict(IdentifierWords.Split(method.Name), options.UpdateNames, options.NonUpdateNames) == NameVerdict.Update;

    /// <summary>
    /// True for a delete wrapper of this compilation: a method named by the verb <c>Delete</c> (with qualifiers:
    /// <c>InteractivelyDelete</c>, <c>ForceDelete</c>, <c>DeleteIfExists</c>), or by <c>Delete</c>/<c>Remove</c> and only what
    /// and how it deletes (<c>DeleteDirectory</c>, <c>RemoveFolderRecursive</c>), that deletes exactly the path it is given (the
    /// second form: that path or what lies in it), does nothing else to files, and has nothing in it guarding the delete (<c>void RetryingDelete(string path) { …
    /// FileUtil.ForceDelete(new FileInfo(path)) … }</c>). Like a utility's helper it deletes whatever its callers ask, so each
    /// call carries the verdict, whatever the wrapper's own type is named (an installer's private retrying delete).
    /// </summary>
    private bool IsDeleteWrapper(IMethodSymbol method, ChangeGateOptions options)
    {
        // Named by the bare verb, maybe qualified (InteractivelyDelete, ForceDelete, DeleteIfExists), or by the verb and a
        // file-system noun (DeleteDirectory): a helper named for a domain action (DropProfile, RemoveTheme, DeleteObsoleteFiles)
        // keeps its verdict in its body, where its callers are followed.
        var words = IdentifierWords.Split(WrapperCalls.Unqualified(method.Name));
        if (words.Length == 0)
        {
            return false;
        }

        var namedForFiles = NamesBareFileDelete(words);
        if (!(namedForFiles || string.Equals(words[words.Length - 1], "Delete", StringComparison.OrdinalIgnoreCase)) ||
            !IsCandidate(method.OriginalDefinition))
        {
            return false;
        }

        // Only a wrapper: it does nothing else to files (no copy, move or write), and its own name has no update word
        // (UninstallPlugin(dir) is an update step that deletes, judged in its body). A bare verb must delete the very path it
        // is given; a name that says files or folders may empty the folder entry by entry and then remove it without
        // recursion (Directory.Delete(dir, false) is no action of a summary).
        var deletes = false;
        var deletesExactly = false;
        foreach (var action in SummaryOf(method.OriginalDefinition, options, 0).Actions)
        {
            if (action.Action != FileSystemAction.Delete)
            {
                return false;
            }

            deletes = true;
            deletesExactly |= action.Exact;
        }

        return namedForFiles ? deletes : deletesExactly;
    }

    // Words that may follow the verb of a generic delete helper's name: what it deletes and how, never whose or why
    // (DeleteDirectory, RemoveFolderRecursive, DeleteFileOrDirectoryHard; not DeleteObsoleteFiles or RemovePluginFolder).
    private static readonly NameVocabulary BareDeleteObjectWords = NameVocabulary.Create(
        "File", "Files", "Directory", "Directories", "Dir", "Dirs", "Folder", "Folders", "Tree", "Path", "Or", "And",
        "Recursive", "Recursively", "Hard", "Harder", "All");

    // DeleteDirectory(dir), RemoveFolder(dir): the verb Delete or Remove and then only what and how it deletes.
    private static bool NamesBareFileDelete(string[] words)
    {
        if (words.Length < 2 ||
            !(string.Equals(words[0], "Delete", StringComparison.OrdinalIgnoreCase) || string.Equals(words[0], "Remove", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        for (var i = 1; i < words.Length; i++)
        {
            if (!BareDeleteObjectWords.Matches(words, i, i + 1))
            {
                return false;
            }
        }

        return true;
    }

    // A C# 14 extension member (`extension(Directory) { public static void Copy(…) }`) belongs to an unnamed extension type
    // nested in the static class that declares it (`DirectoryExtensions`): that class's name says what the helper is. The
    // extension type is told by its kind, unknown to the Roslyn this analyzer is built against.
    private static INamedTypeSymbol DeclaringClass(INamedTypeSymbol type) =>
        type.ContainingType is { } outer &&
        type.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Enum or TypeKind.Delegate or TypeKind.Error)
            ? outer
            : type;

    private bool IsUtilityType(INamedTypeSymbol type) =>
        _utilityTypes.GetOrAdd(type, static t =>
        {
            var words = IdentifierWords.Split(t.Name);
            return words.Length > 0 && (UtilityWords.Matches(words, words.Length - 1, words.Length) || NamesFileOperationsOnly(words));
        });

    // FileOpsService, FileSystemManager, IoOperations: a type named for nothing but file operations serves whoever calls it
    // (not StorageManager, PluginFileService or ModuleFiles: those name what they keep).
    private static bool NamesFileOperationsOnly(string[] words)
    {
        bool fileNoun = false, role = false;
        foreach (var word in words)
        {
            if (FileNounWords.ContainsExactly(word))
            {
                fileNoun = true;
            }
            else if (UtilityWords.ContainsExactly(word) || ServiceRoleWords.ContainsExactly(word))
            {
                role = true;
            }
            else if (!string.Equals(word, "System", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return fileNoun && role;
    }

    private static readonly NameVocabulary FileNounWords = NameVocabulary.Create(
        "File", "Files", "Fs", "Io", "Disk", "Directory", "Directories", "Folder", "Folders", "Path", "Paths");

    private static readonly NameVocabulary ServiceRoleWords = NameVocabulary.Create(
        "Service", "Services", "Manager", "Operations", "Operation", "Handler", "Provider", "Accessor", "Access");

    private ImmutableArray<FileSystemCall> CallsOf(IOperation operation, ChangeGateOptions options, int depth)
    {
        if (operation is not IInvocationOperation invocation || !IsCandidate(invocation.TargetMethod))
        {
            return ImmutableArray<FileSystemCall>.Empty;
        }

        var method = invocation.TargetMethod.OriginalDefinition;
        var summary = SummaryOf(method, options, depth);
        if (summary.Actions.IsEmpty)
        {
            return ImmutableArray<FileSystemCall>.Empty;
        }

        var shown = method.ContainingType is null || method.IsExtensionMethod ? method.Name : method.ContainingType.Name + "." + method.Name;
        var calls = ImmutableArray.CreateBuilder<FileSystemCall>();
        // One call per parameter the helper deletes or overwrites (Dirty(appDir, patchDir) deletes under both): each is
        // judged with the caller's guards for that argument. Repeated actions on one parameter make one call.
        List<int>? deleted = null, overwritten = null;
        foreach (var action in summary.Actions)
        {
            if (IsSwitchedOff(action.Action, options))
            {
                continue;
            }

            var subject = ArgumentFor(invocation, action.Subject);
            var destination = ArgumentFor(invocation, action.Destination);
            switch (action.Action)
            {
                case FileSystemAction.Delete when subject is not null && FirstFor(ref deleted, action.Subject):
                    calls.Add(FileSystemCall.ForWrapper(
                        new FileSystemApi(FileSystemAction.Delete, shown, false, action.IsDirectory, WriteKind.None, isWrapper: true),
                        invocation, subject, null, null, method));
                    break;
                case FileSystemAction.Write when subject is not null && FirstFor(ref overwritten, action.Subject):
                    calls.Add(FileSystemCall.ForWrapper(
                        new FileSystemApi(FileSystemAction.Write, shown, false, false, WriteKind.Always, isWrapper: true),
                        invocation, subject, null, null, method));
                    break;
                case FileSystemAction.CreateDirectory when subject is not null:
                    calls.Add(FileSystemCall.ForWrapper(
                        new FileSystemApi(FileSystemAction.CreateDirectory, shown, false, true, WriteKind.None, isWrapper: true),
                        invocation, subject, null, null, method));
                    break;
                case FileSystemAction.Copy or FileSystemAction.Move or FileSystemAction.Extract when subject is not null || destination is not null:
                    var overwrite = action.Overwrites && destination is not null && !(overwritten?.Contains(action.Destination) ?? false);
                    if (overwrite && action.OverwriteParameter >= 0 && ArgumentFor(invocation, action.OverwriteParameter) is { } flag)
                    {
                        var constant = flag.WalkDownConversions().ConstantValue;
                        if (constant is { HasValue: true, Value: false })
                        {
                            overwrite = false;
                        }
                    }

                    if (overwrite)
                    {
                        FirstFor(ref overwritten, action.Destination);
                    }

                    calls.Add(FileSystemCall.ForHelper(
                        new FileSystemApi(action.Action, shown, false, action.IsDirectory, WriteKind.None, isWrapper: true),
                        invocation, subject, destination, overwrite, method));
                    break;
            }
        }

        return calls.ToImmutable();
    }

    // True the first time a parameter is seen (and records it).
    private static bool FirstFor(ref List<int>? seen, int parameter)
    {
        seen ??= new List<int>(2);
        if (seen.Contains(parameter))
        {
            return false;
        }

        seen.Add(parameter);
        return true;
    }

    // `changegate.delete_methods = none` (and the like) switches helpers of that kind off, by name and by body.
    private static bool IsSwitchedOff(FileSystemAction action, ChangeGateOptions options)
    {
        var patterns = action switch
        {
            FileSystemAction.Delete => options.DeleteMethods,
            FileSystemAction.Write => options.WriteMethods,
            FileSystemAction.Copy => options.CopyMethods,
            _ => options.MoveMethods,
        };
        return patterns.IsEmpty && !patterns.IsDefault;
    }

    // A method of this compilation with a body in source, taking some path-like parameter; not a framework member.
    private bool IsCandidate(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.IsEmpty ||
            !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String || _symbols.InfoKindOf(parameter.Type) is not null || IsNameCollection(parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The summary of <paramref name="method"/> read at the top level (cached), or an empty one when it is no helper of this
    /// compilation with a body (<see cref="HelperCallVerdicts"/>).
    /// </summary>
    internal HelperSummary SummaryFor(IMethodSymbol method, ChangeGateOptions options)
    {
        var definition = method.OriginalDefinition;
        return IsCandidate(definition) ? SummaryOf(definition, options, 0) : HelperSummary.Empty;
    }

    private HelperSummary SummaryOf(IMethodSymbol method, ChangeGateOptions options, int depth)
    {
        if (depth >= MaxDepth)
        {
            return HelperSummary.Empty;
        }

        var key = new SummaryKey(method, options, depth);
        if (_cache.TryGetValue(key, out var known))
        {
            return known;
        }

        HelperSummary summary;
        try
        {
            summary = Compute(method, options, depth);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No summary rather than a crash of the build (AD0001): the call then reads as an ordinary call.
            summary = HelperSummary.Empty;
        }

        return _cache.GetOrAdd(key, summary);
    }

    private HelperSummary Compute(IMethodSymbol method, ChangeGateOptions options, int depth)
    {
        IOperation? body = null;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is BaseMethodDeclarationSyntax { } declaration && (declaration.Body is not null || declaration.ExpressionBody is not null))
            {
                body = _compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(declaration);
                break;
            }
        }

        if (body is null)
        {
            return HelperSummary.Empty;
        }

        var calls = new List<FileSystemCall>();
        var throughHelpers = new HashSet<FileSystemCall>();
        var others = new List<IOperation>();
        var locals = new Dictionary<ILocalSymbol, IOperation?>(SymbolEqualityComparer.Default);
        var count = 0;
        foreach (var operation in body.Descendants())
        {
            if (++count > MaxOperations)
            {
                return HelperSummary.Empty;
            }

            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if (!locals.ContainsKey(declarator.Symbol))
                    {
                        locals[declarator.Symbol] = declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value;
                    }

                    continue;
                case IForEachLoopOperation loop:
                    // foreach (var file in Directory.GetFiles(dir)): each element lies inside dir.
                    foreach (var local in loop.Locals)
                    {
                        locals[local] = loop.Collection;
                    }

                    continue;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    // A local given several values: the last one read wins; derivation only needs one that comes from a parameter.
                    if (!locals.TryGetValue(target.Local, out var previous) || previous is null || ParameterOf(previous, method, l => null) < 0)
                    {
                        locals[target.Local] = assignment.Value;
                    }

                    continue;
                case IInvocationOperation or IObjectCreationOperation or IInvalidOperation:
                    break;
                default:
                    continue;
            }

            if (_symbols.Classify(operation) is { } call)
            {
                calls.Add(call);
                continue;
            }

            if (NamedCall.NameOf(operation) is { } name && WrapperCalls.MayBeWrapper(name, options) && NamedCall.From(operation) is { } named &&
                WrapperCalls.Classify(named, _symbols, options) is { } wrapper)
            {
                calls.Add(wrapper);
                continue;
            }

            var nested = CallsOf(operation, options, depth + 1);
            if (!nested.IsEmpty)
            {
                calls.AddRange(nested);
                throughHelpers.UnionWith(nested);
                continue;
            }

            if (operation is IInvocationOperation or IInvalidOperation)
            {
                others.Add(operation);
            }
        }

        if (calls.Count == 0)
        {
            return HelperSummary.Empty;
        }

        calls.Sort(static (x, y) => x.Operation.Start().CompareTo(y.Operation.Start()));
        others.Sort(static (x, y) => x.Start().CompareTo(y.Start()));
        var activity = new FileSystemActivity(_symbols, calls.ToImmutableArray(), others.ToImmutableArray());
        Func<ILocalSymbol, IOperation?> initializer = local => locals.TryGetValue(local, out var value) ? value : null;
        var actions = ImmutableArray.CreateBuilder<HelperAction>();
        foreach (var call in activity.Calls)
        {
            if (call.IsMethodGroup)
            {
                continue;
            }

            var subject = call.Subject is { } s ? ParameterOf(s, method, initializer) : -1;
            var nestedCall = throughHelpers.Contains(call);
            switch (call.Api.Action)
            {
                case FileSystemAction.Delete when subject >= 0:
                    // Guards by the path's own name are the caller's to judge: the helper deletes whatever it is given. A
                    // delete in a catch clause clears the helper's own failed work: no action of the helper.
                    if (!DeleteIntent.IsGuarded(call, activity, method, options, byName: false) && !IsInCatch(call.Operation))
                    {
                        // Deleting what lies inside the argument (Path.Combine(dir, "x"), the files listed from it) says nothing of
                        // whether the argument is a file or a directory.
                        var exact = IsExactly(call.Subject!, initializer);
                        Add(actions, new HelperAction(FileSystemAction.Delete, subject, -1, exact ? call.IsDirectory : null, false, -1, exact,
                            inspectsContents: InspectsContents(others, subject, method)), nestedCall);
                    }

                    break;
                case FileSystemAction.Delete when call.Subject is { } named && NamedInsideRoot(named, method, initializer) is var names && names >= 0:
                    // foreach (var name in names) File.Delete(Path.Combine(bin, name)): the helper deletes, under a folder of its
                    // own, the entries its caller names. The folder is the helper's, so every guard (its name too) is read here.
                    if (!DeleteIntent.IsGuarded(call, activity, method, options, byName: true) && !IsInCatch(call.Operation))
                    {
                        Add(actions, new HelperAction(FileSystemAction.Delete, names, -1, null, false, -1), nestedCall);
                    }

                    break;
                case FileSystemAction.Write when subject >= 0 && call.WritesInPlace:
                    if (!OverwriteIntent.IsNotLive(call, call.Subject!, activity) &&
                        !OverwriteIntent.IsBackupDestination(call.Subject!, activity, options))
                    {
                        Add(actions, new HelperAction(FileSystemAction.Write, subject, -1, false, false, -1, stagesAssemblies: StagesAssemblies(call, activity)), nestedCall);
                    }

                    break;
                case FileSystemAction.CreateDirectory when subject >= 0 && IsExactly(call.Subject!, initializer):
                    // EnsureDirectory(dir), CreateDirectoryAndSetAcl(dir): the helper creates the directory it is given.
                    Add(actions, new HelperAction(FileSystemAction.CreateDirectory, subject, -1, true, false, -1), nestedCall);
                    break;
                case FileSystemAction.Copy or FileSystemAction.Move or FileSystemAction.Replace or FileSystemAction.Extract:
                    var destination = call.Destination is { } d ? ParameterOf(d, method, initializer) : -1;
                    if (subject < 0 && destination < 0)
                    {
                        break;
                    }

                    // A copy from a parameter to a path derived from the same parameter keeps a copy next to it: a backup.
                    var overwrites = call.Api.Action is FileSystemAction.Copy or FileSystemAction.Extract && call.Overwrite != false && destination >= 0 &&
                                     destination != subject &&
                                     !OverwriteIntent.IsNotLive(call, call.Destination!, activity) &&
                                     !OverwriteIntent.IsBackupDestination(call.Destination!, activity, options);
                    var flag = overwrites && call.OverwriteArgument is { } argument ? ParameterOf(argument, method, static _ => null) : -1;
                    var action = call.Api.Action is FileSystemAction.Replace ? FileSystemAction.Move : call.Api.Action;
                    Add(actions, new HelperAction(action, subject, destination, call.IsDirectory, overwrites, flag, stagesAssemblies: overwrites && StagesAssemblies(call, activity)), nestedCall);
                    break;
            }
        }

        return actions.Count == 0 ? HelperSummary.Empty : new HelperSummary(actions.ToImmutable());
    }

    // The path is a parameter itself, maybe through locals, new DirectoryInfo(p) or .FullName (not a path built from it).
    private bool IsExactly(IOperation path, Func<ILocalSymbol, IOperation?> initializer, int nesting = 0)
    {
        var current = path;
        for (var step = 0; step < MaxDerivationSteps && current is not null; step++)
        {
            current = current.WalkDownConversions();
            switch (current)
            {
                case IParameterReferenceOperation:
                    return true;
                case ILocalReferenceOperation local:
                    current = initializer(local.Local);
                    continue;
                case IObjectCreationOperation creation when _symbols.InfoKindOf(creation.Type) is not null && creation.Arguments.Length > 0:
                    current = creation.Arguments[0].Value;
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance } reference when _symbols.IsFullName(reference.Property):
                    current = instance;
                    continue;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when nesting < 2:
                    // Directory.Exists(p) ? new DirectoryInfo(p) : new FileInfo(p)
                    return IsExactly(conditional.WhenTrue, initializer, nesting + 1) && IsExactly(whenFalse, initializer, nesting + 1);
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The ordinal of a parameter of <paramref name="method"/> holding names (a <c>string[]</c> or another collection of
    /// strings) when <paramref name="path"/> joins one element of it onto a folder the helper finds itself
    /// (<c>Path.Combine(bin, name)</c> in <c>foreach (var name in names)</c>); else -1. A folder built from a parameter is
    /// read by <see cref="ParameterOf(IOperation, IMethodSymbol, Func{ILocalSymbol, IOperation?})"/>, not here.
    /// </summary>
    private int NamedInsideRoot(IOperation path, IMethodSymbol method, Func<ILocalSymbol, IOperation?> initializer)
    {
        var current = path;
        for (var step = 0; step < MaxDerivationSteps && current is not null; step++)
        {
            current = current.WalkDownConversions();
            switch (current)
            {
                case ILocalReferenceOperation local:
                    current = initializer(local.Local);
                    continue;
                case IObjectCreationOperation creation when _symbols.InfoKindOf(creation.Type) is not null && creation.Arguments.Length > 0:
                    current = creation.Arguments[0].Value;
                    continue;
                case IInvocationOperation invocation when _symbols.IsFileSystemType(invocation.TargetMethod.ContainingType) &&
                                                          invocation.TargetMethod.Name is "Combine" or "Join":
                    var values = new System.Collections.Generic.List<IOperation>();
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Value.WalkDownConversions() is IArrayCreationOperation { Initializer.ElementValues: var elements })
                        {
                            values.AddRange(elements);
                        }
                        else
                        {
                            values.Add(argument.Value);
                        }
                    }

                    if (values.Count < 2 || ParameterOf(values[0], method, initializer) >= 0)
                    {
                        return -1;
                    }

                    for (var i = 1; i < values.Count; i++)
                    {
                        if (values[i].WalkDownConversions() is ILocalReferenceOperation element &&
                            initializer(element.Local)?.WalkDownConversions() is IParameterReferenceOperation collection &&
                            IsNameCollection(collection.Parameter) &&
                            SymbolEqualityComparer.Default.Equals(collection.Parameter.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition) &&
                            element.Local.Type?.SpecialType == SpecialType.System_String)
                        {
                            return collection.Parameter.Ordinal;
                        }
                    }

                    return -1;
                default:
                    return -1;
            }
        }

        return -1;
    }

    // string[], IEnumerable<string>, List<string>…: a collection whose elements are strings.
    private static bool IsNameCollection(IParameterSymbol parameter) =>
        parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String } ||
        parameter.Type is INamedTypeSymbol { IsGenericType: true, TypeArguments: { Length: 1 } arguments } named &&
        arguments[0].SpecialType == SpecialType.System_String && named.SpecialType != SpecialType.System_String;

    // if (File.Exists(p) && Path.GetExtension(p).ToLower() == ".dll") { …write temp…; File.Move(temp, p, true); } else { write p }:
    // the write in the else branch, the move in the other. A bounded walk up to the first enclosing if with such a test.
    private static bool StagesAssemblies(FileSystemCall call, FileSystemActivity activity)
    {
        var child = call.Operation;
        var current = child.Parent;
        for (var depth = 0; depth < 32 && current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; depth++)
        {
            if (current is IConditionalOperation { WhenFalse: { } whenFalse } conditional && whenFalse == child &&
                TestsAssemblyExtension(conditional.Condition))
            {
                var span = conditional.WhenTrue.Syntax.Span;
                foreach (var other in activity.Calls)
                {
                    if (other.Api.Action is FileSystemAction.Move or FileSystemAction.Replace && span.Contains(other.Operation.Syntax.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            child = current;
            current = current.Parent;
        }

        return false;
    }

    private static bool TestsAssemblyExtension(IOperation condition)
    {
        var count = 0;
        foreach (var operation in condition.DescendantsAndSelf())
        {
            if (++count > 200)
            {
                return false;
            }

            if (operation is ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } &&
                (string.Equals(text, ".dll", StringComparison.OrdinalIgnoreCase) || string.Equals(text, ".exe", StringComparison.OrdinalIgnoreCase)))
            {
                // ext == ".dll", ext.Equals(".dll", …), string.Equals(ext, ".dll", …): the comparison the literal is an operand of.
                var comparison = operation.Parent is IArgumentOperation argument ? argument.Parent : operation.Parent;
                if (comparison is null)
                {
                    continue;
                }

                var inner = 0;
                foreach (var part in comparison.DescendantsAndSelf())
                {
                    if (++inner > 50)
                    {
                        break;
                    }

                    if (part is IInvocationOperation { TargetMethod.Name: "GetExtension" })
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // A listing of the parameter (Directory.GetFiles(dir, …), a wrapper's GetFiles(dir), dir.EnumerateFiles()) inside a test:
    // an expression of type bool (a condition or a bool local) takes it.
    private static bool InspectsContents(List<IOperation> others, int parameter, IMethodSymbol method)
    {
        foreach (var other in others)
        {
            if (other is not IInvocationOperation invocation || Array.IndexOf(Listings, invocation.TargetMethod.Name) < 0)
            {
                continue;
            }

            var lists = invocation.Instance?.WalkDownConversions() is IParameterReferenceOperation { Parameter: var receiver } && receiver.Ordinal == parameter &&
                        SymbolEqualityComparer.Default.Equals(receiver.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition);
            foreach (var argument in invocation.Arguments)
            {
                lists |= argument.Value.WalkDownConversions() is IParameterReferenceOperation { Parameter: var given } && given.Ordinal == parameter &&
                         SymbolEqualityComparer.Default.Equals(given.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition);
            }

            if (!lists)
            {
                continue;
            }

            var current = invocation.Parent;
            for (var depth = 0; depth < 8 && current is not null && current is not IBlockOperation && current is not IExpressionStatementOperation; depth++)
            {
                if (current.Type?.SpecialType == SpecialType.System_Boolean)
                {
                    return true;
                }

                current = current.Parent;
            }
        }

        return false;
    }

    private static bool IsInCatch(IOperation operation)
    {
        for (var current = operation.Parent; current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; current = current.Parent)
        {
            if (current is ICatchClauseOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(ImmutableArray<HelperAction>.Builder actions, HelperAction action, bool throughHelper)
    {
        action = action.ThroughHelper(throughHelper);
        for (var i = 0; i < actions.Count; i++)
        {
            var known = actions[i];
            if (known.Action == action.Action && known.Subject == action.Subject && known.Destination == action.Destination)
            {
                // The helper's own call of the member wins over the same action made through a helper it calls.
                if (known.IsThroughHelper && !action.IsThroughHelper)
                {
                    actions[i] = action;
                }

                return;
            }
        }

        actions.Add(action);
    }

    private static IOperation? ArgumentFor(IInvocationOperation invocation, int ordinal)
    {
        if (ordinal < 0)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The ordinal of the parameter of <paramref name="method"/> that <paramref name="path"/> is or is built from
    /// (<c>dir</c>, <c>Path.Combine(dir, "x")</c>, <c>new FileInfo(file).FullName</c>, <c>dir + "/x"</c>, a local holding
    /// one of those), or -1. A bounded, iterative walk down the first path-like operand.
    /// </summary>
    internal int ParameterOf(IOperation path, IMethodSymbol method, Func<ILocalSymbol, IOperation?> initializer) =>
        ParameterOf(path, method, initializer, 0);

    private int ParameterOf(IOperation path, IMethodSymbol method, Func<ILocalSymbol, IOperation?> initializer, int nesting)
    {
        var current = path;
        for (var step = 0; step < MaxDerivationSteps && current is not null; step++)
        {
            current = current.WalkDownConversions();
            switch (current)
            {
                case IParameterReferenceOperation parameter:
                    return SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition)
                        ? parameter.Parameter.Ordinal
                        : -1;
                case ILocalReferenceOperation local:
                    current = initializer(local.Local);
                    continue;
                case IInvocationOperation invocation when _symbols.IsFileSystemType(invocation.TargetMethod.ContainingType):
                    if (Array.IndexOf(Listings, invocation.TargetMethod.Name) >= 0)
                    {
                        // Directory.GetFiles(dir), new DirectoryInfo(dir).EnumerateFiles(): entries inside dir.
                        current = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                        continue;
                    }

                    if (Array.IndexOf(SameOrInside, invocation.TargetMethod.Name) < 0)
                    {
                        // Path.ChangeExtension(p, ".bak"), Path.GetDirectoryName(p): another path than the one given.
                        return -1;
                    }

                    current = FirstDerivedArgument(invocation.Arguments, method, initializer, out var found) is { } argument ? argument : null;
                    if (found >= 0)
                    {
                        return found;
                    }

                    continue;
                case IObjectCreationOperation creation when _symbols.InfoKindOf(creation.Type) is not null && creation.Arguments.Length > 0:
                    current = creation.Arguments[0].Value;
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance } reference when _symbols.IsFullName(reference.Property):
                    current = instance;
                    continue;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when nesting < 2:
                    // Directory.Exists(p) ? new DirectoryInfo(p) : new FileInfo(p): both branches the same parameter.
                    var other = ParameterOf(whenFalse, method, initializer, nesting + 1);
                    if (other < 0)
                    {
                        return -1;
                    }

                    var first = ParameterOf(conditional.WhenTrue, method, initializer, nesting + 1);
                    return first == other ? first : -1;
                case IBinaryOperation binary:
                    // dir + "/x" is inside dir; file + ".bak" is another file next to it.
                    var innermost = binary;
                    for (var depth = 0; depth < MaxDerivationSteps && innermost.LeftOperand.WalkDownConversions() is IBinaryOperation left; depth++)
                    {
                        innermost = left;
                    }

                    if (!IsSeparator(innermost.RightOperand))
                    {
                        return -1;
                    }

                    current = innermost.LeftOperand;
                    continue;
                case IInterpolatedStringOperation interpolated:
                    current = null;
                    for (var i = 0; i < interpolated.Parts.Length; i++)
                    {
                        if (interpolated.Parts[i] is IInterpolationOperation interpolation)
                        {
                            var next = i + 1 < interpolated.Parts.Length ? interpolated.Parts[i + 1] : null;
                            current = i == 0 && (next is null || next is IInterpolatedStringTextOperation { Text: var text } && IsSeparator(text))
                                ? interpolation.Expression
                                : null;
                            break;
                        }
                    }

                    continue;
                default:
                    return -1;
            }
        }

        return -1;
    }

    private static readonly string[] SameOrInside = { "Combine", "Join", "GetFullPath", "TrimEndingDirectorySeparator" };

    private static readonly string[] Listings =
    {
        "GetFiles", "GetDirectories", "GetFileSystemEntries", "GetFileSystemInfos", "EnumerateFiles", "EnumerateDirectories",
        "EnumerateFileSystemEntries", "EnumerateFileSystemInfos",
    };

    // A constant starting with a directory separator, or Path.DirectorySeparatorChar and the like.
    private static bool IsSeparator(IOperation operation)
    {
        var value = operation.WalkDownConversions();
        return value.ConstantValue is { HasValue: true, Value: var constant }
            ? constant is string text ? text.Length > 0 && (text[0] == '/' || text[0] == '\\') : constant is '/' or '\\'
            : value is IFieldReferenceOperation { Field.Name: "DirectorySeparatorChar" or "AltDirectorySeparatorChar" } or IPropertyReferenceOperation { Property.Name: "DirectorySeparatorChar" or "AltDirectorySeparatorChar" };
    }

    // Path.Combine(root, key): the first argument that is a parameter itself wins; else the first argument to follow.
    private static IOperation? FirstDerivedArgument(
        ImmutableArray<IArgumentOperation> arguments, IMethodSymbol method, Func<ILocalSymbol, IOperation?> initializer, out int parameter)
    {
        parameter = -1;
        foreach (var argument in arguments)
        {
            var value = argument.Value.WalkDownConversions();
            if (value is IParameterReferenceOperation reference &&
                SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition))
            {
                parameter = reference.Parameter.Ordinal;
                return null;
            }
        }

        foreach (var argument in arguments)
        {
            // params string[] of Path.Combine arrives as an array creation: follow its first element.
            var value = argument.Value.WalkDownConversions();
            if (value is IArrayCreationOperation { Initializer.ElementValues: { Length: > 0 } elements })
            {
                foreach (var element in elements)
                {
                    if (element.WalkDownConversions() is IParameterReferenceOperation p &&
                        SymbolEqualityComparer.Default.Equals(p.Parameter.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition))
                    {
                        parameter = p.Parameter.Ordinal;
                        return null;
                    }
                }

                return elements[0];
            }

            if (value.Type?.SpecialType == SpecialType.System_String)
            {
                return value;
            }
        }

        return null;
    }

    // The initializer of a local's declaration, read through the semantic model of the body being analysed.
    private static IOperation? LocalInitializer(ILocalSymbol local, SemanticModel? model)
    {
        if (model is null)
        {
            return null;
        }

        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            var value = reference.GetSyntax() switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } initial } => initial,
                ForEachStatementSyntax loop => loop.Expression,
                _ => null,
            };
            if (value is not null && value.SyntaxTree == model.SyntaxTree)
            {
                return model.GetOperation(value);
            }
        }

        return null;
    }
}

/// <summary>The cache key of a summary: methods by symbol equality, options by reference (one object per configuration).</summary>
internal readonly struct SummaryKey : IEquatable<SummaryKey>
{
    private readonly IMethodSymbol _method;
    private readonly ChangeGateOptions _options;
    private readonly int _depth;

    public SummaryKey(IMethodSymbol method, ChangeGateOptions options, int depth)
    {
        _method = method;
        _options = options;
        _depth = depth;
    }

    public bool Equals(SummaryKey other) =>
        _depth == other._depth && ReferenceEquals(_options, other._options) && SymbolEqualityComparer.Default.Equals(_method, other._method);

    public override bool Equals(object? obj) => obj is SummaryKey other && Equals(other);

    public override int GetHashCode() =>
        ((SymbolEqualityComparer.Default.GetHashCode(_method) * 397) ^ RuntimeHelpers.GetHashCode(_options)) * 31 + _depth;
}

/// <summary>What one helper does to its parameters (see <see cref="HelperSummaries"/>).</summary>
internal sealed class HelperSummary
{
    public static readonly HelperSummary Empty = new(ImmutableArray<HelperAction>.Empty);

    public HelperSummary(ImmutableArray<HelperAction> actions) => Actions = actions;

    public ImmutableArray<HelperAction> Actions { get; }
}

/// <summary>
/// One file-system action of a helper on its parameters: a delete or in-place write of parameter <see cref="Subject"/>
/// that nothing in the helper guards, or a copy or move from <see cref="Subject"/> to <see cref="Destination"/> (either
/// may be -1: not a parameter) that overwrites its destination when <see cref="Overwrites"/>, unless the argument for
/// <see cref="OverwriteParameter"/> is the constant false.
/// </summary>
internal readonly struct HelperAction
{
    public HelperAction(
        FileSystemAction action, int subject, int destination, bool? isDirectory, bool overwrites, int overwriteParameter, bool exact = false,
        bool throughHelper = false, bool stagesAssemblies = false, bool inspectsContents = false)
    {
        InspectsContents = inspectsContents;
        IsThroughHelper = throughHelper;
        StagesAssemblies = stagesAssemblies;
        Exact = exact;
        Action = action;
        Subject = subject;
        Destination = destination;
        IsDirectory = isDirectory;
        Overwrites = overwrites;
        OverwriteParameter = overwriteParameter;
    }

    public FileSystemAction Action { get; }

    public int Subject { get; }

    public int Destination { get; }

    public bool? IsDirectory { get; }

    public bool Overwrites { get; }

    public int OverwriteParameter { get; }

    /// <summary>For a delete: the helper deletes exactly the parameter (not a path built from it or listed in it).</summary>
    public bool Exact { get; }

    /// <summary>
    /// True when the helper does this through another helper of the compilation it calls (not a watched member or wrapper
    /// in its own body): a call of this helper is then not judged at the call when the helper is update code, the inner
    /// helper's calls are (<see cref="HelperCallVerdicts"/>).
    /// </summary>
    public bool IsThroughHelper { get; }

    /// <summary>
    /// For an overwrite: it sits in the <c>else</c> of a test of the path's extension against an assembly extension
    /// (<c>.dll</c>, <c>.exe</c>) whose other branch moves a staged file onto the path: the helper writes assemblies
    /// through a temporary file and other files in place (<see cref="HelperCallVerdicts"/>).
    /// </summary>
    public bool StagesAssemblies { get; }

    /// <summary>
    /// For a delete: the helper lists what is in the parameter in a test (<c>GetFiles(dir, "*.nupkg").Length == 0</c>), so
    /// it deletes only what that check found leftover, broken or empty; its verdict stays in its body.
    /// </summary>
    public bool InspectsContents { get; }

    public HelperAction ThroughHelper(bool throughHelper) => throughHelper == IsThroughHelper ? this : new HelperAction(
        Action, Subject, Destination, IsDirectory, Overwrites, OverwriteParameter, Exact, throughHelper, StagesAssemblies, InspectsContents);
}
