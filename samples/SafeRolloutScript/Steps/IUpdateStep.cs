namespace SafeRolloutScript.Steps;

/// <summary>One step of an update, run on one server, with its way back.</summary>
public interface IUpdateStep
{
    Task ApplyAsync(SimulatedServer server);

    Task RollbackAsync(SimulatedServer server);
}
