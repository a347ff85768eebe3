using RolloutScript;
using RolloutScript.Steps;

// Replays the 2024-05-20/21 patterns on a simulated fleet (in memory). kr-a-03 fails its install.
var servers = new List<SimulatedServer>
{
    new("kr-a-01"), new("kr-a-02"), new("kr-a-03", failsInstall: true), new("kr-b-01"), new("kr-b-02"),
};
var rollout = new ServerRollout(Console.Out);

Console.WriteLine("Rolling out 2.4.0:");
await rollout.RolloutAsync(servers, "2.4.0");
Console.WriteLine($"Fleet now: {string.Join(", ", servers)}  <- kr-a-03 failed, and every other server was changed anyway");

Console.WriteLine("Enabling 'new-chat-sync' (meant for one function) everywhere at once:");
await rollout.UpdateFeatureFlagEverywhereAsync(servers, "new-chat-sync");
Console.WriteLine($"  servers with the flag on: {servers.Count(s => s.FeatureFlags.GetValueOrDefault("new-chat-sync"))} of {servers.Count}");

IUpdateStep install = new InstallPackageStep("2.4.1");
Console.WriteLine($"Step {install.GetType().Name} has no rollback: if 2.4.1 is bad, there is no way back to {servers[0].Version}.");
