using System.Text.RegularExpressions;
using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG1001 = Verify<UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = Verify<InPlaceOverwriteInUpdateAnalyzer>;

/// <summary>
/// What counts as update code for CG1001 and CG1002, as the shared classifier decides it: update context that is not in
/// the member's or type's name (field report class 4), non-update members of update-named types (class 11), update-word
/// false friends (class 15), and how far a step type makes its members update code (class 1).
/// </summary>
public sealed class UpdateContextTests
{
    // The source with only the markers of rule `id` left, so one source serves both rules.
    private static string Only(string id, string source) =>
        Regex.Replace(source, @"\{\|(CG\d{4}):(.*?)\|\}", m => m.Groups[1].Value == id ? m.Value : m.Groups[2].Value);

    private const string Usings = """
        using System;
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        """;

    // Class 4, the field report's first example: no update word in the member or type, but a Setup namespace, a
    // parameter naming the app's directory and an archive extracted into it.
    [Fact]
    public async Task An_unpacker_in_a_setup_namespace_that_extracts_into_the_directory_it_is_given_is_update_code()
    {
        const string source = Usings + """
            namespace Contoso.Kiosk.Setup
            {
                public sealed class PayloadExpander
                {
                    public void Run(string kioskAppDir, string bundlePath)
                    {
                        foreach (var f in new DirectoryInfo(kioskAppDir).GetFiles())
                            {|CG1001:f.Delete()|};
                        ZipFile.ExtractToDirectory(bundlePath, kioskAppDir, overwriteFiles: true);
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 4, the field report's second example: publish = deploy.
    [Fact]
    public async Task Updating_in_memory_or_on_screen_state_is_no_update_code_but_updating_files_is()
    {
        const string source = """
            using System.IO;

            public class ChartPanel
            {
                private string _scratch = "";
                public void UpdateLayout(string exportDir) => Directory.Delete(exportDir, true);
                public void UpdateCurrentState(string snapshotFile) { File.Delete(snapshotFile); }
                public void UpdateProgressBar(string markerFile) => File.Delete(markerFile);
            }

            public class MachineAgent
            {
                public void UpdateStatusLabel(string statusFile) => File.Delete(statusFile);
                public void UpdateAgentBinaries(string binDir) { {|CG1001:Directory.Delete(binDir, true)|}; }
                public void UpdateFilesAndState(string dataDir) { {|CG1001:Directory.Delete(dataDir, true)|}; }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Publish_is_an_update_word()
    {
        const string source = Usings + """
            public static class SitePublisher
            {
                public static void PublishSite(string siteRoot, string buildId) =>
                    {|CG1002:File.WriteAllText(Path.Combine(siteRoot, "live.link"), buildId)|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_static_helper_whose_only_hint_is_an_install_directory_parameter_is_update_code()
    {
        const string source = Usings + """
            public static class Files
            {
                public static void ReplaceLauncher(string installDir, byte[] launcher)
                {
                    {|CG1002:File.WriteAllBytes(Path.Combine(installDir, "launcher.exe"), launcher)|};
                }

                public static void ResetTarget(string targetFolder) => {|CG1001:Directory.Delete(targetFolder, true)|};

                // A copy helper's "targetPath" is any file: not a hint of an update.
                public static void CopyReport(string sourcePath, string targetPath) => File.Copy(sourcePath, targetPath, true);

                public static void CleanLogs(string logDir)
                {
                    foreach (var log in Directory.GetFiles(logDir, "*.log")) File.Delete(log);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(Only("CG1001", source));
        await VerifyCG1002.AnalyzerAsync(Only("CG1002", source));
    }

    [Fact]
    public async Task A_ui_handler_or_worker_lambda_that_extracts_into_a_directory_it_was_given_is_update_code()
    {
        const string source = Usings + """
            public sealed class UnpackForm
            {
                private string _targetFolder = "";
                private string _bundle = "";
                private string TextBoxFolder { get; set; } = "";

                private void btnUnpack_Click(object sender, EventArgs e)
                {
                    foreach (var old in Directory.GetFiles(_targetFolder)) {|CG1001:File.Delete(old)|};
                    ZipFile.ExtractToDirectory(_bundle, _targetFolder);
                }

                private void StartWorker(string version)
                {
                    Task.Run(() =>
                    {
                        {|CG1002:File.WriteAllText(Path.Combine(TextBoxFolder, "version.txt"), version)|};
                        {|CG1002:ZipFile.ExtractToDirectory(_bundle, TextBoxFolder, overwriteFiles: true)|};
                    });
                }

                // Extracting into a fresh directory of its own is not installing anything.
                private void PreviewThumbnails(byte[] zip)
                {
                    var scratch = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
                    ZipFile.ExtractToDirectory(new MemoryStream(zip), scratch);
                    File.Delete(Path.Combine(scratch, "thumbs.db"));
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(Only("CG1001", source));
        await VerifyCG1002.AnalyzerAsync(Only("CG1002", source));
    }

    [Fact]
    public async Task A_namespace_or_assembly_named_for_installing_makes_installer_verbs_update_code_but_not_housekeeping()
    {
        const string source = Usings + """
            namespace Contoso.Installer
            {
                public static class FileSwapper
                {
                    public static void Swap(string appDir, string staged)
                    {
                        {|CG1001:Directory.Delete(Path.Combine(appDir, "plugins"), true)|};
                        File.Move(staged, Path.Combine(appDir, "app.dll"), true);
                    }
                }

                public static class LogJanitor
                {
                    public static void CleanOldLogs(string logDir)
                    {
                        foreach (var log in Directory.GetFiles(logDir, "*.log")) File.Delete(log);
                    }
                }
            }

            namespace Contoso.Reporting
            {
                public static class Exporter
                {
                    public static void Run(string outputFile, string csv) => File.Delete(outputFile);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 11, the field report's example: the type is update-named, the members are the tool's own settings and UI.
    [Fact]
    public async Task Preferences_and_icon_removal_in_an_update_named_form_are_not_update_steps()
    {
        const string source = Usings + """
            public class Form { }

            public partial class ReleaseDashboard : Form
            {
                private string _appDataDir = "";
                private string _legacyPrefs = "";
                private string _iconLink = "";

                private void LoadUserPreferences()
                {
                    var prefs = Path.Combine(_appDataDir, "relboard", "prefs.json");
                    if (File.Exists(_legacyPrefs))
                        File.Copy(_legacyPrefs, prefs, overwrite: true);
                }

                private void OnRemoveDesktopIcon()
                {
                    if (File.Exists(_iconLink)) File.Delete(_iconLink);
                }

                // Its own verb says it promotes a build: the type's name still counts here.
                private void PromoteBuild(string liveDir) => {|CG1001:Directory.Delete(liveDir, true)|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(Only("CG1001", source));
        await VerifyCG1002.AnalyzerAsync(Only("CG1002", source));
    }

    [Fact]
    public async Task Settings_ui_and_checks_in_update_types_are_not_update_steps_but_their_own_update_words_are()
    {
        const string source = Usings + """
            public sealed class DeployWindow
            {
                private string _settingsFile = "";
                private string _changelogCache = "";

                public void SaveWindowSettings(string json) => File.WriteAllText(_settingsFile, json);
                public void ShowChangelog() => File.Delete(_changelogCache);
                public bool IsDeploymentRunning(string marker) { File.Delete(marker); return false; }
                public void CheckForUpdates(string staleIndex) => File.Delete(staleIndex);

                // A handler whose own name installs, and a check that goes on to apply: update code.
                public void OnInstallClicked(string oldBinary) => {|CG1001:File.Delete(oldBinary)|};
                public void CheckAndApplyUpdates(string oldBinary) => {|CG1001:File.Delete(oldBinary)|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(Only("CG1001", source));
        await VerifyCG1002.AnalyzerAsync(Only("CG1002", source));
    }

    [Fact]
    public async Task Configured_non_update_names_exclude_members_even_with_an_update_word()
    {
        const string source = Usings + """
            public sealed class Installer
            {
                public void UpdateProgressFile(string path, int percent) => {|#0:File.WriteAllText(path, percent.ToString())|};
                public void InstallPayload(string path, string payload) => {|#1:File.WriteAllText(path, payload)|};
            }
            """;

        await VerifyCG1002.AnalyzerWithOptionsAsync(
            source,
            Array.Empty<string>(),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "path", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.WriteAllText", "path", ""));
        await VerifyCG1002.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.non_update_names = UpdateProgress*" },
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.WriteAllText", "path", ""));
    }

    // Class 15, the field report's example.
    [Fact]
    public async Task Releasing_a_seat_frees_it_and_is_no_update()
    {
        const string source = Usings + """
            public sealed class LicenseSeats
            {
                public void ReleaseSeat(string seatFile) => File.Delete(seatFile);
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Update_word_false_friends_are_not_update_code_but_real_uses_are()
    {
        const string source = Usings + """
            public sealed class FileLock
            {
                private string _lockPath = "";
                public void Release() => File.Delete(_lockPath);
                public void ReleaseDeployLock(string lockFile) => File.Delete(lockFile);
            }

            public sealed class BuildStamp
            {
                private string _stampFile = "";
                public string LastUpdated { set => File.WriteAllText(_stampFile, value); }
                public void WorkaroundPatched(string tempMarker) => File.Delete(tempMarker);
            }

            public sealed class EventBus
            {
                public void Publish(string outboxFile, string json) => File.WriteAllText(outboxFile, json);
                public void PublishDomainEvents(string outboxFile, string json) => File.WriteAllText(outboxFile, json);
            }

            public sealed class ReleaseTrain
            {
                // Release here is a release: the type says so, and so do these names.
                public Task Release(string liveDir) => Task.Run(() => {|CG1001:Directory.Delete(liveDir, true)|});
                public void DeleteDeployedBinaries(string binDir) => {|CG1001:Directory.Delete(binDir, true)|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(Only("CG1001", source));
        await VerifyCG1002.AnalyzerAsync(Only("CG1002", source));
    }

    // Class 1: a step recognized from the names of a home-grown framework is a step for CG2001, but that guess does not make
    // its members update code for CG1001/CG1002 (Jellyfin's MoveExtractedFiles deletes legacy cache folders after moving
    // their files). A step declared as one ([UpdateStep], a configured step interface) makes its apply and rollback members
    // and their helpers update code, not its constructor or other public members.
    [Fact]
    public async Task Only_declared_steps_make_their_apply_member_and_helpers_update_code_and_not_every_member()
    {
        const string source = Usings + """
            public interface IAsyncMigrationRoutine { Task PerformAsync(); }
            public interface IUpdateStep { Task ApplyAsync(); }

            public sealed class MoveExtractedFiles : IAsyncMigrationRoutine
            {
                private readonly string _cache = "/var/cache/app";
                public Task PerformAsync() { Directory.Delete(Path.Combine(_cache, "attachments"), true); DropLegacy(); return Task.CompletedTask; }
                private void DropLegacy() => File.Delete(Path.Combine(_cache, "legacy.idx"));
            }

            public sealed class PurgeCoverCache : IUpdateStep
            {
                private readonly string _covers;
                public PurgeCoverCache(string covers) { _covers = covers; File.Delete(Path.Combine(covers, "probe.tmp")); }
                public Task ApplyAsync() { {|CG1001:Directory.Delete(_covers, true)|}; DropThumbnails(); return Task.CompletedTask; }
                public void Describe(string report) => File.Delete(report);
                private void DropThumbnails() => {|CG1001:File.Delete(Path.Combine(_covers, "thumbs.db"))|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
    // A file whose text holds no update word may still name a member as update code: by a Unicode escape in the name, by a
    // target-directory parameter (Target is no update word), or by an explicit implementation whose interface lives in an
    // update-named namespace of another file. The per-type shortcut that skips reading member names in such files must
    // keep those; a plain member of the same file stays out.
    [Fact]
    public async Task A_file_without_update_words_still_has_escaped_update_names_and_target_directory_parameters()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>();
        test.TestState.Sources.Add(("Sweeper.cs", """
            using System.IO;

            public sealed class Sweeper
            {
                public void \u0055pgradeCache(string cacheDir) => {|CG1001:Directory.Delete(cacheDir, true)|};

                public void ResetOutput(string targetFolder) => {|CG1001:Directory.Delete(targetFolder, true)|};

                public void ClearScratch(string scratchDir) => Directory.Delete(scratchDir, true);
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_file_without_update_words_has_no_update_code_when_its_names_say_nothing()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>();
        test.TestState.Sources.Add(("Reports.cs", """
            using System.IO;

            public interface IReportStore { void Drop(string folder); }

            public sealed class ReportStore : IReportStore
            {
                void IReportStore.Drop(string folder) => Directory.Delete(folder, true);

                public void Trim(string reportDir, string name) => File.Delete(Path.Combine(reportDir, name));

                public static ReportStore operator +(ReportStore left, ReportStore right) { File.Delete("a.tmp"); return left; }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task An_explicit_implementation_keeps_the_update_namespace_of_its_interface_from_another_file()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>();
        test.TestState.Sources.Add(("Steps.cs", """
            namespace Contoso.Upgrades
            {
                public interface IStep { void Run(string dir); }
            }
            """));
        test.TestState.Sources.Add(("Cleaner.cs", """
            using System.IO;
            using Contoso.Upgrades;

            public sealed class Cleaner : IStep
            {
                void IStep.Run(string dir) => {|CG1001:Directory.Delete(dir, true)|};

                public void Sweep(string dir) => Directory.Delete(dir, true);
            }
            """));
        await test.RunAsync();
    }

    // The shortcut reads each type's own declarations: an update word in the file's licence header or in another type of the
    // same file says nothing about this type, while an enclosing type's name, outside the nested type's declaration, still does.
    [Fact]
    public async Task Words_outside_a_type_declaration_do_not_make_it_update_code()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>();
        test.TestState.Sources.Add(("Storage.cs", """
            // Permission is hereby granted to use, copy, modify, merge, publish, distribute, sublicense and sell copies,
            // and to install and deploy them on any target.
            using System.IO;

            public sealed class ThumbnailStore
            {
                public void Clear(string thumbDir) => Directory.Delete(thumbDir, true);
            }

            public sealed class PluginInstaller
            {
                public void Reinstall(string pluginDir) => {|CG1001:Directory.Delete(pluginDir, true)|};
            }

            public sealed class SessionFiles
            {
                public void Drop(string path) => File.Delete(path);
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_nested_type_of_an_update_named_type_is_update_code_though_its_own_declaration_names_nothing()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>();
        test.TestState.Sources.Add(("Outer.cs", """
            using System.IO;

            public sealed partial class FirmwareUpgrader
            {
                private sealed class Flasher
                {
                    public void Run(string imageDir) => {|CG1001:Directory.Delete(imageDir, true)|};
                }
            }
            """));
        test.TestState.Sources.Add(("Other.cs", """
            using System.IO;

            public sealed partial class FirmwareUpgrader
            {
                private sealed class Cleaner
                {
                    public void Sweep(string dir) => {|CG1001:Directory.Delete(dir, true)|};
                }
            }

            public sealed class Cleaner
            {
                public void Sweep(string dir) => Directory.Delete(dir, true);
            }
            """));
        await test.RunAsync();
    }

    // A partial type is update code when any of its declarations names an update member, wherever the delete is.
    [Fact]
    public async Task A_partial_type_is_read_over_all_its_declarations()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>();
        test.TestState.Sources.Add(("Store.Part1.cs", """
            public sealed partial class AddonStore
            {
                public int Count { get; set; }
            }
            """));
        test.TestState.Sources.Add(("Store.Part2.cs", """
            using System.IO;

            public sealed partial class AddonStore
            {
                public void UpdateAddon(string addonDir) => {|CG1001:Directory.Delete(addonDir, true)|};
            }
            """));
        await test.RunAsync();
    }

    // A target-directory parameter speaks however it is written (targetDir, target_folder, TargetDirectory); target alone
    // (targetType, a target path or root) does not.
    [Fact]
    public async Task Target_directory_parameters_speak_in_any_spelling_and_other_targets_do_not()
    {
        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer>();
        test.TestState.Sources.Add(("Mirror.cs", """
            using System;
            using System.IO;

            public sealed class SnakeCase
            {
                public void Reset(string target__folder) => {|CG1001:Directory.Delete(target__folder, true)|};
            }

            public sealed class Pascal
            {
                public void Reset(string TargetDirectory) => {|CG1001:Directory.Delete(TargetDirectory, true)|};
            }

            public sealed class Converter
            {
                public void Reset(Type targetType, string targetPath, string targetRoot) => Directory.Delete(targetPath + targetType.Name, true);
            }
            """));
        await test.RunAsync();
    }
}
