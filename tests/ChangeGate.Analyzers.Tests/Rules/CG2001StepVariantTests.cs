using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG2001 = Verify<UpdateStepWithoutRollbackAnalyzer>;

/// <summary>
/// CG2001 on step bases with variants: the verdict belongs to the type that declares the apply member's body. Variants that
/// only supply data (a folder name, a version) are not steps of their own; an abstract base with the body is judged itself,
/// unless its body is a template that runs members the derived steps override.
/// </summary>
public sealed class CG2001StepVariantTests
{
    private const string Framework = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        public interface IMigration { string Version { get; } Task ExecuteAsync(); }
        public interface IUpdateStep { void Apply(); }
        """;

    [Fact]
    public async Task Data_only_variants_of_a_migration_base_are_judged_once_at_the_base()
    {
        const string source = Framework + """
            public abstract class {|#0:PurgeFolderMigration|} : IMigration
            {
                public abstract string Version { get; }
                protected abstract string FolderName { get; }
                public Task ExecuteAsync()
                {
                    Directory.Delete(Path.Combine("/srv/app", FolderName), recursive: true);
                    return Task.CompletedTask;
                }
            }

            public sealed class PurgeLegacyPluginsMigration : PurgeFolderMigration
            {
                public override string Version => "2.0";
                protected override string FolderName => "plugins-v1";
            }

            public sealed class PurgeLegacyThemesMigration : PurgeFolderMigration
            {
                public PurgeLegacyThemesMigration() { }
                public override string Version => "2.0";
                protected override string FolderName => "themes-v1";
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("PurgeFolderMigration", "ExecuteAsync", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task Variants_of_a_base_whose_body_keeps_a_way_back_are_quiet()
    {
        const string source = Framework + """
            public abstract class ArchiveSettingsUpgrade : IUpdateStep
            {
                protected abstract string FileName { get; }
                public void Apply()
                {
                    var live = Path.Combine("/etc/app", FileName);
                    if (!File.Exists(live + ".v1")) File.Copy(live, live + ".v1");
                }
            }

            public sealed class ArchiveMainSettingsUpgrade : ArchiveSettingsUpgrade { protected override string FileName => "main.json"; }
            public sealed class ArchiveUserSettingsUpgrade : ArchiveSettingsUpgrade { protected override string FileName => "user.json"; }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_variant_that_declares_a_method_of_its_own_is_judged_itself()
    {
        const string source = Framework + """
            public abstract class {|#0:MoveDataMigration|} : IMigration
            {
                public abstract string Version { get; }
                protected virtual string Describe() => "data";
                public Task ExecuteAsync()
                {
                    File.Delete("/var/lib/app/" + Describe() + ".db");
                    return Task.CompletedTask;
                }
            }

            public sealed class {|#1:MoveMediaMigration|} : MoveDataMigration
            {
                public override string Version => "3.0";
                protected override string Describe() => "media";
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1)
                .WithArguments("MoveMediaMigration", "ExecuteAsync", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task An_abstract_base_whose_apply_body_is_a_template_leaves_the_verdict_to_its_derived_steps()
    {
        const string source = Framework + """
            public abstract class PackageUpgradeStep : IUpdateStep
            {
                public void Apply() { Console.WriteLine("begin"); ApplyCore(); }
                protected abstract void ApplyCore();
            }

            public sealed class {|#0:UpgradeDriverPackageStep|} : PackageUpgradeStep
            {
                protected override void ApplyCore() => File.Delete("/opt/driver/driver.sys");
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("UpgradeDriverPackageStep", "Apply", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task An_abstract_base_that_leaves_an_abstract_method_to_its_derived_steps_is_not_judged_for_its_apply_named_helper()
    {
        const string source = Framework + """
            public abstract class HostPlanAction { protected abstract void RunWithSession(string session); }

            public abstract class UpgradeHostPlanAction : HostPlanAction
            {
                protected void Upgrade(string session) => File.Delete("/srv/host/" + session + ".img");
            }

            public sealed class {|#0:UpgradeManualHost|} : UpgradeHostPlanAction
            {
                protected override void RunWithSession(string session) => Upgrade(session);
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("UpgradeManualHost", "Upgrade", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_data_only_variant_of_a_base_that_is_no_step_is_judged_itself()
    {
        const string source = Framework + """
            public abstract class FolderJob
            {
                protected abstract string FolderName { get; }
                public void Apply() => Directory.Delete(Path.Combine("/srv/app", FolderName), true);
            }

            public sealed class {|#0:LegacyCleanupMigration|} : FolderJob, IUpdateStep
            {
                protected override string FolderName => "legacy";
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("LegacyCleanupMigration", "Apply", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }
}
