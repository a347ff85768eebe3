using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The file-system members the rules watch, resolved once per compilation: System.IO (<c>File</c>,
/// <c>Directory</c>, <c>FileInfo</c>, <c>DirectoryInfo</c>, <c>FileSystemInfo</c>, <c>Path</c>,
/// <c>FileStream</c>, <c>StreamWriter</c>) and, when the compilation references it, System.IO.Abstractions
/// (<c>IFile</c>, <c>IDirectory</c>, <c>IFileInfo</c>, <c>IDirectoryInfo</c>, <c>IFileSystemInfo</c>,
/// <c>IPath</c> and the factories). Members are keyed by symbol, so a look-up is one dictionary probe.
/// </summary>
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

    private readonly Dictionary<IMethodSymbol, FileSystemApi> _members = new(SymbolEqualityComparer.Default);
    private readonly HashSet<FileSystemAction> _actions = new();
    private readonly HashSet<IPropertySymbol> _fullNames = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, bool> _infoTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IMethodSymbol> _parentMethods = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IPropertySymbol> _parentProperties = new(SymbolEqualityComparer.Default);

    private FileSystemSymbols(Compilation compilation)
    {
        FileMode = compilation.GetTypeByMetadataName("System.IO.FileMode");
        FileAccess = compilation.GetTypeByMetadataName("System.IO.FileAccess");

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
    }

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

    /// <summary>Classifies an invocation, object creation or method reference; null when it is not a watched member.</summary>
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
            default:
                return null;
        }
    }

    /// <summary>True when <paramref name="operation"/> returns a fresh temporary path (<see cref="FileSystemAction.TemporaryPath"/>).</summary>
    public bool IsTemporaryPathOrigin(IOperation operation) =>
        operation is IInvocationOperation invocation && Find(invocation.TargetMethod)?.Action == FileSystemAction.TemporaryPath;

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
        _ => false,
    };

    /// <summary>
    /// For a file or directory object: the type users see (<c>FileInfo</c>, <c>IDirectoryInfo</c>…) and whether it is a
    /// directory; null when <paramref name="type"/> is neither (a plain <c>FileSystemInfo</c>, say).
    /// </summary>
    public (ITypeSymbol Type, bool IsDirectory)? InfoKindOf(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (_infoTypes.TryGetValue(current.OriginalDefinition, out var isDirectory))
            {
                return (current, isDirectory);
            }
        }

        if (type is not null)
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
            default:
                return null;
        }
    }

    private void AddInfoType(INamedTypeSymbol? type, bool isDirectory)
    {
        if (type is not null)
        {
            _infoTypes[type] = isDirectory;
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
    }

    private static bool TakesPathThen(IMethodSymbol method, ITypeSymbol second) =>
        method.Parameters.Length >= 2 &&
        method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
        SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, second);
}
