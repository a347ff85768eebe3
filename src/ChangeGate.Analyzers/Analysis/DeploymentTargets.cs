using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Decides whether a name, a type or a collection is about deployment targets (servers, hosts,
/// nodes…), using the target vocabulary <c>changegate.target_names</c>.
/// </summary>
/// <remarks>
/// The target word must be the head of the name: its last word, or followed only by words that name
/// a handle of the same target (<c>serverName</c>, <c>hostAddress</c>, <c>IServerInfo</c>). So
/// <c>servers</c>, <c>targetHost</c> and <c>ServerInfo</c> are targets, while <c>serverLog</c>,
/// <c>hostFiles</c> and <c>ServerMonitor</c> are things that belong to a target, not targets.
/// A collection whose elements are themselves collections holds batches of targets, not targets.
/// </remarks>
internal static class DeploymentTargets
{
    // Words that, after a target word, still denote the target itself (plural forms are accepted too).
    private static readonly string[] HandleWords =
    {
        "Name", "Id", "Address", "Info", "Endpoint", "Uri", "Url", "Entry", "Entries", "Ref", "Handle",
        "Client", "Connection", "Descriptor", "Spec", "Definition", "Config", "Configuration", "Settings",
    };

    // The handle words and their plurals, matched ignoring case.
    private static readonly HashSet<string> Handles = HandleSet();

    // Every loop and collection of a compilation asks about a few names again and again (item, i, node, value…): each is
    // decided once per vocabulary. Bounded, so an IDE session that sees many names keeps deciding, not growing.
    private const int MaxCachedNames = 100_000;
    private static readonly ConditionalWeakTable<NameVocabulary, ConcurrentDictionary<string, bool>> TargetNames = new();

    /// <summary>True when the head of <paramref name="identifier"/> is a word of <paramref name="targets"/>.</summary>
    public static bool IsTargetName(string? identifier, NameVocabulary targets)
    {
        if (string.IsNullOrEmpty(identifier))
        {
            return false;
        }

        var known = TargetNames.GetValue(targets, static _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
        if (known.TryGetValue(identifier!, out var isTarget))
        {
            return isTarget;
        }

        isTarget = DecideTargetName(identifier!, targets);
        if (known.Count < MaxCachedNames)
        {
            known.TryAdd(identifier!, isTarget);
        }

        return isTarget;
    }

    private static bool DecideTargetName(string identifier, NameVocabulary targets)
    {
        var words = IdentifierWords.Split(identifier);
        var end = words.Length;
        while (end > 1 && IsHandleWord(words[end - 1]))
        {
            end--;
        }

        // A node of a document or data structure (JsonNode, IXmlNode, XNode, SyntaxNode, TreeNode, LinkedListNode) is an
        // element of that structure, not a machine: its qualifier right before the head says so. Only a Node: a ConfigServer
        // or an XServer is a machine.
        if (end > 1 && IsNodeWord(words[end - 1]) && IsDataModelQualifier(words[end - 2]))
        {
            return false;
        }

        // Some vocabulary entry must end exactly at the head word: "server_Log" matches "server" only
        // because of its first word, so it does not count; "data_Centers" matches "DataCenter" as a whole.
        for (var start = end - 1; start >= 0; start--)
        {
            if (targets.Matches(words, start, end) &&
                (start == end - 1 || !targets.Matches(words, start, end - 1)))
            {
                return true;
            }
        }

        return false;
    }

    // Words that name a document, tree or data structure: before a target word (JsonNode, XmlNode, XNode, TreeNode) they make
    // it a part of that structure.
    private static readonly string[] DataModelQualifiers =
    {
        "Json", "Xml", "X", "Html", "Yaml", "Toml", "Bson", "Syntax", "Tree", "Dom", "Ast", "Expression", "Visual", "Graph",
        "List", "Document", "Config", "Configuration", "Scene", "Ui",
    };

    private static bool IsNodeWord(string word) =>
        string.Equals(word, "Node", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "Nodes", StringComparison.OrdinalIgnoreCase);

    private static bool IsDataModelQualifier(string word)
    {
        foreach (var qualifier in DataModelQualifiers)
        {
            if (string.Equals(word, qualifier, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="type"/> names a node of a document or data structure (<c>JsonNode</c>, <c>XmlNode</c>,
    /// <c>XElement</c>'s base <c>XNode</c>, <c>SyntaxNode</c>, <c>TreeNode</c>), or derives from or implements one: a loop
    /// over such elements walks a document, whatever its variable or collection is called (<c>foreach (var node in
    /// doc.ChildNodes)</c>).
    /// </summary>
    public static bool IsDataModelNode(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        for (var current = type as INamedTypeSymbol; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            if (NamesDataModelNode(current.Name))
            {
                return true;
            }
        }

        if (type is INamedTypeSymbol named)
        {
            foreach (var implemented in named.AllInterfaces)
            {
                if (NamesDataModelNode(implemented.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // JsonNode, IXmlNode, XNode, SyntaxNode: a data-model qualifier right before a final Node.
    private static bool NamesDataModelNode(string name)
    {
        if (!name.EndsWith("Node", StringComparison.Ordinal))
        {
            return false;
        }

        var words = IdentifierWords.Split(name);
        return words.Length > 1 && IsNodeWord(words[words.Length - 1]) && IsDataModelQualifier(words[words.Length - 2]);
    }

    /// <summary>
    /// True when <paramref name="type"/> is a target type by its name (<c>Server</c>, <c>IHost</c>,
    /// <c>NodeInfo</c>), or a tuple or nullable of one. Strings, arrays and other collections are not.
    /// </summary>
    public static bool IsTargetType(ITypeSymbol? type, NameVocabulary targets)
    {
        switch (type)
        {
            case null:
            case IErrorTypeSymbol:
                return false;
            case INamedTypeSymbol { IsTupleType: true } tuple:
                foreach (var element in tuple.TupleElements)
                {
                    if (IsTargetType(element.Type, targets))
                    {
                        return true;
                    }
                }

                return false;
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                return IsTargetType(nullable.TypeArguments[0], targets);
            case INamedTypeSymbol named when named.SpecialType == SpecialType.None:
                // The cached name verdict first: most loop element types are no target, and the collection test reads
                // a per-type table.
                return IsTargetName(named.Name, targets) && !IsCollection(named);
            default:
                return false;
        }
    }

    /// <summary>True when <paramref name="type"/> holds several values: an array or an <c>IEnumerable&lt;T&gt;</c> other than string.</summary>
    public static bool IsCollection(ITypeSymbol? type) => ElementTypeOf(type) is not null;

    /// <summary>The element type of an array or <c>IEnumerable&lt;T&gt;</c> (not of a string), or null.</summary>
    public static ITypeSymbol? ElementTypeOf(ITypeSymbol? type)
    {
        switch (type)
        {
            case null:
                return null;
            case IArrayTypeSymbol array:
                return array.ElementType;
        }

        // Strings, and the types that can implement no IEnumerable<T>: primitives, enums and delegates (their interfaces are
        // many, generic math among them, and reading them would be the only use of them in most compilations).
        if (type.SpecialType == SpecialType.System_String || IsNeverEnumerable(type))
        {
            return null;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } enumerable)
        {
            return enumerable.TypeArguments[0];
        }

        // AllInterfaces makes a new array on every call: the answer is kept per type instead.
        return EnumeratedElements.GetValue(type, static t => new StrongBox<ITypeSymbol?>(EnumeratedElementOf(t))).Value;
    }

    private static readonly ConditionalWeakTable<ITypeSymbol, StrongBox<ITypeSymbol?>> EnumeratedElements = new();

    private static bool IsNeverEnumerable(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Object:
            case SpecialType.System_Enum:
            case SpecialType.System_ValueType:
            case SpecialType.System_Void:
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_DateTime:
                return true;
        }

        return type.TypeKind is TypeKind.Enum or TypeKind.Delegate;
    }

    private static ITypeSymbol? EnumeratedElementOf(ITypeSymbol type)
    {
        // A constructed generic type (List<JToken>, Dictionary<string, Server>): its definition's element, worked out once per
        // definition, with the type arguments put in. The interface list of every constructed type would be built anew for it.
        if (type is INamedTypeSymbol { IsGenericType: true } named && !ReferenceEquals(named, named.OriginalDefinition) &&
            FromDefinition(named) is { } found)
        {
            return found.Value;
        }

        return ElementFromInterfaces(type);
    }

    // The element of `named` read from its definition's: a type parameter of the definition becomes the matching type
    // argument, a type that mentions none stays as it is, and a generic type over them (KeyValuePair<TKey, TValue>) is made
    // over the arguments. Null when the definition's element is something else (then the interfaces decide).
    private static StrongBox<ITypeSymbol?>? FromDefinition(INamedTypeSymbol named)
    {
        var definition = named.OriginalDefinition;
        var element = ElementTypeOf(definition);
        if (element is null)
        {
            return new StrongBox<ITypeSymbol?>(null);
        }

        if (Substitute(element, definition, named) is { } substituted)
        {
            return new StrongBox<ITypeSymbol?>(substituted);
        }

        if (element is INamedTypeSymbol { IsGenericType: true } generic)
        {
            var arguments = new ITypeSymbol[generic.TypeArguments.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                if (Substitute(generic.TypeArguments[i], definition, named) is not { } argument)
                {
                    return null;
                }

                arguments[i] = argument;
            }

            return new StrongBox<ITypeSymbol?>(generic.OriginalDefinition.Construct(arguments));
        }

        return null;
    }

    // A type parameter of `definition` as the matching argument of `named`; a type that mentions no type parameter as it is.
    private static ITypeSymbol? Substitute(ITypeSymbol type, INamedTypeSymbol definition, INamedTypeSymbol named)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            return ReferenceEquals(parameter.ContainingSymbol, definition) && parameter.Ordinal < named.TypeArguments.Length
                ? named.TypeArguments[parameter.Ordinal]
                : null;
        }

        return MentionsTypeParameter(type, depth: 0) ? null : type;
    }

    private static bool MentionsTypeParameter(ITypeSymbol type, int depth) => depth > 8 || type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => MentionsTypeParameter(array.ElementType, depth + 1),
        IPointerTypeSymbol pointer => MentionsTypeParameter(pointer.PointedAtType, depth + 1),
        INamedTypeSymbol { IsGenericType: true } generic => AnyMentions(generic, depth),
        INamedTypeSymbol { ContainingType: { } containing } => MentionsTypeParameter(containing, depth + 1),
        _ => false,
    };

    private static bool AnyMentions(INamedTypeSymbol generic, int depth)
    {
        foreach (var argument in generic.TypeArguments)
        {
            if (MentionsTypeParameter(argument, depth + 1))
            {
                return true;
            }
        }

        return generic.ContainingType is { } containing && MentionsTypeParameter(containing, depth + 1);
    }

    private static ITypeSymbol? ElementFromInterfaces(ITypeSymbol type)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>
    /// True when the collection expression <paramref name="collection"/> holds targets: its element type
    /// is a target type, or its name is a target name (<c>servers</c>, <c>GetHosts()</c>,
    /// <c>inventory.Nodes.Where(…)</c>), unless its elements are themselves collections (batches).
    /// </summary>
    /// <remarks>
    /// <paramref name="elementType"/>, when the caller knows it (the type of <c>var x</c> in <c>foreach (var x in …)</c>),
    /// spares reading the collection type's interfaces for it.
    /// </remarks>
    public static bool IsTargetCollection(IOperation? collection, NameVocabulary targets, ITypeSymbol? elementType = null)
    {
        if (collection is null)
        {
            return false;
        }

        // Names first (cached verdicts), then whether the elements are themselves collections: most loops go over no targets.
        var element = elementType ?? ElementTypeOf(collection.WalkDownConversions().Type);
        return (IsTargetType(element, targets) || IsTargetName(NameOf(collection), targets)) &&
               !(element is not null && (IsCollection(element) || IsDataModelNode(element)));
    }

    /// <summary>
    /// The name a reader sees for a collection or value: the local, parameter, field, property or method
    /// it comes from. An extension call over a collection (<c>servers.Where(…).ToList()</c>) passes on its receiver's
    /// name; one over anything else produces the collection and names it (<c>fleet.Servers()</c> is <c>Servers</c>).
    /// </summary>
    public static string? NameOf(IOperation? operation)
    {
        while (operation is not null)
        {
            switch (operation.WalkDownConversions())
            {
                case ILocalReferenceOperation local:
                    return local.Local.Name;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.Name;
                case IFieldReferenceOperation field:
                    return field.Field.Name;
                case IPropertyReferenceOperation property:
                    if (property.Property.IsIndexer)
                    {
                        // servers[i][j]: the collection's name, found without recursion (chains can be long).
                        operation = property.Instance;
                        continue;
                    }

                    return property.Property.Name;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    continue;
                case IAwaitOperation awaited:
                    operation = awaited.Operation;
                    continue;
                case IInvocationOperation { TargetMethod.IsExtensionMethod: true } extension
                    when extension.Arguments.ArgumentAt(0) is { } receiver && IsCollection(receiver.WalkDownConversions().Type):
                    operation = receiver;
                    continue;
                case IInvocationOperation invocation:
                    return invocation.TargetMethod.Name;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsHandleWord(string word) => Handles.Contains(word);

    private static HashSet<string> HandleSet()
    {
        var handles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var handle in HandleWords)
        {
            handles.Add(handle);
            handles.Add(handle + "s");
            handles.Add(handle + "es");
        }

        return handles;
    }
}
