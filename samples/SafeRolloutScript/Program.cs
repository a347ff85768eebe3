using SafeRolloutScript;
using SafeRolloutScript.Steps;

// The same fleet and the same failing server as RolloutScript, handled safely (simulated in memory).
var servers = new List<SimulatedServer>
{
    new("kr-a-01"), new("kr-a-02"), new("kr-a-03", failsInstall: true), new("kr-b-01"), new("kr-b-02"),
};
var rollout = new SafeServerRollout(Console.Out);
var install = new InstallPackageStep("2.4.0");

Console.WriteLine("Rolling out 2.4.0, one server at a time:");
try
{
    await rollout.RolloutAsync(servers, install);
}
catch (RolloutStoppedException stopped)
{
    Console.WriteLine($"Stopped at {stopped.FailedServer.Name}; rolling back {stopped.UpdatedServers.Count} server(s):");
    await rollout.RollBackAsync(stopped.UpdatedServers, install);
}

Console.WriteLine($"Fleet now: {string.Join(", ", servers)}  <- nobody runs the release that failed");

Console.WriteLine("Enabling 'new-chat-sync' in waves:");
await rollout.UpdateFeatureFlagInWavesAsync(servers, "new-chat-sync");
