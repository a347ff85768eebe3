namespace RolloutScript;

/// <summary>
/// A server of the fleet, simulated in memory so the sample runs anywhere: it records the installed
/// version and feature flags, and can be told to fail an install the way kr-a-03 did.
/// </summary>
public sealed class SimulatedServer(string name, bool failsInstall = false)
{
    public string Name { get; } = name;

    public string Version { get; private set; } = "2.3.9";

    public IReadOnlyDictionary<string, bool> FeatureFlags => _flags;

    private readonly Dictionary<string, bool> _flags = new();

    public async Task InstallAsync(string version)
    {
        await Task.Delay(10);
        if (failsInstall)
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

    public override string ToString() => $"{Name} {Version}";
}
