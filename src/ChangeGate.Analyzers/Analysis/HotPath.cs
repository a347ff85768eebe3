using System.Runtime.CompilerServices;

namespace ChangeGate.Analyzers.Analysis;

/// <summary>
/// The method-implementation flag for the few methods every type or loop of a compilation runs through (the per-type
/// update-code gate, its per-tree text facts, the per-loop target test): <c>MethodImplOptions.AggressiveOptimization</c>,
/// which netstandard2.0 does not name (value 512; the runtime reads the flag, whatever the target).
/// </summary>
/// <remarks>
/// A compile is short, and the runtime keeps deferring the re-compilation of hot methods while the compiler keeps
/// compiling new ones (the tiering delay): a profile of the analyzers benchmark found the per-type gate running as
/// unoptimized first-tier code through every run after the warm-up. These methods are compiled fully optimized once
/// instead (a one-time cost per process, paid by the first compilation). Behaviour is the same.
/// </remarks>
internal static class HotPath
{
    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>.</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
