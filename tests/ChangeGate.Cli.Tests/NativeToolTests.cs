using ChangeGate.Cli.Tests.Support;

namespace ChangeGate.Cli.Tests;

/// <summary>
/// What only the native changegate has: its managed part, found beside it and started with the .NET host.
/// These run against <see cref="Changegate.Executable"/> (CI sets it to the installed tool); without one
/// they are skipped, unless CHANGEGATE_REQUIRE_NATIVE=1 demands it.
/// </summary>
public sealed class NativeToolTests : IDisposable
{
    private static readonly Dictionary<string, string?> Actor = new() { ["CHANGEGATE_ACTOR"] = "rm@kakao.com" };
    private readonly ScratchRepository _scratch = ScratchRepository.Create(withRemote: false);
    private readonly string _copies = Directory.CreateTempSubdirectory("changegate-native-").FullName;

    private static string Native => Changegate.Executable
        ?? throw new InvalidOperationException($"CHANGEGATE_REQUIRE_NATIVE=1, and {Changegate.ExecutableVariable} names no native changegate; set it to the installed tool (.ci/run does)");

    [NativeFact]
    public void Without_its_managed_part_it_still_gates_and_says_what_affected_is_missing()
    {
        var alone = CopyWithoutManagedPart();

        var start = Run(alone, Actor, "rollout", "start", "--rollback-plan", "redeploy 1.4.2");
        var gate = Run(alone, Actor, "gate", "--target", "canary-01");
        var affected = Run(alone, Actor, "affected", "--since", "HEAD");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.True(gate.ExitCode == 0, gate.ToString());
        Assert.True(affected.ExitCode == 2, affected.ToString());
        Assert.Contains("this changegate has no managed part", affected.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Path.GetDirectoryName(alone)!, "managed", "changegate.dll"), affected.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet tool install", affected.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", affected.All, StringComparison.Ordinal);
    }

    [NativeFact]
    public void The_managed_part_answers_affected_with_the_native_tools_exit_code_and_output()
    {
        var run = Run(Native, Actor, "affected", "--since", "HEAD", "--format", "json");
        var missing = Run(Native, Actor, "affected", "--since", "no-such-ref");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"changedFiles\": []", run.Output, StringComparison.Ordinal);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("no-such-ref", missing.Error, StringComparison.Ordinal);
    }

    [NativeFact]
    public void Settings_for_the_managed_part_that_point_at_nothing_are_user_mistakes_naming_the_variable()
    {
        var nowhere = Path.Combine(_copies, "nowhere");
        (string Variable, string Value, string Expected)[] cases =
        [
            ("CHANGEGATE_DOTNET", nowhere, $"CHANGEGATE_DOTNET names {nowhere}, and there is no file there"),
            ("CHANGEGATE_MANAGED", nowhere, $"CHANGEGATE_MANAGED names {nowhere}, and there is no file there"),
            ("CHANGEGATE_MANAGED_TIMEOUT", "soon", "CHANGEGATE_MANAGED_TIMEOUT is 'soon', which is not a time limit"),
            ("CHANGEGATE_MANAGED_TIMEOUT", "7h", "at most 6h"),
        ];

        foreach (var (variable, value, expected) in cases)
        {
            var run = Run(Native, new Dictionary<string, string?>(Actor) { [variable] = value }, "affected", "--since", "HEAD");

            Assert.True(run.ExitCode == 2, $"{variable}={value}: {run}");
            Assert.Contains(expected, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.All, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        _scratch.Dispose();
        Directory.Delete(_copies, recursive: true);
    }

    private CliRun Run(string executable, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = Changegate.Start(_scratch.Work, environment, args);
        start.FileName = executable;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', args)} did not finish");
        }

        process.WaitForExit();
        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    // The installed tool's folder (the tool path holds a link to it) copied without managed/.
    private string CopyWithoutManagedPart()
    {
        var installed = new FileInfo(Native);
        var folder = Path.GetDirectoryName(installed.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? installed.FullName)!;
        var copy = Path.Combine(_copies, "tool");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        Assert.False(Directory.Exists(Path.Combine(copy, "managed")));
        return Path.Combine(copy, Path.GetFileName(installed.FullName));
    }
}

/// <summary>A test of the native changegate: runs where <see cref="Changegate.Executable"/> names one (or CHANGEGATE_REQUIRE_NATIVE=1 demands it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (Changegate.Executable is null)
        {
            Skip = Environment.GetEnvironmentVariable("CHANGEGATE_REQUIRE_NATIVE") == "1"
                ? null
                : $"no native changegate to test; set {Changegate.ExecutableVariable} to one (.ci/run installs it with build/pack-cli.sh)";
        }
    }
}
