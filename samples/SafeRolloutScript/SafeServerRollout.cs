using SafeRolloutScript.Steps;

namespace SafeRolloutScript;

/// <summary>The rollout script done safely: one server at a time with a health check, stop on the first failure, waves for fan-outs.</summary>
public sealed class SafeServerRollout(TextWriter log, int waveSize = 2)
{
    /// <summary>Applies <paramref name="step"/> server by server; the first failure stops the rollout.</summary>
    public async Task RolloutAsync(IReadOnlyList<SimulatedServer> servers, IUpdateStep step)
    {
        var updated = new List<SimulatedServer>();
        foreach (var server in servers)
        {
            try
            {
                await step.ApplyAsync(server);
                updated.Add(server);
                await server.WaitForHealthyAsync();
                log.WriteLine($"  {server.Name}: updated and healthy");
            }
            catch (Exception ex)
            {
                log.WriteLine($"  {server.Name}: FAILED ({ex.Message}); stopping the rollout");
                throw new RolloutStoppedException(server, updated, ex);
            }
        }
    }

    /// <summary>Undoes <paramref name="step"/> on the servers it reached, newest first.</summary>
    public async Task RollBackAsync(IReadOnlyList<SimulatedServer> updatedServers, IUpdateStep step)
    {
        foreach (var server in updatedServers.Reverse())
        {
            await step.RollbackAsync(server);
            await server.WaitForHealthyAsync();
            log.WriteLine($"  {server.Name}: rolled back to {server.Version}");
        }
    }

    /// <summary>Turns a flag on wave by wave; the next wave starts only when the previous one is healthy.</summary>
    public async Task UpdateFeatureFlagInWavesAsync(IReadOnlyList<SimulatedServer> servers, string flag)
    {
        foreach (var wave in servers.Chunk(waveSize))
        {
            await Task.WhenAll(wave.Select(server => server.UpdateFeatureFlagAsync(flag, true)));
            foreach (var server in wave)
            {
                await server.WaitForHealthyAsync();
            }

            log.WriteLine($"  wave {string.Join(", ", wave.Select(s => s.Name))}: flag on, healthy");
        }
    }
}
