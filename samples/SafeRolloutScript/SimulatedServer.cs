namespace SafeRolloutScript;

/// <summary>
/// A server of the fleet, simulated in memory so the sample runs anywhere: it records the installed
/// version and feature flags, can be told to fail an install, and answers health checks.
/// </summary>
public sealed class SimulatedServer(string name, bool failsInstall = false)
{
    private readonly Dictionary<string, bool> _flags = new();

    public string Name { get; } = name;

    public string Version { get; private set; } = "2.3.9";

    public IReadOnlyDictionary<string, bool> FeatureFlags => _flags;

    public async Task InstallAsync(string version)
    {
        await Task.Delay(10);
        if (failsInstall && version != "2.3.9")
        {
            throw new InvalidOperationException($"{Name}: package {version} failed its post-install check");
        }

        Version = version;
    }

    public async Task UpdateFeatureFlagAsync(string flag, bool enabled)
    {
        await Task.Delay(10);
        _flags[flag] = enabled;
    }

    /// <summary>Waits until the server answers its health endpoint; throws when it does not.</summary>
    public Task WaitForHealthyAsync() => Task.Delay(5);

    public override string ToString() => $"{Name} {Version}";
}
