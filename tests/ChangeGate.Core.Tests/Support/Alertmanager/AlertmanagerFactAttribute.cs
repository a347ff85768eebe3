namespace ChangeGate.Core.Tests.Support.Alertmanager;

/// <summary>
/// A test that needs the real Prometheus Alertmanager. Skipped, with the reason, on a machine
/// without it (so the README's test command works with only the .NET SDK), unless
/// CHANGEGATE_REQUIRE_ALERTMANAGER=1, as in .ci/run: then it runs and fails loudly when it is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlertmanagerFactAttribute : FactAttribute
{
    /// <summary>Marks the test.</summary>
    public AlertmanagerFactAttribute()
    {
        if (!AlertmanagerServer.IsRequired && AlertmanagerServer.Binary is null)
        {
            Skip = "prometheus-alertmanager is not installed; .ci/run installs it";
        }
    }
}
