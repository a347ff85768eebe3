using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;
using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// The examples of /work/shared/analyzer-field-report.md for the file-system rules (classes 2, 3, 5, 6, 7, 9a, 10, 12,
/// 13, 14, 16a, 16b), one test per example, each with exactly the verdict the page states. Only what an example needs to
/// compile is added around it (a field, a helper type). Where the page's snippet has no update context of its own (its
/// real code had one the snippet leaves out), the test sets the rule's scope to <c>all</c>, so the verdict comes from
/// the file-system analysis and not from the update-code classifier; the test says so. The further cases of each
/// class are in CG1001FieldReportPatternTests and CG1002FieldReportPatternTests.
/// </summary>
public sealed class FileSystemFieldReportTests
{
    private static readonly string[] AllCodeCG1001 = { "changegate.CG1001.scope = all" };
    private static readonly string[] AllCodeCG1002 = { "changegate.CG1002.scope = all" };

    // Class 2: partially bound code. The page: "expected: CG1002 (only visible with the project)".
    private const string ChannelIndexUpdater = """
        public static class ChannelIndexUpdater
        {
            public static void UpdateChannelIndex(string feedDir, string json)
            {
                var target = Paths.IndexFileFor(feedDir);   // 'Paths' lives in another file
                {|#0:File.WriteAllText(target, json)|};            // expected: CG1002 (only visible with the project)
            }
        }
        """;

    [Fact]
    public async Task Class02_with_its_project_the_write_is_reported()
    {
        var test = new ChangeGateAnalyzerTest<InPlaceOverwriteInUpdateAnalyzer> { TestCode = ChannelIndexUpdater };
        test.TestState.Sources.Add(("/0/GlobalUsings.g.cs", "global using System;\nglobal using System.IO;\n"));
        test.TestState.Sources.Add(("/0/Paths.cs", "public static class Paths { public static string IndexFileFor(string dir) => System.IO.Path.Combine(dir, \"index.json\"); }"));
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "target", ""));
        await test.RunAsync();
    }

    [Fact]
    public async Task Class02_the_file_alone_without_implicit_usings_and_without_Paths_is_reported_too()
    {
        // Neither 'File' nor 'Paths' binds: the write is recognised by syntax.
        await VerifyCG1002.AnalyzerOnBrokenCodeAsync(
            ChannelIndexUpdater,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "target", ""));
    }

    [Fact]
    public async Task Class02_with_the_usings_but_without_Paths_the_error_typed_argument_does_not_hide_the_write()
    {
        // 'target' is error-typed, so File.WriteAllText fails overload resolution; all candidates are File.WriteAllText.
        var test = new ChangeGateAnalyzerTest<InPlaceOverwriteInUpdateAnalyzer> { TestCode = ChannelIndexUpdater, CompilerDiagnostics = CompilerDiagnostics.None };
        test.TestState.Sources.Add(("/0/GlobalUsings.g.cs", "global using System;\nglobal using System.IO;\n"));
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.WriteAllText", "target", ""));
        await test.RunAsync();
    }

    // Class 3: wrappers, abstractions and custom extensions, as risks and as guards.
    private const string ModInstaller = """
        using System.IO;

        public static class FsKit
        {
            public static void WipeTree(string path) => Directory.Delete(path, recursive: true);

            public static void MirrorTree(string source, string destination)
            {
                foreach (var file in Directory.GetFiles(source))
                    File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
            }
        }

        public static class TreeExtensions
        {
            public static void CopyTreeFrom(this string destination, string source) => FsKit.MirrorTree(source, destination);
        }

        public class ModInstaller
        {
            public void InstallMod(string gameDir, string modId, string stagedMod)
            {
                var target = Path.Combine(gameDir, "mods", modId);
                {|#0:FsKit.WipeTree(target)|};                  // expected: CG1001 (wrapper deletes live data)
                {|#1:FsKit.MirrorTree(stagedMod, target)|};     // expected: CG1002 (wrapper copies over live files)
            }

            public void FinishPatchDownload(string cacheDir, string liveDir)
            {
                liveDir.CopyTreeFrom(cacheDir);          // custom extension: copies cacheDir → liveDir
                Directory.Delete(cacheDir, true);        // expected: no CG1001 (source already copied; move emulation)
            }
        }
        """;

    [Fact]
    public async Task Class03_a_wrapper_delete_of_live_data_is_reported_and_a_delete_after_a_wrapper_copy_is_not()
    {
        await VerifyCG1001.AnalyzerAsync(
            ModInstaller.Replace("{|#1:", "").Replace("target)|};     //", "target);     //"),
            VerifyCG1001.Diagnostic("CG1001").WithLocation(0).WithArguments("FsKit.WipeTree", "the directory 'target' and everything in it (recursive)"));
    }

    [Fact]
    public async Task Class03_a_wrapper_copy_over_live_files_is_reported()
    {
        await VerifyCG1002.AnalyzerAsync(
            ModInstaller.Replace("{|#0:", "").Replace("WipeTree(target)|};", "WipeTree(target);"),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("FsKit.MirrorTree", "target", ""));
    }

    // Class 5: the method's own artefacts, produced by APIs the analyzer did not model.
    [Fact]
    public async Task Class05_cleaning_up_an_extracted_work_folder_and_a_downloaded_archive_is_not_reported()
    {
        const string source = """
            using System;
            using System.IO;
            using System.IO.Compression;
            using System.Threading.Tasks;

            public interface IBlobClient { Task DownloadToFileAsync(Uri source, string path); }

            public class ThemeInstaller
            {
                private readonly IBlobClient _blobs;

                public ThemeInstaller(IBlobClient blobs) => _blobs = blobs;

                private void ActivateTheme(string work, string themesRoot) { }

                public async Task InstallThemeAsync(string themesRoot, Uri source)
                {
                    var work = Path.Combine(themesRoot, ".unpack-" + Guid.NewGuid().ToString("N"));
                    var archive = Path.Combine(themesRoot, "theme.download");
                    await _blobs.DownloadToFileAsync(source, archive);       // this method produces 'archive'
                    try {
                        ZipFile.ExtractToDirectory(archive, work);           // this method produces 'work'
                        ActivateTheme(work, themesRoot);
                    } finally {
                        Directory.Delete(work, recursive: true);             // expected: no CG1001
                        File.Delete(archive);                                // expected: no CG1001
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 6: writes that create new files.
    [Fact]
    public async Task Class06_a_write_into_a_freshly_made_timestamped_slot_is_not_reported()
    {
        // The page's StageFirmware has no update word: scope = all, so the verdict is the fresh directory's.
        const string source = """
            using System;
            using System.IO;

            public class FirmwareStager
            {
                public void StageFirmware(string slotsRoot, byte[] image)
                {
                    var slot = Path.Combine(slotsRoot, "slot-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss"));
                    if (Directory.Exists(slot)) Directory.Delete(slot, true);
                    Directory.CreateDirectory(slot);
                    File.WriteAllBytes(Path.Combine(slot, "image.bin"), image);     // expected: no CG1002 (new dir)
                }
            }
            """;

        await VerifyCG1002.AnalyzerWithOptionsAsync(source, AllCodeCG1002);
    }

    [Fact]
    public async Task Class06_an_empty_pending_flag_is_a_marker_not_a_live_file()
    {
        const string source = """
            using System.IO;

            public static class PrinterFlags
            {
                static void FlagUpgradePending(string printerDir) =>
                    File.WriteAllText(Path.Combine(printerDir, "upgrade.pending"), string.Empty);  // expected: no CG1002
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    // Class 7: whole-file writers outside System.IO.File.
    [Fact]
    public async Task Class07_XDocument_Save_over_the_file_it_loaded_is_reported()
    {
        const string source = """
            using System.Xml.Linq;

            public class LabelPrinterConfig
            {
                public void MigrateLabelPrinterConfig(string configPath)
                {
                    var doc = XDocument.Load(configPath);
                    doc.Root!.Element("Dpi")!.Name = "Resolution";
                    {|#0:doc.Save(configPath)|};                                              // expected: CG1002
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source, VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("XDocument.Save", "configPath", ""));
    }

    [Fact]
    public async Task Class07_XmlWriter_Create_on_a_profile_path_is_reported()
    {
        // The page's WriteTelescopeProfile has no update word: scope = all, so the verdict is the writer's.
        const string source = """
            using System.Xml;
            using System.Xml.Serialization;

            public class MountProfile { public int Speed { get; set; } }

            public class TelescopeProfiles
            {
                public void WriteTelescopeProfile(string profilePath, MountProfile p)
                {
                    using var w = {|#0:XmlWriter.Create(profilePath, new XmlWriterSettings { Indent = true })|};
                    new XmlSerializer(typeof(MountProfile)).Serialize(w, p);           // expected: CG1002
                }
            }
            """;

        await VerifyCG1002.AnalyzerWithOptionsAsync(
            source, AllCodeCG1002, VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("XmlWriter.Create", "profilePath", ""));
    }

    // Class 9a: a non-constant overwrite flag is reported as "may overwrite".
    [Fact]
    public async Task Class09a_a_copy_whose_overwrite_flag_the_caller_decides_is_reported_as_may_overwrite()
    {
        // NasObjectStore.Put has no update word: scope = all, so the verdict is the flag's.
        const string source = """
            using System.IO;

            public interface IObjectStore { void Put(string key, string localFile, bool replace); }

            public sealed class NasObjectStore : IObjectStore
            {
                private readonly string _root = "/srv/objects";

                public void Put(string key, string localFile, bool replace) =>
                    {|#0:File.Copy(localFile, Path.Combine(_root, key), replace)|};   // verdict depends on callers
            }
            """;

        await VerifyCG1002.AnalyzerWithOptionsAsync(
            source,
            AllCodeCG1002,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("File.Copy", "Path.Combine(_root, key)", " when 'replace' is true"));
    }

    // Class 10: delete-then-replace and delete-then-regenerate of the same path.
    [Fact]
    public async Task Class10_a_delete_replaced_on_the_next_line_by_a_move_is_not_reported()
    {
        const string source = """
            using System.IO;

            public class SpellingDictionaries
            {
                public void UpdateSpellingDictionary(string liveDic, string builtDic)
                {
                    new FileInfo(liveDic).Delete();             // expected: no CG1001 (replaced on the next line)
                    new FileInfo(builtDic).MoveTo(liveDic);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Class10_a_directory_re_extracted_from_a_verified_pack_is_not_reported()
    {
        // ReinstallFontPack is one word "Reinstall", no update word: scope = all, so the verdict is the re-extraction's.
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public class FontPacks
            {
                public void ReinstallFontPack(string fontDir, ZipArchive verifiedPack)
                {
                    Directory.Delete(fontDir, recursive: true); // expected: no CG1001 (re-extracted from a verified pack)
                    verifiedPack.ExtractToDirectory(fontDir);
                }
            }
            """;

        await VerifyCG1001.AnalyzerWithOptionsAsync(source, AllCodeCG1001);
    }

    // Class 12: cleanup of staging or backup artefacts known by naming convention, after success.
    [Fact]
    public async Task Class12_removing_own_pre_upgrade_backups_and_leftover_staging_after_the_check_is_not_reported()
    {
        const string source = """
            using System.IO;

            public class LedgerDatabase
            {
                private void AssertUpgradedSchema(string dbDir) { }

                public void CompleteUpgrade(string dbDir)
                {
                    AssertUpgradedSchema(dbDir);                                         // throws when the upgrade is bad
                    foreach (var bak in Directory.GetFiles(dbDir, "*.pre-upgrade.bak"))
                        File.Delete(bak);                                        // expected: no CG1001 (own backup, after success)

                    var incoming = Path.Combine(dbDir, "incoming");
                    if (Directory.Exists(incoming))
                        Directory.Delete(incoming, recursive: true);             // expected: no CG1001 (leftover staging)
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 13: a retention loop that protects the current version.
    [Fact]
    public async Task Class13_pruning_superseded_versions_that_keeps_the_active_one_and_two_rollback_targets_is_not_reported()
    {
        const string source = """
            using System.IO;
            using System.Linq;

            public class VersionStore
            {
                public void PruneAfterUpgrade(string versionsRoot, string activeVersion)
                {
                    var stale = Directory.GetDirectories(versionsRoot)
                        .Where(d => Path.GetFileName(d) != activeVersion)
                        .OrderByDescending(Directory.GetCreationTimeUtc)
                        .Skip(2);                                            // keep two rollback targets
                    foreach (var dir in stale)
                        Directory.Delete(dir, recursive: true);              // expected: no CG1001
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 14: restoring from the method's own backup.
    [Fact]
    public async Task Class14_restoring_the_methods_own_snapshot_in_the_failure_path_is_not_reported()
    {
        const string source = """
            using System.IO;

            public class Ledger
            {
                private void ApplyLedgerScripts(string ledger) { }

                public void UpgradeLedger(string ledger)
                {
                    var snapshot = ledger + ".snap";
                    File.Copy(ledger, snapshot);
                    try { ApplyLedgerScripts(ledger); }
                    catch
                    {
                        File.Copy(snapshot, ledger, overwrite: true);   // expected: no CG1002 (rollback restore)
                        throw;
                    }
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    // Class 16a: delete after the replacement is proven.
    [Fact]
    public async Task Class16a_deleting_the_original_once_the_migrated_copy_has_its_length_is_not_reported()
    {
        const string source = """
            using System.IO;

            public class AttachmentMigration
            {
                private void ConvertAttachment(string original, string migrated) { }

                public void MigrateAttachment(string original, string migrated)
                {
                    ConvertAttachment(original, migrated);
                    if (new FileInfo(migrated).Length == new FileInfo(original).Length) File.Delete(original);   // expected: no CG1001
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    // Class 16b: orphan / ownership-checked delete.
    [Fact]
    public async Task Class16b_deleting_a_directory_only_once_no_owning_record_exists_is_not_reported()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;

            public record Tenant(string Id);

            public interface ITenantDb { IQueryable<Tenant> Tenants { get; } }

            public class TenantStorageUpgrade
            {
                private readonly ITenantDb _db;

                public TenantStorageUpgrade(ITenantDb db) => _db = db;

                public void UpgradeStorage(string storageRoot)
                {
                    foreach (var dir in Directory.GetDirectories(storageRoot))
                    {
                        var tenantId = Path.GetFileName(dir);
                        if (!_db.Tenants.Any(t => t.Id == tenantId))
                            Directory.Delete(dir, recursive: true);          // expected: no CG1001 (no owner)
                    }
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }
}
