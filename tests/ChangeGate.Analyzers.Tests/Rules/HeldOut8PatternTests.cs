using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// The general shapes behind held-out-8's CG1001 and CG1002 false findings (docs/accuracy.md, session 5), each on invented
/// code of other names and domains, found and not found: fields and properties named for temporary folders, generic delete
/// helpers named by the verb and a file-system noun, deletes in a rollback, and read-write opens of an existing file.
/// </summary>
public sealed class HeldOut8PatternTests
{
    [Fact]
    public async Task A_field_or_property_named_for_a_temporary_folder_holds_no_live_data()
    {
        const string source = """
            using System.IO;

            public sealed class Settings
            {
                public string TemporaryDirectory { get; set; }
                public string DownloadFolder { get; set; }
            }

            public sealed class FirmwareInstaller
            {
                public string TempFolder;
                public string InstallFolder;
                public string TemplateDir;
                private readonly Settings _settings = new Settings();
                private string TmpPath { get; set; }

                public void InstallFirmware()
                {
                    Directory.Delete(TempFolder, true);
                    Directory.Delete(_settings.TemporaryDirectory, true);
                    Directory.Delete(TmpPath, true);

                    // The live install, a template folder (not "temp"), and a member named for downloads, which may be the
                    // user's own download folder.
                    {|#0:Directory.Delete(InstallFolder, true)|};
                    {|#1:Directory.Delete(TemplateDir, true)|};
                    {|#2:Directory.Delete(_settings.DownloadFolder, true)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("Directory.Delete", "the directory 'InstallFolder' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("Directory.Delete", "the directory 'TemplateDir' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("Directory.Delete", "the directory '_settings.DownloadFolder' and everything in it (recursive)"));
    }

    [Fact]
    public async Task A_delete_helper_named_by_the_verb_and_a_file_system_noun_leaves_the_verdict_to_its_callers()
    {
        const string source = """
            using System.IO;

            public sealed class ThemeUpdater
            {
                public void UpdateTheme(string liveThemeDir, string obsoleteDir)
                {
                    // The helper deletes what it is handed: the live theme here, a fresh temporary folder there.
                    {|#0:RemoveFolderRecursive(liveThemeDir)|};
                    RemoveFolderRecursive(Path.Combine(Path.GetTempPath(), "theme-unpack"));

                    // A helper named for what it removes and why is no generic wrapper: its call, handing it a live folder,
                    // is judged as what the helper does there (the private helper's body is judged at its calls).
                    {|#2:DeleteObsoleteFiles(obsoleteDir)|};
                }

                private static void RemoveFolderRecursive(string folder)
                {
                    foreach (var file in Directory.GetFiles(folder))
                    {
                        File.SetAttributes(file, FileAttributes.Normal);
                        File.Delete(file);
                    }

                    foreach (var child in Directory.GetDirectories(folder))
                    {
                        RemoveFolderRecursive(child);
                    }

                    Directory.Delete(folder, false);
                }

                private static void DeleteObsoleteFiles(string folder)
                {
                    foreach (var file in Directory.GetFiles(folder, "*.old"))
                    {
                        File.Delete(file);
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("ThemeUpdater.RemoveFolderRecursive", "'liveThemeDir'"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("ThemeUpdater.DeleteObsoleteFiles", "the file 'obsoleteDir'"));
    }

    [Fact]
    public async Task A_delete_in_a_rollback_removes_what_the_failed_update_added()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;

            public sealed class PluginUpdater
            {
                public void RollbackPluginFiles(string pluginDir, IEnumerable<string> added)
                {
                    foreach (var name in added)
                    {
                        File.Delete(Path.Combine(pluginDir, name));
                    }
                }

                public void RevertUpdate(string newVersionDir) => Directory.Delete(newVersionDir, true);

                public void UpdatePlugin(string pluginDir)
                {
                    void UndoUnpack() => Directory.Delete(Path.Combine(pluginDir, "unpacked"), true);

                    UndoUnpack();
                    {|#0:Directory.Delete(pluginDir, true)|};
                }

                public void RollbackUpdate(string newVersionDir) => Directory.Delete(newVersionDir, true);

                // An update word first: the update itself, whatever rollback it has.
                public void UpdateWithRollback(string pluginDir) => {|#2:Directory.Delete(pluginDir, true)|};

                // "Restore" alone is no rollback for a delete: restoring defaults wipes the live folder.
                public void RestoreDefaultPlugins(string pluginDir) => {|#1:Directory.Delete(pluginDir, true)|};
            }
            """;

        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("Directory.Delete", "the directory 'pluginDir' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("Directory.Delete", "the directory 'pluginDir' and everything in it (recursive)"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(2).WithArguments("Directory.Delete", "the directory 'pluginDir' and everything in it (recursive)"));
    }

    [Fact]
    public async Task A_read_write_open_of_an_existing_file_is_no_overwrite_but_a_write_only_open_is()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public sealed class AgentUpdater
            {
                public void UpdateAgent(string agentExe, string package, byte[] header)
                {
                    // A lock probe and an archive read.
                    using (new FileStream(agentExe, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                    using (var zip = new ZipArchive(new FileStream(package, FileMode.Open, FileAccess.ReadWrite), ZipArchiveMode.Read)) { }

                    // A write-only open of the live file is for writing it.
                    using var patch = {|#0:File.Open(agentExe, FileMode.Open, FileAccess.Write)|};
                    patch.Write(header, 0, header.Length);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.Open", "agentExe", ""));
    }

    [Fact]
    public async Task A_type_named_only_for_file_operations_leaves_the_verdict_to_its_callers()
    {
        const string source = """
            using System.IO;

            public class DiskOperationsService
            {
                public void CopyTree(string from, string installDir)
                {
                    foreach (var file in Directory.GetFiles(from))
                    {
                        File.Copy(file, Path.Combine(installDir, Path.GetFileName(file)), true);
                    }
                }
            }

            public class PackageFileStore
            {
                public void CopyFiles(string from, string installDir)
                {
                    foreach (var file in Directory.GetFiles(from))
                    {
                        {|#1:File.Copy(file, Path.Combine(installDir, Path.GetFileName(file)), true)|};
                    }
                }
            }

            public class SiteUpdater
            {
                private readonly DiskOperationsService _disk = new DiskOperationsService();

                public void UpdateSite(string staged, string liveSite)
                {
                    {|#0:_disk.CopyTree(staged, liveSite)|};
                    _disk.CopyTree(staged, Path.Combine(Path.GetTempPath(), "preview"));
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.Copy", "Path.Combine(installDir, Path.GetFileName(file))", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("DiskOperationsService.CopyTree", "liveSite", ""));
    }

    [Fact]
    public async Task A_function_named_for_the_rollback_writes_its_journal_not_live_files()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;

            public sealed class AgentUpdater
            {
                public void WriteRollbackJournal(string journalPath, IEnumerable<string> replaced) => File.WriteAllLines(journalPath, replaced);

                public void RevertSettings(string settingsPath, string saved) => File.WriteAllText(settingsPath, saved);

                // Update words win: this is the update itself, rollback or not.
                public void UpdateConfigWithRollback(string configPath, string text) => {|#0:File.WriteAllText(configPath, text)|};
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "configPath", ""));
    }

    [Fact]
    public async Task A_call_of_a_helper_that_deletes_under_two_of_its_parameters_is_judged_for_each()
    {
        const string source = """
            using System.IO;

            public sealed class PatchApplier
            {
                public void ApplyPatch(string liveApp)
                {
                    // The patch folder is a fresh temporary one; the application folder is live.
                    {|#0:ApplyDelta(Path.Combine(Path.GetTempPath(), "delta"), liveApp)|};
                }

                private static void ApplyDelta(string patchDir, string appDir)
                {
                    Directory.Delete(patchDir, true);
                    foreach (var stale in Directory.GetFiles(appDir, "*.obsolete"))
                    {
                        {|#1:File.Delete(stale)|};
                    }
                }
            }
            """;

        // The call is judged on what it hands over to be deleted, for each parameter: the live folder, not the temporary one
        // (the helper's own delete is reported in its body too).
        await VerifyCG1001.AnalyzerAsync(
            source,
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("PatchApplier.ApplyDelta", "'liveApp'"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(1).WithArguments("File.Delete", "the file 'stale'"));
    }
}
