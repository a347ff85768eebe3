using System.Runtime.InteropServices;

namespace ChangeGate.Benchmarks.Analyzers;

/// <summary>
/// The CPU time the calling thread has used, from <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> (Linux, libc). Unlike
/// wall time it does not grow while the thread waits for a core, so it moves far less with the machine's load; it still
/// takes in what a busier machine makes slower per instruction (shared caches, a hypervisor's steal).
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>True when the clock can be read here (Linux with libc).</summary>
    public static bool IsAvailable
    {
        get
        {
            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            try
            {
                return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }
    }

    /// <summary>The calling thread's CPU time so far, in nanoseconds.</summary>
    public static long Now()
    {
        ClockGetTime(ClockThreadCpuTimeId, out var time);
        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    public static TimeSpan ToTimeSpan(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);
}
