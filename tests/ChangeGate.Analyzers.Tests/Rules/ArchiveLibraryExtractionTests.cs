using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG1002 = Verify<InPlaceOverwriteInUpdateAnalyzer>;

/// <summary>
/// The extraction members of the common archive libraries (SevenZipSharp and SharpSevenZip, SharpCompress, DotNetZip,
/// SharpZipLib) are watched like <c>ZipFile.ExtractToDirectory</c>: an update that unpacks a package straight into the live
/// install overwrites its files in place (held-out-11: a game launcher extracting 7z packages into the game folder), each
/// library deciding by its own argument, or its own default, whether existing files are overwritten. The library types are
/// declared in the test source with their real names and signatures.
/// </summary>
public sealed class ArchiveLibraryExtractionTests
{
    private const string Libraries = """
        using System.IO;

        namespace SevenZip
        {
            public class SevenZipExtractor : System.IDisposable
            {
                public SevenZipExtractor(string archiveFullName) { }
                public void ExtractArchive(string directory) { }
                public void ExtractFiles(string directory, params string[] fileNames) { }
                public void Dispose() { }
            }
        }

        namespace SharpCompress.Common
        {
            public class ExtractionOptions { public bool ExtractFullPath { get; set; } public bool Overwrite { get; set; } = true; }
        }

        namespace SharpCompress.Archives
        {
            public interface IArchive { }
            public static class ArchiveFactory { public static IArchive Open(string path) => null!; }
            public static class IArchiveExtensions
            {
                public static void WriteToDirectory(this IArchive archive, string destinationDirectory, SharpCompress.Common.ExtractionOptions? options = null) { }
            }
        }

        namespace Ionic.Zip
        {
            public enum ExtractExistingFileAction { Throw, OverwriteSilently, DoNotOverwrite, InvokeExtractProgressEvent }
            public class ZipFile : System.IDisposable
            {
                public static ZipFile Read(string fileName) => new();
                public void ExtractAll(string path) { }
                public void ExtractAll(string path, ExtractExistingFileAction extractExistingFile) { }
                public void Dispose() { }
            }
        }

        namespace ICSharpCode.SharpZipLib.Zip
        {
            public class FastZip
            {
                public enum Overwrite { Prompt, Never, Always }
                public delegate bool ConfirmOverwriteDelegate(string fileName);
                public void ExtractZip(string zipFileName, string targetDirectory, string fileFilter) { }
                public void ExtractZip(string zipFileName, string targetDirectory, Overwrite overwrite, ConfirmOverwriteDelegate confirmDelegate, string fileFilter, string directoryFilter, bool restoreDateTime) { }
            }
        }

        """;

    [Fact]
    public async Task A_package_unpacked_into_the_live_install_by_an_archive_library_is_an_in_place_overwrite()
    {
        const string source = Libraries + """
            public sealed class GameUpdater
            {
                public void UpdateGame(string installPath, string package)
                {
                    using var extractor = new SevenZip.SevenZipExtractor(package);
                    {|CG1002:extractor.ExtractArchive(installPath)|};
                }

                public void UpdateSdk(string gameDir, string package)
                {
                    var archive = SharpCompress.Archives.ArchiveFactory.Open(package);
                    {|CG1002:SharpCompress.Archives.IArchiveExtensions.WriteToDirectory(archive, gameDir, new SharpCompress.Common.ExtractionOptions { ExtractFullPath = true, Overwrite = true })|};
                }

                public void InstallUpdate(string appDir, string package)
                {
                    using var zip = Ionic.Zip.ZipFile.Read(package);
                    {|CG1002:zip.ExtractAll(appDir, Ionic.Zip.ExtractExistingFileAction.OverwriteSilently)|};
                    {|CG1002:new ICSharpCode.SharpZipLib.Zip.FastZip().ExtractZip(package, appDir, null)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_extraction_the_library_keeps_from_overwriting_or_into_a_fresh_folder_is_quiet()
    {
        const string source = Libraries + """
            public sealed class GameUpdater
            {
                public void UpdateGame(string package)
                {
                    var staging = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
                    using var extractor = new SevenZip.SevenZipExtractor(package);
                    extractor.ExtractArchive(staging);
                }

                public void UpdateSdk(string gameDir, string package)
                {
                    var archive = SharpCompress.Archives.ArchiveFactory.Open(package);
                    SharpCompress.Archives.IArchiveExtensions.WriteToDirectory(archive, gameDir, new SharpCompress.Common.ExtractionOptions { Overwrite = false });
                }

                public void InstallUpdate(string appDir, string package)
                {
                    using var zip = Ionic.Zip.ZipFile.Read(package);
                    zip.ExtractAll(appDir);                                                  // throws on an existing file
                    zip.ExtractAll(appDir, Ionic.Zip.ExtractExistingFileAction.DoNotOverwrite);
                    new ICSharpCode.SharpZipLib.Zip.FastZip().ExtractZip(package, appDir, ICSharpCode.SharpZipLib.Zip.FastZip.Overwrite.Never, null!, null!, null!, true);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_extraction_of_a_library_that_did_not_restore_is_read_by_the_receiver_type_name()
    {
        // No library declared: SharpSevenZip, Ionic.Zip and SharpZipLib do not bind (a partial restore, code under edit).
        const string source = """
            using System.IO;
            using SharpSevenZip;
            using Ionic.Zip;

            public sealed class GameUpdater
            {
                public void UpdateGame(string installPath, Stream package)
                {
                    using var extractor = new SharpSevenZipExtractor(package, leaveOpen: true);
                    {|#0:extractor.ExtractArchive(installPath)|};
                }

                public void InstallUpdate(string appDir, string package)
                {
                    using ZipFile zip = ZipFile.Read(package);
                    {|#1:zip.ExtractAll(appDir, ExtractExistingFileAction.OverwriteSilently)|};
                }

                public void InstallPlugin(string pluginDir, string package)
                {
                    using ZipFile zip = ZipFile.Read(package);
                    zip.ExtractAll(pluginDir);                                               // DotNetZip throws on an existing file
                }

                public void InstallTheme(string themeDir, string package)
                {
                    using ZipFile zip = ZipFile.Read(package);
                    zip.ExtractAll(themeDir, ExtractExistingFileAction.DoNotOverwrite);
                }
            }
            """;

        var test = new ChangeGateAnalyzerTest<InPlaceOverwriteInUpdateAnalyzer> { TestCode = source, CompilerDiagnostics = CompilerDiagnostics.None };
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("SharpSevenZipExtractor.ExtractArchive", "installPath", ""));
        test.ExpectedDiagnostics.Add(VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("ZipFile.ExtractAll", "appDir", ""));
        await test.RunAsync();
    }
}
