using System.Diagnostics;

namespace ChangeGate.Benchmarks;

/// <summary>One measured operation: the median and spread of its wall times, and its memory.</summary>
internal sealed record Measurement(string Name, int Runs, TimeSpan Median, TimeSpan Min, TimeSpan Max, long AllocatedBytes, long PeakHeapGrowthBytes)
{
    public static string Header =>
        "| benchmark | runs | median | min | max | allocated per run | peak managed heap growth |\n|---|---:|---:|---:|---:|---:|---:|";

    public string Row =>
        $"| {Name} | {Runs} | {Format(Median)} | {Format(Min)} | {Format(Max)} | {Bytes(AllocatedBytes)} | {Bytes(PeakHeapGrowthBytes)} |";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.0} GiB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MiB",
        >= 1 << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };

    private static string Format(TimeSpan time) => time.TotalSeconds >= 1 ? $"{time.TotalSeconds:0.00} s" : $"{time.TotalMilliseconds:0.0} ms";
}

/// <summary>Runs an operation several times after a warm-up and reports medians, never asserts.</summary>
internal static class Measure
{
    public static Measurement Run(string name, int runs, Action operation, bool warmUp = true)
    {
        if (warmUp)
        {
            operation();
        }

        var times = new List<TimeSpan>();
        long allocated = 0;
        long peak = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: false);
            using var sampler = new HeapSampler(baseline);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            operation();
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            peak = Math.Max(peak, sampler.Stop());
            times.Add(watch.Elapsed);
        }

        times.Sort();
        return new Measurement(name, runs, times[times.Count / 2], times[0], times[^1], allocated, peak);
    }

    /// <summary>
    /// Samples the managed heap (live objects and garbage not yet collected) every millisecond. If an
    /// operation kept what it read, the peak would grow with the input; streaming keeps it flat.
    /// </summary>
    private sealed class HeapSampler : IDisposable
    {
        private readonly long _baseline;
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public HeapSampler(long baseline)
        {
            _baseline = baseline;
            _thread = new Thread(Loop) { IsBackground = true };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return Math.Max(0, _peak - _baseline);
        }

        public void Dispose()
        {
            if (!_stop)
            {
                Stop();
            }
        }

        private void Loop()
        {
            while (!_stop)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: false));
                Thread.Sleep(1);
            }
        }
    }
}
