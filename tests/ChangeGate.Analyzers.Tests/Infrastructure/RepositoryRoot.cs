namespace ChangeGate.Analyzers.Tests.Infrastructure;

/// <summary>The root of the ChangeGate repository, found from the test's base directory (the folder holding ChangeGate.sln).</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ChangeGate.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ChangeGate.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    }
}
