using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// Whether a call of an update step's apply member works only on a store that the code names as derived data: a cache, a
/// snapshot or state store, a projection, a read model, a search index. What such a store holds is recomputed from a source of
/// truth that the step leaves alone, so running the recomputation again is the way back (CG2001's rollback-equivalents).
/// </summary>
/// <remarks>
/// What the call works on is read from its receiver and from the store names it is handed, followed through locals, lambda
/// parameters (to the collection the lambda runs over), the calls that opened the store (<c>db.GetCollection("States_Orders")</c>)
/// and array elements, with a step budget:
/// <list type="bullet">
/// <item>the name or type of a field, property, parameter or local (<c>_snapshots</c>, <c>ISnapshotStore&lt;T&gt;</c>,
/// <c>IMemoryCache</c>, <c>searchIndex</c>) or the name of the call that returned it (<c>GetProjectionStore()</c>);</item>
/// <item>a store name written as a string (<c>"States_Assets"</c>, <c>"thumbnail_cache"</c>) handed to a member named for a
/// store (<c>GetCollection</c>, <c>DropTableAsync</c>, a parameter named <c>collectionName</c>).</item>
/// </list>
/// Every store name reached must be derived and at least one name must say so; a store name that is not derived
/// (<c>"Events"</c>, <c>"Orders"</c>) or a lambda handed to the call (it may change anything) makes it an ordinary change.
/// A store name (a string) may also name state: an event-sourced system keeps the state of each aggregate as a rebuildable
/// snapshot (<c>"States_Orders"</c>); an identifier named for state is not enough.
/// </remarks>
internal enum StoreKind
{
    /// <summary>A store of record, or one the code does not name.</summary>
    Other,

    /// <summary>A store named as derived data (a cache, a snapshot, a projection, a read model, an index).</summary>
    Derived,

    /// <summary>A new version of a store the step also opens (<c>"Events2"</c> beside <c>"Events"</c>): the previous version never reads it.</summary>
    NewVersion,
}

internal static class DerivedStores
{
    private const int MaxSteps = 64;

    private static readonly string[] DerivedNouns =
    {
        "Cache", "Caches", "Cached", "Snapshot", "Snapshots", "Projection", "Projections", "Index", "Indexes", "Indices",
        "Thumbnail", "Thumbnails",
    };

    // Only in store names written as strings: the state collections of an event-sourced store.
    private static readonly string[] DerivedStoreNameNouns = { "State", "States" };

    private static readonly string[] StoreNouns =
    {
        "Collection", "Collections", "Table", "Tables", "Store", "Stores", "Bucket", "Buckets", "Container", "Index", "Indexes",
        "Cache", "View", "Projection",
    };

    private static readonly Regex VersionSuffix = new(@"^[_\-.]?(v?\d+|new|next)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// What <paramref name="call"/> works on: <see cref="StoreKind.Derived"/> when its receiver or the store names it is handed
    /// call its data derived, <see cref="StoreKind.NewVersion"/> when every store name it reaches is a new version of another
    /// name in <paramref name="storeNames"/> (the store names of the step's body), else <see cref="StoreKind.Other"/>.
    /// </summary>
    public static StoreKind StoreWorkedOn(
        IInvocationOperation call, UpdateCodeClassifier classifier, Dictionary<ILocalSymbol, List<IOperation>> locals, ICollection<string> storeNames)
    {
        foreach (var argument in call.Arguments)
        {
            // A lambda handed to the call runs code of the step's own that may change anything.
            if (argument.Value.WalkDownConversions() is IAnonymousFunctionOperation or IDelegateCreationOperation { Target: IAnonymousFunctionOperation })
            {
                return StoreKind.Other;
            }
        }

        var sawDerived = false;
        var sawNew = false;
        var sawOther = false;
        var pending = new Stack<IOperation>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        pending.Push(call);
        for (var steps = 0; pending.Count > 0; steps++)
        {
            if (steps > MaxSteps)
            {
                return StoreKind.Other;
            }

            var operation = pending.Pop().WalkDownConversions();
            if (operation.ConstantValue is { HasValue: true, Value: string name })
            {
                // Only strings reached as store names get here (see the invocation case).
                if (IsStoreName(name))
                {
                    if (NamesDerived(classifier.Words(name), storeName: true))
                    {
                        sawDerived = true;
                    }
                    else if (IsNewVersionOfAnother(name, storeNames))
                    {
                        sawNew = true;
                    }
                    else
                    {
                        sawOther = true;
                    }
                }

                continue;
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    if (!ReferenceEquals(invocation, call) && NamesDerived(classifier.Words(invocation.TargetMethod.Name), storeName: false))
                    {
                        sawDerived = true;
                    }

                    var receiver = invocation.Instance ??
                                   (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    if (receiver is not null)
                    {
                        pending.Push(receiver);
                    }

                    var methodNamesStore = HasStoreNoun(classifier.Words(invocation.TargetMethod.Name));
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Value == receiver)
                        {
                            continue;
                        }

                        if (methodNamesStore && argument.Parameter?.Type.SpecialType == SpecialType.System_String ||
                            argument.Parameter is { } parameter && HasStoreNoun(classifier.Words(parameter.Name)))
                        {
                            pending.Push(argument.Value);
                        }
                    }

                    break;
                case ILocalReferenceOperation local:
                    if (NamesDerived(classifier.Words(local.Local.Name), storeName: false) || TypeNamesDerived(local.Local.Type, classifier))
                    {
                        sawDerived = true;
                    }

                    if (seen.Add(local.Local) && locals.TryGetValue(local.Local, out var values))
                    {
                        foreach (var value in values)
                        {
                            pending.Push(value);
                        }
                    }

                    break;
                case IParameterReferenceOperation parameterReference:
                    var parameterSymbol = parameterReference.Parameter;
                    if (parameterSymbol.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda)
                    {
                        // collections.Select(x => x.UpdateManyAsync(…)): x is an element of what the lambda runs over.
                        if (seen.Add(parameterSymbol) && LambdaSource(parameterReference, lambda) is { } source)
                        {
                            pending.Push(source);
                        }

                        break;
                    }

                    if (NamesDerived(classifier.Words(parameterSymbol.Name), storeName: false) || TypeNamesDerived(parameterSymbol.Type, classifier))
                    {
                        sawDerived = true;
                    }

                    break;
                case IFieldReferenceOperation field:
                    if (NamesDerived(classifier.Words(field.Field.Name), storeName: false) || TypeNamesDerived(field.Field.Type, classifier))
                    {
                        sawDerived = true;
                    }

                    if (field.Instance is { } fieldOwner)
                    {
                        pending.Push(fieldOwner);
                    }

                    break;
                case IPropertyReferenceOperation property:
                    if (NamesDerived(classifier.Words(property.Property.Name), storeName: false) || TypeNamesDerived(property.Property.Type, classifier))
                    {
                        sawDerived = true;
                    }

                    if (property.Instance is { } propertyOwner)
                    {
                        pending.Push(propertyOwner);
                    }

                    break;
                case IArrayCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.ElementValues)
                    {
                        pending.Push(element);
                    }

                    break;
                case IAwaitOperation awaited:
                    pending.Push(awaited.Operation);
                    break;
            }
        }

        return sawOther ? StoreKind.Other : sawDerived ? StoreKind.Derived : sawNew ? StoreKind.NewVersion : StoreKind.Other;
    }

    private static readonly string[] CacheWords = { "Cache", "Caches", "Cached", "Thumbnail", "Thumbnails", "Thumbs" };

    /// <summary>
    /// True when every path that the static <c>System.IO</c> call <paramref name="call"/> is handed (<c>Directory.Delete(p)</c>,
    /// <c>File.Move(a, b)</c>; not the contents it writes) names a cache or thumbnails: a name or string in it (followed through locals, the collections
    /// that foreach variables run over, and the calls that make the path) says <c>Cache</c> or <c>Thumbnail</c>.
    /// </summary>
    public static bool IsOnCachePathsOnly(
        IInvocationOperation call, UpdateCodeClassifier classifier, Dictionary<ILocalSymbol, List<IOperation>> locals, Dictionary<ILocalSymbol, IOperation> iterated)
    {
        var paths = 0;
        foreach (var argument in call.Arguments)
        {
            // path, sourceFileName, destDirName, destinationBackupFileName: the paths, not the contents written.
            if (argument.Parameter is not { Type.SpecialType: SpecialType.System_String, Name: var parameterName } ||
                !(parameterName.IndexOf("path", StringComparison.OrdinalIgnoreCase) >= 0 ||
                  parameterName.IndexOf("FileName", StringComparison.OrdinalIgnoreCase) >= 0 ||
                  parameterName.IndexOf("DirName", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                continue;
            }

            paths++;
            if (!PathNamesCache(argument.Value, classifier, locals, iterated))
            {
                return false;
            }
        }

        return paths > 0;
    }

    private static bool PathNamesCache(
        IOperation path, UpdateCodeClassifier classifier, Dictionary<ILocalSymbol, List<IOperation>> locals, Dictionary<ILocalSymbol, IOperation> iterated) =>
        PathWords.Any(
            path, classifier, locals, text => HasCacheWord(classifier.Words(text)), HasCacheWord, MaxSteps, PathWords.Reach.Receivers, iterated);

    private static bool HasCacheWord(string[] words)
    {
        foreach (var word in words)
        {
            if (IdentifierWords.IsOneOf(word, CacheWords))
            {
                return true;
            }
        }

        return false;
    }

    // "Events2", "orders_v2", "Invoices.New" beside "Events", "orders", "Invoices".
    private static bool IsNewVersionOfAnother(string name, ICollection<string> storeNames)
    {
        foreach (var other in storeNames)
        {
            if (other.Length > 0 && other.Length < name.Length && name.StartsWith(other, StringComparison.OrdinalIgnoreCase) &&
                VersionSuffix.IsMatch(name.Substring(other.Length)))
            {
                return true;
            }
        }

        return false;
    }

    // The collection a lambda runs over: the receiver of the call it is handed to (items.Select(x => …), a source.ForEach(x => …)).
    private static IOperation? LambdaSource(IOperation reference, IMethodSymbol lambda)
    {
        var steps = 0;
        for (var current = reference.Parent; current is not null && steps < 100; current = current.Parent, steps++)
        {
            if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
            {
                for (var outer = function.Parent; outer is not null && steps < 100; outer = outer.Parent, steps++)
                {
                    switch (outer)
                    {
                        case IDelegateCreationOperation:
                        case IConversionOperation:
                        case IArgumentOperation:
                            continue;
                        case IInvocationOperation invocation:
                            // items.Select(x => …) (an extension: its first argument), Parallel.ForEachAsync(items, ct, (x, t) => …).
                            return invocation.Instance ??
                                   (invocation.Arguments.Length > 0 &&
                                    invocation.Arguments[0].Value.WalkDownConversions() is not (IDelegateCreationOperation or IAnonymousFunctionOperation)
                                       ? invocation.Arguments[0].Value
                                       : null);
                        default:
                            return null;
                    }
                }

                return null;
            }
        }

        return null;
    }

    // "States_Assets", "thumbnail-cache", "search.index": a name (letters, digits, '_', '-', '.'), not a sentence or a path.
    public static bool IsStoreName(string text)
    {
        if (text.Length == 0 || text.Length > 128 || !char.IsLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TypeNamesDerived(ITypeSymbol? type, UpdateCodeClassifier classifier) =>
        type is { TypeKind: not TypeKind.Error } && type.SpecialType == SpecialType.None && NamesDerived(classifier.Words(type.Name), storeName: false);

    private static bool HasStoreNoun(string[] words)
    {
        foreach (var word in words)
        {
            if (IdentifierWords.IsOneOf(word, StoreNouns))
            {
                return true;
            }
        }

        return false;
    }

    // Cache, Snapshot, Projection, Index, Thumbnail, or Read followed by Model (a read model); in a store name also State.
    private static bool NamesDerived(string[] words, bool storeName)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (IdentifierWords.IsOneOf(words[i], DerivedNouns) || (storeName && IdentifierWords.IsOneOf(words[i], DerivedStoreNameNouns)) ||
                (i + 1 < words.Length && string.Equals(words[i], "Read", StringComparison.OrdinalIgnoreCase) &&
                 (string.Equals(words[i + 1], "Model", StringComparison.OrdinalIgnoreCase) || string.Equals(words[i + 1], "Models", StringComparison.OrdinalIgnoreCase))))
            {
                return true;
            }
        }

        return false;
    }
}
