using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// The field report's CG1001 classes on cases of our own (other names, shapes and domains, found and not found), beyond
/// the page's examples in FileSystemFieldReportTests. Each test is one class; <c>{|CG1001:…|}</c> marks the findings.
/// </summary>
public sealed class CG1001FieldReportPatternTests
{
    // Class 2: code under edit.
    [Fact]
    public async Task Class02_a_delete_whose_path_is_error_typed_or_whose_File_type_is_unbound_is_still_seen()
    {
        const string source = """
            public class FeedPruner
            {
                public void UpdateFeed(string feedDir)
                {
                    var stale = Paths.StaleIndex(feedDir);              // Paths is in another file
                    {|CG1001:System.IO.File.Delete(stale)|};             // error-typed argument: candidate File.Delete
                    {|CG1001:Directory.Delete(feedDir, true)|};          // no `using System.IO;` (implicit usings missing)
                    System.IO.File.Delete(42);                          // fails for another reason: not read as a delete
                    File.Delete(Path.Combine(Path.GetTempPath(), "x")); // unbound, and temporary
                }
            }
            """;

        await VerifyCG1001.AnalyzerOnBrokenCodeAsync(source);
    }

    [Fact]
    public async Task Class02_a_File_member_that_binds_to_something_else_is_not_read_by_syntax()
    {
        const string source = """
            public class Attachment { public void Delete(string reason) { } }

            public class AttachmentUpdater
            {
                private Attachment File { get; } = new();

                public void UpdateAttachment(string path) => File.Delete(path);
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 3: wrappers as risks and as guards.
    [Fact]
    public async Task Class03_wrappers_on_interfaces_base_classes_and_unbound_helpers_delete_and_back_up()
    {
        const string source = """
            using System.IO;

            public interface IFileOps
            {
                void WipeTree(string path);
                void CopyDirectory(string sourceDir, string destinationDir);
                void CopyInto(string destination, string source);
            }

            public abstract class ToolBase
            {
                protected void RemoveDataDirectory(string dataDir) => Directory.Delete(dataDir, true);
            }

            // A helper that is update code itself is checked in its body, once, not again at each call.
            public abstract class InstallerBase : ToolBase
            {
                protected void RemovePluginDirectory(string pluginDir) => {|CG1001:Directory.Delete(pluginDir, true)|};
            }

            public interface IUserCache { void PurgeKey(string userId); }

            public sealed class UserCache : IUserCache
            {
                private readonly System.Collections.Generic.Dictionary<string, string> _entries = new();

                public void PurgeKey(string userId) => _entries.Clear();
                public void PurgeUserFolder(string userFolder) => _entries.Clear();   // named like a delete, deletes nothing
            }

            public class PluginInstaller : InstallerBase
            {
                private readonly IFileOps _ops;
                private readonly IUserCache _cache;

                public PluginInstaller(IFileOps ops, IUserCache cache) { _ops = ops; _cache = cache; }

                public void InstallPlugin(string pluginDir, string userId, UserCache cache)
                {
                    {|CG1001:_ops.WipeTree(pluginDir)|};
                    {|CG1001:RemoveDataDirectory(pluginDir)|};
                    RemovePluginDirectory(pluginDir);
                    _cache.PurgeKey(userId);                      // Purge*, but no path: not a delete
                    cache.PurgeUserFolder(pluginDir);             // Purge*, but its body touches no file
                }

                public void UpdatePluginWithBackup(string pluginDir, string backupDir)
                {
                    _ops.CopyDirectory(pluginDir, backupDir);     // the wrapper copy is the backup
                    _ops.WipeTree(pluginDir);
                }

                public void UpdatePluginDestinationFirst(string pluginDir, string backupDir)
                {
                    _ops.CopyInto(backupDir, pluginDir);                    // destination first, by its parameter names
                    Directory.Delete(Path.Combine(pluginDir, "bin"), true); // inside the saved source
                }

                public void UpdatePluginSourceMisread(string pluginDir, string backupDir)
                {
                    _ops.CopyInto(pluginDir, backupDir);                    // pluginDir is the destination here
                    {|CG1001:Directory.Delete(Path.Combine(pluginDir, "bin"), true)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class03_configured_delete_methods_replace_the_defaults_and_work_unbound()
    {
        const string source = """
            public static class Disk
            {
                public static void Nuke(string path) => System.IO.Directory.Delete(path, true);
                public static void WipeTree(string path) => System.IO.Directory.Delete(path, true);
                public static void DeleteLinesFromFile(string path) => System.IO.File.WriteAllText(path, "");
            }

            public class ShardUpdater
            {
                public void UpdateShard(string shardDir)
                {
                    {|CG1001:Disk.Nuke(shardDir)|};
                    {|CG1001:Disk.WipeTree(shardDir)|};      // not in the configured list, but its body deletes what it is given
                    {|CG1001:Tools.NukeAll(shardDir)|};      // Tools does not bind: matched by syntax
                }
            }
            """;

        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer> { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None }
            .WithEditorConfig("changegate.delete_methods = Nuke*");
        await test.RunAsync();

        const string defaults = """
            public static class Disk
            {
                public static void WipeTree(string path) => System.IO.Directory.Delete(path, true);
                public static void DeleteLinesFromFile(string path) => System.IO.File.WriteAllText(path, "");
            }

            public class ShardUpdater
            {
                public void UpdateShard(string shardDir)
                {
                    Disk.DeleteLinesFromFile(shardDir);     // edits a file, does not delete it
                    {|CG1001:Disk.WipeTree(shardDir)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(defaults);
    }

    [Fact]
    public async Task Class03_qualified_wrapper_names_delete_like_the_plain_ones_also_unbound()
    {
        // Safe…, Try…, Force…, …Safe, …IfExists, …WithRetry and …Async qualify how a helper deletes, not what.
        const string source = """
            public class ChannelUpdater
            {
                public void UpdateChannel(string channelDir, string indexFile, string userId, string cacheKey)
                {
                    {|CG1001:FsUtil.SafeDeleteFile(indexFile)|};
                    {|CG1001:FsUtil.TryDeleteDirectory(channelDir)|};
                    {|CG1001:FsUtil.DeleteDirectorySafe(channelDir)|};
                    {|CG1001:FsUtil.DeleteFileIfExistsAsync(indexFile)|};
                    {|CG1001:FsUtil.ForceRemoveFolder(channelDir)|};
                    {|CG1001:FsUtil.DeleteFolderWithRetry(channelDir)|};
                    FsUtil.TryDeleteUser(userId);              // the core name is no file or directory delete
                    FsUtil.SafeDeleteCacheEntry(cacheKey);     // nor this one
                    FsUtil.Safe(channelDir);                   // a qualifier alone is no name
                    FsUtil.TryDelete(channelDir);              // a verb without a noun says nothing about files
                }
            }
            """;

        await VerifyCG1001.AnalyzerOnBrokenCodeAsync(source);
    }

    [Fact]
    public async Task Class03_qualified_wrapper_copies_are_backups_and_qualified_helpers_that_touch_no_file_are_no_deletes()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;

            public static class IoKit
            {
                public static void TryCopyDirectory(string sourceDir, string destinationDir) { foreach (var f in Directory.GetFiles(sourceDir)) File.Copy(f, Path.Combine(destinationDir, Path.GetFileName(f))); }
                public static void DeleteDirectoryIfExists(string dir) { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
            }

            public sealed class Registry
            {
                private readonly Dictionary<string, string> _entries = new();
                public void SafeDeleteFile(string file) => _entries.Remove(file);   // named like a delete, deletes nothing
            }

            public class ThemeUpdater
            {
                public void UpdateTheme(string themeDir, string backupDir, Registry registry)
                {
                    IoKit.TryCopyDirectory(themeDir, backupDir);    // the qualified copy is the backup
                    IoKit.DeleteDirectoryIfExists(themeDir);
                    registry.SafeDeleteFile(themeDir);
                }

                public void UpdateThemeInPlace(string themeDir)
                {
                    {|CG1001:IoKit.DeleteDirectoryIfExists(themeDir)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class03_delete_methods_none_switches_helper_deletes_off_by_name_and_by_body()
    {
        const string source = """
            public static class Disk
            {
                public static void WipeTree(string path) => System.IO.Directory.Delete(path, true);
                public static void Reset(string path) => System.IO.Directory.Delete(path, true);
            }

            public class ShardUpdater
            {
                public void UpdateShard(string shardDir)
                {
                    Disk.WipeTree(shardDir);
                    Disk.Reset(shardDir);
                    {|CG1001:System.IO.Directory.Delete(shardDir, true)|};   // the BCL member itself is always watched
                }
            }
            """;

        var test = new ChangeGateAnalyzerTest<UnguardedDeleteInUpdateAnalyzer> { TestCode = source }
            .WithEditorConfig("changegate.delete_methods = none");
        await test.RunAsync();
    }

    // Class 3/9: helpers of the same compilation, read through their summaries at the call site.
    [Fact]
    public async Task Class03_a_helper_that_deletes_a_path_it_is_given_is_a_delete_at_each_call()
    {
        const string source = """
            using System.IO;

            public static class Maintenance
            {
                public static void ResetCache(string dir) => Directory.Delete(Path.Combine(dir, "cache"), true);
                public static void Drop(FileInfo file) => file.Delete();
                public static void Forget(string key) { var scratch = Path.Combine(Path.GetTempPath(), key); File.Delete(scratch); }
                public static void Log(string message) => System.Console.WriteLine(message);
            }

            public sealed class Shelf
            {
                public void Discard(string bookFile) { var full = Path.GetFullPath(bookFile); File.Delete(full); }
            }

            public class LibraryUpdater
            {
                public void UpdateLibrary(string libraryDir, FileInfo catalog, Shelf shelf, string key)
                {
                    {|CG1001:Maintenance.ResetCache(libraryDir)|};
                    {|CG1001:Maintenance.Drop(catalog)|};
                    {|CG1001:shelf.Discard(Path.Combine(libraryDir, "index.db"))|};
                    Maintenance.Forget(key);                  // deletes its own temporary file, not what it is given
                    Maintenance.Log(libraryDir);              // touches no file
                }
            }

            public class CatalogViewer
            {
                public void Show(string libraryDir) => Maintenance.ResetCache(libraryDir);   // not update code
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class03_a_helper_copy_is_a_backup_and_a_helper_that_guards_itself_is_no_delete()
    {
        const string source = """
            using System.IO;

            public static class Store
            {
                public static void Preserve(string original, string keep) => File.Copy(original, keep, true);
                public static void Remove(string file) => File.Delete(file);
                public static void Swap(string live, string staged) { File.Delete(live); File.Move(staged, live); }
                public static void SetAside(string file) { File.Copy(file, file + ".bak", true); File.Delete(file); }
            }

            public class ConfigUpgrader
            {
                public void UpgradeConfig(string configFile, string stagedFile)
                {
                    Store.Preserve(configFile, configFile + ".prev");  // a helper copy of configFile: the way back
                    Store.Remove(configFile);
                }

                public void UpgradeConfigBySwap(string configFile, string stagedFile)
                {
                    Store.Swap(configFile, stagedFile);                // deletes, then re-populates the same path
                    Store.SetAside(configFile);                        // backs up before it deletes
                }

                public void UpgradeConfigBackupOfAnother(string configFile, string otherFile)
                {
                    Store.Preserve(otherFile, otherFile + ".prev");
                    {|CG1001:Store.Remove(configFile)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class03_helper_chains_are_followed_three_levels_deep_and_cycles_end()
    {
        const string source = """
            using System.IO;

            public static class Chain
            {
                public static void A(string dir) => B(Path.Combine(dir, "x"));
                public static void B(string dir) => C(dir);
                public static void C(string dir) => Directory.Delete(dir, true);

                public static void D1(string dir) => D2(dir);
                public static void D2(string dir) => D3(dir);
                public static void D3(string dir) => D4(dir);
                public static void D4(string dir) => Directory.Delete(dir, true);

                public static void Ping(string dir, int n) { if (n > 0) Pong(dir, n - 1); }
                public static void Pong(string dir, int n) { if (n > 0) Ping(dir, n - 1); }
            }

            public class ToolchainUpdater
            {
                public void UpdateToolchain(string toolDir)
                {
                    {|CG1001:Chain.A(toolDir)|};     // A → B → C → Directory.Delete
                    Chain.D1(toolDir);             // four helpers deep: beyond the bound, not followed
                    Chain.Ping(toolDir, 3);        // a cycle that touches no file
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class03_a_helpers_summary_does_not_depend_on_which_call_is_read_first()
    {
        // Analyzers run callbacks concurrently, in no fixed order. A helper read first from inside a deeper chain (where
        // the depth bound cuts what it calls) must not hide what it does when it is called directly, nor the reverse;
        // and helpers that call each other end and still say what they delete.
        const string source = """
            using System.IO;

            public static class Store
            {
                public static void Outer(string dir) => Middle(dir);
                public static void Middle(string dir) => Inner(dir);
                public static void Inner(string dir) => Last(dir);
                public static void Last(string dir) => File.Delete(dir);

                public static void Wipe(string dir, int tries) { if (tries > 0) Retry(dir, tries - 1); else Directory.Delete(dir, true); }
                public static void Retry(string dir, int tries) => Wipe(dir, tries);
            }

            public class FirmwareUpdater
            {
                public void UpdateFirmwareDeepFirst(string image)
                {
                    Store.Outer(image);                 // four levels to the delete: beyond the bound
                    {|CG1001:Store.Middle(image)|};     // three levels: followed, whatever was read before
                }

                public void UpdateFirmwareShallowFirst(string image)
                {
                    {|CG1001:Store.Middle(image)|};
                    Store.Outer(image);
                }

                public void UpdateFirmwareStore(string storeDir)
                {
                    {|CG1001:Store.Retry(storeDir, 2)|};  // Retry → Wipe → Retry …: ends at the bound, deletes storeDir
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class03_a_helper_is_judged_at_each_call_with_the_callers_guards_also_when_it_is_update_code_itself()
    {
        const string source = """
            using System.IO;

            public class SlotStore
            {
                public void Clear(string dir) { foreach (var f in Directory.GetFiles(dir)) File.Delete(f); }
                public void SwapIn(string staged, string live)
                {
                    try { Directory.Move(staged, live); }
                    catch (IOException) { Directory.Delete(live, true); throw; }    // clears its own failed move
                }
            }

            public class FirmwareUpdater
            {
                private readonly SlotStore _slots = new();

                private void UpdateSlot(string dir) => {|CG1001:File.Delete(Path.Combine(dir, "slot.bin"))|};   // update code itself: here

                public void UpdateFirmware(string slotDir, string backupDir, string stagedDir)
                {
                    {|CG1001:_slots.Clear(slotDir)|};                                      // the live slot, at the call
                    Directory.Move(backupDir, backupDir + ".prev");
                    _slots.Clear(backupDir);                                               // moved aside before: guarded here
                    {|CG1001:UpdateSlot(slotDir)|};                                        // in its body and at the call (HelperCallVerdicts)
                }

                public void UpdateFirmwareStaged(string slotDir, string stagedDir)
                {
                    _slots.SwapIn(stagedDir, slotDir);                                      // its only delete is failure cleanup
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class03_an_update_helper_is_reported_in_its_body_and_at_its_calls_and_a_utility_helper_only_at_its_callers()
    {
        const string source = """
            using System.IO;

            public static class UpdateFileHelpers
            {
                // A generic helper of a utility type: its callers carry the verdict.
                public static void RemoveTree(string path) => Directory.Delete(path, true);

                // Its own live path (not a parameter) is still its own finding.
                public static void UpdateResetLog() => {|CG1001:File.Delete("/var/lib/app/update.log")|};
            }

            public class ThemeInstaller
            {
                // Update code itself: reported here, and at the call that hands it the live folder.
                private void InstallCleanup(string themeDir) => {|CG1001:Directory.Delete(themeDir, true)|};

                public void InstallTheme(string themeDir)
                {
                    {|CG1001:UpdateFileHelpers.RemoveTree(themeDir)|};
                    {|CG1001:InstallCleanup(themeDir)|};
                }
            }

            public class ThemeGallery
            {
                public void Show(string themeDir) => UpdateFileHelpers.RemoveTree(themeDir);   // not update code
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class03_no_fix_is_offered_for_a_wrapper_delete_even_when_its_type_has_Move_and_Exists()
    {
        // Moving aside through the wrapper's type would guess at what its Move does.
        const string source = """
            public static class FsKit
            {
                public static void WipeTree(string path) => System.IO.Directory.Delete(path, true);
                public static void Move(string source, string destination) => System.IO.Directory.Move(source, destination);
                public static bool Exists(string path) => System.IO.Directory.Exists(path);
            }

            public class ServerUpdater
            {
                public void UpdateTree(string dir) { {|CG1001:FsKit.WipeTree(dir)|}; }
            }
            """;

        await VerifyCG1001.CodeFixAsync<ChangeGate.CodeFixes.MoveAsideInsteadOfDeleteCodeFix>(source, source);
    }

    // Class 5: the method's own artefacts.
    [Fact]
    public async Task Class05_downloads_extractions_unique_names_and_fields_set_here_are_own_artefacts()
    {
        const string source = """
            using System;
            using System.IO;
            using System.IO.Compression;
            using System.Net;

            public class AgentUpdater
            {
                private string _workDir = "";

                private static string Normalize(string path) => path;

                public void UpdateAgent(string root, string url, ZipArchiveEntry manifest)
                {
                    var zip = Path.Combine(root, "agent.zip");
                    using (var client = new WebClient()) client.DownloadFile(url, zip);
                    File.Delete(zip);                                                        // downloaded here

                    var manifestCopy = Path.Combine(root, "manifest.json");
                    manifest.ExtractToFile(manifestCopy);
                    File.Delete(manifestCopy);                                               // extracted here

                    _workDir = Normalize(Path.Combine(root, "w-" + Guid.NewGuid()));
                    Directory.Delete(_workDir, true);                                        // field set here, unique

                    var stamped = Path.Combine(root, "run-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff"));
                    Directory.Delete(stamped, true);                                         // unique to the millisecond
                }

                public void UpdateAgentDaily(string root, string packagePath)
                {
                    var daily = Path.Combine(root, DateTime.UtcNow.ToString("yyyyMMdd"));
                    {|CG1001:Directory.Delete(daily, true)|};                                // the same name all day

                    var above = Path.GetDirectoryName(Path.Combine(root, Guid.NewGuid().ToString()))!;
                    {|CG1001:Directory.Delete(above, true)|};                                // goes up to root

                    ZipFile.ExtractToDirectory(packagePath, Path.Combine(root, "bin"));
                    {|CG1001:File.Delete(packagePath)|};                                     // the input, not an output
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class05_temporary_helpers_producer_results_and_clock_abstractions_are_own_artefacts_too()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public interface IClock { DateTime UtcNow { get; } }

            public static class TempUtil
            {
                public static IDisposable GetTempDirectory(out string directory) { directory = Path.GetTempPath(); return null!; }
            }

            public class SdkInstaller
            {
                private readonly IClock _clock = null!;

                private Task<string> DownloadSdkAsync(string version) => Task.FromResult("");
                private string CreateScratchFolder() => "";

                public async Task InstallSdkAsync(string root, string version)
                {
                    var archive = await DownloadSdkAsync(version);
                    File.Delete(archive);                                                            // the download's result

                    using var scope = TempUtil.GetTempDirectory(out var unpacked);
                    Directory.Delete(unpacked, true);                                                // handed back by a temp helper

                    Directory.Delete(Path.Combine(root, "run-" + _clock.UtcNow.ToString("yyyyMMddHHmmss")), true);  // unique through a clock

                    {|CG1001:Directory.Delete(CreateScratchFolder(), true)|};                        // the name says nothing about temp
                    {|CG1001:File.Delete(Path.GetDirectoryName(archive)!)|};                         // above the download
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 10: delete-then-replace of the same path.
    [Fact]
    public async Task Class10_a_path_re_populated_whole_is_not_reported_but_a_tree_copy_or_a_log_line_is_no_re_population()
    {
        const string source = """
            using System;
            using System.IO;

            public class IndexUpdater
            {
                private void SaveIndex(string path) { }

                private static void CopyDirectory(string source, string destination)
                {
                    foreach (var file in Directory.GetFiles(source))
                        File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), true);
                }

                public void UpdateIndex(string indexPath, string cfg, string text)
                {
                    File.Delete(indexPath);
                    SaveIndex(indexPath);                            // Save* re-creates it

                    File.Delete(cfg);
                    File.WriteAllText(cfg, text);                    // written again (CG1002's question)
                }

                public void UpdateSite(string siteDir, string stagingDir, string cfg, string other)
                {
                    {|CG1001:Directory.Delete(siteDir, true)|};
                    CopyDirectory(stagingDir, siteDir);              // a tree copy brings back only what the source has

                    {|CG1001:File.Delete(cfg)|};
                    Console.WriteLine(cfg);                          // logging is no re-population

                    {|CG1001:File.Delete(other)|};
                    File.Move(stagingDir, other + ".new");           // another path
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 12: cleanup of staging or backup artefacts by name, in a finish step or after a success check.
    [Fact]
    public async Task Class12_named_artefacts_are_cleaned_up_only_in_a_finish_step_or_after_a_check()
    {
        const string source = """
            using System.IO;

            public class Result { public bool Succeeded { get; set; } }

            public class ReleaseSwitch
            {
                private void VerifyInstallation(string dir) { }
                private Result Activate(string dir) => new();

                public void FinalizeUpdate(string installDir, string backupDir)
                {
                    Directory.Delete(backupDir, true);                             // a finish step removing the backup
                }

                public void ApplyUpdate(string installDir)
                {
                    VerifyInstallation(installDir);
                    File.Delete(installDir + ".old");                              // after the check
                }

                public void UpdateAfterActivation(string installDir, string incomingDir)
                {
                    if (!Activate(installDir).Succeeded) return;
                    Directory.Delete(incomingDir, true);                           // after an early exit on the outcome
                }

                public void UpdateStaging(string stagingDir)
                {
                    {|CG1001:Directory.Delete(stagingDir, true)|};                 // a name alone is not enough
                }

                public void CompleteUpgrade(string installDir)
                {
                    {|CG1001:Directory.Delete(Path.Combine(installDir, "plugins"), true)|}; // finish step, live data
                }

                public void UpdateThenVerify(string installDir)
                {
                    {|CG1001:File.Delete(installDir + ".bak")|};                   // the check comes after
                    VerifyInstallation(installDir);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class12_a_cleanup_helper_called_for_a_named_artefact_is_cleanup_but_not_for_live_data()
    {
        const string source = """
            using System.IO;

            public static class Disk
            {
                public static void PurgeOld(string oldPath) { if (Directory.Exists(oldPath)) Directory.Delete(oldPath, true); }
                public static void CleanupStaging(string dir) => Directory.Delete(dir, true);
                public static void DeleteLeftoverFiles(string dir) { foreach (var f in Directory.GetFiles(dir)) File.Delete(f); Directory.Delete(dir); }
                public static void RemoveData(string dir) => Directory.Delete(dir, true);
            }

            public class ServiceUpgrader
            {
                public string InstallPath { get; set; } = "";

                public void UpgradeService(string stagingDir)
                {
                    Disk.PurgeOld(InstallPath + ".old");                     // a helper that clears leftovers, of a leftover
                    Disk.CleanupStaging(stagingDir);
                    Disk.DeleteLeftoverFiles(InstallPath + ".partial");
                    Tools.PurgeTempFolder(InstallPath + ".partial");         // unbound, named for it too
                    {|CG1001:Disk.PurgeOld(InstallPath)|};                   // the live installation: named for cleanup is not enough
                    {|CG1001:Disk.RemoveData(stagingDir + ".old")|};         // a leftover, but the helper's name says nothing of it
                }
            }
            """;

        await VerifyCG1001.AnalyzerOnBrokenCodeAsync(source);
    }

    // Class 13: retention loops that protect the current version.
    [Fact]
    public async Task Class13_a_continue_guarding_the_kept_entry_protects_it_also_behind_a_null_check_or_an_equality_helper()
    {
        const string source = """
            using System;
            using System.IO;

            public static class PathUtil { public static bool FullPathEquals(string a, string b) => Path.GetFullPath(a) == Path.GetFullPath(b); }

            public class PackageUpdater
            {
                private static bool IsSamePath(string a, string b) => a == b;

                public void UpdateRemoveStalePackages(string packagesDir, string? packageToKeep, string currentRelease)
                {
                    foreach (var p in Directory.EnumerateFiles(packagesDir, "*.nupkg"))
                    {
                        if (packageToKeep != null && PathUtil.FullPathEquals(p, packageToKeep)) continue;
                        File.Delete(p);
                    }

                    foreach (var d in Directory.GetDirectories(packagesDir))
                    {
                        if (IsSamePath(d, currentRelease)) continue;
                        Directory.Delete(d, true);
                    }
                }

                public void UpdateRemovePackages(string packagesDir, string? packageToKeep, string pattern)
                {
                    foreach (var p in Directory.EnumerateFiles(packagesDir, "*.nupkg"))
                    {
                        if (packageToKeep != null && p.Length > pattern.Length) continue;                          // compares no entry with it
                        {|CG1001:File.Delete(p)|};
                    }

                    foreach (var p in Directory.EnumerateFiles(packagesDir))
                    {
                        if (packageToKeep != null && PathUtil.FullPathEquals(p, "/srv/app/app.exe")) continue;       // a constant, not a kept version
                        {|CG1001:File.Delete(p)|};
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 12/5: a member named for deleting that clears entries named as leftovers.
    [Fact]
    public async Task Class12_a_member_named_for_deleting_clears_named_leftovers_but_not_live_data()
    {
        const string source = """
            using System.IO;

            public class UpdateManager
            {
                protected virtual void CleanPackagesExcept(string packagesDir)
                {
                    foreach (var partial in Directory.EnumerateFiles(packagesDir, "*.partial")) File.Delete(partial);
                    foreach (var staged in Directory.GetDirectories(Path.Combine(packagesDir, "staging"))) Directory.Delete(staged, true);
                    foreach (var package in Directory.EnumerateFiles(packagesDir, "*.nupkg")) {|CG1001:File.Delete(package)|};
                }

                public void PurgeInstallation(string installDir) => {|CG1001:Directory.Delete(installDir, true)|};

                public void UpdateSwapIncoming(string installDir)
                {
                    {|CG1001:Directory.Delete(Path.Combine(installDir, "incoming"), true)|};   // not a cleanup member
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class13_pruning_a_listing_is_quiet_only_when_the_loop_protects_a_current_entry()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;

            public class ReleaseRetention
            {
                public void PruneAfterDeploy(string releasesRoot, string current)
                {
                    foreach (var dir in Directory.GetDirectories(releasesRoot))
                    {
                        if (Path.GetFileName(dir) == current) continue;
                        Directory.Delete(dir, true);                                   // skips the current release
                    }

                    foreach (var file in Directory.EnumerateFiles(releasesRoot, "*.nupkg"))
                    {
                        if (!string.Equals(file, current, StringComparison.Ordinal))
                            File.Delete(file);                                          // guarded by inequality
                    }

                    foreach (var old in Directory.GetDirectories(releasesRoot).OrderBy(Directory.GetLastWriteTimeUtc).SkipLast(3))
                        Directory.Delete(old, true);                                    // keeps the newest three
                }

                public void PruneEverythingAfterDeploy(string releasesRoot, List<string> versions, string current, string configPath)
                {
                    foreach (var dir in Directory.GetDirectories(releasesRoot))
                        {|CG1001:Directory.Delete(dir, true)|};                         // nothing protected

                    foreach (var dir in Directory.GetDirectories(releasesRoot))
                    {
                        if (Path.GetFileName(dir) == "logs") continue;                  // a fixed name, not the current one
                        {|CG1001:Directory.Delete(dir, true)|};
                    }

                    foreach (var dir in Directory.GetDirectories(releasesRoot).Skip(1))
                        {|CG1001:Directory.Delete(dir, true)|};                         // Skip without an ordering

                    foreach (var file in Directory.GetFiles(releasesRoot))
                    {
                        if (file == configPath) continue;                               // one live file kept, the rest go
                        {|CG1001:File.Delete(file)|};
                    }

                    foreach (var version in versions)
                    {
                        if (version == current) continue;
                        Directory.Delete(Path.Combine(releasesRoot, version), true);     // versions from a list: current kept
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 16a: delete after the replacement is proven.
    [Fact]
    public async Task Class16a_the_original_goes_only_after_a_comparison_with_its_replacement()
    {
        const string source = """
            using System.IO;
            using System.Linq;
            using System.Security.Cryptography;

            public class PhotoMigration
            {
                private static byte[] Sha256(string path) => SHA256.HashData(File.ReadAllBytes(path));
                private static bool FilesAreIdentical(string a, string b) => true;
                private void Convert(string from, string to) { }

                public void MigratePhoto(string original, string migrated)
                {
                    Convert(original, migrated);
                    if (Sha256(migrated).SequenceEqual(Sha256(original))) File.Delete(original);
                }

                public void MigrateThumbnail(string original, string migrated)
                {
                    Convert(original, migrated);
                    if (FilesAreIdentical(original, migrated)) File.Delete(original);
                }

                public void MigrateUnproven(string original, string migrated)
                {
                    Convert(original, migrated);
                    if (new FileInfo(original).Length > 0) {|CG1001:File.Delete(original)|};   // no comparison
                    if (File.Exists(migrated)) {|CG1001:File.Delete(original)|};                // exists, not equal
                    if (FilesAreIdentical(original, migrated)) { } else {|CG1001:File.Delete(original)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class16a_a_file_proven_unmodified_or_proven_corrupt_is_deleted_safely()
    {
        const string source = """
            using System;
            using System.IO;

            public record FileRecord(string Path, string Checksum);
            public record Release(long Filesize, string Sha1);

            public class PackageUpgrade
            {
                private static string Sha1Of(string path) => "";

                public void UpgradePackageFiles(string file, FileRecord installed, Release release, FileInfo package, string expectedName)
                {
                    if (installed.Checksum == Sha1Of(file)) File.Delete(file);          // exactly what was installed

                    if (package.Length != release.Filesize)
                    {
                        package.Delete();                                                 // proven corrupt
                        throw new InvalidDataException("size mismatch");
                    }

                    var hash = Sha1Of(package.FullName);
                    if (!hash.Equals(release.Sha1, StringComparison.OrdinalIgnoreCase)) package.Delete();
                }

                public void UpgradeUnproven(string file, FileInfo package, string expectedName, string expectedHash, string label)
                {
                    if (Sha1Of(file) == expectedHash) File.Delete(file);               // equal to the expected hash
                    if (package.Length != 0) {|CG1001:package.Delete()|};               // compared with a constant
                    if (package.Name != expectedName) {|CG1001:package.Delete()|};      // a name, not its content
                    if (Sha1Of(file) == label) {|CG1001:File.Delete(file)|};            // equal to something not named as a hash
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 16b: orphan / ownership-checked delete.
    [Fact]
    public async Task Class16b_a_delete_after_proving_no_record_owns_the_path_is_not_reported_but_a_manifest_check_is()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;

            public record Owner(string Id);

            public interface IOwnerRepository { Owner? FindOwner(string id); }

            public interface IAccountDb { IQueryable<Owner> Accounts { get; } }

            public class StorageUpgrade
            {
                private readonly IOwnerRepository _repository;
                private readonly IAccountDb _db;

                public StorageUpgrade(IOwnerRepository repository, IAccountDb db) { _repository = repository; _db = db; }

                private bool IsOrphaned(string dir) => true;

                public void UpgradeStorage(string root, string packageDir, HashSet<string> manifest, string currentUser, string cacheDir)
                {
                    foreach (var dir in Directory.GetDirectories(root))
                    {
                        var id = Path.GetFileName(dir);
                        var owner = _repository.FindOwner(id);
                        if (owner == null) Directory.Delete(dir, true);                 // no owning record

                        if (IsOrphaned(dir)) Directory.Delete(dir, true);               // said so by name

                        if (_db.Accounts.Any(a => a.Id == id)) continue;
                        Directory.Delete(dir, true);                                    // skipped when owned
                    }

                    foreach (var file in Directory.GetFiles(root))
                    {
                        var name = Path.GetFileName(file);
                        if (!manifest.Contains(name)) {|CG1001:File.Delete(file)|};     // a manifest is no owner
                        if (!File.Exists(Path.Combine(packageDir, name))) {|CG1001:File.Delete(file)|};
                    }

                    if (!_db.Accounts.Any(a => a.Id == currentUser))
                        {|CG1001:Directory.Delete(cacheDir, true)|};                    // the lookup is about another key
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
}
