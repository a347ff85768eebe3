using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// A static extension or utility class may hold the update logic itself (Kudu's site-extension feed extensions): a method
/// of it named for an update keeps its verdict in its body, while its generic helpers leave the verdict to their callers.
/// </summary>
public sealed class UpdateNamedUtilityMethodTests
{
    [Fact]
    public async Task A_utility_class_method_named_for_an_update_is_judged_in_its_body()
    {
        const string source = """
            using System.IO;

            public sealed class Bundle { public string[] Names = new string[0]; public byte[] Read(string name) => new byte[0]; }

            public static class BundleExtensions
            {
                // The update itself: each installed file is rewritten in place.
                public static void UpgradeInstalledFiles(this Bundle bundle, string installDir)
                {
                    foreach (var name in bundle.Names)
                    {
                        using var stream = {|#0:File.OpenWrite(Path.Combine(installDir, name))|};
                        stream.SetLength(0);
                        stream.Write(bundle.Read(name));
                    }
                }

                // A generic helper: whoever calls it carries the verdict.
                public static void WriteEntries(this Bundle bundle, string installDir)
                {
                    foreach (var name in bundle.Names)
                    {
                        File.WriteAllBytes(Path.Combine(installDir, name), bundle.Read(name));
                    }
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.OpenWrite", "Path.Combine(installDir, name)", ""));
    }
}
