using Microsoft.Build.Locator;

namespace ChangeGate.Affected;

/// <summary>
/// Points this process at the installed .NET SDK's MSBuild, once, before any Microsoft.Build type
/// loads (ChangeGate compiles against Microsoft.Build but never ships it). Call
/// <see cref="EnsureRegistered"/> from a method that does not itself use Microsoft.Build types.
/// </summary>
public static class MSBuildLocatorRegistration
{
    private static readonly Lock Gate = new();

    /// <summary>The MSBuild directory in use, once registered (by us or by the host).</summary>
    public static string? MSBuildPath { get; private set; }

    /// <summary>Registers the default SDK's MSBuild if nothing is registered yet.</summary>
    /// <returns>Null on success, else why MSBuild cannot be used.</returns>
    public static string? EnsureRegistered()
    {
        lock (Gate)
        {
            if (MSBuildLocator.IsRegistered)
            {
                return null;
            }

            if (!MSBuildLocator.CanRegister)
            {
                // Microsoft.Build is already loaded by the host; use that one.
                return null;
            }

            try
            {
                MSBuildPath = MSBuildLocator.RegisterDefaults().MSBuildPath;
                return null;
            }
            catch (InvalidOperationException e)
            {
                return e.Message;
            }
        }
    }
}
