using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Calls of a project's own helper (field report class 3): when the helper is update code and its summary deletes or
/// overwrites in place the path or folder a call gives it, the call is judged like the BCL member the helper wraps, with
/// the call's own context; the helper's own finding stays. Invented code of other names and domains, found and not found.
/// </summary>
public sealed class HelperCallVerdictTests
{
    [Fact]
    public async Task A_call_handing_an_update_helper_the_live_folder_is_reported_and_one_handing_it_a_staging_folder_is_not()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;
            using System.Threading;

            public class KioskUpdater
            {
                public void ApplyUpdate(string bundle, string kioskDir)
                {
                    using var archive = ZipFile.OpenRead(bundle);
                    foreach (var entry in archive.Entries)
                    {
                        var target = Path.Combine(kioskDir, entry.FullName);
                        {|CG1002:UnpackWithRetry(entry, target)|};                       // the live kiosk folder
                    }
                }

                public void StageUpdate(string bundle)
                {
                    var staging = Path.Combine(Path.GetTempPath(), "kiosk-staging");
                    using var archive = ZipFile.OpenRead(bundle);
                    foreach (var entry in archive.Entries)
                    {
                        UnpackWithRetry(entry, Path.Combine(staging, entry.FullName));   // a temporary folder
                    }
                }

                private static bool UnpackWithRetry(ZipArchiveEntry entry, string outputPath)
                {
                    for (var i = 1; i <= 3; i++)
                    {
                        try
                        {
                            {|CG1002:entry.ExtractToFile(outputPath, true)|};           // the helper's own finding stays
                            return true;
                        }
                        catch (IOException)
                        {
                            Thread.Sleep(100 * i);
                        }
                    }

                    return false;
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_call_of_an_update_helper_that_writes_through_a_temporary_file_or_a_backup_is_not_reported()
    {
        const string source = """
            using System.IO;

            public class PrinterFirmwareInstaller
            {
                public void InstallFirmware(string printerDir, byte[] image, string profile)
                {
                    WriteAtomically(Path.Combine(printerDir, "firmware.bin"), image);
                    WriteWithBackup(Path.Combine(printerDir, "profile.json"), profile);
                    {|CG1002:WriteRaw(Path.Combine(printerDir, "calibration.dat"), image)|};
                }

                private static void WriteAtomically(string path, byte[] bytes)
                {
                    var temp = path + ".tmp";
                    File.WriteAllBytes(temp, bytes);
                    File.Move(temp, path, overwrite: true);
                }

                private static void WriteWithBackup(string path, string text)
                {
                    File.Copy(path, path + ".bak", overwrite: true);
                    File.WriteAllText(path, text);
                }

                private static void WriteRaw(string path, byte[] bytes) => {|CG1002:File.WriteAllBytes(path, bytes)|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_call_of_an_update_helper_copying_over_its_destination_is_reported_unless_the_destination_is_new()
    {
        const string source = """
            using System.IO;

            public class PluginUpgrader
            {
                public void UpgradePlugins(string releaseDir, string pluginsDir)
                {
                    foreach (var file in Directory.GetFiles(releaseDir))
                    {
                        {|CG1002:CopyRetrying(file, Path.Combine(pluginsDir, Path.GetFileName(file)))|};
                    }

                    var fresh = Path.Combine(pluginsDir, "next");
                    Directory.Delete(fresh, true);
                    Directory.CreateDirectory(fresh);
                    foreach (var file in Directory.GetFiles(releaseDir))
                    {
                        CopyRetrying(file, Path.Combine(fresh, Path.GetFileName(file)));   // a folder just made anew
                    }
                }

                private static void CopyRetrying(string source, string destination)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { {|CG1002:File.Copy(source, destination, true)|}; return; }
                        catch (IOException) when (attempt < 2) { }
                    }
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_update_helper_deleting_the_entries_its_caller_names_under_the_app_folder_is_reported_at_each_call()
    {
        const string source = """
            using System;
            using System.IO;

            public class SchemaUpgrader
            {
                private void Upgrade_4_2()
                {
                    string[] obsolete = { "Contoso.Reports.dll", "Contoso.Reports.pdb" };
                    {|CG1001:RemoveObsolete(obsolete)|};
                }

                private void Upgrade_4_3() => {|CG1001:RemoveObsolete(new[] { "legacy.css" })|};

                private void Upgrade_4_4() => RemoveScratch(new[] { "a.tmp", "b.tmp" });

                private static void RemoveObsolete(string[] names)
                {
                    foreach (var name in names)
                    {
                        var root = AppContext.BaseDirectory;
                        var path = Path.Combine(root, name);
                        if (File.Exists(path)) {|CG1001:File.Delete(path)|};
                    }
                }

                // The folder is the helper's own temporary one: no delete of live data, at the helper or its calls.
                private static void RemoveScratch(string[] names)
                {
                    foreach (var name in names)
                    {
                        File.Delete(Path.Combine(Path.GetTempPath(), name));
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_call_of_an_update_helper_is_guarded_by_the_callers_backup_and_unreported_outside_update_code()
    {
        const string source = """
            using System.IO;

            public class ThemeDeployer
            {
                public void DeployTheme(string themeDir, string backupRoot)
                {
                    Directory.Move(themeDir, Path.Combine(backupRoot, "theme.prev"));
                    ClearThemeFolder(themeDir);                                   // moved aside first
                }

                public void RedeployTheme(string themeDir) => {|CG1001:ClearThemeFolder(themeDir)|};

                internal static void ClearThemeFolder(string dir) => {|CG1001:Directory.Delete(dir, true)|};
            }

            public class ThemePreview
            {
                public void Show(string themeDir) => ThemeDeployer.ClearThemeFolder(themeDir);   // not update code
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_helper_given_a_folder_and_names_is_judged_at_each_call_by_the_folder_argument()
    {
        // A names list needs a collection parameter whose element is joined onto a folder the helper finds itself; a
        // folder parameter is the ordinary summary (reported at the call with the caller's derivation).
        const string source = """
            using System;
            using System.IO;

            public class AddonUpdater
            {
                public void UpdateAddons(string addonsDir)
                {
                    {|CG1001:PruneIn(addonsDir, new[] { "old.dll" })|};
                    PruneIn(Path.Combine(Path.GetTempPath(), "addons"), new[] { "old.dll" });
                }

                private static void PruneIn(string folder, string[] names)
                {
                    foreach (var name in names)
                    {
                        {|CG1001:File.Delete(Path.Combine(folder, name))|};
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
}
