using ChangeGate.Core;

namespace ChangeGate.Cli;

/// <summary>
/// Finds the .NET host (<c>dotnet</c>) that runs the managed part, the way the .NET tools find it:
/// <c>CHANGEGATE_DOTNET</c> when set, else <c>DOTNET_HOST_PATH</c> (set by the dotnet CLI for the
/// processes it starts), else <c>DOTNET_ROOT</c>, else <c>PATH</c>, else the usual install folders.
/// </summary>
internal static class DotnetHost
{
    /// <summary>The host's path, or a problem saying where it was looked for.</summary>
    /// <param name="getVariable">Reads an environment variable.</param>
    /// <param name="exists">Tells whether a file exists.</param>
    public static Result<string> Find(Func<string, string?> getVariable, Func<string, bool> exists)
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (getVariable(ManagedPartProcess.DotnetVariable) is { Length: > 0 } named)
        {
            return exists(named)
                ? Result<string>.Ok(named)
                : Result<string>.Fail(new Problem($"{ManagedPartProcess.DotnetVariable} names {named}, and there is no file there", $"point it at the dotnet host of a .NET 10 install, or unset it"));
        }

        var candidates = new List<string>();
        if (getVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath)
        {
            candidates.Add(hostPath);
        }

        if (getVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            candidates.Add(Path.Combine(root, name));
        }

        foreach (var directory in (getVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(directory, name));
        }

        candidates.AddRange(OperatingSystem.IsWindows()
            ? [Path.Combine(getVariable("ProgramFiles") ?? @"C:\Program Files", "dotnet", name)]
            : ["/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/local/share/dotnet/dotnet", .. getVariable("HOME") is { Length: > 0 } home ? [Path.Combine(home, ".dotnet", "dotnet")] : Array.Empty<string>()]);
        foreach (var candidate in candidates)
        {
            if (Path.IsPathFullyQualified(candidate) && exists(candidate))
            {
                return Result<string>.Ok(candidate);
            }
        }

        return Result<string>.Fail(new Problem(
            "no .NET host (`dotnet`) was found (looked at DOTNET_HOST_PATH, DOTNET_ROOT, PATH and the usual install folders), and `affected`, `analyze` and the gate's analyzers and affected-projects parts run on the .NET runtime",
            $"install the .NET 10 SDK, put `dotnet` on PATH or set DOTNET_ROOT, or name the host with {ManagedPartProcess.DotnetVariable}"));
    }
}
