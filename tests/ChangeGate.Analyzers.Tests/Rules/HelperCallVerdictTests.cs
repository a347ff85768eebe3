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
    public async Task A_call_of_an_update_helper_that_writes_through_a_temporary_file_is_not_reported()
    {
        const string source = """
            using System.IO;

            public class PrinterFirmwareInstaller
            {
                public void InstallFirmware(string printerDir, byte[] image, string profile)
                {
                    WriteAtomically(Path.Combine(printerDir, "firmware.bin"), image);
                    {|CG1002:WriteRaw(Path.Combine(printerDir, "calibration.dat"), image)|};
                }

                private static void WriteAtomically(string path, byte[] bytes)
                {
                    var temp = path + ".tmp";
                    File.WriteAllBytes(temp, bytes);
                    File.Move(temp, path, overwrite: true);
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
    public async Task A_call_of_a_private_update_helper_is_guarded_by_the_callers_backup_and_a_public_helper_keeps_its_verdict_in_its_body()
    {
        // A helper other types call is an API of its type: its finding stays in its body, as before.
        const string source = """
            using System.IO;

            public class ThemeDeployer
            {
                public void DeployTheme(string themeDir, string backupRoot)
                {
                    Directory.Move(themeDir, Path.Combine(backupRoot, "theme.prev"));
                    ClearThemeFolder(themeDir);                                   // moved aside first
                }

                public void RedeployTheme(string themeDir)
                {
                    {|CG1001:ClearThemeFolder(themeDir)|};
                    ResetThemeFolder(themeDir);                                   // a public helper: its body is the finding
                }

                private static void ClearThemeFolder(string dir) => {|CG1001:Directory.Delete(dir, true)|};

                public static void ResetThemeFolder(string dir) => {|CG1001:Directory.Delete(dir, true)|};
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

    [Fact]
    public async Task Out_arguments_and_helpers_that_act_only_through_inner_helpers_are_not_reported_at_the_call()
    {
        // DeployLoader hands its path back through out; Rollout acts only through Deploy, whose own call is the finding.
        const string source = """
            using System.IO;

            public class LoaderDeployer
            {
                public void DeployAll(string gameDir)
                {
                    DeployLoader(gameDir, out var loaderPath);
                    Rollout(Path.Combine(gameDir, "plugins", "hook.asi"));
                }

                private static void DeployLoader(string gameDir, out string loaderPath)
                {
                    loaderPath = Path.Combine(gameDir, "dinput8.dll");
                    {|CG1002:File.WriteAllBytes(loaderPath, new byte[] { 1 })|};
                }

                private static void Rollout(string target) => {|CG1002:Deploy(target)|};

                private static void Deploy(string path) => {|CG1002:File.WriteAllText(path, "hook")|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_helpers_recursive_call_of_itself_is_judged_in_its_body_only()
    {
        const string source = """
            using System.IO;

            public class BoardFirmwareUpdater
            {
                public void UpdateBoard(string boardDir) => {|CG1001:WipeTree(boardDir)|};

                private static void WipeTree(string path)
                {
                    foreach (var sub in Directory.GetDirectories(path))
                    {
                        WipeTree(sub);                                    // its own recursion: no second finding
                    }

                    {|CG1001:Directory.Delete(path, true)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_call_handing_an_update_helper_a_folder_a_temporary_call_gave_out_is_not_reported()
    {
        const string source = """
            using System;
            using System.IO;

            public static class Scratch
            {
                public static IDisposable WithTempDirectory(out string path) { path = Path.GetTempPath(); return null!; }
                public static IDisposable WithLease(out string path) { path = "/srv/app"; return null!; }
            }

            public class ReportPackUpdater
            {
                public void UpdateReportPack(string live)
                {
                    using (Scratch.WithTempDirectory(out var work))
                    {
                        UpdateIndexPage(Path.Combine(work, "index.html"));                // a temporary folder handed out
                    }

                    string leased = null!;
                    using (Scratch.WithLease(out leased))
                    {
                        {|CG1002:UpdateIndexPage(Path.Combine(leased, "index.html"))|};   // not named temporary
                    }

                    {|CG1002:UpdateIndexPage(Path.Combine(live, "index.html"))|};
                }

                private static void UpdateIndexPage(string file) => {|CG1002:File.WriteAllText(file, "<html/>")|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_helper_that_deletes_only_after_listing_what_is_there_keeps_its_verdict_in_its_body()
    {
        const string source = """
            using System.IO;

            public class CodecInstaller
            {
                public void InstallCodec(string codecDir)
                {
                    ClearBroken(codecDir);
                    {|CG1001:ClearAll(codecDir)|};
                }

                private static void ClearBroken(string dir)
                {
                    var broken = Directory.Exists(dir) && Directory.GetFiles(dir, "*.manifest").Length == 0;
                    if (!broken) return;
                    {|CG1001:Directory.Delete(dir, true)|};
                }

                private static void ClearAll(string dir) => {|CG1001:Directory.Delete(dir, true)|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
}
