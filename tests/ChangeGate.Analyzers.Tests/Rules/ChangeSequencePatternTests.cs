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
                        if (dir.EnumerateFileSystemInfos().Any())
                            continue;
                        dir.Delete(true);
                    }

                    var leftovers = Directory.GetFileSystemEntries(cursorsDir);
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

    [Fact]
    public async Task A_file_written_where_the_method_deleted_or_moved_it_away_first_is_a_new_file()
    {
        const string source = """
            using System.IO;

            public static class Shell { public static void RemoveFile(string path) { if (File.Exists(path)) File.Delete(path); } }

            public class KioskUpdater
            {
                public void UpdateKiosk(string kioskRoot, string stagedDir, string[] names, string motd, bool clean)
                {
                    var boot = Path.Combine(kioskRoot, "boot.sh");
                    if (File.Exists(boot))
                        File.Delete(boot);
                    File.WriteAllText(boot, "#!/bin/sh");                        // deleted when it existed: new

                    foreach (var name in names)
                    {
                        var target = Path.Combine(kioskRoot, name);
                        Shell.RemoveFile(target);                                  // a helper that deletes its argument
                        File.Copy(Path.Combine(stagedDir, name), target, true);    // new, in the same loop body
                    }

                    var banner = Path.Combine(kioskRoot, "banner.txt");
                    File.Move(banner, banner + ".old");
                    File.WriteAllText(banner, motd);                               // moved away first: new

                    // Vacated only on one branch, by another path, after the write, or put back in between: still live.
                    var motdFile = Path.Combine(kioskRoot, "motd.txt");
                    if (clean)
                        File.Delete(motdFile);
                    {|CG1002:File.WriteAllText(motdFile, motd)|};

                    File.Delete(Path.Combine(kioskRoot, "motd.bak"));
                    {|CG1002:File.WriteAllText(Path.Combine(kioskRoot, "motd.cfg"), motd)|};

                    {|CG1002:File.WriteAllText(Path.Combine(kioskRoot, "theme.css"), motd)|};
                    File.Delete(Path.Combine(kioskRoot, "theme.css"));

                    var logo = Path.Combine(kioskRoot, "logo.png");
                    File.Delete(logo);
                    File.Move(Path.Combine(stagedDir, "logo.png"), logo);
                    {|CG1002:File.Copy(Path.Combine(stagedDir, "logo2.png"), logo, true)|};

                    foreach (var name in names)
                        File.Delete(Path.Combine(kioskRoot, name + ".ini"));
                    {|CG1002:File.WriteAllText(Path.Combine(kioskRoot, names[0] + ".ini"), motd)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_file_written_into_a_folder_that_was_wiped_or_found_empty_is_new_but_a_tree_copied_onto_it_is_not()
    {
        const string source = """
            using System.IO;
            using System.Linq;

            public static class Disk
            {
                public static void Reset(string dir) { if (Directory.Exists(dir)) Directory.Delete(dir, true); Directory.CreateDirectory(dir); }
                public static void Mirror(string from, string to) { foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), true); }
            }

            public class SensorFirmwareUpgrader
            {
                public void UpgradeSensors(string profilesDir, string calibrationDir, string stagedDir, string logsDir, string dataDir, string[] sensors)
                {
                    Disk.Reset(profilesDir);                                               // a helper wipes and re-creates it
                    foreach (var sensor in sensors)
                        File.Copy(Path.Combine(stagedDir, sensor), Path.Combine(profilesDir, sensor), true);

                    var existing = Directory.GetFiles(calibrationDir);
                    if (existing.Any())
                        return;
                    File.WriteAllText(Path.Combine(calibrationDir, "default.cal"), "0");  // only when the folder is empty

                    var report = Path.Combine(logsDir, "upgrade.csv");
                    if (File.Exists(report))
                        return;
                    File.WriteAllText(Path.Combine(logsDir, "upgrade.csv"), "sensor,result"); // only when absent (through the local)

                    // A tree brought onto a wiped folder, a write into a folder that still holds files: still live.
                    Directory.Delete(logsDir, true);
                    {|CG1002:Disk.Mirror(stagedDir, logsDir)|};
                    if (Directory.GetDirectories(dataDir).Length == 0)
                        {|CG1002:File.WriteAllText(Path.Combine(dataDir, "ready.txt"), "1")|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_entry_deleted_and_then_copied_anew_from_the_source_entry_it_is_named_after_is_a_replacement()
    {
        const string source = """
            using System.IO;

            public static class FsUtil
            {
                public static void Remove(string path) { if (Directory.Exists(path)) Directory.Delete(path, true); else File.Delete(path); }

                public static void CopyInto(FileSystemInfo entry, DirectoryInfo target)
                {
                    if (entry is FileInfo file) file.CopyTo(Path.Combine(target.FullName, file.Name), true);
                }
            }

            public class PluginPackInstaller
            {

                public void InstallPluginPack(DirectoryInfo pack, DirectoryInfo hostDir, string[] retired)
                {
                    foreach (var entry in pack.EnumerateFileSystemInfos())
                    {
                        FsUtil.Remove(Path.Combine(hostDir.FullName, entry.Name));        // replaced by the entry it is named after
                        FsUtil.CopyInto(entry, hostDir);
                    }

                    foreach (var file in pack.GetFiles("*.dll"))
                    {
                        var old = Path.Combine(hostDir.FullName, Path.GetFileName(file.FullName));
                        File.Delete(old);
                        file.MoveTo(Path.Combine(hostDir.FullName, file.Name));
                    }

                    // The host's own entries, an entry not brought back, or a copy of something else: nothing replaces them.
                    foreach (var own in hostDir.GetFiles())
                    {
                        {|CG1001:own.Delete()|};
                        FsUtil.CopyInto(own, hostDir);
                    }

                    foreach (var entry in pack.EnumerateFileSystemInfos())
                        {|CG1001:FsUtil.Remove(Path.Combine(hostDir.FullName, entry.Name))|};

                    foreach (var entry in pack.EnumerateFileSystemInfos())
                    {
                        {|CG1001:FsUtil.Remove(Path.Combine(hostDir.FullName, entry.Name))|};
                        FsUtil.CopyInto(new FileInfo(retired[0]), hostDir);
                    }

                    foreach (var name in retired)
                    {
                        {|CG1001:FsUtil.Remove(Path.Combine(hostDir.FullName, name))|};
                        FsUtil.CopyInto(pack, hostDir);
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_refill_that_runs_only_in_some_branch_does_not_make_the_delete_a_replacement()
    {
        const string source = """
            using System.IO;

            public static class FsUtil
            {
                public static void Remove(string path) { if (Directory.Exists(path)) Directory.Delete(path, true); else File.Delete(path); }

                public static void CopyInto(FileSystemInfo entry, DirectoryInfo target)
                {
                    if (entry is FileInfo file) file.CopyTo(Path.Combine(target.FullName, file.Name), true);
                }
            }

            public class SkinPackInstaller
            {
                public void InstallSkinPack(DirectoryInfo pack, DirectoryInfo hostDir)
                {
                    // Brought back only for some entries: the others are deleted for good.
                    foreach (var entry in pack.EnumerateFileSystemInfos())
                    {
                        {|CG1001:FsUtil.Remove(Path.Combine(hostDir.FullName, entry.Name))|};
                        if (entry.Extension == ".dll")
                        {
                            FsUtil.CopyInto(entry, hostDir);
                        }
                    }

                    foreach (var entry in pack.EnumerateFileSystemInfos())
                    {
                        if (entry.Extension == ".dll")
                        {
                            FsUtil.Remove(Path.Combine(hostDir.FullName, entry.Name));      // delete and copy under one test
                            FsUtil.CopyInto(entry, hostDir);
                        }
                    }
                }

                public void ReplaceTheme(string liveTheme, string stagedTheme)
                {
                    {|CG1001:File.Delete(liveTheme)|};
                    if (File.Exists(stagedTheme))
                    {
                        File.Move(stagedTheme, liveTheme);                                 // refilled only when staged
                    }
                }

                public void SwapTheme(string liveTheme, string stagedTheme)
                {
                    if (File.Exists(liveTheme))
                    {
                        File.Delete(liveTheme);
                    }

                    File.Move(stagedTheme, liveTheme);                                     // refilled whenever the delete ran
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_new_version_folder_cleared_and_created_again_is_no_live_data_but_a_live_folder_is()
    {
        const string source = """
            using System.IO;

            public class EngineUpdater
            {
                private string _latestVersionDirectory = "";
                private string _installDirectory = "";

                public void UpdateEngine(string enginesRoot, string nextVersion, byte[] manifest)
                {
                    if (Directory.Exists(_latestVersionDirectory))
                        Directory.Delete(_latestVersionDirectory, true);
                    Directory.CreateDirectory(_latestVersionDirectory);

                    var slot = Path.Combine(enginesRoot, "engine-" + nextVersion);
                    Directory.Delete(slot, true);
                    File.WriteAllBytes(slot, manifest);

                    // Named for the running version, not re-created, or the live install: still data.
                    var current = Path.Combine(enginesRoot, "engine-current");
                    {|CG1001:Directory.Delete(current, true)|};
                    Directory.CreateDirectory(current);

                    {|CG1001:Directory.Delete(Path.Combine(enginesRoot, "engine-" + nextVersion, "shaders"), true)|};

                    {|CG1001:Directory.Delete(_installDirectory, true)|};
                    Directory.CreateDirectory(_installDirectory);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
}
