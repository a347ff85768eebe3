using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Shapes the real-code corpus (docs/accuracy.md) showed CG1002 getting wrong, on invented code of other names and domains,
/// found and not found: copies back in a member named as the rollback, and writes onto a path the method deleted first.
/// </summary>
public sealed class CG1002RealCodeShapeTests
{
    [Fact]
    public async Task A_copy_back_in_a_member_named_as_the_rollback_is_the_way_back_but_a_write_there_is_not()
    {
        const string source = """
            using System.IO;

            public class PrinterUpgrader
            {
                public void RestoreDriverConfig(string saved, string driverDir) => File.Copy(saved, Path.Combine(driverDir, "driver.ini"), true);
                public void Restore(string target, string backupDir) => File.Copy(Path.Combine(backupDir, "fw.bin"), Path.Combine(target, "fw.bin"), true);
                public void RollbackFirmware(string kept, string live) => File.Copy(kept, live, true);
                public void RollBackProfiles(string kept, string live) { void Put() => File.Copy(kept, live, true); Put(); }
                public void RevertAsync(string kept, string live) => new FileInfo(kept).CopyTo(live, true);

                public void RestoreDefaults(string live) { {|CG1002:File.WriteAllText(live, "{}")|}; }      // a write of new content
                public void UpgradeDriverConfig(string staged, string live) { {|CG1002:File.Copy(staged, live, true)|}; }
                public void UndoUpgrade(string kept, string live) => File.Copy(kept, live, true);
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_path_deleted_by_the_method_before_it_is_written_again_is_a_new_file()
    {
        const string source = """
            using System.IO;
            using System.IO.Compression;

            public static class FileOps { public static void DeleteFile(string path) { if (File.Exists(path)) File.Delete(path); } }

            public class AgentSelfUpdater
            {
                public void UpdateScripts(string root, string staged)
                {
                    var runScript = Path.Combine(root, "run.sh");
                    File.Delete(runScript);
                    File.Copy(staged, runScript, true);                          // deleted first: written as a new file

                    var envScript = Path.Combine(root, "env.sh");
                    FileOps.DeleteFile(envScript);                               // through a wrapper
                    new FileInfo(staged).CopyTo(envScript, true);

                    var pluginDir = Path.Combine(root, "plugins", "v2");
                    if (Directory.Exists(pluginDir))
                    {
                        try { Directory.Delete(pluginDir, true); } catch (IOException) { }
                    }

                    {|CG1002:ZipFile.ExtractToDirectory(staged, pluginDir, true)|};     // a wiped tree refilled is still the live tree

                    {|CG1002:File.Copy(staged, Path.Combine(root, "settings.json"), true)|};   // never deleted: live
                    {|CG1002:File.WriteAllText(runScript + ".cfg", "x")|};                       // another path
                }

                public void UpdateWithRetry(string root, string staged, bool retrying, bool purge)
                {
                    var lib = Path.Combine(root, "lib.dll");
                    if (retrying)
                    {
                        if (File.Exists(lib)) File.Delete(lib);                                 // only on a retry
                    }

                    {|CG1002:File.Copy(staged, lib, true)|};                                     // the first attempt overwrites the live file

                    var site = Path.Combine(root, "site");
                    if (purge) Directory.Delete(site, true);                                     // only when an option says so
                    {|CG1002:ZipFile.ExtractToDirectory(staged, site, true)|};
                }

                public void UpdateAfterWrite(string root, string staged)
                {
                    var lib = Path.Combine(root, "lib.dll");
                    {|CG1002:File.Copy(staged, lib, true)|};                                     // the delete comes after
                    File.Delete(lib);
                }
            }
            """;

        await VerifyCG1002.AnalyzerAsync(source);
    }
}
