using VerifyCG1001 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.UnguardedDeleteInUpdateAnalyzer>;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// The general shapes behind held-out-6's CG1002 errors (docs/accuracy.md), each on invented code of other names and
/// domains, found and not found.
/// </summary>
public sealed class HeldOut6PatternTests
{
    [Fact]
    public async Task A_file_written_under_the_path_of_an_object_named_as_a_temporary_or_download_folder_is_no_live_file()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;

            public sealed class ScratchArea : IDisposable
            {
                public string FolderPath { get; } = Directory.CreateDirectory(Guid.NewGuid().ToString("N")).FullName;
                public string Path => FolderPath;
                public string InstallPath { get; set; } = "";
                public void Dispose() { }
            }

            public class FirmwareInstaller
            {
                private readonly HttpClient _http = new();

                public async Task InstallFirmwareAsync(Uri feed, ScratchArea target)
                {
                    using var tempDownloads = new ScratchArea();
                    var image = System.IO.Path.Combine(tempDownloads.FolderPath, "firmware.bin");
                    await File.WriteAllBytesAsync(image, await _http.GetByteArrayAsync(feed));

                    using var scratch = new ScratchArea();
                    File.WriteAllText($"{scratch.Path}/manifest.json", "{}");

                    // The object's path is the folder only when the object is named as such an area.
                    {|CG1002:File.WriteAllText(System.IO.Path.Combine(target.Path, "manifest.json"), "{}")|};
                    // A path the temporary object names elsewhere is not its own folder.
                    {|CG1002:File.WriteAllText(System.IO.Path.Combine(tempDownloads.InstallPath, "manifest.json"), "{}")|};
                    // The object's own path is its folder, not a file in it.
                    {|CG1002:File.WriteAllText(scratch.Path, "{}")|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_delete_under_the_path_of_an_object_named_as_a_temporary_or_download_folder_is_no_live_data()
    {
        // CG1001 reads the same folder chain: what lies in the download object's own folder is no live data.
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public sealed class DownloadSlot
            {
                public string RootPath { get; set; } = "";
                public string InstallPath { get; set; } = "";
            }

            public class PluginUpdater
            {
                public void UpdatePlugin(DownloadSlot downloadSlot, DownloadSlot slot, string pluginDir)
                {
                    var signature = Path.Combine(downloadSlot.RootPath, "plugin.sig");
                    File.Delete(signature);
                    Directory.Delete($"{downloadSlot.RootPath}/unpacked", true);

                    // Named so only by its type: the object's own name says nothing.
                    {|CG1001:File.Delete(Path.Combine(slot.RootPath, "plugin.sig"))|};
                    // A live path the download object names.
                    {|CG1001:Directory.Delete(Path.Combine(downloadSlot.InstallPath, "bin"), true)|};
                }
            }
            """;

        await VerifyCG1001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_copy_kept_next_to_a_file_before_its_folder_is_overwritten_is_the_way_back()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public class TelescopeDriverInstaller
            {
                private const string Driver = "mount.dll";
                private const string Original = "mount.dll.orig";

                public void InstallDriverPack(string driverDir, string pack)
                {
                    File.Copy(Path.Combine(driverDir, Driver), Path.Combine(driverDir, Original), true);
                    {|CG1002:ZipFile.ExtractToDirectory(pack, driverDir, true)|};
                }

                public void InstallOverlay(string driverDir, byte[] overlay)
                {
                    var live = Path.Combine(driverDir, Driver);
                    var kept = Path.Combine(driverDir, "mount.prev");
                    File.Copy(live, kept, overwrite: true);
                    UnpackOverlay(overlay, driverDir);
                }

                public void InstallFromStore(string driverDir, string store)
                {
                    new FileInfo(Path.Combine(driverDir, Driver)).CopyTo(Path.Combine(driverDir, "mount.vanilla"), true);
                    ExtractStoreArchive(store, driverDir);
                }

                public string PluginFolder { get; set; } = "";

                public void InstallPluginHost(byte[] bundle, bool firstTime)
                {
                    var plugins = PluginFolder;
                    if (firstTime)
                        File.Copy(Path.Combine(plugins, Driver), Path.Combine(plugins, Original), true);
                    UnpackBundle(bundle, plugins);
                }

                private void UnpackBundle(byte[] bundle, string root)
                {
                    using var archive = new ZipArchive(new MemoryStream(bundle));
                    var target = Directory.CreateDirectory(root).FullName;
                    foreach (var entry in archive.Entries)
                    {
                        using var output = {|CG1002:new FileStream(Path.Combine(target, entry.FullName), FileMode.Create, FileAccess.Write)|};
                        using var input = entry.Open();
                        input.CopyTo(output);
                    }
                }

                private static void UnpackOverlay(byte[] overlay, string root) { }
                private static void ExtractStoreArchive(string store, string root) { }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_copy_next_to_a_file_is_checked_when_the_folder_is_not_overwritten_after_it_or_is_deleted()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public class TelescopeDriverUpdater
            {
                public void UpdateDriver(string driverDir, string pack)
                {
                    // Nothing is put into the folder afterwards: the copy is itself the overwrite of a sibling.
                    {|CG1002:File.Copy(Path.Combine(driverDir, "mount.new"), Path.Combine(driverDir, "mount.dll"), true)|};
                }

                public void UpdateDriverTree(string driverDir, string stagingDir, string pack)
                {
                    // The folder is deleted, the copy with it: no way back.
                    {|CG1002:File.Copy(Path.Combine(driverDir, "mount.dll"), Path.Combine(driverDir, "mount.prev"), true)|};
                    Directory.Delete(driverDir, true);
                    Directory.CreateDirectory(driverDir);
                }

                public void UpdateFromListing(string driverDir, string packageDir, string pack)
                {
                    // A tree copied file by file: the destination is built from the source, it is not kept next to it.
                    foreach (var file in Directory.EnumerateFiles(packageDir))
                    {
                        var dest = Path.Combine(driverDir, Path.GetRelativePath(packageDir, file));
                        {|CG1002:File.Copy(file, dest, true)|};
                    }

                    DownloadPack(pack, packageDir);
                }

                private static void DownloadPack(string pack, string into) { }

                public void UpdateFromPackage(string driverDir, string packageDir, string pack)
                {
                    // Source and destination lie in different folders: a file of the package copied over the live one.
                    {|CG1002:File.Copy(Path.Combine(packageDir, "mount.dll"), Path.Combine(driverDir, "mount.dll"), true)|};
                    ZipFile.ExtractToDirectory(pack, packageDir);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_helper_that_writes_a_hook_dll_over_a_proxy_name_in_the_host_folder_is_reported()
    {
        const string source = """
            using System;
            using System.IO;

            public class ShaderHookDeployer
            {
                private readonly string _hostExe;
                public ShaderHookDeployer(string hostExe) => _hostExe = hostExe;

                public void DeployHook()
                {
                    var hostDir = Path.GetDirectoryName(_hostExe);
                    var proxyName = PickProxyName();
                    var hookPath = Path.Combine(hostDir!, proxyName);
                    {|CG1002:ExtractHook(hookPath, true)|};
                }

                private string PickProxyName() => "dxgi.dll";

                private void ExtractHook(string filePath, bool wide)
                {
                    var bundled = Path.Combine(AppContext.BaseDirectory, "hooks", wide ? "hook64.dll" : "hook32.dll");
                    var archive = new {|CS0246:Bundle7z|}(bundled);
                    using var output = {|CG1002:new FileStream(filePath, FileMode.Create, FileAccess.Write, FileShare.Write)|};
                    archive.ExtractFile(wide ? "hook64.dll" : "hook32.dll", output);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }
}
