namespace SafeRolloutScript;

/// <summary>The rollout stopped at <see cref="FailedServer"/>; <see cref="UpdatedServers"/> already run the new version.</summary>
public sealed class RolloutStoppedException(SimulatedServer failedServer, IReadOnlyList<SimulatedServer> updatedServers, Exception cause)
    : Exception($"Rollout stopped at {failedServer.Name}: {cause.Message}", cause)
{
    public SimulatedServer FailedServer { get; } = failedServer;

    public IReadOnlyList<SimulatedServer> UpdatedServers { get; } = updatedServers;
}
