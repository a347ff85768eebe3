namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>
/// Something the person running the benchmarks has to provide or fix (a library path, an SDK, a build): the harness
/// prints the message and exits 2, without a stack trace.
/// </summary>
internal sealed class BenchSetupException(string message) : Exception(message);
