using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// The field report's CG1002 classes on cases of our own (other names, shapes and domains, found and not found), beyond
/// the page's examples in FileSystemFieldReportTests. Each test is one class; <c>{|#n:…|}</c> marks the findings.
/// </summary>
public sealed class CG1002FieldReportPatternTests
{
    // Class 2: code under edit.
    [Fact]
    public async Task Class02_writes_with_error_typed_arguments_or_an_unbound_File_are_still_seen()
    {
        const string source = """
            public class CertificateUpdater
            {
                public void UpdateCertificate(string source, byte[] pfx)
                {
                    var target = Stores.CertificatePath();                                 // Stores is in another file
                    {|#0:System.IO.File.Copy(source, target, overwrite: true)|};
                    {|#1:System.IO.File.Copy(source, "/etc/app/ca.pem", Settings.Force)|};  // the flag is error-typed
                    {|#2:File.WriteAllBytes("/etc/app/server.pfx", pfx)|};                 // no `using System.IO;`
                    File.WriteAllText(Path.Combine(Path.GetTempPath(), "probe"), "x");    // unbound, and temporary
                    System.IO.File.WriteAllText(42, "x");                                 // fails for another reason
                }
            }
            """;

        await VerifyCG1002.AnalyzerOnBrokenCodeAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.Copy", "target", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.Copy", "\"/etc/app/ca.pem\"", " when 'Settings.Force' is true"),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("File.WriteAllBytes", "\"/etc/app/server.pfx\"", ""));
    }

    // Class 3: wrappers as risks.
    [Fact]
    public async Task Class03_copy_and_write_wrappers_overwrite_like_the_members_they_wrap()
    {
        const string source = """
            using System.IO;

            public static class FileUtil
            {
                public static void CopyDirectory(string sourceDir, string destinationDir)
                {
                    foreach (var file in Directory.GetFiles(sourceDir))
                        CopyFile(file, Path.Combine(destinationDir, Path.GetFileName(file)), true);
                }

                public static void CopyFile(string source, string destination, bool overwrite) => File.Copy(source, destination, overwrite);
                public static void MoveDirectory(string sourceDir, string destinationDir) => Directory.Move(sourceDir, destinationDir);
                public static void WriteConfigFile(string path, string text) => File.WriteAllText(path, text);
                public static void PersistSettings(string path, string text) => File.WriteAllText(path, text);
            }

            public class SiteDeployer
            {
                public void DeploySite(string stagingDir, string siteDir, string config, string json, bool force)
                {
                    {|#0:FileUtil.CopyDirectory(stagingDir, siteDir)|};
                    FileUtil.CopyFile(stagingDir + "/web.config", siteDir + "/web.config", overwrite: false);
                    {|#1:FileUtil.CopyFile(stagingDir + "/app.dll", siteDir + "/app.dll", force)|};
                    {|#2:FileUtil.WriteConfigFile(config, json)|};
                    {|#3:FileUtil.PersistSettings(config, json)|};             // no wrapper name, but its body writes what it is given
                    FileUtil.CopyDirectory(siteDir, Path.Combine(Path.GetTempPath(), "site-copy"));
                }

                public void DeployWithBackup(string siteDir, string backupRoot, string config)
                {
                    FileUtil.CopyDirectory(siteDir, Path.Combine(backupRoot, "site"));        // a copy onto a backup
                    File.Copy(config, config + ".bak", overwrite: true);                    // a backup, not a live file
                }

                public void DeployStaged(string stagingDir, string siteDir, string json)
                {
                    FileUtil.WriteConfigFile(Path.Combine(stagingDir, "app.json"), json);  // moved into place below
                    FileUtil.MoveDirectory(stagingDir, siteDir);                        // a move is no overwrite
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("FileUtil.CopyDirectory", "siteDir", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("FileUtil.CopyFile", "siteDir + \"/app.dll\"", " when 'force' is true"),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("FileUtil.WriteConfigFile", "config", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(3).WithArguments("FileUtil.PersistSettings", "config", ""));
    }

    [Fact]
    public async Task Class03_qualified_write_and_copy_wrapper_names_overwrite_like_the_plain_ones_also_unbound()
    {
        const string source = """
            public class FeedUpdater
            {
                public void UpdateFeed(string feedFile, string json, string stagedFile, string liveFile, string userId)
                {
                    {|#0:Fs.SafeWriteFile(feedFile, json)|};
                    {|#1:Fs.WriteFileIfNeeded(feedFile, json)|};
                    {|#2:Fs.TryCopyFile(stagedFile, liveFile, overwrite: true)|};
                    Fs.TryCopyFile(stagedFile, liveFile, overwrite: false);   // does not overwrite
                    Fs.SafeWriteUser(userId, json);                          // the core name writes no file
                }
            }
            """;

        await VerifyCG1002.AnalyzerOnBrokenCodeAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("Fs.SafeWriteFile", "feedFile", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("Fs.WriteFileIfNeeded", "feedFile", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("Fs.TryCopyFile", "liveFile", ""));
    }

    // Class 3/9: helpers of the same compilation, read through their summaries at the call site.
    [Fact]
    public async Task Class03_a_helper_that_writes_or_copies_over_a_path_it_is_given_overwrites_it_at_each_call()
    {
        const string source = """
            using System.IO;

            public sealed class NasObjectStore
            {
                private readonly string _root = "/srv/objects";
                public void Put(string key, string localFile, bool replace) => File.Copy(localFile, Path.Combine(_root, key), replace);
            }

            public static class Persist
            {
                public static void Text(string target, string text) => File.WriteAllText(target, text);
                public static void Atomically(string target, string text) { var tmp = target + ".tmp"; File.WriteAllText(tmp, text); File.Move(tmp, target, true); }
                public static void Twice(string target, string text) { File.WriteAllText(target, text); File.AppendAllText(target, "\n"); File.WriteAllText(target, text); }
            }

            public class ChannelPublisher
            {
                public void PublishChannel(NasObjectStore store, string freshIndex, string indexFile, string json)
                {
                    {|#0:store.Put("channel-stable.json", freshIndex, replace: true)|};
                    store.Put("channel-beta.json", freshIndex, replace: false);
                    {|#1:Persist.Text(indexFile, json)|};
                    Persist.Atomically(indexFile, json);          // temp file, then moved into place
                    {|#2:Persist.Twice(indexFile, json)|};        // one finding per call, however often the helper writes
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("NasObjectStore.Put", "\"channel-stable.json\"", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("Persist.Text", "indexFile", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("Persist.Twice", "indexFile", ""));
    }

    [Fact]
    public async Task Class03_a_recursive_call_is_not_read_through_the_summary_of_the_member_it_is_in()
    {
        const string source = """
            using System.IO;

            public static class PluginInstaller
            {
                public static void InstallCommand(string command, string pluginsFolder)
                {
                    if (command == "delete")
                    {
                        InstallCommand("enable", pluginsFolder);                           // its own write is judged below, once
                        return;
                    }

                    {|#0:File.WriteAllText(Path.Combine(pluginsFolder, "state"), command)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "Path.Combine(pluginsFolder, \"state\")", ""));
    }

    [Fact]
    public async Task Class03_a_utility_helper_is_not_reported_in_its_own_body_but_at_its_update_callers()
    {
        const string source = """
            using System.IO;

            public static class IOHelper
            {
                public static void WriteText(string path, string text) => File.WriteAllText(path, text);
            }

            public static class PathExtensions
            {
                public static void OverwriteWith(this string destination, string source) => File.Copy(source, destination, overwrite: true);
            }

            public class DeployAgent
            {
                public void DeploySite(string siteDir, string stagedPage)
                {
                    {|#0:IOHelper.WriteText(Path.Combine(siteDir, "web.config"), "<configuration/>")|};
                    {|#1:Path.Combine(siteDir, "index.html").OverwriteWith(stagedPage)|};
                }
            }

            public class LogViewer
            {
                public void Show(string logFile) => IOHelper.WriteText(logFile, "x");   // not update code
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("IOHelper.WriteText", "Path.Combine(siteDir, \"web.config\")", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("OverwriteWith", "Path.Combine(siteDir, \"index.html\")", ""));
    }

    [Fact]
    public async Task Class03_configured_write_methods_are_overwrites_and_work_unbound()
    {
        const string source = """
            public static class FileUtil
            {
                public static void PersistSettings(string path, string text) => System.IO.File.WriteAllText(path, text);
            }

            public class SettingsUpdater
            {
                public void UpdateSettings(string settingsPath, string json)
                {
                    {|#0:FileUtil.PersistSettings(settingsPath, json)|};
                    {|#1:Store.PersistAll(settingsPath, json)|};               // Store does not bind: by syntax
                }
            }
            """;

        var test = new ChangeGateAnalyzerTest<InPlaceOverwriteInUpdateAnalyzer> { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None }
            .WithEditorConfig("changegate.write_methods = Persist*");
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("FileUtil.PersistSettings", "settingsPath", ""));
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("Store.PersistAll", "settingsPath", ""));
        await test.RunAsync();
    }

    [Fact]
    public async Task Class03_and_07_no_fix_is_offered_for_wrapper_writes_xml_savers_or_extraction()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;
            using System.Xml.Linq;

            public static class FileUtil
            {
                public static void WriteConfigFile(string path, string text) => File.WriteAllText(path, text);
                public static void Move(string source, string destination, bool overwrite) => File.Move(source, destination, overwrite);
            }

            public class ServerUpdater
            {
                public void UpdateFiles(string config, string json, XDocument doc, string package, string dir)
                {
                    {|CG1002:FileUtil.WriteConfigFile(config, json)|};
                    {|CG1002:doc.Save(config)|};
                    {|CG1002:ZipFile.ExtractToDirectory(package, dir, true)|};
                }
            }
            """;

        await VerifyCG1002.CodeFixAsync<ChangeGate.CodeFixes.WriteTempThenMoveCodeFix>(source, source);
    }

    [Fact]
    public async Task Class03_configured_copy_and_move_lists_replace_the_defaults_and_none_switches_one_off()
    {
        const string source = """
            using System.IO;

            public static class Fs
            {
                public static void CopyTree(string source, string destination) => File.Copy(source, destination, true);
                public static void Clone(string source, string destination) => File.Copy(source, destination, true);
                public static void SwapIn(string staged, string live) => File.Move(staged, live, true);
            }

            public class SiteUpdater
            {
                public void UpdateSite(string stagedDir, string siteDir, string config, string json)
                {
                    Fs.CopyTree(stagedDir, siteDir);                            // Copy* is off: copy_methods = none
                    File.WriteAllText(config + ".new", json);
                    Fs.SwapIn(config + ".new", config);                         // a configured move: staged, then moved
                }

                public void UpdateClone(string stagedDir, string siteDir)
                {
                    {|#0:Fs.Clone(stagedDir, siteDir)|};                        // its body copies over siteDir (off with copy_methods = none)
                }
            }
            """;

        var off = new ChangeGateAnalyzerTest<InPlaceOverwriteInUpdateAnalyzer> { TestCode = source.Replace("{|#0:", "").Replace("siteDir)|};", "siteDir);") }
            .WithEditorConfig("changegate.copy_methods = none", "changegate.move_methods = SwapIn");
        await off.RunAsync();

        var on = new ChangeGateAnalyzerTest<InPlaceOverwriteInUpdateAnalyzer> { TestCode = source.Replace("Fs.CopyTree(stagedDir, siteDir);                            // Copy* is off: copy_methods = none", "") }
            .WithEditorConfig("changegate.copy_methods = Clone", "changegate.move_methods = SwapIn");
        on.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("Fs.Clone", "siteDir", ""));
        await on.RunAsync();
    }

    // Class 6: new files are not live files.
    [Fact]
    public async Task Class06_helpers_that_wipe_and_create_a_directory_make_it_a_staging_root_for_what_a_helper_extracts_there()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public static class FileUtils
            {
                public static void DeleteDirectory(string path, bool recursive) { if (Directory.Exists(path)) Directory.Delete(path, recursive); }
                public static void EnsureDirectory(string path) { var d = new DirectoryInfo(path); if (!d.Exists) d.Create(); }
                public static void Unpack(Stream zip, string targetPath) => new ZipArchive(zip).ExtractToDirectory(targetPath, overwriteFiles: true);
            }

            public class InstanceInstaller
            {
                public string InstallPath { get; set; } = "";

                public void InstallInstance(Stream binaries, Stream shared)
                {
                    FileUtils.DeleteDirectory(InstallPath, true);            // an earlier attempt's files go
                    FileUtils.EnsureDirectory(InstallPath);
                    FileUtils.Unpack(binaries, InstallPath);                 // into the directory just wiped and made: new files
                    FileUtils.Unpack(shared, Path.Combine(InstallPath, "shared"));
                }

                public void InstallInstanceOver(Stream binaries)
                {
                    FileUtils.EnsureDirectory(InstallPath);                  // made sure it exists: the live files may be there
                    {|#0:FileUtils.Unpack(binaries, InstallPath)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("FileUtils.Unpack", "InstallPath", ""));
    }

    [Fact]
    public async Task Class09_a_utility_extension_helper_told_whether_to_overwrite_is_judged_at_its_calls()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public static class ZipExtensions
            {
                public static void ExtractInto(this ZipArchiveEntry entry, string targetDir, bool overwrite)
                {
                    var target = Path.Combine(targetDir, entry.FullName);
                    entry.ExtractToFile(target, overwrite);                         // the callers decide: judged there
                }
            }

            public static class PackageUpdater
            {
                public static void UpdateFromPackage(ZipArchive package, string appDir, string freshDir)
                {
                    foreach (var entry in package.Entries)
                        {|#0:entry.ExtractInto(appDir, overwrite: true)|};
                    foreach (var entry in package.Entries)
                        entry.ExtractInto(appDir, overwrite: false);                 // never overwrites

                    Directory.Delete(freshDir, true);
                    Directory.CreateDirectory(freshDir);
                    foreach (var entry in package.Entries)
                        entry.ExtractInto(freshDir, overwrite: true);                // a directory wiped and made here
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("ExtractInto", "appDir", ""));
    }

    [Fact]
    public async Task Class06_a_directory_cleared_and_put_anew_and_a_file_deleted_first_are_new_but_a_tree_copied_into_a_wiped_directory_is_not()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public static class Disk { public static void DeleteFile(string file) { if (File.Exists(file)) File.Delete(file); } }

            public class AddonInstaller
            {
                public void InstallAddon(string addonsRoot, string version, Stream package, string script, string text)
                {
                    var versionDir = Path.Combine(addonsRoot, "addon_" + version);
                    if (Directory.Exists(versionDir)) Directory.Delete(versionDir, true);
                    ZipFile.ExtractToDirectory(package, versionDir, overwriteFiles: true);   // cleared, then extracted anew

                    Disk.DeleteFile(script);                                                // one file deleted, then written again:
                    File.WriteAllText(script, text);                                       // a new file (class 6)

                    var launcher = Path.Combine(addonsRoot, "launch.cmd");
                    File.Delete(launcher);
                    new FileInfo(script).CopyTo(launcher, true);
                }

                public void InstallAddonOver(string addonsRoot, string stagedDir, string config, string otherConfig, string text)
                {
                    var live = Path.Combine(addonsRoot, "current");
                    Directory.Delete(live, true);
                    {|#0:DirectoryTools.CopyDirectory(stagedDir, live)|};                  // a tree into a wiped directory: still live

                    File.Delete(otherConfig);
                    {|#1:File.WriteAllText(config, text)|};                                // another file was deleted

                    {|#2:File.WriteAllText(config + ".ini", text)|};
                    File.Delete(config + ".ini");                                          // deleted after, not before
                }
            }

            public static class DirectoryTools
            {
                public static void CopyDirectory(string sourceDir, string destinationDir)
                {
                    foreach (var f in Directory.GetFiles(sourceDir)) File.Copy(f, Path.Combine(destinationDir, Path.GetFileName(f)), true);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("DirectoryTools.CopyDirectory", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.WriteAllText", "config", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("File.WriteAllText", "config + \".ini\"", ""));
    }

    [Fact]
    public async Task Class06_files_that_did_not_exist_are_new_but_an_ensured_directory_is_reused()
    {
        const string source = """
            using System;
            using System.IO;

            public class AgentInstaller
            {
                public void InstallDefaults(string configPath, string dataDir, string defaults)
                {
                    if (!File.Exists(configPath)) File.WriteAllText(configPath, defaults);        // only when absent

                    if (Directory.Exists(dataDir)) return;
                    Directory.CreateDirectory(dataDir);
                    File.WriteAllText(Path.Combine(dataDir, "seed.json"), defaults);             // dir was absent
                    File.WriteAllText(Path.Combine(dataDir, $"log-{Guid.NewGuid():N}.txt"), ""); // unique name
                }

                public void InstallMarkers(string stateDir)
                {
                    File.WriteAllBytes(Path.Combine(stateDir, "installed.flag"), Array.Empty<byte>());
                    File.Create(Path.Combine(stateDir, "ready")).Dispose();
                    using (File.Create(Path.Combine(stateDir, "done"))) { }
                    File.WriteAllText(Path.Combine(stateDir, "pending"), "\n");
                }

                public void InstallConfig(string appDir, string json, string reportsRoot)
                {
                    if (!Directory.Exists(appDir)) Directory.CreateDirectory(appDir);
                    {|#0:File.WriteAllText(Path.Combine(appDir, "config.json"), json)|};          // ensured, not fresh

                    var today = Path.Combine(reportsRoot, DateTime.UtcNow.ToString("yyyyMMdd"));
                    Directory.CreateDirectory(today);
                    {|#1:File.WriteAllText(Path.Combine(today, "summary.json"), json)|};          // reused all day

                    {|#2:File.WriteAllText(Path.Combine(appDir, "version"), "2")|};               // content, not a marker
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "Path.Combine(appDir, \"config.json\")", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.WriteAllText", "Path.Combine(today, \"summary.json\")", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("File.WriteAllText", "Path.Combine(appDir, \"version\")", ""));
    }

    [Fact]
    public async Task Class06_an_existence_check_of_the_projects_own_file_system_counts_like_File_Exists()
    {
        const string source = """
            public interface IAppFileSystem
            {
                bool FileExists(string path);
                void OverwriteFile(string path, string text);
            }

            public class ScriptDeployer
            {
                private readonly IAppFileSystem _fs = null!;

                public void DeployScript(string scriptFile, string bundled, string configFile)
                {
                    if (!_fs.FileExists(scriptFile)) _fs.OverwriteFile(scriptFile, bundled);      // only when absent
                    {|#0:_fs.OverwriteFile(configFile, bundled)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source, VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("IAppFileSystem.OverwriteFile", "configFile", ""));
    }

    [Fact]
    public async Task Class06_a_directory_deleted_then_created_holds_new_files_but_one_created_then_deleted_does_not()
    {
        const string source = """
            using System.IO;

            public class CacheRebuild
            {
                public void UpdateCache(string cacheDir, string otherDir, byte[] blob)
                {
                    if (Directory.Exists(cacheDir)) Directory.Delete(cacheDir, true);
                    Directory.CreateDirectory(cacheDir);
                    File.WriteAllBytes(Path.Combine(cacheDir, "blob.bin"), blob);

                    Directory.CreateDirectory(otherDir);
                    {|#0:File.WriteAllBytes(Path.Combine(otherDir, "blob.bin"), blob)|};
                    Directory.Delete(otherDir, true);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllBytes", "Path.Combine(otherDir, \"blob.bin\")", ""));
    }

    // Class 7: whole-file writers outside System.IO.File, and extraction over existing files.
    [Fact]
    public async Task Class07_xml_savers_and_overwriting_extraction_are_writes_on_paths_only()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;
            using System.Xml;
            using System.Xml.Linq;

            public class PrinterFirmwareUpdate
            {
                public void UpdatePrinter(string settingsPath, string legacyPath, string package, string installDir, ZipArchiveEntry entry, Stream output)
                {
                    var settings = XElement.Load(settingsPath);
                    {|#0:settings.Save(settingsPath)|};

                    var legacy = new XmlDocument();
                    legacy.Load(legacyPath);
                    {|#1:legacy.Save(legacyPath)|};
                    legacy.Save(output);                                                     // a stream, not a path

                    {|#2:ZipFile.ExtractToDirectory(package, installDir, overwriteFiles: true)|};
                    ZipFile.ExtractToDirectory(package, installDir, overwriteFiles: false);   // fails on existing files
                    ZipFile.ExtractToDirectory(package, Path.Combine(Path.GetTempPath(), "unpack"), true);
                    {|#3:entry.ExtractToFile(Path.Combine(installDir, entry.Name), overwrite: true)|};

                    var temp = settingsPath + ".tmp";
                    using (var writer = XmlWriter.Create(temp)) settings.Save(writer);        // written aside…
                    File.Move(temp, settingsPath, overwrite: true);                          // …then moved over
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("XElement.Save", "settingsPath", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("XmlDocument.Save", "legacyPath", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("ZipFile.ExtractToDirectory", "installDir", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(3).WithArguments("ZipArchiveEntry.ExtractToFile", "Path.Combine(installDir, entry.Name)", ""));
    }

    // Class 9a: a non-constant overwrite flag.
    [Fact]
    public async Task Class09a_a_flag_decided_at_run_time_may_overwrite_and_the_message_names_it()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public record UpdateOptions(bool Overwrite);

            public class PackageUpdater
            {
                public void UpdatePackage(FileInfo staged, string live, string archive, string dir, UpdateOptions options, bool replace)
                {
                    {|#0:staged.CopyTo(live, options.Overwrite)|};
                    {|#1:ZipFile.ExtractToDirectory(archive, dir, overwriteFiles: replace)|};
                    File.Copy(staged.FullName, live + ".new", false);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("FileInfo.CopyTo", "live", " when 'options.Overwrite' is true"),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("ZipFile.ExtractToDirectory", "dir", " when 'replace' is true"));
    }

    // Class B of the labelling guidelines: backed up first, restored on failure in the same method.
    [Fact]
    public async Task ClassB_an_overwrite_backed_up_before_and_restored_in_a_catch_around_it_has_its_way_back()
    {
        const string source = """
            using System;
            using System.IO;

            public interface IBackupAndRestore { void Backup(string path); void Restore(string path); }
            public interface IDiskTransfer { void MirrorFolder(string sourceFolder, string targetFolder); }

            public class AppUpdater
            {
                private readonly IBackupAndRestore _backups = null!;
                private readonly IDiskTransfer _disk = null!;

                public void UpdateApp(string packageFolder, string installFolder, string config, string json)
                {
                    _backups.Backup(installFolder);
                    try
                    {
                        _disk.MirrorFolder(packageFolder, installFolder);
                        File.WriteAllText(Path.Combine(installFolder, "app.json"), json);   // inside the restored folder
                    }
                    catch (Exception)
                    {
                        _backups.Restore(installFolder);
                        throw;
                    }
                }

                public void UpdateAppNoBackup(string packageFolder, string installFolder)
                {
                    try { {|#0:_disk.MirrorFolder(packageFolder, installFolder)|}; }
                    catch (Exception) { _backups.Restore(installFolder); throw; }               // nothing was backed up here
                }

                public void UpdateAppRestoresAnother(string packageFolder, string installFolder, string dataFolder)
                {
                    _backups.Backup(installFolder);
                    try { {|#1:_disk.MirrorFolder(packageFolder, installFolder)|}; }
                    catch (Exception) { _backups.Restore(dataFolder); throw; }
                }

                public void UpdateAppNoRestore(string packageFolder, string installFolder)
                {
                    _backups.Backup(installFolder);
                    try { {|#2:_disk.MirrorFolder(packageFolder, installFolder)|}; }
                    catch (Exception e) { Console.WriteLine(e); }
                    _backups.Restore(installFolder);                                           // not on failure
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("IDiskTransfer.MirrorFolder", "installFolder", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("IDiskTransfer.MirrorFolder", "installFolder", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("IDiskTransfer.MirrorFolder", "installFolder", ""));
    }

    // Class 14: restoring from the method's own backup.
    [Fact]
    public async Task Class14_only_a_restore_from_a_backup_this_method_made_of_that_file_is_the_rollback()
    {
        const string source = """
            using System.IO;

            public class ConfigUpgrade
            {
                private void Rewrite(string path) { }

                public void UpgradeConfig(string live, string staged, string other, string backupPath)
                {
                    var bak = live + ".bak";
                    File.Move(live, bak);
                    try { Rewrite(live); }
                    catch { File.Copy(bak, live, overwrite: true); throw; }                 // moved aside, restored

                    var kept = live + ".prev";
                    File.Replace(staged, live, kept);
                    File.Copy(kept, live, true);                                            // Replace kept it

                    {|#0:File.Copy(backupPath, live, overwrite: true)|};                     // not made here

                    var snap = other + ".snap";
                    File.Copy(other, snap);
                    {|#1:File.Copy(snap, live, overwrite: true)|};                           // a backup of another file
                }

                public void UpgradeRestoreTooEarly(string live)
                {
                    var snap = live + ".snap";
                    {|#2:File.Copy(snap, live, overwrite: true)|};                           // before the backup is made
                    Rewrite(live);
                    File.Copy(live, snap);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.Copy", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("File.Copy", "live", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("File.Copy", "live", ""));
    }
}
