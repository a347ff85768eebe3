namespace ChangeGate.Core.Tests.Evidence.TestSupport;

/// <summary>The committed test-result fixtures, copied next to the test assembly.</summary>
public static class Fixtures
{
    public static string PathOf(string relative) =>
        Path.Combine(AppContext.BaseDirectory, "Evidence", "Fixtures", relative);
}
