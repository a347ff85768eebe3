using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG2001 = Verify<UpdateStepWithoutRollbackAnalyzer>;

public sealed class CG2001UpdateStepWithoutRollbackTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        """;

    private const string Contracts = """

        public interface IUpdateStep { void Apply(); }
        public interface IReversibleStep : IUpdateStep { void Rollback(); }
        namespace Ops.Deployment { [AttributeUsage(AttributeTargets.Class)] public sealed class UpdateStepAttribute : Attribute { } }
        """;

    private static string Code(string body) => Usings + body + Contracts;

    [Fact]
    public async Task A_step_interface_implementation_without_a_rollback_is_reported_with_its_apply_member()
    {
        var source = Code("""
            public sealed class {|#0:CopyBinaries|} : IUpdateStep
            {
                public void Apply() => File.Copy("/staging/app.dll", "/srv/app/app.dll");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("CopyBinaries", "Apply", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_type_marked_UpdateStep_in_any_namespace_is_a_step()
    {
        var source = Code("""
            [Ops.Deployment.UpdateStep]
            public sealed class {|#0:RotateCertificates|}
            {
                public Task ExecuteAsync() => File.WriteAllTextAsync("/etc/ssl/app.pem", "new certificate");
            }

            [Ops.Deployment.UpdateStep]
            public sealed class RotateKeys
            {
                public void Execute() { }
                public void Revert() => Console.WriteLine("restoring the previous keys");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("RotateCertificates", "ExecuteAsync", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task Update_code_that_declares_an_apply_member_is_a_step_but_other_types_with_Apply_are_not()
    {
        var source = Code("""
            public sealed class {|CG2001:ConfigUpgrader|}
            {
                public void Upgrade() => File.WriteAllText("/etc/app.conf", "v2");
            }

            public sealed class DiscountRule
            {
                public void Apply() { }
            }

            public sealed class DeploymentReport
            {
                public void Print() { }
            }
            """);

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_empty_rollback_is_no_rollback()
    {
        var source = Code("""
            public sealed class {|#0:AddCacheDirectory|} : IReversibleStep
            {
                public void Apply() => Directory.CreateDirectory("/srv/cache");
                public void Rollback() { }
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("AddCacheDirectory", "Apply", "'Rollback' is empty"));
    }

    [Theory]
    [InlineData("throw new NotImplementedException();")]
    [InlineData("throw new NotSupportedException(\"cannot undo\");")]
    [InlineData("throw new InvalidOperationException();")]
    [InlineData("Console.WriteLine(\"no way back\"); throw new InvalidOperationException();")]
    public async Task A_rollback_that_always_throws_is_no_rollback(string rollbackBody)
    {
        var source = Code($$"""
            public sealed class {|#0:SwapSymlink|} : IReversibleStep
            {
                public void Apply() { }
                public void Rollback() { {{rollbackBody}} }
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("SwapSymlink", "Apply", "'Rollback' always throws"));
    }

    [Fact]
    public async Task Rollbacks_that_undo_something_are_not_reported_whatever_their_exact_name()
    {
        var source = Code("""
            public sealed class SwapBinaries : IUpdateStep
            {
                public void Apply() => File.Move("/srv/app/app.dll", "/srv/app/app.dll.bak");
                public void RevertChanges() => File.Move("/srv/app/app.dll.bak", "/srv/app/app.dll", overwrite: true);
            }

            public sealed class WriteConfig : IReversibleStep
            {
                public void Apply() { }
                public void Rollback()
                {
                    if (!File.Exists("/etc/app.conf.bak"))
                    {
                        throw new InvalidOperationException("no backup to restore");
                    }

                    File.Copy("/etc/app.conf.bak", "/etc/app.conf", overwrite: true);
                }
            }

            public sealed class StopService : IUpdateStep
            {
                public void Apply() { }
                public void UndoAsync() => Console.WriteLine("start service");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Async_rollbacks_that_return_a_finished_task_are_empty()
    {
        var source = Code("""
            public sealed class {|#0:PublishPackage|} : IUpdateStep
            {
                public void Apply() { }
                public Task RollbackAsync() => Task.CompletedTask;
            }

            public sealed class {|#1:RegisterService|} : IUpdateStep
            {
                public void Apply() { }
                public async Task<bool> RollbackAsync() { await Task.CompletedTask; return true; }
            }

            public sealed class UnpackArchive : IUpdateStep
            {
                public void Apply() { }
                public async Task RollbackAsync() => await File.WriteAllTextAsync("/srv/app/version", "1.4.2");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("PublishPackage", "Apply", "'RollbackAsync' is empty"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("RegisterService", "Apply", "'RollbackAsync' is empty"));
    }

    [Fact]
    public async Task Explicit_interface_implementations_are_read_by_their_interface_names()
    {
        var source = Code("""
            public sealed class {|#0:FlipFeatureFlag|} : IReversibleStep
            {
                void IUpdateStep.Apply() { }
                void IReversibleStep.Rollback() { }
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("FlipFeatureFlag", "Apply", "'Rollback' is empty"));
    }

    [Fact]
    public async Task An_empty_default_rollback_is_reported_once_where_it_is_declared()
    {
        var source = Code("""
            public abstract class {|#0:StepBase|} : IUpdateStep
            {
                public abstract void Apply();
                public virtual void Rollback() { }
            }

            public sealed class InheritsTheEmptyRollback : StepBase
            {
                public override void Apply() { }
            }

            public abstract class TemplateStep : IUpdateStep
            {
                public abstract void Apply();
            }

            public sealed class {|#1:ForgetsItsRollback|} : TemplateStep
            {
                public override void Apply() => File.Delete("/srv/app/legacy.dll");
            }

            public sealed class ProvidesItsRollback : TemplateStep
            {
                public override void Apply() { }
                public void Rollback() => Console.WriteLine("undo");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("StepBase", "Apply", "'Rollback' is empty"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("ForgetsItsRollback", "Apply", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task An_empty_or_throwing_default_rollback_of_a_step_interface_is_reported_once_on_the_interface()
    {
        var source = Code("""
            public interface {|#0:IUpgradeStep|}
            {
                void Upgrade();
                void Rollback() { }
            }

            public interface {|#1:IMigrationStep|}
            {
                void Apply();
                void Rollback() => throw new NotSupportedException("override me");
            }

            public sealed class AddIndex : IUpgradeStep
            {
                public void Upgrade() { }
            }

            public sealed class ReindexStep : IMigrationStep
            {
                public void Apply() { }
                public void Rollback() => Console.WriteLine("drop the index");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("IUpgradeStep", "Upgrade", "'Rollback' is empty"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("IMigrationStep", "Apply", "'Rollback' always throws"));
    }

    [Fact]
    public async Task Partial_rollback_members_are_read_from_their_implementation()
    {
        var source = Code("""
            public sealed partial class {|#0:SwapConfig|} : IUpdateStep
            {
                public void Apply() => File.Move("/srv/app.config", "/srv/app.config.bak");
                public partial void Rollback();
            }

            public sealed partial class SwapConfig
            {
                public partial void Rollback() { }
            }

            public sealed partial class MoveLogs : IUpdateStep
            {
                public void Apply() => File.Move("/srv/logs", "/srv/logs.bak");
                public partial void Rollback();
            }

            public sealed partial class MoveLogs
            {
                public partial void Rollback() => File.Move("/srv/logs.bak", "/srv/logs");
            }

            public sealed partial class {|#1:NeverImplemented|} : IUpdateStep
            {
                public void Apply() { }
                partial void Rollback();
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("SwapConfig", "Apply", "'Rollback' is empty"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("NeverImplemented", "Apply", "'Rollback' is empty"));
    }

    [Fact]
    public async Task Update_code_with_a_private_helper_or_another_interface_contract_named_like_apply_is_not_a_step()
    {
        // A rollout orchestrator's private Upgrade(server) helper, a WPF command and a scheduler job are not update steps:
        // a step's apply member is what a runner calls, and Execute here is ICommand's or IJob's contract.
        var source = Code("""
            using System.Collections.Generic;
            using System.Windows.Input;

            public interface IJob { Task Execute(object context); }

            public sealed class ServerUpdater
            {
                public void UpdateAll(List<string> servers) { foreach (var server in servers) Upgrade(server); }
                private void Upgrade(string server) { }
            }

            public sealed class UpdateSettingsCommand : ICommand
            {
                public event EventHandler? CanExecuteChanged;
                public bool CanExecute(object? parameter) => true;
                public void Execute(object? parameter) { }
            }

            public sealed class ReleaseNotesJob : IJob
            {
                public Task Execute(object context) => Task.CompletedTask;
            }

            public sealed class {|#0:DatabaseUpgrader|}
            {
                public void Upgrade() => File.WriteAllText("/srv/db/version", "2");
            }
            """);

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("DatabaseUpgrader", "Upgrade", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task Rollback_apply_and_interface_names_come_from_the_options()
    {
        var source = Code("""
            public interface IJob { void Run(); }

            public sealed class RestoresBackup : IUpdateStep
            {
                public void Apply() { }
                public void RestoreBackup() => Console.WriteLine("restore");
            }

            public sealed class {|#0:ReindexJob|} : IJob
            {
                public void Run() => File.WriteAllText("/srv/index/version", "2");
                public void Rollback() => Console.WriteLine("not a rollback name any more");
            }
            """);

        await VerifyCG2001.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.rollback_names = Restore", "changegate.step_interfaces = IUpdateStep|IJob", "changegate.apply_names = Run" },
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("ReindexJob", "Run", "it has no Restore member"));
    }

    [Fact]
    public async Task Structs_are_steps_too_and_partial_steps_are_reported_where_the_apply_member_is()
    {
        var test = new ChangeGateAnalyzerTest<UpdateStepWithoutRollbackAnalyzer>();
        test.TestState.Sources.Add(("/Steps/ConfigStep.cs", Code("""
            public partial class ConfigStep : IUpdateStep
            {
                public string Path { get; } = "/etc/app.conf";
            }

            public struct {|CG2001:TouchMarker|} : IUpdateStep
            {
                public void Apply() => File.WriteAllText("/srv/app/.updated", "");
            }
            """)));
        test.TestState.Sources.Add(("/Steps/ConfigStep.Apply.cs", """
            using System.IO;

            public partial class {|CG2001:ConfigStep|}
            {
                public void Apply() => File.WriteAllText(Path, "v2");
            }
            """));

        await test.RunAsync();
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        var test = new ChangeGateAnalyzerTest<UpdateStepWithoutRollbackAnalyzer>();
        test.TestState.Sources.Add(("/Generated/Steps.g.cs", Code("""
            // <auto-generated/>
            public sealed class GeneratedStep : IUpdateStep
            {
                public void Apply() { }
            }
            """)));

        await test.RunAsync();
    }

    [Fact]
    public async Task Migrations_are_left_to_CG2002()
    {
        var test = new ChangeGateAnalyzerTest<UpdateStepWithoutRollbackAnalyzer>
        {
            ReferenceAssemblies = MigrationPackages.Both,
            TestCode = """
                using Microsoft.EntityFrameworkCore.Migrations;

                public sealed class InitialMigration : Migration
                {
                    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.EnsureSchema("app");
                }

                public sealed class AddUsersMigration : FluentMigrator.ForwardOnlyMigration
                {
                    public override void Up() => Create.Table("users").WithColumn("id").AsInt32();
                }
                """,
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task Broken_code_does_not_crash_the_analyzer_and_what_can_be_read_is_still_checked()
    {
        const string source = """
            public sealed class CopyStep : IUpdateStep
            {
                public void Apply() { Copy(
                public void Rollback() =>
            }

            [UpdateStep] class {|CG2001:Half|} : { void Execute() { } void Undo() { throw } }
            class {|CG2001:DeployerStep|} : Missing { public void Up() { } public void Down() { } }
            """;

        await VerifyCG2001.AnalyzerOnBrokenCodeAsync(source);
    }

    // Field report class 1: a home-grown fixup framework, recognized without configuration.
    private const string CatalogFixups = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public interface ICatalogFixup { Task RunAsync(CancellationToken ct); }
        [AttributeUsage(AttributeTargets.Class)] public sealed class FixupAttribute : Attribute { public FixupAttribute(int order) { } }
        [AttributeUsage(AttributeTargets.Class)] public sealed class SnapshotDatabaseFirstAttribute : Attribute { }
        public interface IDb { Task ExecuteAsync(string sql, CancellationToken ct = default); }

        """;

    [Fact]
    public async Task A_home_grown_fixup_without_a_way_back_is_reported_and_one_whose_runner_snapshots_first_is_not()
    {
        const string source = CatalogFixups + """
            [Fixup(order: 31)]
            public sealed class {|#0:NormalizeIsbnColumn|} : ICatalogFixup
            {
                private readonly IDb _db;
                public NormalizeIsbnColumn(IDb db) => _db = db;
                public Task RunAsync(CancellationToken ct) =>
                    _db.ExecuteAsync("UPDATE books SET isbn = REPLACE(isbn, '-', '')", ct);
            }

            [Fixup(order: 32), SnapshotDatabaseFirst]
            public sealed class DropArchivedLoans : ICatalogFixup
            {
                private readonly IDb _db;
                public DropArchivedLoans(IDb db) => _db = db;
                public Task RunAsync(CancellationToken ct) => _db.ExecuteAsync("DELETE FROM loans WHERE archived = 1", ct);
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0)
                .WithArguments("NormalizeIsbnColumn", "RunAsync", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task Home_grown_contracts_are_recognized_by_interface_attribute_base_class_or_unresolved_name()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            // Jellyfin-style: a migration routine interface with one Perform member.
            public interface IMigrationRoutine { Guid Id { get; } void Perform(); }
            public sealed class {|#0:ResetTranscodeFolder|} : IMigrationRoutine
            {
                public Guid Id => Guid.Empty;
                public void Perform() => Directory.Delete("/var/lib/app/transcodes", true);
            }

            // An ordering attribute and one public run-like member.
            [AttributeUsage(AttributeTargets.Class)] public sealed class DataMigrationAttribute : Attribute { public DataMigrationAttribute(string v) { } }
            [DataMigration("2.1")]
            public sealed class {|#1:SplitAddressLines|}
            {
                public void Run() => File.WriteAllText("/srv/db/addresses.csv", "");
                public string Describe() => "split address lines";
            }

            // A base class of our own with one abstract run-like member.
            public abstract class UpgradeTaskBase { public abstract Task ProcessAsync(); }
            public sealed class {|#2:ReindexCatalog|} : UpgradeTaskBase
            {
                public override Task ProcessAsync() => File.WriteAllTextAsync("/srv/index/version", "3");
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("ResetTranscodeFolder", "Perform", "it has no Rollback, Revert, Down, Undo or Downgrade member"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("SplitAddressLines", "Run", "it has no Rollback, Revert, Down, Undo or Downgrade member"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(2).WithArguments("ReindexCatalog", "ProcessAsync", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_step_whose_framework_does_not_resolve_is_matched_by_the_name_in_its_base_list()
    {
        // The file read without its project: ISchemaUpgradeTask is declared elsewhere and shows up as an error type.
        const string source = """
            using System.Threading.Tasks;

            public sealed class {|#0:AddTenantColumn|} : ISchemaUpgradeTask
            {
                public Task RunAsync() => Db.ExecuteAsync("ALTER TABLE orders ADD tenant_id INT");
            }

            public sealed class OrdersReport : IReportSource
            {
                public Task RunAsync() => Task.CompletedTask;
            }
            """;

        await VerifyCG2001.AnalyzerOnBrokenCodeAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("AddTenantColumn", "RunAsync", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_home_grown_fixup_with_a_down_equivalent_is_checked_like_any_rollback()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            public interface IDataFixup { Task ApplyAsync(); Task RevertAsync(); }

            public sealed class TrimCustomerNames : IDataFixup
            {
                public Task ApplyAsync() => File.WriteAllTextAsync("/srv/db/customers.v2", "trimmed");
                public Task RevertAsync() => File.WriteAllTextAsync("/srv/db/customers.v2", "original");
            }

            public sealed class {|#0:MergeDuplicateTags|} : IDataFixup
            {
                public Task ApplyAsync() => File.WriteAllTextAsync("/srv/db/tags", "merged");
                public Task RevertAsync() => Task.CompletedTask;
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("MergeDuplicateTags", "ApplyAsync", "'RevertAsync' is empty"));
    }

    [Fact]
    public async Task Contracts_named_for_something_other_than_a_step_are_not_step_frameworks()
    {
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            // An adjective: things that can be upgraded, not upgrade steps.
            public interface IUpgradeable { bool CanUpgrade { get; } void Upgrade(); }
            public sealed class PluginPackage : IUpgradeable
            {
                public bool CanUpgrade => true;
                public void Upgrade() => File.WriteAllText("/srv/plugins/p.json", "{}");
            }

            // The runner of migrations, not a migration; and a checker.
            public interface IMigrationService { Task MigrateAsync(); }
            public sealed class SqlMigrationService : IMigrationService { public Task MigrateAsync() => Task.CompletedTask; }
            public interface IUpdateChecker { Task RunAsync(); }
            public sealed class GitHubUpdateChecker : IUpdateChecker { public Task RunAsync() => Task.CompletedTask; }

            // Two run-like members: which one a runner calls is unclear, so no step is assumed.
            public interface IMigrationTask { void Run(); void Execute(); }
            public sealed class Ambiguous : IMigrationTask { public void Run() { } public void Execute() { } }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task An_apply_member_that_keeps_a_copy_first_or_only_creates_what_is_absent_is_a_way_back()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public interface IMigrationRoutine { void Perform(); }
            public interface IDb { void Execute(string sql); }

            // Copies the database aside before it deletes from it (Jellyfin's RemoveDuplicateExtras shape).
            public sealed class RemoveDuplicateExtras : IMigrationRoutine
            {
                private readonly IDb _db;
                private readonly string _dbPath = "/var/lib/app/library.db";
                public RemoveDuplicateExtras(IDb db) => _db = db;
                public void Perform()
                {
                    var bakPath = _dbPath + ".bak1";
                    Console.WriteLine("backing up");
                    File.Copy(_dbPath, bakPath);
                    _db.Execute("DELETE FROM items WHERE duplicate = 1");
                }
            }

            // Moves the old file aside; that is the whole change.
            public sealed class ResetLoggingConfig : IMigrationRoutine
            {
                public void Perform()
                {
                    if (File.Exists("/etc/app/logging.json"))
                        File.Move("/etc/app/logging.json", Path.Combine("/etc/app", "logging.old.json"));
                }
            }

            // Only creates what is absent: the previous version ignores it.
            public sealed class AddAuditTable : IMigrationRoutine
            {
                private readonly IDb _db;
                public AddAuditTable(IDb db) => _db = db;
                public void Perform()
                {
                    if (!Directory.Exists("/var/lib/app/audit")) Directory.CreateDirectory("/var/lib/app/audit");
                    _db.Execute("CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT)");
                }
            }

            public sealed class SeedDefaultTheme : IMigrationRoutine
            {
                public void Perform()
                {
                    const string theme = "/srv/app/themes/default.css";
                    if (File.Exists(theme)) return;
                    File.WriteAllText(theme, "body {}");
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Copies_that_are_the_change_or_come_too_late_are_no_way_back()
    {
        const string source = """
            using System.IO;

            public interface IMigrationRoutine { void Perform(); }
            public interface IDb { void Execute(string sql); }
            [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class NoBackupAttribute : System.Attribute { }

            // Copying the new binary over the live one is the change itself, not a backup of it.
            public sealed class {|#0:ShipNewLauncher|} : IMigrationRoutine
            {
                public void Perform() => File.Copy("/staging/launcher", "/srv/app/launcher", true);
            }

            // The backup comes after the change.
            public sealed class {|#1:DropLegacyRows|} : IMigrationRoutine
            {
                private readonly IDb _db;
                public DropLegacyRows(IDb db) => _db = db;
                public void Perform()
                {
                    _db.Execute("DELETE FROM legacy");
                    File.Copy("/var/lib/app/app.db", "/var/lib/app/app.db.bak");
                }
            }

            // Creates what is absent, and deletes too.
            public sealed class {|#2:RebuildIndexTable|} : IMigrationRoutine
            {
                private readonly IDb _db;
                public RebuildIndexTable(IDb db) => _db = db;
                public void Perform() => _db.Execute("CREATE TABLE IF NOT EXISTS idx (k TEXT); DELETE FROM idx");
            }

            // An attribute that says there is no backup.
            [NoBackup]
            public sealed class {|#3:PurgeSessions|} : IMigrationRoutine
            {
                public void Perform() => Directory.Delete("/var/lib/app/sessions", true);
            }
            """;

        const string NoRollback = "it has no Rollback, Revert, Down, Undo or Downgrade member";
        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("ShipNewLauncher", "Perform", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("DropLegacyRows", "Perform", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(2).WithArguments("RebuildIndexTable", "Perform", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(3).WithArguments("PurgeSessions", "Perform", NoRollback));
    }

    [Fact]
    public async Task A_step_whose_apply_member_changes_nothing_has_nothing_to_undo()
    {
        // A compatibility check run as a migration routine: it reads, checks and logs (Jellyfin's MigrateLibraryDbCompatibilityCheck shape).
        const string source = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public interface IMigrationRoutine { Task PerformAsync(); }

            public sealed class CheckLibraryDbCompatibility : IMigrationRoutine
            {
                public async Task PerformAsync()
                {
                    var db = Path.Combine("/var/lib/app", "library.db");
                    if (!File.Exists(db))
                    {
                        Console.WriteLine("nothing to migrate");
                        return;
                    }

                    var header = await File.ReadAllTextAsync(db);
                    if (!IsSupported(header)) throw new InvalidOperationException("upgrade to 10.10 first");
                }

                private static bool IsSupported(string header) => header.StartsWith("v10", StringComparison.Ordinal);
            }

            public sealed class {|#0:EnableFeature|} : IMigrationRoutine
            {
                private readonly Settings _settings = new();
                public Task PerformAsync() { _settings.Current.FeatureEnabled = true; return Task.CompletedTask; }
            }

            public sealed class Settings { public Options Current { get; } = new(); }
            public sealed class Options { public bool FeatureEnabled { get; set; } }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("EnableFeature", "PerformAsync", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_runner_s_private_adapter_around_a_step_is_not_a_step_itself()
    {
        const string source = """
            using System.Threading.Tasks;

            public sealed class MigrationService
            {
                private interface IInternalMigration { Task PerformAsync(); }

                private sealed class InternalCodeMigration : IInternalMigration
                {
                    private readonly IDb _db = null!;
                    public Task PerformAsync() => _db.ExecuteAsync("INSERT INTO history VALUES (1)");
                }
            }

            public interface IDb { Task ExecuteAsync(string sql); }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task A_move_aside_is_recognized_even_when_the_file_is_read_without_its_project()
    {
        // _paths and its type come from another project: File.Move does not bind, so its written arguments are read.
        const string source = """
            using System.IO;

            public sealed class ResetLoggingConfig : IMigrationRoutine
            {
                private readonly IApplicationPaths _paths;
                public ResetLoggingConfig(IApplicationPaths paths) => _paths = paths;
                public void Perform()
                {
                    var dir = _paths.ConfigurationDirectoryPath;
                    var existing = Path.Combine(dir, "logging.json");
                    if (File.Exists(existing) && ExistingConfigUnmodified(existing))
                        File.Move(existing, Path.Combine(dir, "logging.old.json"));
                }

                private bool ExistingConfigUnmodified(string path) => true;
            }
            """;

        await VerifyCG2001.AnalyzerOnBrokenCodeAsync(source);
    }

    [Fact]
    public async Task Backup_attribute_names_come_from_the_options()
    {
        const string source = """
            using System.IO;

            public interface IMigrationRoutine { void Perform(); }
            [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class CheckpointFirstAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class BackupFirstAttribute : System.Attribute { }

            [CheckpointFirst]
            public sealed class PurgeSessions : IMigrationRoutine
            {
                public void Perform() => Directory.Delete("/var/lib/app/sessions", true);
            }

            [BackupFirst]
            public sealed class {|#0:PurgeUploads|} : IMigrationRoutine      // (a cache would be derived data: nothing to undo)
            {
                public void Perform() => Directory.Delete("/var/lib/app/uploads", true);
            }
            """;

        await VerifyCG2001.AnalyzerWithOptionsAsync(
            source,
            new[] { "changegate.backup_attributes = Checkpoint" },
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("PurgeUploads", "Perform", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_declared_rollback_must_work_even_when_the_apply_member_backs_up_first()
    {
        // The runner calls RevertAsync to roll back; an empty one leaves the backup unused.
        const string source = """
            using System.IO;
            using System.Threading.Tasks;

            public interface IDataFixup { Task ApplyAsync(); Task RevertAsync(); }
            public sealed class {|#0:RewriteManifest|} : IDataFixup
            {
                public async Task ApplyAsync()
                {
                    File.Copy("/srv/app/manifest.json", "/srv/app/manifest.json.bak", true);
                    await File.WriteAllTextAsync("/srv/app/manifest.json", "{}");
                }

                public Task RevertAsync() => Task.CompletedTask;
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("RewriteManifest", "ApplyAsync", "'RevertAsync' is empty"));
    }

    [Fact]
    public async Task The_severity_can_be_configured_off()
    {
        var source = Code("""
            public sealed class CopyBinaries : IUpdateStep
            {
                public void Apply() { }
            }
            """);

        await VerifyCG2001.AnalyzerWithOptionsAsync(source, new[] { "dotnet_diagnostic.CG2001.severity = none" }, Array.Empty<DiagnosticResult>());
    }

    // A step whose only change is another object's recomputation of derived data (a projection rebuilt from the event log, a
    // search index rebuilt from the database) has its way back in running that recomputation again. Judged by the body, not the
    // step's name: a Rebuild-named step that rewrites live state is still reported, and so is a recomputation next to a change.
    [Fact]
    public async Task A_step_that_only_has_another_object_recompute_derived_data_is_not_reported()
    {
        var source = Usings + """
            using System.Threading;

            public interface ISchemaFixup { Task RunAsync(CancellationToken ct); }
            public interface IProjections { Task RebuildAllAsync(int batchSize, CancellationToken ct); Task ClearSnapshotsAsync(); }
            public interface ISearch { void ReindexEverything(); void DeleteDocuments(string query); }
            public interface ILedger { Task ReplayFromAsync(long position); }
            public static class Batches { public static int Size() => 500; }

            public sealed class ProjectionsCatchUp : ISchemaFixup
            {
                private readonly IProjections _projections;
                public ProjectionsCatchUp(IProjections projections) => _projections = projections;
                public Task RunAsync(CancellationToken ct) => _projections.RebuildAllAsync(Batches.Size(), ct);
            }

            public sealed class FreshSearch : ISchemaFixup
            {
                private readonly ISearch _search;
                public FreshSearch(ISearch search) => _search = search;
                public Task RunAsync(CancellationToken ct)
                {
                    Console.WriteLine("re-indexing");
                    _search.ReindexEverything();
                    return Task.CompletedTask;
                }
            }

            public sealed class DropStaleSnapshots(IProjections store) : ISchemaFixup
            {
                public Task RunAsync(CancellationToken ct) => store.ClearSnapshotsAsync();
            }

            public sealed class BalancesFromLedger(ILedger ledger) : ISchemaFixup
            {
                public async Task RunAsync(CancellationToken ct) => await ledger.ReplayFromAsync(0);
            }

            // A recomputation next to a real change: the change has no way back.
            public sealed class {|#0:ReindexAfterPurge|}(ISearch search) : ISchemaFixup
            {
                public Task RunAsync(CancellationToken ct)
                {
                    search.DeleteDocuments("type:legacy");
                    search.ReindexEverything();
                    return Task.CompletedTask;
                }
            }

            // Named for a rebuild, but what it rewrites is the live file.
            public sealed class {|#1:RebuildHostsFile|} : ISchemaFixup
            {
                public Task RunAsync(CancellationToken ct) => File.WriteAllTextAsync("/etc/hosts", "127.0.0.1 localhost", ct);
            }

            // Its own Rebuild member (on this step): what it does is not read here, so it is a change like any other call.
            public sealed class {|#2:RegenerateKeys|} : ISchemaFixup
            {
                public Task RunAsync(CancellationToken ct) { RegenerateAll(); return Task.CompletedTask; }
                private void RegenerateAll() => File.Delete("/etc/app/keys.json");
            }
            """;

        const string NoRollback = "it has no Rollback, Revert, Down, Undo or Downgrade member";
        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("ReindexAfterPurge", "RunAsync", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("RebuildHostsFile", "RunAsync", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(2).WithArguments("RegenerateKeys", "RunAsync", NoRollback));
    }

    // Recomputations through an attribute-marked step, an extension method and a property of a field count the same way;
    // a discard of something not named as derived (ClearUsers) is a change.
    [Fact]
    public async Task Recomputations_through_extensions_and_properties_count_and_discarding_source_data_does_not()
    {
        var source = Usings + """
            public sealed class Catalog { public Thumbs Thumbnails { get; } = new(); public void ClearUsers() { } }
            public sealed class Thumbs { public void RegenerateMissing() { } }
            public static class CatalogExtensions { public static void RecalculatePrices(this Catalog catalog) { } public static void InvalidateCache(this Catalog catalog) { } }

            [Ops.Deployment.UpdateStep]
            public sealed class RefreshCatalog
            {
                private readonly Catalog _catalog = new();
                public void Apply()
                {
                    _catalog.RecalculatePrices();
                    _catalog.Thumbnails.RegenerateMissing();
                    _catalog.InvalidateCache();
                }
            }

            [Ops.Deployment.UpdateStep]
            public sealed class {|#0:ResetAccounts|}
            {
                private readonly Catalog _catalog = new();
                public void Apply() { _catalog.InvalidateCache(); _catalog.ClearUsers(); }
            }
            """ + Contracts;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("ResetAccounts", "Apply", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    // Types with no base list, no attribute and no update word in their own or an enclosing type's name are ruled out from
    // syntax: steps are still found through an aliased attribute, an enclosing update-named type, and another part of a
    // partial type that has the base list.
    [Fact]
    public async Task Steps_without_a_base_list_are_still_found_by_an_aliased_attribute_an_enclosing_type_or_another_part()
    {
        var source = """
            using System;
            using System.IO;
            using Marker = Ops.Deployment.UpdateStepAttribute;

            [Marker]
            public sealed class {|#0:RotateTokens|}
            {
                public void Execute() => File.WriteAllText("/etc/app/tokens", "new");
            }

            public static class DeploymentPlan
            {
                public sealed class {|#1:SwapBinaries|}
                {
                    public void Apply() => File.Copy("/staging/app", "/srv/app", true);
                }
            }

            public sealed partial class {|#2:TrimJournal|}
            {
                public void Apply() => File.Delete("/var/lib/app/journal");
            }

            public sealed partial class TrimJournal : IUpdateStep { }

            // Nothing makes these steps: an Apply member alone, in a plain type or nested in a plain type.
            public sealed class Brush { public void Apply() => File.WriteAllText("/tmp/brush", "x"); }
            public static class Canvas { public sealed class Layer { public void Apply() => File.Delete("/tmp/layer"); } }
            """ + Contracts;

        const string NoRollback = "it has no Rollback, Revert, Down, Undo or Downgrade member";
        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("RotateTokens", "Execute", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("SwapBinaries", "Apply", NoRollback),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(2).WithArguments("TrimJournal", "Apply", NoRollback));
    }

    // Types with a base list or attributes are read from symbols only when a name in their hierarchy, or an attribute's written
    // name, could make a step: an attribute on a base class in source, a global using alias in another file and an inherited step
    // interface are still found; a type whose contracts and attributes name no step is not one, whatever its members are named.
    [Fact]
    public async Task Steps_by_a_base_class_attribute_a_global_alias_or_an_inherited_contract_are_found_and_neutral_contracts_are_not()
    {
        var test = new ChangeGateAnalyzerTest<UpdateStepWithoutRollbackAnalyzer>
        {
            TestCode = Usings + """
                [AttributeUsage(AttributeTargets.Class, Inherited = true)] public sealed class DataMigrationAttribute : Attribute { public DataMigrationAttribute(string v) { } }

                [DataMigration("3.0")]
                public abstract class CatalogChange { }

                public sealed class {|#0:SplitSkuColumn|} : CatalogChange
                {
                    public void Run() => File.WriteAllText("/srv/catalog/sku.csv", "");
                }

                [Marker]
                public sealed class {|#1:RotateSigningKey|}
                {
                    public void Execute() => File.WriteAllText("/etc/app/signing.key", "new");
                }

                public abstract class PipelineStage : IUpdateStep { public abstract void Apply(); }
                public sealed class {|#2:SwapWorkerPool|} : PipelineStage, IDisposable
                {
                    public override void Apply() => File.Delete("/srv/workers/pool.json");
                    public void Dispose() { }
                }

                // Neutral contracts and attributes: no step.
                [Serializable, Obsolete("old")]
                public sealed class Brushstroke : ICloneable, IDisposable
                {
                    public void Apply() => File.WriteAllText("/tmp/brush", "x");
                    public object Clone() => this;
                    public void Dispose() { }
                }
                """ + Contracts,
        };
        test.TestState.Sources.Add(("/src/GlobalUsings.cs", "global using Marker = Ops.Deployment.UpdateStepAttribute;\n"));
        const string NoRollback = "it has no Rollback, Revert, Down, Undo or Downgrade member";
        test.ExpectedDiagnostics.Add(VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("SplitSkuColumn", "Run", NoRollback));
        test.ExpectedDiagnostics.Add(VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("RotateSigningKey", "Execute", NoRollback));
        test.ExpectedDiagnostics.Add(VerifyCG2001.Diagnostic("CG2001").WithLocation(2).WithArguments("SwapWorkerPool", "Apply", NoRollback));
        await test.RunAsync();
    }

    // A using alias may sit in a namespace nested in another: the step attribute behind it is still found, and a type whose
    // only attribute is a neutral one beside it is still no step.
    [Fact]
    public async Task A_step_attribute_behind_an_alias_in_a_nested_namespace_is_found()
    {
        var source = Usings + """
            namespace Fleet
            {
                namespace Maintenance
                {
                    using Tag = Ops.Deployment.UpdateStepAttribute;

                    [Tag]
                    public sealed class {|#0:PurgeSessions|}
                    {
                        public void Execute() => File.Delete("/var/lib/app/sessions");
                    }

                    [Serializable]
                    public sealed class Palette { public void Apply() => File.WriteAllText("/tmp/palette", "x"); }
                }
            }
            """ + Contracts;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments(
                "PurgeSessions", "Execute", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }
}
