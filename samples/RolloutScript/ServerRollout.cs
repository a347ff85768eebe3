namespace RolloutScript;

/// <summary>The rollout script as it was: every server, at once or one after the other, failures logged and skipped.</summary>
public sealed class ServerRollout(TextWriter log)
{
    /// <summary>2024-05-21: a server fails, the error is logged, and the rollout goes on to the next server.</summary>
    public async Task RolloutAsync(IReadOnlyList<SimulatedServer> servers, string version)
    {
        foreach (var server in servers) // expect: CG3002
        {
            try
            {
                await server.InstallAsync(version);
                log.WriteLine($"  {server.Name}: {version} installed");
            }
            catch (Exception ex) // expect: CG3001
            {
                log.WriteLine($"  {server.Name}: FAILED ({ex.Message}), continuing with the next server");
            }
        }
    }

    /// <summary>2024-05-20: a flag meant for one function is flipped on every server at the same moment.</summary>
    public Task UpdateFeatureFlagEverywhereAsync(IReadOnlyList<SimulatedServer> servers, string flag) =>
        Task.WhenAll(servers.Select(server => server.UpdateFeatureFlagAsync(flag, true))); // expect: CG3002
}
