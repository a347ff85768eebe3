using System.Diagnostics;
using ChangeGate.Core;

namespace ChangeGate.SolutionAnalysis;

/// <summary>
/// Runs <c>dotnet restore</c> on the target before it is opened. MSBuildWorkspace evaluates
/// projects but does not restore them, and a project without its packages still opens, silently
/// without those references, so rules that look for a package's types (EF Core migrations) would
/// find nothing. Restoring first gives the compilation `dotnet build` would see.
/// </summary>
internal static class DotnetRestore
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static Result<bool> Run(string target)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(target)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "restore", target, "--nologo", "-v", "q", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(argument);
        }

        // This process may have pointed MSBuild at the SDK through variables (the locator does); the child finds its own.
        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || n.Equals("MSBuildExtensionsPath", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return Result<bool>.Fail(new Problem($"cannot run `dotnet restore`: {e.Message}", "put the dotnet command on PATH, or restore yourself and pass --no-restore"));
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return Result<bool>.Fail(new Problem($"`dotnet restore {target}` did not finish within {Timeout.TotalMinutes:0} minutes", "restore yourself, then run again with --no-restore"));
            }

            if (process.ExitCode != 0)
            {
                var lines = (output.Result + "\n" + error.Result).Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(5);
                return Result<bool>.Fail(new Problem($"`dotnet restore` failed for {target}: {string.Join(" | ", lines)}", "fix the restore (`dotnet restore` shows the same errors), then run again"));
            }
        }

        return Result<bool>.Ok(true);
    }
}
