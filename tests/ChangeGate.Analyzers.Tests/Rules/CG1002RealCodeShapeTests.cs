using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Shapes the real-code corpus (docs/accuracy.md) showed CG1002 getting wrong, on invented code of other names and domains,
/// found and not found: copies back in a member named as the rollback, and writes inside the code's own download, temporary,
/// cache, log or staging folders.
/// </summary>
public sealed class CG1002RealCodeShapeTests
{
    [Fact]
    public async Task A_copy_back_in_a_member_named_as_the_rollback_is_the_way_back_but_a_write_there_is_not()
    {
        const string source = """
            using System.IO;

            public class PrinterUpgrader
            {
                public void RestoreDriverConfig(string saved, string driverDir) => File.Copy(saved, Path.Combine(driverDir, "driver.ini"), true);
                public void Restore(string target, string backupDir) => File.Copy(Path.Combine(backupDir, "fw.bin"), Path.Combine(target, "fw.bin"), true);
                public void RollbackFirmware(string kept, string live) => File.Copy(kept, live, true);
                public void RollBackProfiles(string kept, string live) { void Put() => File.Copy(kept, live, true); Put(); }
                public void RevertAsync(string kept, string live) => new FileInfo(kept).CopyTo(live, true);

                public void RestoreDefaults(string live) { {|CG1002:File.WriteAllText(live, "{}")|}; }      // a write of new content
                public void UpgradeDriverConfig(string staged, string live) { {|CG1002:File.Copy(staged, live, true)|}; }
                public void UndoUpgrade(string kept, string live) => File.Copy(kept, live, true);
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_write_inside_a_folder_named_as_a_download_cache_log_or_staging_area_is_no_live_file()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;

            public class PluginUpdater
            {
                private readonly string _cacheRoot = "";
                private string LogsFolder => "";

                public async Task UpdatePluginAsync(string pluginsDir, string downloadFolder, Uri source, HttpClient http, int attempt)
                {
                    string archive;
                    if (attempt > 1) archive = Path.Combine(downloadFolder, $"plugin-{attempt}.zip");
                    else archive = Path.Combine(downloadFolder, "plugin.zip");
                    using (var fs = new FileStream(archive, FileMode.Create))          // the updater's own download
                        await (await http.GetStreamAsync(source)).CopyToAsync(fs);

                    File.WriteAllText(Path.Combine(_cacheRoot, "index.json"), "{...}");           // its cache
                    File.WriteAllText(LogsFolder + "/update.log", "started");                    // its log
                    File.WriteAllText(Path.Combine(pluginsDir, "logs", "last-update.txt"), "ok"); // a log folder under the install
                    foreach (var f in Directory.GetFiles(Path.Combine(pluginsDir, ".staging")))
                        File.WriteAllText(f, "staged");
                    foreach (var f in Directory.GetFiles(Path.Combine(pluginsDir, "staging")))
                        File.Copy(f, $"{Path.Combine(pluginsDir, "staged")}/{Path.GetFileName(f)}", true);

                    {|#0:File.Copy(archive, Path.Combine(pluginsDir, Path.GetFileName(archive)), true)|};   // a download's name, copied over the install
                    {|#1:File.WriteAllText(Path.Combine(pluginsDir, "plugin.json"), "{...}")|};
                    var temp = Path.Combine(pluginsDir, "plugin.json") + ".tmp";                            // a name next to the live file
                    {|#2:File.WriteAllText(temp, "{...}")|};
                    var settings = Path.Combine(Path.GetDirectoryName(downloadFolder)!, "settings.json");     // above the download folder
                    {|#3:File.WriteAllText(settings, "{}")|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.Copy", "Path.Combine(pluginsDir, Path.GetFileName(archive))", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.WriteAllText", "Path.Combine(pluginsDir, \"plugin.json\")", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("File.WriteAllText", "temp", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(3).WithArguments("File.WriteAllText", "settings", ""));
    }

    [Fact]
    public async Task A_folder_named_as_an_own_area_must_hold_the_path_not_only_lend_it_a_name()
    {
        const string source = """
            using System.IO;

            public class TileServerDeployer
            {
                public void DeployTiles(string tilesDir, string tempTiles, string cacheKey, string[] lines)
                {
                    {|CG1002:File.WriteAllLines(tempTiles, lines)|};                            // the path itself, not a folder it lies in
                    {|CG1002:File.WriteAllText(tilesDir + cacheKey, "x")|};                     // no separator: not inside
                    {|CG1002:File.WriteAllText(Path.Combine(tilesDir, "packages", "tiles.db"), "x")|};   // packages are installed
                    File.WriteAllText(Path.Combine(tilesDir, "tile-cache", "tiles.db"), "x");    // a cache folder
                    File.WriteAllText(Path.Combine("/var/tmp/tiles", "probe"), "x");             // a temporary folder by its literal
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_folder_named_for_the_version_being_installed_is_side_by_side_and_new_until_the_switch()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public sealed class Package { public string Version { get; set; } = ""; }

            public static class Trees
            {
                public static void CopyTree(string from, string to) { foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), true); }
            }

            public class KioskAppUpdater
            {
                private readonly Package _targetPackage = new();

                public void UpdateKioskApp(string appsRoot, string stagedDir, string newVersion, string archive, Package latest)
                {
                    var binDir = Path.Combine(appsRoot, $"bin.{_targetPackage.Version}");
                    Directory.CreateDirectory(binDir);
                    Trees.CopyTree(stagedDir, binDir);                                                          // beside the running one
                    File.WriteAllText(Path.Combine(appsRoot, "app-" + newVersion, "app.json"), "{...}");
                    ZipFile.ExtractToDirectory(archive, Path.Combine(appsRoot, latest.Version), true);
                    var nextVersionDir = Path.Combine(appsRoot, "next");
                    File.Copy(Path.Combine(stagedDir, "kiosk.exe"), Path.Combine(nextVersionDir, "kiosk.exe"), true);
                }

                public void UpgradeKioskApp(string appsRoot, string stagedDir, string currentVersion, Package release, Package newRelease)
                {
                    {|CG1002:Trees.CopyTree(stagedDir, Path.Combine(appsRoot, $"bin.{release.Version}"))|};           // which release? may be the running one
                    {|CG1002:File.WriteAllText(Path.Combine(appsRoot, "app-" + currentVersion, "app.json"), "{...}")|};   // the running version
                    {|CG1002:File.WriteAllText(Path.Combine(appsRoot, "current", newRelease.Version + ".txt"), "x")|};    // a file named for it, in the live folder
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_own_folder_is_read_through_locals_with_several_values_listings_with_linq_steps_and_info_objects()
    {
        const string source = """
            using System.IO;
            using System.Linq;

            public class AtlasUpdater
            {
                public void UpdateAtlas(string atlasDir, string scratchRoot, string cacheDir, bool retry, string[] lines)
                {
                    string work;
                    if (retry) work = Path.Combine(scratchRoot, "retry");
                    else work = Path.Combine(cacheDir, "first");
                    File.WriteAllLines(Path.Combine(work, "tiles.txt"), lines);                       // every value lies in an own folder

                    string mixed;
                    if (retry) mixed = Path.Combine(scratchRoot, "retry");
                    else mixed = atlasDir;
                    {|CG1002:File.WriteAllLines(Path.Combine(mixed, "tiles.txt"), lines)|};            // one value is the live folder

                    foreach (var index in Directory.EnumerateFiles(cacheDir).Where(p => p.EndsWith(".idx")).OrderBy(p => p))
                        File.WriteAllText(index, "rebuilt");                                           // listed from the cache, through LINQ steps
                    var logs = new DirectoryInfo(Path.Combine(atlasDir, "logs"));
                    File.WriteAllText(Path.Combine(logs.FullName, "update.log"), "started");         // through info.FullName
                    File.WriteAllText($"{scratchRoot}/atlas.bin", "x");                                // inside, interpolated
                    {|CG1002:File.WriteAllText($"{scratchRoot}.atlas.bin", "x")|};                      // next to it, not inside
                    {|CG1002:File.WriteAllText(Path.Combine(Path.GetDirectoryName(cacheDir)!, "atlas.json"), "x")|};   // above the cache
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }
}
