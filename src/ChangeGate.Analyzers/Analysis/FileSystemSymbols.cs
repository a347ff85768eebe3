using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The file-system members the rules watch, resolved once per compilation: System.IO (<c>File</c>,
/// <c>Directory</c>, <c>FileInfo</c>, <c>DirectoryInfo</c>, <c>FileSystemInfo</c>, <c>Path</c>,
/// <c>FileStream</c>, <c>StreamWriter</c>) and, when the compilation references it, System.IO.Abstractions
/// (<c>IFile</c>, <c>IDirectory</c>, <c>IFileInfo</c>, <c>IDirectoryInfo</c>, <c>IFileSystemInfo</c>,
/// <c>IPath</c> and the factories), the whole-file XML writers (<c>XmlWriter.Create(path)</c>, <c>XDocument.Save(path)</c>…)
/// and the ZIP extraction APIs. Members are keyed by symbol, so a look-up is one dictionary probe.
/// </summary>
/// <remarks>
/// Code under edit often does not bind: a local typed from another file is error-typed, so <c>File.Delete(x)</c> fails
/// overload resolution, and a file read without its project lacks the implicit <c>using System.IO;</c>. For such a call,
/// <see cref="Classify"/> uses the candidates when all of them are the same watched member and only error-typed
/// arguments stand in the way, and recognises <c>File.*</c>, <c>Directory.*</c>, <c>Path.*</c>, <c>new FileInfo(…)</c> and
/// <c>new DirectoryInfo(…)</c> by syntax when those names bind to nothing at all.
/// </remarks>
internal sealed class FileSystemSymbols
{
    private const string Abstractions = "System.IO.Abstractions.";

    private static readonly ConditionalWeakTable<Compilation, FileSystemSymbols> Cache = new();

    private static readonly string[] WholeFileWrites =
    {
        "WriteAllText", "WriteAllBytes", "WriteAllLines", "WriteAllTextAsync", "WriteAllBytesAsync", "WriteAllLinesAsync",
    };

    private static readonly string[] AlwaysWrites = { "Create", "CreateText", "OpenWrite" };

    private static readonly string[] TemporaryPaths = { "GetTempPath", "GetTempFileName", "GetRandomFileName" };

    private static readonly string[] ParentPaths = { "GetDirectoryName", "GetPathRoot" };

    private static readonly string[] FileParentProperties = { "Directory", "DirectoryName" };

    private static readonly string[] DirectoryParentProperties = { "Parent", "Root" };

    // Types whose static members are recognised by syntax when their name binds to nothing (implicit usings missing).
    private static readonly string[] UnboundStaticTypes = { "File", "Directory", "Path" };

    private static readonly string[] UnboundInfoTypes = { "FileInfo", "DirectoryInfo" };

    private readonly Dictionary<IMethodSymbol, FileSystemApi> _members = new(SymbolEqualityComparer.Default);
    private readonly HashSet<FileSystemAction> _actions = new();
    private readonly HashSet<string> _watchedNames = new(StringComparer.Ordinal);
    private readonly HashSet<IPropertySymbol> _fullNames = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, bool> _infoTypes = new(SymbolEqualityComparer.Default);

    // True when some of _infoTypes is an interface (IFileInfo…): only then can a type be one by what it implements.
    private bool _infoInterfaces;
    private readonly HashSet<IMethodSymbol> _parentMethods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IPropertySymbol> _parentProperties = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _fileSystemTypes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, INamedTypeSymbol> _unboundTypes = new(StringComparer.Ordinal);
    private readonly HashSet<IPropertySymbol> _clockNow = new(SymbolEqualityComparer.Default);
    private readonly IMethodSymbol? _newGuid;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, (ITypeSymbol Type, bool IsDirectory)?> _infoKinds = new(SymbolEqualityComparer.IncludeNullability);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _bodiesWithoutFileWork = new(SymbolEqualityComparer.Default);

    private static readonly NameVocabulary FileWorkWords = NameVocabulary.Create(
        "Delete", "Remove", "Wipe", "Purge", "Erase", "Copy", "Move", "Rename", "Replace", "Write", "Save", "Create", "Mirror",
        "Sync", "Extract", "Clone", "Serialize", "Flush", "Open");

    private HelperSummaries? _helpers;

    private FileSystemSymbols(Compilation compilation)
    {
        Compilation = compilation;
        FileMode = compilation.GetTypeByMetadataName("System.IO.FileMode");
        FileAccess = compilation.GetTypeByMetadataName("System.IO.FileAccess");
        DateTime = compilation.GetSpecialType(SpecialType.System_DateTime);
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        _newGuid = FirstMethod(compilation.GetTypeByMetadataName("System.Guid"), "NewGuid");
        AddProperties(_clockNow, DateTime, "Now", "UtcNow");
        AddProperties(_clockNow, DateTimeOffset, "Now", "UtcNow");

        AddFileType(compilation.GetTypeByMetadataName("System.IO.File"));
        AddFileType(compilation.GetTypeByMetadataName(Abstractions + "IFile"));
        AddDirectoryType(compilation.GetTypeByMetadataName("System.IO.Directory"));
        AddDirectoryType(compilation.GetTypeByMetadataName(Abstractions + "IDirectory"));
        AddFileInfoType(compilation.GetTypeByMetadataName("System.IO.FileInfo"));
        AddFileInfoType(compilation.GetTypeByMetadataName(Abstractions + "IFileInfo"));
        AddDirectoryInfoType(compilation.GetTypeByMetadataName("System.IO.DirectoryInfo"));
        AddDirectoryInfoType(compilation.GetTypeByMetadataName(Abstractions + "IDirectoryInfo"));
        AddMembers(compilation.GetTypeByMetadataName("System.IO.FileSystemInfo"), "Delete", FileSystemAction.Delete, instance: true, isDirectory: null);
        AddMembers(compilation.GetTypeByMetadataName(Abstractions + "IFileSystemInfo"), "Delete", FileSystemAction.Delete, instance: true, isDirectory: null);
        AddPathType(compilation.GetTypeByMetadataName("System.IO.Path"));
        AddPathType(compilation.GetTypeByMetadataName(Abstractions + "IPath"));
        AddStreamTypes(compilation);
        AddFactory(compilation.GetTypeByMetadataName(Abstractions + "IFileInfoFactory"), isDirectory: false, "New", "FromFileName");
        AddFactory(compilation.GetTypeByMetadataName(Abstractions + "IDirectoryInfoFactory"), isDirectory: true, "New", "FromDirectoryName");
        AddInfoType(compilation.GetTypeByMetadataName("System.IO.FileInfo"), isDirectory: false);
        AddInfoType(compilation.GetTypeByMetadataName(Abstractions + "IFileInfo"), isDirectory: false);
        AddInfoType(compilation.GetTypeByMetadataName("System.IO.DirectoryInfo"), isDirectory: true);
        AddInfoType(compilation.GetTypeByMetadataName(Abstractions + "IDirectoryInfo"), isDirectory: true);
        AddFullName(compilation.GetTypeByMetadataName("System.IO.FileSystemInfo"));
        AddFullName(compilation.GetTypeByMetadataName(Abstractions + "IFileSystemInfo"));
        AddProperties(_parentProperties, compilation.GetTypeByMetadataName("System.IO.FileInfo"), FileParentProperties);
        AddProperties(_parentProperties, compilation.GetTypeByMetadataName(Abstractions + "IFileInfo"), FileParentProperties);
        AddProperties(_parentProperties, compilation.GetTypeByMetadataName("System.IO.DirectoryInfo"), DirectoryParentProperties);
        AddProperties(_parentProperties, compilation.GetTypeByMetadataName(Abstractions + "IDirectoryInfo"), DirectoryParentProperties);
        AddXmlWriters(compilation);
        AddZipExtraction(compilation);
        AddLibraryExtraction(compilation);
        foreach (var name in new[] { "File", "Directory", "FileInfo", "DirectoryInfo", "FileSystemInfo", "Path" })
        {
            if (compilation.GetTypeByMetadataName("System.IO." + name) is { } type)
            {
                _fileSystemTypes.Add(type);
                _unboundTypes[name] = type;
            }

            if (compilation.GetTypeByMetadataName(Abstractions + "I" + name) is { } abstraction)
            {
                _fileSystemTypes.Add(abstraction);
            }
        }
    }

    /// <summary>The compilation these symbols belong to.</summary>
    public Compilation Compilation { get; }

    /// <summary>What the helpers of this compilation do to the paths they are given, worked out lazily, once per helper.</summary>
    public HelperSummaries Helpers
    {
        get
        {
            if (_helpers is null)
            {
                System.Threading.Interlocked.CompareExchange(ref _helpers, new HelperSummaries(Compilation, this), null);
            }

            return _helpers!;
        }
    }

    /// <summary><c>System.DateTime</c>.</summary>
    public INamedTypeSymbol DateTime { get; }

    /// <summary><c>System.DateTimeOffset</c>, or null.</summary>
    public INamedTypeSymbol? DateTimeOffset { get; }

    /// <summary><c>System.IO.FileMode</c>, or null.</summary>
    public INamedTypeSymbol? FileMode { get; }

    /// <summary><c>System.IO.FileAccess</c>, or null.</summary>
    public INamedTypeSymbol? FileAccess { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, resolved once and shared by every rule and code fix.</summary>
    public static FileSystemSymbols Resolve(Compilation compilation) => Cache.GetValue(compilation, static c => new FileSystemSymbols(c));

    /// <summary>True when the compilation references at least one member that does <paramref name="action"/>.</summary>
    public bool Watches(FileSystemAction action) => _actions.Contains(action);

    /// <summary>The role of <paramref name="method"/>, or null when it is not watched (overrides count as the member they override).</summary>
    public FileSystemApi? Find(IMethodSymbol? method)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (_members.TryGetValue(current.OriginalDefinition, out var api))
            {
                return api;
            }
        }

        return null;
    }

    /// <summary>
    /// Classifies an invocation, object creation or method reference; null when it is not a watched member. A call that
    /// did not bind is classified when <see cref="Resolve(IOperation)"/> can tell which watched member it is.
    /// </summary>
    public FileSystemCall? Classify(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation when Find(invocation.TargetMethod) is { } api:
                return FileSystemCall.Create(api, invocation, invocation.Instance, invocation.Arguments, this);
            case IObjectCreationOperation creation when Find(creation.Constructor) is { } api:
                return FileSystemCall.Create(api, creation, null, creation.Arguments, this);
            case IMethodReferenceOperation reference when Find(reference.Method) is { } api:
                return FileSystemCall.ForMethodGroup(api, reference);
            case IInvalidOperation when MayBeWatched(operation) && Resolve(operation) is { Api: { } api } resolved:
                return FileSystemCall.Create(api, operation, resolved.Instance, resolved.Arguments, this);
            case IInvalidOperation:
                return UnboundLibraryExtraction(operation);
            default:
                return null;
        }
    }

    // extractor.ExtractArchive(dir) when the archive library did not restore (a partial restore, code under edit): the
    // receiver's type is an error type that keeps the library type's name, and no other type of that name has instances
    // (System.IO.Compression.ZipFile is static).
    private FileSystemCall? UnboundLibraryExtraction(IOperation operation)
    {
        if (operation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation ||
            !UnboundExtractions.TryGetValue(access.Name.Identifier.ValueText, out var byReceiver) ||
            (ChildFor(operation, access.Expression) ?? GrandchildFor(operation, access.Expression)) is not { } receiver ||
            receiver.WalkDownConversions().Type is not { TypeKind: TypeKind.Error, Name: var receiverType } ||
            !byReceiver.TryGetValue(receiverType, out var api))
        {
            return null;
        }

        return FileSystemCall.Create(api, operation, receiver, CallArguments.FromSyntax(operation, invocation.ArgumentList, null), this);
    }

    private const string FastZipType = "ICSharpCode.SharpZipLib.Zip.FastZip";

    // The extraction members of the common archive libraries (type, member, how it overwrites): each puts an archive's files
    // into a directory or a file and overwrites what is there as its library decides. Declared before UnboundExtractions,
    // which is made from it (static fields are initialized in order).
    private static readonly (string Type, string Member, FileSystemApi Api)[] LibraryExtractions = CreateLibraryExtractions();

    // Method name → receiver type name → the extraction it is: the instance members of LibraryExtractions (and FastZip's),
    // read by the simple name of their type, which an error type keeps.
    private static readonly Dictionary<string, Dictionary<string, FileSystemApi>> UnboundExtractions = CreateUnboundExtractions();

    private static (string, string, FileSystemApi)[] CreateLibraryExtractions()
    {
        var list = new List<(string, string, FileSystemApi)>();
        foreach (var extractor in new[] { "SevenZip.SevenZipExtractor", "SharpSevenZip.SharpSevenZipExtractor" })
        {
            var shown = extractor.Substring(extractor.IndexOf('.') + 1);
            list.Add((extractor, "ExtractArchive", new FileSystemApi(shown + ".ExtractArchive", subjectIsInstance: true, isDirectory: true, ExtractOverwrite.Always)));
            list.Add((extractor, "ExtractFiles", new FileSystemApi(shown + ".ExtractFiles", subjectIsInstance: true, isDirectory: true, ExtractOverwrite.Always)));
        }

        // SharpCompress: archive.WriteToDirectory(dir, options), reader.WriteAllToDirectory(dir, options), entry.WriteToFile(path, options).
        var toDirectory = new FileSystemApi("WriteToDirectory", subjectIsInstance: false, isDirectory: true, ExtractOverwrite.ByOptions);
        var toFile = new FileSystemApi("WriteToFile", subjectIsInstance: false, isDirectory: false, ExtractOverwrite.ByOptions);
        foreach (var extensions in new[] { "SharpCompress.Archives.IArchiveExtensions", "SharpCompress.Archives.IArchiveEntryExtensions", "SharpCompress.Readers.IReaderExtensions" })
        {
            foreach (var member in new[] { "WriteToDirectory", "WriteAllToDirectory", "WriteEntryToDirectory" })
            {
                list.Add((extensions, member, toDirectory));
                list.Add((extensions, member + "Async", toDirectory));
            }

            foreach (var member in new[] { "WriteToFile", "WriteEntryToFile" })
            {
                list.Add((extensions, member, toFile));
                list.Add((extensions, member + "Async", toFile));
            }
        }

        // DotNetZip: zip.ExtractAll(dir[, ExtractExistingFileAction]) throws on an existing file unless told to overwrite.
        list.Add(("Ionic.Zip.ZipFile", "ExtractAll", new FileSystemApi("ZipFile.ExtractAll", subjectIsInstance: true, isDirectory: true, ExtractOverwrite.ByEnum, "OverwriteSilently")));
        list.Add(("Ionic.Zip.ZipEntry", "Extract", new FileSystemApi("ZipEntry.Extract", subjectIsInstance: true, isDirectory: true, ExtractOverwrite.ByEnum, "OverwriteSilently")));

        // SharpZipLib: fastZip.ExtractZip(zip, dir, filter) overwrites unless its FastZip.Overwrite argument says otherwise.
        list.Add((FastZipType, "ExtractZip", new FileSystemApi("FastZip.ExtractZip", subjectIsInstance: false, isDirectory: true, ExtractOverwrite.ByEnum, "Always", overwritesWithoutArgument: true)));
        return list.ToArray();
    }

    private static Dictionary<string, Dictionary<string, FileSystemApi>> CreateUnboundExtractions()
    {
        var extractions = new Dictionary<string, Dictionary<string, FileSystemApi>>(StringComparer.Ordinal);
        foreach (var (type, member, api) in LibraryExtractions)
        {
            // Extension methods (SharpCompress) take the archive as an argument: no receiver type to read.
            if (!api.SubjectIsInstance && type != FastZipType)
            {
                continue;
            }

            if (!extractions.TryGetValue(member, out var byType))
            {
                extractions[member] = byType = new Dictionary<string, FileSystemApi>(StringComparer.Ordinal);
            }

            byType[type.Substring(type.LastIndexOf('.') + 1)] = api;
        }

        return extractions;
    }

    /// <summary>
    /// The member a call that did not bind (an <see cref="IInvalidOperation"/> over an invocation or object creation)
    /// stands for, or null: either every overload-resolution candidate is the same watched member and the arguments
    /// fail only by being error-typed, or the call is <c>File.X(…)</c>, <c>Directory.X(…)</c>, <c>Path.X(…)</c>,
    /// <c>new FileInfo(…)</c> or <c>new DirectoryInfo(…)</c> where that type name binds to nothing.
    /// </summary>
    public ResolvedCall? Resolve(IOperation operation)
    {
        if (operation is not IInvalidOperation || operation.SemanticModel is not { } model)
        {
            return null;
        }

        switch (operation.Syntax)
        {
            case InvocationExpressionSyntax invocation:
                return ResolveInvocation(operation, invocation, model);
            case BaseObjectCreationExpressionSyntax creation:
                return ResolveCreation(operation, creation, model);
            default:
                return null;
        }
    }

    /// <summary>True for <c>File</c>, <c>Directory</c>, <c>Path</c>, the file and directory objects, and their System.IO.Abstractions forms.</summary>
    public bool IsFileSystemType(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (_fileSystemTypes.Contains(current.OriginalDefinition))
            {
                return true;
            }
        }

        if (type is not null)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (_fileSystemTypes.Contains(implemented.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="operation"/> yields a value that differs on every run: <c>Guid.NewGuid()</c>, or the clock
    /// (<c>DateTime.Now</c>, <c>UtcNow</c>, <c>DateTimeOffset.UtcNow</c>…; what a timestamp keeps of it is judged by
    /// <see cref="PathDerivations"/>).
    /// </summary>
    public bool IsUniqueOrigin(IOperation operation) => operation switch
    {
        IInvocationOperation invocation =>
            (_newGuid is not null && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, _newGuid)) ||
            (invocation.TargetMethod.Name is "GetUtcNow" or "GetLocalNow" && IsClockType(invocation.TargetMethod.ReturnType)),
        // DateTime.UtcNow, and the same read through a clock abstraction (_clock.UtcNow, ISystemClock.UtcNow).
        IPropertyReferenceOperation property =>
            _clockNow.Contains(property.Property.OriginalDefinition) ||
            (property.Property.Name is "Now" or "UtcNow" && IsClockType(property.Property.Type)),
        _ => false,
    };

    /// <summary>
    /// True when <paramref name="method"/> is declared in this compilation with a body, and nothing in that body is named
    /// for a file operation (no call or creation with Delete, Copy, Move, Write, Save, Create, Open… in its name): then it
    /// is no file-system helper, whatever its own name says. Decided once per method, from syntax alone.
    /// </summary>
    public bool BodyTouchesNoFiles(IMethodSymbol method) =>
        _bodiesWithoutFileWork.GetOrAdd(method.OriginalDefinition, static m =>
        {
            var sawBody = false;
            foreach (var reference in m.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax();
                var body = declaration switch
                {
                    BaseMethodDeclarationSyntax declared => (SyntaxNode?)declared.Body ?? declared.ExpressionBody,
                    LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                    _ => null,
                };
                if (body is null)
                {
                    continue;
                }

                sawBody = true;
                foreach (var node in body.DescendantNodes())
                {
                    var name = node switch
                    {
                        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText,
                        InvocationExpressionSyntax { Expression: SimpleNameSyntax simple } => simple.Identifier.ValueText,
                        ObjectCreationExpressionSyntax { Type: var type } => type.ToString(),
                        _ => null,
                    };
                    if (name is not null && (FileWorkWords.Matches(name) || name.EndsWith("Stream", StringComparison.Ordinal) || name.EndsWith("Writer", StringComparison.Ordinal)))
                    {
                        return false;
                    }
                }
            }

            return sawBody;
        });

    /// <summary>True for <c>DateTime</c> and <c>DateTimeOffset</c>.</summary>
    public bool IsClockType(ITypeSymbol? type) =>
        type is not null &&
        (SymbolEqualityComparer.Default.Equals(type, DateTime) || (DateTimeOffset is not null && SymbolEqualityComparer.Default.Equals(type, DateTimeOffset)));

    /// <summary>True when <paramref name="operation"/> returns a fresh temporary path (<see cref="FileSystemAction.TemporaryPath"/>).</summary>
    /// <remarks>
    /// A project's own helper counts when its name says it makes a temporary location: <c>GetTempDirectory</c>,
    /// <c>CreateTemporaryFolder</c>, <c>TempUtil.NewTempFile</c> (a verb Get/Create/New/Make, and Temp/Temporary/Tmp).
    /// A value it hands back through an <c>out</c> argument counts too (see <see cref="LocalAssignments"/>).
    /// </remarks>
    public bool IsTemporaryPathOrigin(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => Find(invocation.TargetMethod)?.Action == FileSystemAction.TemporaryPath || IsTemporaryHelperName(invocation.TargetMethod.Name),
        IInvalidOperation => Resolve(operation)?.Api?.Action == FileSystemAction.TemporaryPath ||
                             (NamedCall.From(operation) is { } named && IsTemporaryHelperName(named.Name)),
        _ => false,
    };

    private static bool IsTemporaryHelperName(string name)
    {
        var words = IdentifierWords.Split(name);
        if (words.Length < 2 || !(words[0] is "Get" or "Create" or "New" or "Make"))
        {
            return false;
        }

        for (var i = 1; i < words.Length; i++)
        {
            if (words[i] is "Temp" or "Temporary" or "Tmp")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="property"/> is <c>FullName</c> of a file or directory object: the path it wraps.</summary>
    public bool IsFullName(IPropertySymbol property) => ContainsOrOverrides(_fullNames, property);

    /// <summary>
    /// True when <paramref name="operation"/> goes up from a path to a directory above it: <c>Path.GetDirectoryName</c>,
    /// <c>Path.GetPathRoot</c>, <c>info.Directory</c>, <c>info.DirectoryName</c>, <c>info.Parent</c>, <c>info.Root</c>.
    /// </summary>
    public bool IsParentPath(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => _parentMethods.Contains(invocation.TargetMethod.OriginalDefinition),
        IPropertyReferenceOperation property => ContainsOrOverrides(_parentProperties, property.Property),
        IInvalidOperation => Resolve(operation) is { } resolved && _parentMethods.Contains(resolved.Method.OriginalDefinition),
        _ => false,
    };

    /// <summary>
    /// For a file or directory object: the type users see (<c>FileInfo</c>, <c>IDirectoryInfo</c>…) and whether it is a
    /// directory; null when <paramref name="type"/> is neither (a plain <c>FileSystemInfo</c>, say).
    /// </summary>
    public (ITypeSymbol Type, bool IsDirectory)? InfoKindOf(ITypeSymbol? type)
    {
        if (type is null)
        {
            return null;
        }

        // Asked for the type of every member write and path of a compilation; AllInterfaces makes a new array per call.
        if (_infoKinds.TryGetValue(type, out var known))
        {
            return known;
        }

        var kind = DecideInfoKind(type);
        _infoKinds.TryAdd(type, kind);
        return kind;
    }

    private (ITypeSymbol Type, bool IsDirectory)? DecideInfoKind(ITypeSymbol? type)
    {
        // Arrays, pointers, enums, delegates and the special types (int, string, object…) are never a file or directory object:
        // no base-type walk or interface list for them (an array's interface list is built anew for each element type).
        if (type is null or IArrayTypeSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol ||
            type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Enum or TypeKind.Delegate)
        {
            return null;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (_infoTypes.TryGetValue(current.OriginalDefinition, out var isDirectory))
            {
                return (current, isDirectory);
            }
        }

        // Only the System.IO.Abstractions interfaces are interfaces among the info types: without them, none to look for.
        if (_infoInterfaces)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (_infoTypes.TryGetValue(implemented.OriginalDefinition, out var isDirectory))
                {
                    return (implemented, isDirectory);
                }
            }
        }

        return null;
    }

    /// <summary>The path wrapped by <c>new FileInfo(path)</c>, <c>fileSystem.DirectoryInfo.New(path)</c> and the like, or null.</summary>
    public IOperation? WrappedPath(IOperation operation)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation when Find(creation.Constructor)?.Action == FileSystemAction.Wrap:
                return creation.Arguments.ArgumentAt(0);
            case IInvocationOperation invocation when Find(invocation.TargetMethod)?.Action == FileSystemAction.Wrap:
                return invocation.Arguments.ArgumentAt(0);
            case IInvalidOperation when Resolve(operation) is { Api.Action: FileSystemAction.Wrap } resolved:
                return resolved.Arguments.At(0);
            default:
                return null;
        }
    }

    private ResolvedCall? ResolveInvocation(IOperation operation, InvocationExpressionSyntax invocation, SemanticModel model)
    {
        var info = model.GetSymbolInfo(invocation);
        var memberAccess = invocation.Expression as MemberAccessExpressionSyntax;
        if (info.Symbol is null && info.CandidateReason == CandidateReason.OverloadResolutionFailure && !info.CandidateSymbols.IsEmpty)
        {
            if (!SameWatchedMember(info.CandidateSymbols, out var api) || !HasErrorTypedArgument(operation))
            {
                return null;
            }

            foreach (var candidate in info.CandidateSymbols)
            {
                var method = (IMethodSymbol)candidate;
                var definition = method.ReducedFrom ?? method;
                var receiver = memberAccess is null ? null : ChildFor(operation, memberAccess.Expression);
                var arguments = CallArguments.FromSyntax(operation, invocation.ArgumentList, definition, method.ReducedFrom is null ? null : receiver);
                if (FitsExceptErrorTypes(definition, arguments, model.Compilation))
                {
                    return new ResolvedCall(definition, api, method.IsStatic || method.ReducedFrom is not null ? null : receiver, arguments);
                }
            }

            return null;
        }

        // File.Delete(path) in a file read without its project's implicit `using System.IO;`.
        if (info.Symbol is null && info.CandidateSymbols.IsEmpty &&
            memberAccess is { Expression: IdentifierNameSyntax typeName } &&
            _unboundTypes.TryGetValue(typeName.Identifier.ValueText, out var type) &&
            IsUnbound(typeName, model))
        {
            var name = memberAccess.Name.Identifier.ValueText;
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { IsStatic: true } method)
                {
                    var arguments = CallArguments.FromSyntax(operation, invocation.ArgumentList, method);
                    if (FitsByShape(method, invocation.ArgumentList))
                    {
                        return new ResolvedCall(method, Find(method), null, arguments);
                    }
                }
            }
        }

        return null;
    }

    private ResolvedCall? ResolveCreation(IOperation operation, BaseObjectCreationExpressionSyntax creation, SemanticModel model)
    {
        var info = model.GetSymbolInfo(creation);
        if (info.Symbol is null && info.CandidateReason == CandidateReason.OverloadResolutionFailure && !info.CandidateSymbols.IsEmpty)
        {
            if (!SameWatchedMember(info.CandidateSymbols, out var api) || !HasErrorTypedArgument(operation))
            {
                return null;
            }

            foreach (var candidate in info.CandidateSymbols)
            {
                var constructor = (IMethodSymbol)candidate;
                var arguments = CallArguments.FromSyntax(operation, creation.ArgumentList, constructor);
                if (FitsExceptErrorTypes(constructor, arguments, model.Compilation))
                {
                    return new ResolvedCall(constructor, api, null, arguments);
                }
            }

            return null;
        }

        if (info.Symbol is null && info.CandidateSymbols.IsEmpty &&
            creation is ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax typeName } &&
            Array.IndexOf(UnboundInfoTypes, typeName.Identifier.ValueText) >= 0 &&
            _unboundTypes.TryGetValue(typeName.Identifier.ValueText, out var type) &&
            IsUnbound(typeName, model))
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                if (Find(constructor) is { } api && FitsByShape(constructor, creation.ArgumentList))
                {
                    return new ResolvedCall(constructor, api, null, CallArguments.FromSyntax(operation, creation.ArgumentList, constructor));
                }
            }
        }

        return null;
    }

    // Every candidate is an overload of one watched member (they share one FileSystemApi), or of one other member of a
    // file-system type (File.Exists, Path.GetDirectoryName, Directory.GetFiles: api null), which path questions still need.
    private bool SameWatchedMember(ImmutableArray<ISymbol> candidates, out FileSystemApi? api)
    {
        api = null;
        IMethodSymbol? first = null;
        foreach (var candidate in candidates)
        {
            if (candidate is not IMethodSymbol method)
            {
                return false;
            }

            var definition = method.ReducedFrom ?? method;
            var found = Find(definition);
            if (first is null)
            {
                first = definition;
                api = found;
                if (found is null && !IsFileSystemType(definition.ContainingType))
                {
                    return false;
                }
            }
            else if (!ReferenceEquals(api, found) || (found is null && (definition.Name != first.Name ||
                         !SymbolEqualityComparer.Default.Equals(definition.ContainingType, first.ContainingType))))
            {
                return false;
            }
        }

        return first is not null;
    }

    private static bool HasErrorTypedArgument(IOperation invalid)
    {
        foreach (var child in invalid.ChildOperations)
        {
            if (!child.Syntax.IsMissing && (child.Type is { TypeKind: TypeKind.Error } || child is IInvalidOperation { Type: null }))
            {
                return true;
            }
        }

        return false;
    }

    // The call fails only because of error-typed arguments: every other argument converts to its parameter.
    private static bool FitsExceptErrorTypes(IMethodSymbol method, CallArguments arguments, Compilation compilation)
    {
        var given = 0;
        foreach (var argument in arguments.Items)
        {
            if (argument.Parameter is not { } parameter)
            {
                return false;
            }

            given++;
            var type = argument.Value.Type;
            if (type is null || type.TypeKind == TypeKind.Error || argument.Value is IInvalidOperation)
            {
                continue;
            }

            if (!compilation.ClassifyCommonConversion(type, parameter.Type).IsImplicit)
            {
                return false;
            }
        }

        return given >= RequiredParameters(method) && given <= method.Parameters.Length;
    }

    private static bool FitsByShape(IMethodSymbol method, BaseArgumentListSyntax? list)
    {
        var count = list?.Arguments.Count ?? 0;
        if (count < RequiredParameters(method) || count > method.Parameters.Length)
        {
            return false;
        }

        foreach (var argument in list?.Arguments ?? default)
        {
            if (argument.NameColon is { } named && !HasParameter(method, named.Name.Identifier.ValueText))
            {
                return false;
            }
        }

        return true;
    }

    private static int RequiredParameters(IMethodSymbol method)
    {
        var required = 0;
        foreach (var parameter in method.Parameters)
        {
            if (!parameter.IsOptional && !parameter.IsParams)
            {
                required++;
            }
        }

        return required;
    }

    private static bool HasParameter(IMethodSymbol method, string name)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnbound(IdentifierNameSyntax name, SemanticModel model)
    {
        var info = model.GetSymbolInfo(name);
        return info.Symbol is null && info.CandidateSymbols.IsEmpty;
    }

    // The receiver of an unbound member access may sit under an invalid operation for `receiver.Name`.
    private static IOperation? GrandchildFor(IOperation parent, SyntaxNode syntax)
    {
        foreach (var child in parent.ChildOperations)
        {
            if (ChildFor(child, syntax) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static IOperation? ChildFor(IOperation parent, SyntaxNode syntax)
    {
        foreach (var child in parent.ChildOperations)
        {
            if (child.Syntax == syntax)
            {
                return child;
            }
        }

        return null;
    }

    private static IMethodSymbol? FirstMethod(INamedTypeSymbol? type, string name)
    {
        foreach (var member in type?.GetMembers(name) ?? ImmutableArray<ISymbol>.Empty)
        {
            if (member is IMethodSymbol method)
            {
                return method;
            }
        }

        return null;
    }

    private void AddXmlWriters(Compilation compilation)
    {
        // Each of these truncates the file at the path it is given, like File.Create.
        AddPathOverloads(compilation.GetTypeByMetadataName("System.Xml.XmlWriter"), "Create", instance: false);
        AddPathOverloads(compilation.GetTypeByMetadataName("System.Xml.Linq.XDocument"), "Save", instance: false);
        AddPathOverloads(compilation.GetTypeByMetadataName("System.Xml.Linq.XElement"), "Save", instance: false);
        AddPathOverloads(compilation.GetTypeByMetadataName("System.Xml.Linq.XStreamingElement"), "Save", instance: false);
        AddPathOverloads(compilation.GetTypeByMetadataName("System.Xml.XmlDocument"), "Save", instance: false);
    }

    private void AddPathOverloads(INamedTypeSymbol? type, string name, bool instance)
    {
        if (type is null)
        {
            return;
        }

        var api = new FileSystemApi(FileSystemAction.Write, type.Name + "." + name, instance, isDirectory: false, WriteKind.Always);
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol { Parameters.Length: > 0 } method && method.Parameters[0].Type.SpecialType == SpecialType.System_String)
            {
                Add(method, api);
            }
        }
    }

    private void AddZipExtraction(Compilation compilation)
    {
        AddExtraction(compilation.GetTypeByMetadataName("System.IO.Compression.ZipFile"), "ZipFile", isDirectory: true, "ExtractToDirectory", "ExtractToDirectoryAsync");
        var extensions = compilation.GetTypeByMetadataName("System.IO.Compression.ZipFileExtensions");
        AddExtraction(extensions, "ZipArchive", isDirectory: true, "ExtractToDirectory", "ExtractToDirectoryAsync");
        AddExtraction(extensions, "ZipArchiveEntry", isDirectory: false, "ExtractToFile", "ExtractToFileAsync");
    }

    // The extraction members of the common archive libraries the compilation references, watched like ZipFile's.
    private void AddLibraryExtraction(Compilation compilation)
    {
        // One look-up per library type (the table lists a type once per member), at the first compilation that asks.
        var types = new Dictionary<string, INamedTypeSymbol?>(StringComparer.Ordinal);
        foreach (var (type, member, api) in LibraryExtractions)
        {
            if (!types.TryGetValue(type, out var symbol))
            {
                types[type] = symbol = compilation.GetTypeByMetadataName(type);
            }

            AddLibraryMembers(symbol, member, api);
        }
    }

    // Every overload named `name` that takes a string destination (a directory or a file path).
    private void AddLibraryMembers(INamedTypeSymbol? type, string name, FileSystemApi api)
    {
        if (type is null)
        {
            return;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol method && method.Parameters.Any(static parameter => parameter.Type.SpecialType == SpecialType.System_String))
            {
                Add(method, api);
            }
        }
    }

    private void AddExtraction(INamedTypeSymbol? type, string shownType, bool isDirectory, params string[] names)
    {
        if (type is null)
        {
            return;
        }

        foreach (var name in names)
        {
            var api = new FileSystemApi(FileSystemAction.Extract, shownType + "." + name, false, isDirectory);
            foreach (var member in type.GetMembers(name))
            {
                // The destination is the second parameter in every overload: (archive, destination, …).
                if (member is IMethodSymbol { Parameters.Length: >= 2 } method && method.Parameters[1].Type.SpecialType == SpecialType.System_String)
                {
                    Add(method, api);
                }
            }
        }
    }

    private void AddInfoType(INamedTypeSymbol? type, bool isDirectory)
    {
        if (type is not null)
        {
            _infoTypes[type] = isDirectory;
            _infoInterfaces |= type.TypeKind == TypeKind.Interface;
        }
    }

    private void AddFullName(INamedTypeSymbol? type) => AddProperties(_fullNames, type, "FullName");

    private static void AddProperties(HashSet<IPropertySymbol> set, INamedTypeSymbol? type, params string[] names)
    {
        foreach (var name in names)
        {
            foreach (var member in type?.GetMembers(name) ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IPropertySymbol property)
                {
                    set.Add(property);
                }
            }
        }
    }

    private static bool ContainsOrOverrides(HashSet<IPropertySymbol> set, IPropertySymbol property)
    {
        for (var current = property; current is not null; current = current.OverriddenProperty)
        {
            if (set.Contains(current.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private void AddFileType(INamedTypeSymbol? type)
    {
        AddMembers(type, "Delete", FileSystemAction.Delete, instance: false, isDirectory: false);
        AddMembers(type, "Copy", FileSystemAction.Copy, instance: false, isDirectory: false);
        AddMembers(type, "Move", FileSystemAction.Move, instance: false, isDirectory: false);
        AddMembers(type, "Replace", FileSystemAction.Replace, instance: false, isDirectory: false);
        foreach (var name in WholeFileWrites)
        {
            AddMembers(type, name, FileSystemAction.Write, instance: false, isDirectory: false, WriteKind.WholeFile);
        }

        foreach (var name in AlwaysWrites)
        {
            AddMembers(type, name, FileSystemAction.Write, instance: false, isDirectory: false, WriteKind.Always);
        }

        AddMembers(type, "Open", FileSystemAction.Write, instance: false, isDirectory: false, WriteKind.ByMode);
    }

    private void AddDirectoryType(INamedTypeSymbol? type)
    {
        AddMembers(type, "Delete", FileSystemAction.Delete, instance: false, isDirectory: true);
        AddMembers(type, "Move", FileSystemAction.Move, instance: false, isDirectory: true);
        AddMembers(type, "CreateDirectory", FileSystemAction.CreateDirectory, instance: false, isDirectory: true);
        AddMembers(type, "CreateTempSubdirectory", FileSystemAction.TemporaryPath, instance: false, isDirectory: true);
    }

    private void AddFileInfoType(INamedTypeSymbol? type)
    {
        AddMembers(type, "Delete", FileSystemAction.Delete, instance: true, isDirectory: false);
        AddMembers(type, "CopyTo", FileSystemAction.Copy, instance: true, isDirectory: false);
        AddMembers(type, "MoveTo", FileSystemAction.Move, instance: true, isDirectory: false);
        AddMembers(type, "Replace", FileSystemAction.Replace, instance: true, isDirectory: false);
        foreach (var name in AlwaysWrites)
        {
            AddMembers(type, name, FileSystemAction.Write, instance: true, isDirectory: false, WriteKind.Always);
        }

        AddMembers(type, "Open", FileSystemAction.Write, instance: true, isDirectory: false, WriteKind.ByMode);
        AddConstructors(type, FileSystemAction.Wrap, isDirectory: false);
    }

    private void AddDirectoryInfoType(INamedTypeSymbol? type)
    {
        AddMembers(type, "Delete", FileSystemAction.Delete, instance: true, isDirectory: true);
        AddMembers(type, "MoveTo", FileSystemAction.Move, instance: true, isDirectory: true);
        AddMembers(type, "Create", FileSystemAction.CreateDirectory, instance: true, isDirectory: true);
        AddConstructors(type, FileSystemAction.Wrap, isDirectory: true);
    }

    private void AddPathType(INamedTypeSymbol? type)
    {
        foreach (var name in ParentPaths)
        {
            foreach (var member in type?.GetMembers(name) ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IMethodSymbol method)
                {
                    _parentMethods.Add(method.OriginalDefinition);
                }
            }
        }

        foreach (var name in TemporaryPaths)
        {
            AddMembers(type, name, FileSystemAction.TemporaryPath, instance: false, isDirectory: null);
        }
    }

    private void AddStreamTypes(Compilation compilation)
    {
        var fileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
        if (fileStream is not null && FileMode is not null)
        {
            foreach (var constructor in fileStream.InstanceConstructors)
            {
                if (TakesPathThen(constructor, FileMode))
                {
                    Add(constructor, new FileSystemApi(FileSystemAction.Write, "new FileStream", false, false, WriteKind.ByMode));
                }
            }
        }

        var streamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
        if (streamWriter is not null)
        {
            foreach (var constructor in streamWriter.InstanceConstructors)
            {
                // (string path) and (string path, bool append, …); the FileStreamOptions overloads say their own mode.
                var parameters = constructor.Parameters;
                if (parameters.Length > 0 && parameters[0].Type.SpecialType == SpecialType.System_String &&
                    (parameters.Length == 1 || parameters[1].Type.SpecialType == SpecialType.System_Boolean))
                {
                    Add(constructor, new FileSystemApi(FileSystemAction.Write, "new StreamWriter", false, false, WriteKind.UnlessAppend));
                }
            }
        }

        var streamFactory = compilation.GetTypeByMetadataName(Abstractions + "IFileStreamFactory");
        if (streamFactory is not null && FileMode is not null)
        {
            foreach (var member in streamFactory.GetMembers("New"))
            {
                if (member is IMethodSymbol method && TakesPathThen(method, FileMode))
                {
                    Add(method, new FileSystemApi(FileSystemAction.Write, "IFileStreamFactory.New", false, false, WriteKind.ByMode));
                }
            }
        }
    }

    private void AddFactory(INamedTypeSymbol? type, bool isDirectory, params string[] names)
    {
        foreach (var name in names)
        {
            AddMembers(type, name, FileSystemAction.Wrap, instance: false, isDirectory);
        }
    }

    private void AddConstructors(INamedTypeSymbol? type, FileSystemAction action, bool isDirectory)
    {
        if (type is null)
        {
            return;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String)
            {
                Add(constructor, new FileSystemApi(action, "new " + type.Name, false, isDirectory));
            }
        }
    }

    private void AddMembers(INamedTypeSymbol? type, string name, FileSystemAction action, bool instance, bool? isDirectory, WriteKind writeKind = WriteKind.None)
    {
        if (type is null)
        {
            return;
        }

        var api = new FileSystemApi(action, type.Name + "." + name, instance, isDirectory, writeKind);
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol method && (instance || action == FileSystemAction.Wrap || method.Parameters.Length > 0 || action == FileSystemAction.TemporaryPath))
            {
                Add(method, api);
            }
        }
    }

    private void Add(IMethodSymbol method, FileSystemApi api)
    {
        _members[method.OriginalDefinition] = api;
        _actions.Add(api.Action);
        _watchedNames.Add(method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name);
    }

    // A call that did not bind is resolved (a semantic-model query) only when it is written with a watched member's name.
    private bool MayBeWatched(IOperation invalid) => invalid.Syntax switch
    {
        InvocationExpressionSyntax => NamedCall.NameOf(invalid) is { } name && _watchedNames.Contains(name),
        ObjectCreationExpressionSyntax { Type: var type } => _watchedNames.Contains(type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        }),
        _ => false,
    };

    private static bool TakesPathThen(IMethodSymbol method, ITypeSymbol second) =>
        method.Parameters.Length >= 2 &&
        method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
        SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, second);
}

/// <summary>A call that did not bind, read as the member it stands for (see <see cref="FileSystemSymbols.Resolve"/>).</summary>
internal sealed class ResolvedCall
{
    public ResolvedCall(IMethodSymbol method, FileSystemApi? api, IOperation? instance, CallArguments arguments)
    {
        Method = method;
        Api = api;
        Instance = instance;
        Arguments = arguments;
    }

    /// <summary>The member the call stands for.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>Its role when it is a watched member (a <c>Path</c> method other than the temporary ones has none).</summary>
    public FileSystemApi? Api { get; }

    /// <summary>The receiver of an instance member.</summary>
    public IOperation? Instance { get; }

    /// <summary>The arguments, mapped to the member's parameters.</summary>
    public CallArguments Arguments { get; }
}
