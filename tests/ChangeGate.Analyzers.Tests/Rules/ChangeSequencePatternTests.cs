using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Sequences of file-system steps in one update method that decide CG1001 and CG1002 (issue 9, items 1 and 7): deletes
/// that cannot destroy data, deletes whose path is put back later, and writes of files that are new because their path
/// was cleared first. Invented code of other names and domains than the corpus, found and not found.
/// </summary>
public sealed class ChangeSequencePatternTests
{
    [Fact]
    public async Task A_non_recursive_directory_delete_removes_only_an_empty_folder()
    {
        const string source = """
            using System.IO;

            public class PrinterDriverUpgrader
            {
                public void UpgradeDrivers(string spoolDir, string queueDir, DirectoryInfo legacyPorts, string modelsDir, bool purge)
                {
                    Directory.Delete(spoolDir);                       // throws when anything is in it
                    Directory.Delete(queueDir, recursive: false);
                    legacyPorts.Delete();
                    new DirectoryInfo(Path.Combine(modelsDir, "old")).Delete(false);

                    {|CG1001:Directory.Delete(modelsDir, true)|};       // recursive: loses what is in it
                    {|CG1001:legacyPorts.Delete(true)|};
                    {|CG1001:Directory.Delete(queueDir, purge)|};      // decided at run time
                    {|CG1001:File.Delete(Path.Combine(spoolDir, "ports.cfg"))|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_recursive_delete_that_runs_only_when_the_folder_is_empty_is_no_data_loss()
    {
        const string source = """
            using System.IO;
            using System.Linq;

            public static class Shelf
            {
                public static bool IsFolderEmpty(string dir) => !Directory.EnumerateFileSystemEntries(dir).Any();
                public static void Remove(string dir) => Directory.Delete(dir, true);
            }

            public class ThemeInstaller
            {
                public void InstallThemes(string skinsRoot, DirectoryInfo fontsDir, string[] packs, string iconsDir, string cursorsDir)
                {
                    if (!Directory.EnumerateFileSystemEntries(skinsRoot).Any())
                        Directory.Delete(skinsRoot, true);

                    if (fontsDir.Exists && fontsDir.GetFileSystemInfos().Length == 0)
                        fontsDir.Delete(true);

                    foreach (var pack in packs)
                    {
                        var dir = new DirectoryInfo(Path.Combine(iconsDir, pack));
                        if (dir.EnumerateFiles().Any())
                            continue;
                        dir.Delete(true);
                    }

                    var leftovers = Directory.GetFiles(cursorsDir);
                    if (leftovers.Count() == 0)
                        Directory.Delete(cursorsDir, true);

                    if (Shelf.IsFolderEmpty(iconsDir))
                        Shelf.Remove(iconsDir);

                    // Emptiness of another folder, of sub-folders only, or a listing filtered by a predicate says nothing.
                    if (!Directory.EnumerateFileSystemEntries(skinsRoot).Any())
                        {|CG1001:Directory.Delete(iconsDir, true)|};
                    if (Directory.GetDirectories(cursorsDir).Length == 0)
                        {|CG1001:Directory.Delete(cursorsDir, true)|};
                    if (!Directory.EnumerateFiles(cursorsDir).Any(f => f.EndsWith(".cur")))
                        {|CG1001:Directory.Delete(cursorsDir, true)|};
                    if (Directory.GetFiles(cursorsDir).Length > 0)
                        {|CG1001:Directory.Delete(cursorsDir, true)|};
                    if (!Shelf.IsFolderEmpty(iconsDir))
                        {|CG1001:Shelf.Remove(iconsDir)|};
                    if (string.IsNullOrEmpty(skinsRoot) == false)
                        {|CG1001:Directory.Delete(skinsRoot, true)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
}
