using System.Threading.Tasks;
using Xunit;
using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// CG1002: a copy named exactly like the BCL member (<c>Copy</c>, <c>CopyTo</c>) on a type that does not bind or comes from a
/// reference keeps <c>File.Copy</c>'s and <c>FileInfo.CopyTo</c>'s contract: it overwrites only when a boolean argument says so
/// (issue 9, item 2: wrappers are read like the BCL member they wrap, also when the call does not bind). Other copy names
/// (<c>CopyDirectory</c>, <c>MirrorTree</c>) still overwrite unless told not to.
/// </summary>
public sealed class BclNamedCopyTests
{
    [Fact]
    public async Task Unbound_Copy_and_CopyTo_overwrite_only_when_a_boolean_argument_says_so()
    {
        const string source = """
            public class ModuleUpdater
            {
                public void UpdateModule(TxFileManager tx, string stagedFile, string liveFile, bool replace)
                {
                    tx.Copy(stagedFile, liveFile, false);                        // cannot overwrite
                    tx.Copy(stagedFile, liveFile);                               // File.Copy's default: no overwrite
                    FsExtensions.CopyTo(stagedFile, liveFile);                   // FileInfo.CopyTo's default
                    {|#0:tx.Copy(stagedFile, liveFile, true)|};
                    {|#1:FsExtensions.CopyTo(stagedFile, liveFile, true)|};
                    {|#2:tx.Copy(stagedFile, liveFile, replace)|};               // decided by the caller
                    {|#3:tx.CopyDirectory(stagedFile, liveFile)|};               // not the BCL's name: a helper that brings files up to date
                }
            }
            """;

        await VerifyCG1002.AnalyzerOnBrokenCodeAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("tx.Copy", "liveFile", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(1).WithArguments("FsExtensions.CopyTo", "liveFile", ""),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(2).WithArguments("tx.Copy", "liveFile", " when 'replace' is true"),
            VerifyCG1002.Diagnostic("CG1002").WithLocation(3).WithArguments("tx.CopyDirectory", "liveFile", ""));
    }

    [Fact]
    public async Task A_Copy_helper_of_the_compilation_is_read_from_its_body_not_from_its_name()
    {
        const string source = """
            using System.IO;

            public static class Disk
            {
                // Named like File.Copy, but always overwrites.
                public static void Copy(string from, string to) => File.Copy(from, to, true);
            }

            public class PluginUpdater
            {
                public void UpdatePlugin(string stagedDll, string liveDll)
                {
                    {|#0:Disk.Copy(stagedDll, liveDll)|};
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(
            source,
            VerifyCG1002.Diagnostic("CG1002").WithLocation(0).WithArguments("Disk.Copy", "liveDll", ""));
    }
}
