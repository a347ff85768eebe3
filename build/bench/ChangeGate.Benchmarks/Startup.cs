using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ChangeGate.Benchmarks.Analyzers;

namespace ChangeGate.Benchmarks;

/// <summary>
/// Start-up, side by side: a hello-world <c>dotnet</c> console app and the installed changegate, run as
/// processes one after the other, round after round, so that both meet the same machine load. Each run is
/// started with posix_spawn and reaped with wait4, which gives its wall time. Peak memory comes from
/// separate rounds under GNU time (<c>/usr/bin/time -f %M</c>): a child that posix_spawn starts shares this
/// process's memory until it execs, and Linux carries that high-water mark (this process's, about 100 MiB)
/// into the child's ru_maxrss; GNU time forks from a process of a few MiB, so the figure is the program's.
/// </summary>
internal static class Startup
{
    /// <summary>One program measured: its name in the table and its command line.</summary>
    public sealed record Subject(string Name, string[] Command, IReadOnlyDictionary<string, string>? Environment = null);

    /// <summary>The wall times and peak RSS of one subject.</summary>
    public sealed record Figures(Subject Subject, List<double> Milliseconds, List<long> PeakRssKiB)
    {
        /// <summary>The warm-up run's wall time: for the first `gate` on a new ledger, the whole chain's verification.</summary>
        public double FirstRun { get; set; }

        /// <summary>The warm-up run's peak RSS in KiB (0 without GNU time).</summary>
        public long FirstRunRssKiB { get; set; }

        public double Median => MedianOf(Milliseconds);
    }

    private const string GnuTime = "/usr/bin/time";

    private const int MemoryRounds = 3;

    /// <summary>
    /// Runs a warm-up round, then <paramref name="rounds"/> rounds of every subject in order; prints a
    /// Markdown table with each median and its ratio to the first subject's (the baseline).
    /// </summary>
    public static void Run(TextWriter output, IReadOnlyList<Subject> subjects, int rounds)
    {
        var figures = subjects.Select(s => new Figures(s, [], [])).ToList();
        var memory = File.Exists(GnuTime);

        // The warm-up round, under GNU time when there is one (its fork adds about a millisecond).
        foreach (var figure in figures)
        {
            (figure.FirstRun, figure.FirstRunRssKiB) = memory ? Measured(figure.Subject) : (Spawn(figure.Subject.Name, figure.Subject.Command, figure.Subject.Environment), 0);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var figure in figures)
            {
                figure.Milliseconds.Add(Spawn(figure.Subject.Name, figure.Subject.Command, figure.Subject.Environment));
            }
        }

        for (var round = 0; memory && round < MemoryRounds; round++)
        {
            foreach (var figure in figures)
            {
                figure.PeakRssKiB.Add(Measured(figure.Subject).PeakRssKiB);
            }
        }

        var baseline = figures[0].Median;
        output.WriteLine($"| program | runs | median | min | max | ratio to hello world (medians) | peak RSS (max of {MemoryRounds} runs) | first run (warm-up): time, peak RSS |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var figure in figures)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {figure.Subject.Name} | {figure.Milliseconds.Count} | {figure.Median:0.0} ms | {figure.Milliseconds.Min():0.0} ms | {figure.Milliseconds.Max():0.0} ms | {figure.Median / baseline:0.00}× | {(memory ? $"{figure.PeakRssKiB.Max() / 1024.0:0.0} MiB" : "n/a")} | {figure.FirstRun:0.0} ms, {(memory ? $"{figure.FirstRunRssKiB / 1024.0:0.0} MiB" : "n/a")} |"));
        }

        if (!memory)
        {
            output.WriteLine();
            output.WriteLine($"peak RSS: n/a, {GnuTime} (GNU time) is not installed; fix: apt-get install time");
        }
    }

    /// <summary>Builds a hello-world console app (framework-dependent, Release) under <paramref name="scratch"/>; returns its apphost.</summary>
    public static string BuildHelloWorld(string scratch)
    {
        var directory = Path.Combine(scratch, "hello");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "hello.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(\"Hello, World!\");\n");
        var build = new ProcessStartInfo("dotnet", ["build", "-c", "Release", "-o", Path.Combine(directory, "out"), "-nologo", "-v", "q"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(build)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new BenchSetupException("building the hello-world app took more than 5 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new BenchSetupException($"building the hello-world app failed:\n{stdout.Result}{stderr.Result}");
        }

        return Path.Combine(directory, "out", "hello");
    }

    // One run under GNU time: its wall time and its peak RSS in KiB.
    private static (double Milliseconds, long PeakRssKiB) Measured(Subject subject)
    {
        var report = Path.GetTempFileName();
        try
        {
            var milliseconds = Spawn(subject.Name, [GnuTime, "-f", "%M", "-o", report, .. subject.Command], subject.Environment);
            return (milliseconds, long.Parse(File.ReadAllText(report).Trim(), CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static double MedianOf(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // One run: posix_spawn with standard output and error on /dev/null, wait4 for the exit; its wall time.
    // The child inherits this process's working directory; the commands name their repository with --repo.
    private static double Spawn(string name, string[] command, IReadOnlyDictionary<string, string>? extra)
    {
        var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        foreach (var (variable, value) in extra ?? new Dictionary<string, string>())
        {
            environment[variable] = value;
        }

        var argv = Strings(command);
        var envp = Strings(environment.Select(e => $"{e.Key}={e.Value}").ToArray());
        var actions = Marshal.AllocHGlobal(256);
        try
        {
            Check(Native.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            Check(Native.posix_spawn_file_actions_addopen(actions, 1, "/dev/null", 1 /* O_WRONLY */, 0), "addopen stdout");
            Check(Native.posix_spawn_file_actions_addopen(actions, 2, "/dev/null", 1, 0), "addopen stderr");
            var watch = Stopwatch.StartNew();
            Check(Native.posix_spawn(out var pid, command[0], actions, IntPtr.Zero, argv, envp), $"posix_spawn {command[0]}");
            if (Native.wait4(pid, out var status, 0, new byte[144]) != pid)
            {
                throw new InvalidOperationException($"wait4 failed: errno {Marshal.GetLastPInvokeError()}");
            }

            watch.Stop();
            var exit = (status >> 8) & 0xff;
            if ((status & 0x7f) != 0 || exit != 0)
            {
                throw new BenchSetupException($"{name} ({string.Join(' ', command)}) exited with status {status:x}; run it by hand to see why");
            }

            return watch.Elapsed.TotalMilliseconds;
        }
        finally
        {
            Native.posix_spawn_file_actions_destroy(actions);
            Marshal.FreeHGlobal(actions);
            Free(argv);
            Free(envp);
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"{what} failed: error {error}");
        }
    }

    private static IntPtr[] Strings(string[] values) => [.. values.Select(Marshal.StringToCoTaskMemUTF8), IntPtr.Zero];

    private static void Free(IntPtr[] pointers)
    {
        foreach (var pointer in pointers.Where(p => p != IntPtr.Zero))
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int posix_spawn_file_actions_init(IntPtr actions);

        [DllImport("libc", SetLastError = true)]
        public static extern int posix_spawn_file_actions_destroy(IntPtr actions);

        [DllImport("libc", SetLastError = true)]
        public static extern int posix_spawn_file_actions_addopen(IntPtr actions, int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);

        [DllImport("libc", SetLastError = true)]
        public static extern int posix_spawn(out int pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr actions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

        [DllImport("libc", SetLastError = true)]
        public static extern int wait4(int pid, out int status, int options, byte[] usage);
    }
}
