using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The framework APIs that the rollout rules recognize, resolved once per compilation and compared
/// as symbols: delegate loops (<c>List&lt;T&gt;.ForEach</c>, <c>Array.ForEach</c>,
/// <c>Parallel.ForEach</c>/<c>ForEachAsync</c>), fan-outs (<c>Enumerable.Select</c> into
/// <c>Task.WhenAll</c>/<c>WaitAll</c>) and calls that stop a loop
/// (<c>ParallelLoopState.Stop</c>/<c>Break</c>, <c>CancellationTokenSource.Cancel</c>, methods marked
/// <c>[DoesNotReturn]</c>). Any of them may be missing; the matching check then never matches. One instance per
/// compilation, shared by CG3001 and CG3002; its symbols are resolved on the first call that bears one of their names
/// (most compilations have none), once, and only read after that, so concurrent reads are safe.
/// </summary>
internal sealed class RolloutApis
{
    private static readonly ConditionalWeakTable<Compilation, RolloutApis> Cache = new();

    // The watched members, as (type, member) pairs: the names for the quick rejections below are read from this table, so a
    // member added to a set is never filtered out by a stale list; the symbols are resolved only when a call by one of these
    // names is met. Resolving looks each type up in every referenced assembly, and most compilations call none of them.
    private static readonly (string Type, string Member)[] SequentialForEach =
        { ("System.Collections.Generic.List`1", "ForEach"), ("System.Array", "ForEach") };

    private static readonly (string Type, string Member)[] ParallelForEach =
        { ("System.Threading.Tasks.Parallel", "ForEach"), ("System.Threading.Tasks.Parallel", "ForEachAsync") };

    private static readonly (string Type, string Member)[] Select = { ("System.Linq.Enumerable", "Select") };

    private static readonly (string Type, string Member)[] WaitForAll =
        { ("System.Threading.Tasks.Task", "WhenAll"), ("System.Threading.Tasks.Task", "WaitAll") };

    private static readonly (string Type, string Member)[] LoopStops =
    {
        ("System.Threading.Tasks.ParallelLoopState", "Stop"), ("System.Threading.Tasks.ParallelLoopState", "Break"),
        ("System.Threading.CancellationTokenSource", "Cancel"), ("System.Threading.CancellationTokenSource", "CancelAsync"),
    };

    // Names first: most calls are rejected by a string look-up, before a symbol is resolved or hashed.
    private static readonly HashSet<string> Names = NamesOf(SequentialForEach, ParallelForEach, Select, WaitForAll, LoopStops);

    private static readonly string[] LoopAndFanOutNameList = ToArray(NamesOf(SequentialForEach, ParallelForEach, WaitForAll));

    // The words a tree must hold to call one of them: a name that contains another (ForEachAsync holds ForEach) adds nothing
    // to the search.
    private static readonly string[] LoopAndFanOutWordList = WithoutContainedWords(LoopAndFanOutNameList);

    private readonly Compilation _compilation;
    private Resolved? _resolved;
    private StrongBox<INamedTypeSymbol?>? _exception;

    private RolloutApis(Compilation compilation)
    {
        _compilation = compilation;
    }

    // The symbols of the table, resolved together on first use (concurrent first uses may each resolve; one result is kept,
    // and every result is the same).
    private sealed class Resolved
    {
        public Resolved(Compilation compilation)
        {
            SequentialForEach = Methods(compilation, RolloutApis.SequentialForEach);
            ParallelForEach = Methods(compilation, RolloutApis.ParallelForEach);
            Select = Methods(compilation, RolloutApis.Select);
            WaitForAll = Methods(compilation, RolloutApis.WaitForAll);
            LoopStops = Methods(compilation, RolloutApis.LoopStops);
            DoesNotReturn = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");
        }

        public HashSet<IMethodSymbol> SequentialForEach { get; }

        public HashSet<IMethodSymbol> ParallelForEach { get; }

        public HashSet<IMethodSymbol> Select { get; }

        public HashSet<IMethodSymbol> WaitForAll { get; }

        public HashSet<IMethodSymbol> LoopStops { get; }

        public INamedTypeSymbol? DoesNotReturn { get; }
    }

    private Resolved Symbols
    {
        get
        {
            var resolved = Volatile.Read(ref _resolved);
            if (resolved is null)
            {
                Interlocked.CompareExchange(ref _resolved, new Resolved(_compilation), null);
                resolved = Volatile.Read(ref _resolved)!;
            }

            return resolved;
        }
    }

    /// <summary><c>System.Exception</c>, or null in a compilation without it (resolved on first use).</summary>
    public INamedTypeSymbol? Exception
    {
        get
        {
            var exception = Volatile.Read(ref _exception);
            if (exception is null)
            {
                Interlocked.CompareExchange(ref _exception, new StrongBox<INamedTypeSymbol?>(_compilation.GetTypeByMetadataName("System.Exception")), null);
                exception = Volatile.Read(ref _exception)!;
            }

            return exception.Value;
        }
    }

    /// <summary>The APIs of <paramref name="compilation"/>, resolved once.</summary>
    public static RolloutApis Resolve(Compilation compilation) => Cache.GetValue(compilation, static c => new RolloutApis(c));

    /// <summary>True for <c>List&lt;T&gt;.ForEach</c> and <c>Array.ForEach</c>: one element after the other.</summary>
    public bool IsSequentialForEach(IMethodSymbol method) => Names.Contains(method.Name) && Symbols.SequentialForEach.Contains(Definition(method));

    /// <summary>True for <c>Parallel.ForEach</c> and <c>Parallel.ForEachAsync</c>: many elements at once.</summary>
    public bool IsParallelForEach(IMethodSymbol method) => Names.Contains(method.Name) && Symbols.ParallelForEach.Contains(Definition(method));

    /// <summary>True for <c>Enumerable.Select</c>.</summary>
    public bool IsSelect(IMethodSymbol method) => Names.Contains(method.Name) && Symbols.Select.Contains(Definition(method));

    /// <summary>True for <c>Task.WhenAll</c> and <c>Task.WaitAll</c>.</summary>
    public bool IsWaitForAll(IMethodSymbol method) => Names.Contains(method.Name) && Symbols.WaitForAll.Contains(Definition(method));

    /// <summary>
    /// The words that the names of the delegate loops and fan-outs (<c>ForEach</c>, <c>ForEachAsync</c>, <c>WhenAll</c>,
    /// <c>WaitAll</c>) contain: a call of one spells its name, so code whose text holds none of these words calls none (see
    /// <see cref="TreeText"/>). A name that holds another name of the list is left out (<c>ForEach</c> finds <c>ForEachAsync</c>).
    /// The same array every time, as <see cref="TreeText"/> keys its answers by it.
    /// </summary>
    public string[] LoopAndFanOutWords => LoopAndFanOutWordList;

    /// <summary>True when <paramref name="method"/> may be a delegate loop or a fan-out: its name is one of theirs (no symbol look-up).</summary>
    public bool MayBeLoopOrFanOut(IMethodSymbol method) => Array.IndexOf(LoopAndFanOutNameList, method.Name) >= 0;

    /// <summary>
    /// True when a call to <paramref name="method"/> ends the loop it runs in: it stops a parallel loop,
    /// cancels the rollout's token source, or never returns (<c>[DoesNotReturn]</c>, such as
    /// <c>Environment.FailFast</c>).
    /// </summary>
    public bool StopsLoop(IMethodSymbol method)
    {
        if (Names.Contains(method.Name) && Symbols.LoopStops.Contains(Definition(method)))
        {
            return true;
        }

        var attributes = method.GetAttributes();
        if (attributes.IsEmpty || Symbols.DoesNotReturn is not { } doesNotReturn)
        {
            return false;
        }

        foreach (var attribute in attributes)
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, doesNotReturn))
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol Definition(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

    private static HashSet<IMethodSymbol> Methods(Compilation compilation, (string Type, string Member)[] members)
    {
        var builder = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var (typeName, name) in members)
        {
            // System.Array as the special type it is (as the compiler sees it), the others by metadata name.
            var type = typeName == "System.Array" ? compilation.GetSpecialType(SpecialType.System_Array) : compilation.GetTypeByMetadataName(typeName);
            if (type is null)
            {
                continue;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol method)
                {
                    builder.Add(method);
                }
            }
        }

        return builder;
    }

    private static HashSet<string> NamesOf(params (string Type, string Member)[][] sets)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var (_, member) in set)
            {
                names.Add(member);
            }
        }

        return names;
    }

    private static string[] ToArray(HashSet<string> names)
    {
        var array = new string[names.Count];
        names.CopyTo(array);
        Array.Sort(array, StringComparer.Ordinal);
        return array;
    }

    private static string[] WithoutContainedWords(string[] names)
    {
        var words = new List<string>();
        foreach (var name in names)
        {
            var contained = false;
            foreach (var other in names)
            {
                if (!ReferenceEquals(other, name) && other.Length < name.Length && name.IndexOf(other, StringComparison.Ordinal) >= 0)
                {
                    contained = true;
                }
            }

            if (!contained)
            {
                words.Add(name);
            }
        }

        return words.ToArray();
    }
}
