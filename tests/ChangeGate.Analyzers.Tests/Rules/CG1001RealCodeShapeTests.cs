using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Shapes the real-code corpus (docs/accuracy.md) showed CG1001 getting wrong, each on invented code of other names and
/// domains, found and not found: reversed update words, wrapper copies whose roles are named inside a parameter name,
/// flag, marker and lock files that hold no data, and staging leftovers cleared before a new attempt or after a failure.
/// </summary>
public sealed class CG1001RealCodeShapeTests
{
    [Fact]
    public async Task An_uninstall_member_of_an_installer_type_removes_what_the_user_asked_to_remove()
    {
        const string source = """
            using System.IO;

            public class ThemeInstaller
            {
                public void Uninstall(string themeDir) => Directory.Delete(themeDir, true);
                public void UnInstallFonts(string fontDir) => Directory.Delete(fontDir, true);
                public void OnUninstallRequested(string themeDir) { File.Delete(Path.Combine(themeDir, "theme.json")); }
                public void Apply(string themeDir) { {|CG1001:Directory.Delete(themeDir, true)|}; }
            }

            public class CertificateUndeployer
            {
                public void Run(string storeDir) => Directory.Delete(storeDir, true);
            }

            public class KioskAgent
            {
                public void DeprovisionKiosk(string kioskDir) => Directory.Delete(kioskDir, true);
                public void ReinstallKiosk(string kioskDir) { {|CG1001:Directory.Delete(kioskDir, true)|}; }
                public void RedeployAsync(string appDir) { {|CG1001:Directory.Delete(appDir, true)|}; }
                public void UninstallOldAndInstallNew(string appDir) { {|CG1001:Directory.Delete(appDir, true)|}; }
                public void Dispatch(string appDir) => Directory.Delete(appDir, true);   // no update word at all
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_wrapper_copy_whose_parameter_names_the_destination_inside_is_no_backup_of_that_destination()
    {
        const string source = """
            using System.IO;

            public class Settings { public string InstallRoot { get; set; } = ""; }

            public class GameServerUpdater
            {
                public void ApplyUpdate(Settings settings, string stagingDir)
                {
                    foreach (var file in Directory.GetFiles(stagingDir))
                    {
                        CopyReleaseFile(settings.InstallRoot, file, stagingDir);
                    }

                    {|CG1001:Directory.Delete(Path.Combine(settings.InstallRoot, "maps"), true)|};    // live maps: the copy went INTO the install
                }

                public void ApplyWithBackup(Settings settings, string backupDir)
                {
                    CopyFolderTree(backupDir, settings.InstallRoot);                                 // (target, origin): a backup of the install
                    Directory.Delete(settings.InstallRoot, true);
                }

                private static void CopyReleaseFile(string serverDestinationRoot, string fullSourceFile, string sourceRoot) =>
                    File.Copy(fullSourceFile, Path.Combine(serverDestinationRoot, Path.GetRelativePath(sourceRoot, fullSourceFile)), true);

                private static void CopyFolderTree(string backupTargetDir, string liveOriginDir)
                {
                    foreach (var f in Directory.GetFiles(liveOriginDir)) File.Copy(f, Path.Combine(backupTargetDir, Path.GetFileName(f)));
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Flag_marker_and_lock_files_hold_no_data_but_live_files_and_caches_next_to_them_may()
    {
        const string source = """
            using System.IO;

            public class FirmwareUpdater
            {
                private readonly string[] _flagFiles = { "/var/fw/.pending", "/var/fw/.applied" };

                public void UpdateFirmware(string deviceDir)
                {
                    string flagFile = "update.finished";
                    File.Delete(flagFile);
                    foreach (var flag in _flagFiles) File.Delete(flag);
                    File.Delete(Path.Combine(deviceDir, ".lock"));
                    var lockFilePath = Path.Combine(deviceDir, "upgrade.lock");
                    if (File.Exists(lockFilePath)) File.Delete(lockFilePath);
                    File.Delete(Path.Combine(deviceDir, "done.marker"));
                    {|CG1001:Directory.Delete(Path.Combine(deviceDir, "package-cache"), true)|};   // a cache may be the only copy

                    {|CG1001:File.Delete(Path.Combine(deviceDir, "calibration.dat"))|};      // user data
                    {|CG1001:Directory.Delete(Path.Combine(deviceDir, "profiles"), true)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Staging_leftovers_are_cleared_before_a_new_attempt_in_a_failure_handler_or_by_a_member_named_for_it()
    {
        const string source = """
            using System;
            using System.IO;

            public class ServiceUpgrader
            {
                public string InstallPath { get; set; } = "";

                public void UpgradeFiles(string package)
                {
                    var newPath = InstallPath + ".new";
                    Directory.Delete(newPath, true);                  // an earlier attempt's staging, prepared again below
                    Unpack(package, newPath);
                    try
                    {
                        Directory.Move(InstallPath, InstallPath + ".old");
                    }
                    catch (IOException)
                    {
                        Directory.Delete(newPath, true);              // the failed attempt clears its own staging
                        throw;
                    }
                }

                public void UpgradeSettings(string settingsDir)
                {
                    var oldSettings = Path.Combine(settingsDir, "settings.old");
                    {|CG1001:File.Delete(oldSettings)|};                          // named old, but nothing prepares it or follows a check
                    {|CG1001:Directory.Delete(Path.Combine(InstallPath, "plugins"), true)|};   // live, and no leftover by name
                }

                private void DeletePreviousVersionBackups(string root)
                {
                    foreach (var backUpDir in Directory.GetDirectories(root, "*.bak.*"))
                        Directory.Delete(backUpDir, true);
                }

                private void UpgradeRemoveDataFolders(string root)
                {
                    foreach (var dir in Directory.GetDirectories(root, "data*"))
                        {|CG1001:Directory.Delete(dir, true)|};              // a delete verb, but no leftover named
                }

                private static void Unpack(string package, string into) => throw new NotImplementedException();
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_registry_key_tree_is_no_directory_tree_but_a_project_helper_of_that_name_is()
    {
        const string source = """
            using Microsoft.Win32;

            public static class TreeKit { public static void DeleteSubKeyTree(string dir) => System.IO.Directory.Delete(dir, true); }

            public class LauncherUpgrader
            {
                public void UpgradeSettings(string installDir)
                {
                    Registry.CurrentUser.DeleteSubKeyTree("Software\\Launcher", false);        // a registry key: out of scope
                    {|CG1001:TreeKit.DeleteSubKeyTree(System.IO.Path.Combine(installDir, "profiles"))|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_delete_inside_a_download_temporary_or_scratch_folder_loses_nothing_of_the_install()
    {
        const string source = """
            using System.IO;

            public class MapPackUpdater
            {
                private readonly string _downloadsDir = "";

                public void UpdateMaps(string gameDir, string scratchRoot)
                {
                    foreach (var zip in Directory.GetFiles(_downloadsDir, "*.zip"))
                        File.Delete(zip);                                                      // the updater's downloads
                    Directory.Delete(Path.Combine(gameDir, "download", "maps-2.zip"), true);   // a download folder under the game
                    File.Delete($"{scratchRoot}/maps.idx");                                   // scratch space
                    foreach (var f in new DirectoryInfo(Path.Combine(gameDir, "tmp")).GetFiles())
                        f.Delete();

                    {|CG1001:Directory.Delete(Path.Combine(gameDir, "maps"), true)|};                        // live maps
                    {|CG1001:File.Delete(Path.Combine(gameDir, Path.GetFileName(Path.Combine(_downloadsDir, "maps.pak"))))|};  // a download's name, in the install
                    {|CG1001:Directory.Delete(Path.GetDirectoryName(_downloadsDir)!, true)|};                // above the downloads
                    {|CG1001:Directory.Delete(Path.Combine(gameDir, "map-cache"), true)|};                   // a cache may be the only copy
                }

                public void UpgradeSaves(string savesDir, string tempName)
                {
                    {|CG1001:File.Delete(tempName)|};                                   // the path's own name says nothing of a folder
                    {|CG1001:File.Delete(savesDir + ".tmp")|};                          // next to the saves, not in a folder of its own
                    {|CG1001:Directory.Delete(Path.Combine(savesDir, "staging"), true)|};   // staging needs a cleanup context (class 12)
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
}
