using System.Collections.Concurrent;

namespace SafeRolloutScript.Steps;

/// <summary>Installs the release package, remembering each server's previous version so it can go back.</summary>
public sealed class InstallPackageStep(string version) : IUpdateStep
{
    private readonly ConcurrentDictionary<string, string> _previousVersions = new();

    public async Task ApplyAsync(SimulatedServer server)
    {
        _previousVersions[server.Name] = server.Version;
        await server.InstallAsync(version);
    }

    public async Task RollbackAsync(SimulatedServer server)
    {
        if (_previousVersions.TryRemove(server.Name, out var previous))
        {
            await server.InstallAsync(previous);
        }
    }
}
