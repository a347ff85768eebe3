namespace RolloutScript.Steps;

/// <summary>Installs the release package. There is no way back to the previous version.</summary>
public sealed class InstallPackageStep(string version) : IUpdateStep // expect: CG2001
{
    public Task ApplyAsync(SimulatedServer server) => server.InstallAsync(version);
}
