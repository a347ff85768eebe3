using System.Threading.Tasks;
using Xunit;
using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Guards that only look like guards: a delete under "exists and something else" does not vacate the path on every way,
/// and a listing narrowed by a search pattern does not show that a folder is empty.
/// </summary>
public sealed class NarrowGuardTests
{
    [Fact]
    public async Task A_delete_under_exists_and_another_condition_does_not_make_the_write_new()
    {
        const string source = """
            using System.IO;

            public class ProfileUpdater
            {
                public void UpdateProfile(string profilePath, string json, bool resetProfile)
                {
                    if (File.Exists(profilePath) && resetProfile)
                    {
                        File.Delete(profilePath);
                    }

                    {|#0:File.WriteAllText(profilePath, json)|};     // when resetProfile is false the live profile is overwritten
                }

                public void UpdateLayout(string layoutPath, string json)
                {
                    if (File.Exists(layoutPath))
                    {
                        File.Delete(layoutPath);
                    }

                    File.WriteAllText(layoutPath, json);                // deleted on every way where it existed: a new file
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "profilePath", ""));
    }

    [Fact]
    public async Task A_listing_narrowed_by_a_search_pattern_does_not_show_the_folder_is_empty()
    {
        const string source = """
            using System.IO;
            using System.Linq;

            public sealed class FolderService
            {
                public string[] GetFileSystemEntries(string path, string pattern = "") => Directory.GetFileSystemEntries(path, pattern.Length == 0 ? "*" : pattern);
            }

            public class AddonUpdater
            {
                public void UpdateAddons(string addonDir, string spoolDir, string shaderDir)
                {
                    if (Directory.GetFiles(addonDir, "*.dll").Length == 0)
                    {
                        {|#0:Directory.Delete(addonDir, true)|};             // user data besides the dlls goes with it
                    }

                    if (!Directory.EnumerateFileSystemEntries(spoolDir, "*").Any())
                    {
                        Directory.Delete(spoolDir, true);                    // every entry listed: the folder is empty
                    }

                    if (!new FolderService().GetFileSystemEntries(spoolDir).Any())
                    {
                        Directory.Delete(spoolDir, true);                    // a folder service's listing of the whole folder
                    }

                    if (new FolderService().GetFileSystemEntries(shaderDir, "*.bin").Length == 0)
                    {
                        {|#2:Directory.Delete(shaderDir, true)|};               // narrowed by a pattern: other files may be there
                    }

                    if (new DirectoryInfo(shaderDir).GetFileSystemInfos("*.bin").Length == 0)
                    {
                        {|#1:Directory.Delete(shaderDir, true)|};
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("Directory.Delete", "the directory 'addonDir' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("Directory.Delete", "the directory 'shaderDir' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("Directory.Delete", "the directory 'shaderDir' and everything in it (recursive)"));
    }

    [Fact]
    public async Task A_listing_of_the_top_files_only_does_not_show_a_folder_is_empty_before_a_recursive_delete()
    {
        const string source = """
            using System.IO;

            public class ProfileUpdater
            {
                public void UpdateProfiles(string profileDir, string spoolDir)
                {
                    if (Directory.GetFiles(profileDir).Length == 0)
                    {
                        {|#0:Directory.Delete(profileDir, true)|};           // saves/ and settings/ sub-folders go with it
                    }

                    if (Directory.GetFiles(spoolDir, "*", SearchOption.AllDirectories).Length == 0)
                    {
                        Directory.Delete(spoolDir, true);                    // no file anywhere below: only empty folders go
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("Directory.Delete", "the directory 'profileDir' and everything in it (recursive)"));
    }
}
