using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;
using VerifyCG0001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InvalidOptionValueAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// The program's own folders, told from the live install (docs/accuracy.md, 2026-12-07): folders whose fixed location a
/// readonly field or get-only property declares, paths a helper of the code hands out as temporary or download ones, a
/// deleted folder that is itself named as one, and <c>changegate.install_directory</c>. Invented code, found and not found.
/// </summary>
public sealed class OwnFolderTests
{
    [Fact]
    public async Task A_folder_whose_declaration_puts_it_under_the_temp_or_download_area_is_the_codes_own()
    {
        const string source = """
            using System.IO;

            public class TileSetUpdater
            {
                private static readonly string Parking = Path.Combine("/srv/maps", "scratch", "tilesets");
                private readonly string _inbox = Path.Combine("/srv/maps", "downloads");
                private string Fetched => Path.Combine("/srv/maps", "tmp");
                public string Holding { get { return Path.Combine("/srv/maps", "temp", "hold"); } }

                private readonly string _tilesDir = Path.Combine("/srv/maps", "tiles");            // the live tiles
                private string _mutableDir = Path.Combine("/srv/maps", "downloads");             // may be set to anything later
                public string LiveRoot { get; set; } = Path.Combine("/srv/maps", "downloads");   // settable: any value

                public void UpdateTiles(string name)
                {
                    Directory.Delete(Path.Combine(Parking, name), true);
                    File.Delete(Path.Combine(_inbox, name + ".zip"));
                    Directory.Delete(Path.Combine(Fetched, name), true);
                    File.Delete(Path.Combine(Holding, name));

                    {|CG1001:Directory.Delete(Path.Combine(_tilesDir, name), true)|};
                    {|CG1001:File.Delete(Path.Combine(_mutableDir, name))|};
                    {|CG1001:File.Delete(Path.Combine(LiveRoot, name))|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Writes_under_a_declared_own_folder_are_no_live_overwrites_but_writes_under_a_declared_install_folder_are()
    {
        const string source = """
            using System.IO;

            public class PluginInstaller
            {
                private static readonly string Shelf = Path.Combine("/var/host", "cache", "plugins");
                private string Journal => Path.Combine("/opt/host", "logs");
                private static readonly string Inbox = "/var/host/downloads/inbox";

                private static readonly string PluginsRoot = Path.Combine("/opt/host", "plugins");
                private string ConfigFolder => Path.Combine("/etc/host", "conf.d");

                public void InstallPlugin(string id, byte[] bytes)
                {
                    File.WriteAllBytes(Path.Combine(Shelf, id + ".pkg"), bytes);
                    File.WriteAllText(Path.Combine(Journal, "install.log"), id);
                    File.WriteAllBytes($"{Inbox}/{id}", bytes);

                    {|CG1002:File.WriteAllBytes(Path.Combine(PluginsRoot, id + ".dll"), bytes)|};
                    {|CG1002:File.WriteAllText(Path.Combine(ConfigFolder, id + ".conf"), id)|};
                    {|CG1002:File.Copy(Path.Combine(Shelf, id + ".pkg"), Path.Combine(PluginsRoot, id + ".pkg"), true)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_path_a_helper_hands_out_as_temporary_or_download_is_the_codes_own_but_other_helpers_paths_are_not()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            public static class Workspace
            {
                public static string GetTempFileName() => Path.Combine("/var/tmp", Path.GetRandomFileName());
                public static string GetTempDownloadDirectory() => "/var/tmp/dl";
                public static Task<string> CreateTempFolderAsync() => Task.FromResult("/var/tmp/s");
                public static string GetInstallDirectory() => "/opt/kiosk";
                public static string GetTemplateFile() => "/opt/kiosk/template.html";
                public static string TempLocationOfLiveApp() => "/opt/kiosk";
            }

            public class KioskUpdater
            {
                public async Task UpdateKioskAsync()
                {
                    var archive = Workspace.GetTempFileName();
                    File.Delete(archive);
                    Directory.Delete(Workspace.GetTempDownloadDirectory(), true);
                    var scratch = new DirectoryInfo(await Workspace.CreateTempFolderAsync());
                    scratch.Delete(true);

                    {|CG1001:Directory.Delete(Workspace.GetInstallDirectory(), true)|};
                    {|CG1001:File.Delete(Workspace.GetTemplateFile())|};               // "Temp" is not a word of "Template"
                    {|CG1001:File.Delete(Workspace.TempLocationOfLiveApp())|};    // hands nothing out by its verb
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_deleted_folder_named_as_temporary_or_download_is_the_codes_own_but_a_file_named_so_is_not()
    {
        const string source = """
            using System.IO;

            public class LabelPrinterUpgrader
            {
                public void UpgradeDrivers(string appDir, string driverFile)
                {
                    var tempPath = Path.Combine(appDir, "TempUpgrade");
                    if (Directory.Exists(tempPath)) Directory.Delete(tempPath, true);
                    Directory.Delete(Path.Combine(appDir, "downloads"), true);
                    var scratchDir = new DirectoryInfo(Path.Combine(appDir, "work"));
                    scratchDir.Delete(true);

                    {|CG1001:Directory.Delete(Path.Combine(appDir, "drivers"), true)|};
                    {|CG1001:File.Delete(Path.Combine(appDir, "driver.tmp"))|};          // a file's own name is not a folder
                    {|CG1001:File.Delete(Path.Combine(appDir, "download.cfg"))|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_private_helpers_parameter_is_in_an_own_folder_when_every_call_in_the_type_hands_it_one()
    {
        const string source = """
            using System.IO;
            using System.Threading;

            public class FirmwareUpdater
            {
                private static readonly string Parking = Path.Combine(Path.GetTempPath(), "fw");

                public void UpdateFirmware(string deviceDir, byte[] image)
                {
                    var blob = Path.Combine(Parking, "image.bin");
                    StoreImage(blob, image);
                    new Thread(() => DiscardImage(blob)).Start();
                    ClearFolder(Path.Combine(deviceDir, "downloads", "fw"));
                    ClearFolder(Parking);

                    {|CG1002:ReplaceSlot(Path.Combine(deviceDir, "slot.bin"), image)|};       // the live slot, at the call too
                    ReplaceSlot(blob, image);
                    {|CG1001:DropProfile(Path.Combine(deviceDir, "profile.json"))|};
                    Shared(blob);
                }

                private static void StoreImage(string target, byte[] bytes) => File.WriteAllBytes(target, bytes);
                private static void DiscardImage(string target) => File.Delete(target);
                private static void ClearFolder(string folder)
                {
                    foreach (var sub in Directory.GetDirectories(folder)) ClearFolder(sub);   // recursion passes what it was given
                    Directory.Delete(folder, true);
                }

                private static void ReplaceSlot(string slot, byte[] bytes) => {|CG1002:File.WriteAllBytes(slot, bytes)|};   // one caller passes the live slot
                private static void DropProfile(string profile) => {|CG1001:File.Delete(profile)|};
                public static void Shared(string path) => {|CG1001:File.Delete(path)|};               // public: callers anywhere
            }
            """;

        await VerifyCG1001.AnalyzerAsync(Only("CG1001", source));
        await VerifyCG1002.AnalyzerAsync(Only("CG1002", source));
    }

    // The source with the markup of the other rule's findings removed.
    private static string Only(string rule, string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\{\|(?!" + rule + @":)CG\d{4}:(.*?)\|\}", "$1");

    [Fact]
    public async Task A_private_helper_used_as_a_method_group_has_callers_out_of_sight()
    {
        const string source = """
            using System;
            using System.IO;

            public class ThemeUpgrader
            {
                public void UpgradeThemes(string[] installed, string downloadsDir)
                {
                    RemoveTheme(Path.Combine(downloadsDir, "a.zip"));
                    Array.ForEach(installed, RemoveTheme);
                }

                private static void RemoveTheme(string theme) => {|CG1001:File.Delete(theme)|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    private const string InstallSource = """
        using System;
        using System.IO;
        using System.Reflection;

        public class Settings { public string InstallRoot { get; set; } = ""; public string DataDir { get; set; } = ""; }

        public class ThemeUpdater
        {
            public void UpdateThemes(Settings settings, string appInstallDir, string libraryDir, byte[] bytes)
            {
                {|#0:Directory.Delete(Path.Combine(settings.InstallRoot, "themes"), true)|};
                {|#1:File.Delete(Path.Combine(appInstallDir, "theme.css"))|};
                {|#2:File.Delete(Path.Combine(AppContext.BaseDirectory, "old.dll"))|};
                var exeDir = Path.GetDirectoryName(Assembly.GetEntryAssembly()!.Location)!;
                {|#3:File.Delete(Path.Combine(exeDir, "legacy.dll"))|};

                {|#4:Directory.Delete(Path.Combine(settings.DataDir, "themes"), true)|};
                {|#5:File.Delete(Path.Combine(libraryDir, "index.db"))|};
                {|#6:File.Delete("/var/lib/themes/state.json")|};
            }

            public void InstallTheme(Settings settings, string appInstallDir, string userDir, byte[] bytes)
            {
                {|#7:File.WriteAllBytes(Path.Combine(appInstallDir, "theme.css"), bytes)|};
                var baseDir = AppDomain.CurrentDomain.BaseDirectory;
                {|#8:File.WriteAllBytes(Path.Combine(baseDir, "theme.css"), bytes)|};
                {|#9:File.WriteAllBytes(Path.Combine(settings.InstallRoot, "themes", "a.css"), bytes)|};
                {|#10:File.WriteAllBytes(Path.Combine(userDir, "favourites.json"), bytes)|};
                {|#11:File.WriteAllBytes(Path.Combine(settings.DataDir, "theme.idx"), bytes)|};
                {|#12:File.WriteAllBytes("/var/lib/themes/state.json", bytes)|};
            }
        }
        """;

    [Fact]
    public async Task Without_install_directory_every_unguarded_path_is_reported()
    {
        await VerifyCG1001.AnalyzerAsync(
            InstallSource,
            Delete(0, "Directory.Delete", "the directory 'Path.Combine(settings.InstallRoot, \"themes\")' and everything in it (recursive)"),
            Delete(1, "File.Delete", "the file 'Path.Combine(appInstallDir, \"theme.css\")'"),
            Delete(2, "File.Delete", "the file 'Path.Combine(AppContext.BaseDirectory, \"old.dll\")'"),
            Delete(3, "File.Delete", "the file 'Path.Combine(exeDir, \"legacy.dll\")'"),
            Delete(4, "Directory.Delete", "the directory 'Path.Combine(settings.DataDir, \"themes\")' and everything in it (recursive)"),
            Delete(5, "File.Delete", "the file 'Path.Combine(libraryDir, \"index.db\")'"),
            Delete(6, "File.Delete", "the file '\"/var/lib/themes/state.json\"'"));
    }

    [Fact]
    public async Task With_install_directory_CG1001_reports_only_paths_built_from_the_named_install_or_the_running_program()
    {
        await VerifyCG1001.AnalyzerWithOptionsAsync(
            InstallSource,
            new[] { "changegate.install_directory = *Install*Dir|Install*Root" },
            Delete(0, "Directory.Delete", "the directory 'Path.Combine(settings.InstallRoot, \"themes\")' and everything in it (recursive)"),
            Delete(1, "File.Delete", "the file 'Path.Combine(appInstallDir, \"theme.css\")'"),
            Delete(2, "File.Delete", "the file 'Path.Combine(AppContext.BaseDirectory, \"old.dll\")'"),
            Delete(3, "File.Delete", "the file 'Path.Combine(exeDir, \"legacy.dll\")'"));
    }

    [Fact]
    public async Task With_install_directory_CG1002_reports_only_paths_built_from_the_named_install_or_the_running_program()
    {
        await VerifyCG1002.AnalyzerWithOptionsAsync(
            InstallSource,
            new[] { "changegate.install_directory = *Install*Dir|Install*Root" },
            Write(7, "Path.Combine(appInstallDir, \"theme.css\")"),
            Write(8, "Path.Combine(baseDir, \"theme.css\")"),
            Write(9, "Path.Combine(settings.InstallRoot, \"themes\", \"a.css\")"));
        await VerifyCG1002.AnalyzerWithOptionsAsync(
            InstallSource,
            Array.Empty<string>(),
            Write(7, "Path.Combine(appInstallDir, \"theme.css\")"),
            Write(8, "Path.Combine(baseDir, \"theme.css\")"),
            Write(9, "Path.Combine(settings.InstallRoot, \"themes\", \"a.css\")"),
            Write(10, "Path.Combine(userDir, \"favourites.json\")"),
            Write(11, "Path.Combine(settings.DataDir, \"theme.idx\")"),
            Write(12, "\"/var/lib/themes/state.json\""));
    }

    [Fact]
    public async Task An_install_directory_that_names_nothing_in_the_code_silences_both_rules_and_none_silences_nothing()
    {
        const string source = """
            using System.IO;

            public class FontPackUpgrader
            {
                public void UpgradeFonts(string fontDir, byte[] bytes)
                {
                    {|#1:File.WriteAllBytes(Path.Combine(fontDir, "a.ttf"), bytes)|};
                    {|#0:Directory.Delete(fontDir, true)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerWithOptionsAsync(source, new[] { "changegate.install_directory = gameRoot" });
        await VerifyCG1002.AnalyzerWithOptionsAsync(source, new[] { "changegate.install_directory = gameRoot" });
        await VerifyCG1001.AnalyzerWithOptionsAsync(
            source, new[] { "changegate.install_directory = none" }, Delete(0, "Directory.Delete", "the directory 'fontDir' and everything in it (recursive)"));
        await VerifyCG1002.AnalyzerWithOptionsAsync(
            source, new[] { "changegate.install_directory = font*" }, Write(1, "Path.Combine(fontDir, \"a.ttf\")"));
    }

    [Theory]
    [InlineData("changegate.install_directory = install*Dir*|*App*Root")]
    [InlineData("changegate.install_directory = gameRoot, serverBinDir")]
    [InlineData("changegate.install_directory = none")]
    public async Task A_valid_install_directory_is_not_reported(string line)
    {
        await VerifyCG0001.AnalyzerWithOptionsAsync("class C { void M() { } }", new[] { line });
    }

    [Fact]
    public async Task An_invalid_install_directory_is_reported_and_the_rules_fall_back_to_reporting_every_path()
    {
        await VerifyCG0001.AnalyzerWithOptionsAsync(
            "class C { void M() { } }",
            new[] { "changegate.install_directory = AppContext.BaseDirectory" },
            VerifyCG0001.Diagnostic("CG0001").WithArguments(
                "changegate.install_directory", "AppContext.BaseDirectory", "'AppContext.BaseDirectory' holds '.': a pattern is letters, digits, _ and *", "none"));

        const string source = """
            using System.IO;

            public class FontPackUpgrader
            {
                public void UpgradeFonts(string fontDir) { {|CG1001:Directory.Delete(fontDir, true)|}; }
            }
            """;
        await VerifyCG1001.AnalyzerWithOptionsAsync(source, new[] { "changegate.install_directory = game-root" });
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Delete(int location, string call, string what) =>
        VerifyCG1001.Diagnostic("CG1001").WithLocation(location).WithArguments(call, what);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Write(int location, string path) =>
        VerifyCG1002.Diagnostic("CG1002").WithLocation(location).WithArguments("File.WriteAllBytes", path, "");
}
