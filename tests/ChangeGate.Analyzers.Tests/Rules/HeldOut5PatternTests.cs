using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// The general shapes behind held-out-5's CG1001 and CG1002 errors (docs/accuracy.md), each on invented code of other names
/// and domains, found and not found: write-access probes and lock files, archives deleted once extracted, a delete wrapper
/// named by a bare verb with a qualifier, and a tree-copy extension that writes over a live folder.
/// </summary>
public sealed class HeldOut5PatternTests
{
    [Fact]
    public async Task A_stream_opened_without_truncation_and_closed_at_once_writes_nothing()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Threading;

            internal static class AccessProbe
            {
                public static bool IsWritable(string filePath)
                {
                    try
                    {
                        File.Open(filePath, FileMode.Open, FileAccess.Write).Dispose();
                        return true;
                    }
                    catch (IOException)
                    {
                        return false;
                    }
                }

                public static bool CanOpen(string filePath)
                {
                    try
                    {
                        using (new FileStream(filePath, FileMode.OpenOrCreate, FileAccess.ReadWrite)) { }
                        return true;
                    }
                    catch (UnauthorizedAccessException)
                    {
                        return false;
                    }
                }
            }

            public class FirmwareUpdater
            {
                public void UpdateFirmware(string imagePath, byte[] image)
                {
                    while (!AccessProbe.IsWritable(imagePath)) Thread.Sleep(200);
                    if (!AccessProbe.CanOpen(imagePath)) throw new IOException("busy");
                    File.Open(imagePath, FileMode.Open, FileAccess.ReadWrite).Close();

                    // Truncating opens empty the live file, and a stream that is written is a write.
                    {|CG1002:File.Open(imagePath, FileMode.Truncate, FileAccess.Write)|}.Dispose();
                    using var stream = {|CG1002:File.Open(imagePath, FileMode.Open, FileAccess.Write)|};
                    stream.Write(image, 0, image.Length);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_lock_or_pid_file_the_program_owns_holds_no_data_but_a_live_file_opened_the_same_way_does()
    {
        const string source = """
            using System;
            using System.IO;

            internal sealed class Exclusive : IDisposable
            {
                private readonly FileStream _stream;
                private Exclusive(FileStream stream) => _stream = stream;
                public void Dispose() => _stream.Dispose();

                public static Exclusive? TryTake(string path)
                {
                    try { return new Exclusive(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None)); }
                    catch (IOException) { return null; }
                }
            }

            public class CatalogUpgrader
            {
                private readonly string _root;
                private readonly string _lockPath;
                private Exclusive? _held;

                public CatalogUpgrader(string root)
                {
                    _root = root;
                    _lockPath = Path.Combine(root, "catalog.lock");
                }

                public void UpgradeCatalog(int pid)
                {
                    _held ??= Exclusive.TryTake(_lockPath);
                    File.WriteAllText(Path.Combine(_root, "upgrade.pid"), pid.ToString());
                    var markerFile = Path.Combine(_root, "upgrading.marker");
                    File.WriteAllText(markerFile, DateTime.UtcNow.ToString("O"));

                    var catalog = Path.Combine(_root, "catalog.db");
                    using var owned = {|CG1002:Exclusive.TryTake(catalog)|};
                    {|CG1002:File.WriteAllText(Path.Combine(_root, "catalog.json"), pid.ToString())|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_archive_the_method_extracted_is_its_own_staging_artefact_once_extracted()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public class SkinInstaller
            {
                public void InstallSkin(string skinsRoot, string id)
                {
                    var pack = Path.Combine(skinsRoot, id + ".zip");
                    var target = Path.Combine(skinsRoot, id);
                    using (var stream = new FileStream(pack, FileMode.Open))
                    using (var archive = new ZipArchive(stream))
                    {
                        foreach (var entry in archive.Entries)
                        {
                            entry.ExtractToFile(Path.Combine(target, entry.FullName), true);
                        }
                    }

                    File.Delete(pack);
                }

                public void InstallFontPack(string fontsRoot, string name)
                {
                    var bundle = Path.Combine(fontsRoot, name + ".pack");
                    using (var archive = ZipFile.OpenRead(bundle))
                    {
                        archive.ExtractToDirectory(Path.Combine(fontsRoot, name));
                    }

                    new FileInfo(bundle).Delete();
                }

                public void InstallIconSet(string iconsRoot, string name)
                {
                    var bundle = Path.Combine(iconsRoot, name + ".zip");
                    ZipFile.ExtractToDirectory(bundle, Path.Combine(iconsRoot, name));
                    File.Delete(bundle);
                }

                // Opened but never extracted: the archive is still the only copy of what it holds.
                public void InstallLayout(string layoutsRoot, string name)
                {
                    var bundle = Path.Combine(layoutsRoot, name + ".zip");
                    using (var archive = ZipFile.OpenRead(bundle))
                    {
                        _ = archive.Entries.Count;
                    }

                    {|CG1001:File.Delete(bundle)|};
                    {|CG1001:File.Delete(Path.Combine(layoutsRoot, name + ".json"))|};
                }

                // Handed in by the caller: it may be the caller's only copy.
                public void InstallCursorSet(string cursorsRoot, string chosenPack)
                {
                    var pack = chosenPack;
                    ZipFile.ExtractToDirectory(pack, Path.Combine(cursorsRoot, "set"));
                    {|CG1001:File.Delete(pack)|};
                }

                // Deleted before it is extracted: nothing holds its content yet.
                public void InstallPalette(string palettesRoot, string name)
                {
                    var bundle = Path.Combine(palettesRoot, name + ".zip");
                    {|CG1001:File.Delete(bundle)|};
                    ZipFile.ExtractToDirectory(bundle, Path.Combine(palettesRoot, name));
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_delete_helper_named_by_a_qualified_bare_verb_on_a_file_system_object_deletes_the_previous_version()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;

            public static class DiskOps
            {
                public static void ForceDelete(FileSystemInfo entry)
                {
                    if (entry is DirectoryInfo dir) dir.Delete(true); else entry.Delete();
                }

                public static void Remove(string key) { }
            }

            internal class ScannerDriverSetup
            {
                private void PatientlyDelete(string path)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            DiskOps.ForceDelete(Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path));
                            return;
                        }
                        catch (IOException) when (attempt < 3)
                        {
                        }
                    }
                }

                private IEnumerable<string> PreviousDriverFiles(string driverDir)
                {
                    yield return Path.Combine(driverDir, "scan.sys");
                    yield return Path.Combine(driverDir, "scan.inf");
                }

                public void InstallDriver(string driverDir, string bundleDir, string legacyDir, string cacheKey)
                {
                    foreach (var old in PreviousDriverFiles(driverDir))
                    {
                        {|CG1001:this.PatientlyDelete(old)|};
                    }

                    {|CG1001:DiskOps.ForceDelete(new DirectoryInfo(legacyDir))|};
                    DiskOps.Remove(cacheKey);

                    // Replaced right after: one half of a replacement.
                    var inf = Path.Combine(driverDir, "scan.inf");
                    this.PatientlyDelete(inf);
                    File.Move(Path.Combine(bundleDir, "scan.inf"), inf);
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_static_extension_copy_of_a_tree_over_the_live_folder_is_an_in_place_overwrite()
    {
        // The extension class lives in the updater's own namespace, so it is update code itself: the copy is still judged at
        // each call, where the caller says what it copies onto (the declaring class names a utility).
        const string source = """
            using System.IO;
            using Contoso.KioskUpdater.Utils.Extensions;

            namespace Contoso.KioskUpdater.Utils.Extensions
            {
                internal static class TreeExtensions
                {
                    extension(Directory)
                    {
                        public static void Copy(string sourceDirPath, string destDirPath, bool overwrite = true)
                        {
                            foreach (var file in Directory.GetFiles(sourceDirPath, "*", SearchOption.AllDirectories))
                            {
                                var dest = Path.Combine(destDirPath, Path.GetRelativePath(sourceDirPath, file));
                                using var from = File.OpenRead(file);
                                using var to = File.Open(dest, overwrite ? FileMode.OpenOrCreate : FileMode.CreateNew, FileAccess.ReadWrite);
                                from.CopyTo(to);
                                to.SetLength(from.Length);
                            }
                        }
                    }
                }
            }

            namespace Contoso.KioskUpdater
            {
                public class KioskPatcher(string kioskExePath, string preparedDir)
                {
                    private void ApplyPatch()
                    {
                        {|#0:Directory.Copy(preparedDir, Path.GetDirectoryName(kioskExePath)!)|};
                        Directory.Copy(preparedDir, Path.Combine(Path.GetTempPath(), "kiosk-copy"));
                        Directory.Copy(preparedDir, Path.GetDirectoryName(kioskExePath)!, overwrite: false);
                    }

                    // A copy kept aside before the source is rewritten is still a backup.
                    private void PatchLauncher(string launcherPath, string keptPath, byte[] bytes)
                    {
                        File.Copy(launcherPath, keptPath, overwrite: true);
                        {|CG1002:File.WriteAllBytes(launcherPath, bytes)|};
                    }
                }
            }
            """;

        // Named as written: the extension member's own type has no name.
        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("Directory.Copy", "Path.GetDirectoryName(kioskExePath)", ""));
    }
}
