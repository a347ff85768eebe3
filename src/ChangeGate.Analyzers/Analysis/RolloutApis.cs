using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The framework APIs that the rollout rules recognize, resolved once per compilation and compared
/// as symbols: delegate loops (<c>List&lt;T&gt;.ForEach</c>, <c>Array.ForEach</c>,
/// <c>Parallel.ForEach</c>/<c>ForEachAsync</c>), fan-outs (<c>Enumerable.Select</c> into
/// <c>Task.WhenAll</c>/<c>WaitAll</c>) and calls that stop a loop
/// (<c>ParallelLoopState.Stop</c>/<c>Break</c>, <c>CancellationTokenSource.Cancel</c>, methods marked
/// <c>[DoesNotReturn]</c>). Any of them may be missing; the matching check then never matches. Resolved once per
/// compilation and shared by CG3001 and CG3002; the sets are only read after construction, so concurrent reads are safe.
/// </summary>
internal sealed class RolloutApis
{
    private static readonly ConditionalWeakTable<Compilation, RolloutApis> Cache = new();

    private readonly HashSet<IMethodSymbol> _sequentialForEach;
    private readonly HashSet<IMethodSymbol> _parallelForEach;
    private readonly HashSet<IMethodSymbol> _select;
    private readonly HashSet<IMethodSymbol> _waitForAll;
    private readonly HashSet<IMethodSymbol> _loopStops;
    private readonly INamedTypeSymbol? _doesNotReturn;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private RolloutApis(Compilation compilation)
    {
        var list = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        var array = compilation.GetSpecialType(SpecialType.System_Array);
        var parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
        var enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        var loopState = compilation.GetTypeByMetadataName("System.Threading.Tasks.ParallelLoopState");
        var cancellation = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");

        _sequentialForEach = Methods((list, "ForEach"), (array, "ForEach"));
        _parallelForEach = Methods((parallel, "ForEach"), (parallel, "ForEachAsync"));
        _select = Methods((enumerable, "Select"));
        _waitForAll = Methods((task, "WhenAll"), (task, "WaitAll"));
        _loopStops = Methods((loopState, "Stop"), (loopState, "Break"), (cancellation, "Cancel"), (cancellation, "CancelAsync"));
        _doesNotReturn = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");

        // Names first: most calls are rejected by a string look-up, before a symbol is hashed.
        foreach (var set in new[] { _sequentialForEach, _parallelForEach, _select, _waitForAll, _loopStops })
        {
            foreach (var method in set)
            {
                _names.Add(method.Name);
            }
        }

        var loopAndFanOutNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in new[] { _sequentialForEach, _parallelForEach, _waitForAll })
        {
            foreach (var method in set)
            {
                loopAndFanOutNames.Add(method.Name);
            }
        }

        LoopAndFanOutNames = new string[loopAndFanOutNames.Count];
        loopAndFanOutNames.CopyTo(LoopAndFanOutNames);
        Exception = compilation.GetTypeByMetadataName("System.Exception");
    }

    /// <summary><c>System.Exception</c>, or null in a compilation without it.</summary>
    public INamedTypeSymbol? Exception { get; }

    /// <summary>The APIs of <paramref name="compilation"/>, resolved once.</summary>
    public static RolloutApis Resolve(Compilation compilation) => Cache.GetValue(compilation, static c => new RolloutApis(c));

    /// <summary>True for <c>List&lt;T&gt;.ForEach</c> and <c>Array.ForEach</c>: one element after the other.</summary>
    public bool IsSequentialForEach(IMethodSymbol method) => _names.Contains(method.Name) && _sequentialForEach.Contains(Definition(method));

    /// <summary>True for <c>Parallel.ForEach</c> and <c>Parallel.ForEachAsync</c>: many elements at once.</summary>
    public bool IsParallelForEach(IMethodSymbol method) => _names.Contains(method.Name) && _parallelForEach.Contains(Definition(method));

    /// <summary>True for <c>Enumerable.Select</c>.</summary>
    public bool IsSelect(IMethodSymbol method) => _names.Contains(method.Name) && _select.Contains(Definition(method));

    /// <summary>True for <c>Task.WhenAll</c> and <c>Task.WaitAll</c>.</summary>
    public bool IsWaitForAll(IMethodSymbol method) => _names.Contains(method.Name) && _waitForAll.Contains(Definition(method));

    /// <summary>
    /// The names of the delegate loops and fan-outs (<c>ForEach</c>, <c>ForEachAsync</c>, <c>WhenAll</c>, <c>WaitAll</c>): a call
    /// of one spells its name, so code whose text holds none of them calls none (see <see cref="TreeText"/>).
    /// </summary>
    public string[] LoopAndFanOutNames { get; }

    /// <summary>True when <paramref name="method"/> may be a delegate loop or a fan-out: its name is one of theirs (no symbol look-up).</summary>
    public bool MayBeLoopOrFanOut(IMethodSymbol method) => Array.IndexOf(LoopAndFanOutNames, method.Name) >= 0;

    /// <summary>
    /// True when a call to <paramref name="method"/> ends the loop it runs in: it stops a parallel loop,
    /// cancels the rollout's token source, or never returns (<c>[DoesNotReturn]</c>, such as
    /// <c>Environment.FailFast</c>).
    /// </summary>
    public bool StopsLoop(IMethodSymbol method)
    {
        if (_names.Contains(method.Name) && _loopStops.Contains(Definition(method)))
        {
            return true;
        }

        if (_doesNotReturn is null)
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _doesNotReturn))
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol Definition(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

    private static HashSet<IMethodSymbol> Methods(params (INamedTypeSymbol? Type, string Name)[] members)
    {
        var builder = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var (type, name) in members)
        {
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
}
