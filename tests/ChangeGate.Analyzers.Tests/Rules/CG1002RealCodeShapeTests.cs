using VerifyCG1002 = ChangeGate.Analyzers.Tests.Verification.Verify<ChangeGate.Analyzers.Rules.InPlaceOverwriteInUpdateAnalyzer>;

namespace ChangeGate.Analyzers.Tests.Rules;

/// <summary>
/// Shapes the real-code corpus (docs/accuracy.md) showed CG1002 getting wrong, on invented code of other names and domains,
/// found and not found: copies back in a member named as the rollback.
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
}
