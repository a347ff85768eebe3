namespace RolloutScript.Steps;

/// <summary>One step of an update, run on one server.</summary>
public interface IUpdateStep
{
    Task ApplyAsync(SimulatedServer server);
}
