using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;
using Microsoft.CodeAnalysis.Testing;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG2002 = Verify<IrreversibleMigrationAnalyzer>;

public sealed class CG2002IrreversibleMigrationTests
{
    private static ChangeGateAnalyzerTest<IrreversibleMigrationAnalyzer> EntityFramework(string source, params DiagnosticResult[] expected) =>
        Test(MigrationPackages.EntityFrameworkCore, source, expected);

    private static ChangeGateAnalyzerTest<IrreversibleMigrationAnalyzer> Fluent(string source, params DiagnosticResult[] expected) =>
        Test(MigrationPackages.FluentMigrator, source, expected);

    private static ChangeGateAnalyzerTest<IrreversibleMigrationAnalyzer> Test(ReferenceAssemblies references, string source, DiagnosticResult[] expected)
    {
        var test = new ChangeGateAnalyzerTest<IrreversibleMigrationAnalyzer> { ReferenceAssemblies = references, TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    private const string EmptyDownMigration = """
        using Microsoft.EntityFrameworkCore.Migrations;

        public partial class AddServerVersion : Migration
        {
            protected override void Up(MigrationBuilder migrationBuilder)
            {
                migrationBuilder.AddColumn<string>(name: "Version", table: "Servers", nullable: true);
            }

            protected override void {|#0:Down|}(MigrationBuilder migrationBuilder)
            {
            }
        }
        """;

    [Fact]
    public async Task An_EF_Core_migration_with_Up_filled_and_Down_empty_is_reported_on_Down()
    {
        await EntityFramework(
            EmptyDownMigration,
            VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("AddServerVersion", "its Down is empty")).RunAsync();
    }

    [Fact]
    public async Task An_EF_Core_migration_whose_Down_undoes_Up_is_not_reported()
    {
        const string source = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public partial class AddServerVersion : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.AddColumn<string>(name: "Version", table: "Servers", nullable: true);
                }

                protected override void Down(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropColumn(name: "Version", table: "Servers");
                }
            }
            """;

        await EntityFramework(source).RunAsync();
    }

    [Fact]
    public async Task An_EF_Core_migration_without_Down_inherits_one_that_throws()
    {
        const string source = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public class {|#0:CreateDeployments|} : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) =>
                    migrationBuilder.CreateTable(name: "Deployments", columns: table => new { Id = table.Column<int>() });
            }
            """;

        await EntityFramework(
            source,
            VerifyCG2002.Diagnostic("CG2002").WithLocation(0)
                .WithArguments("CreateDeployments", "it does not override Down, and EF Core's Migration.Down throws NotSupportedException")).RunAsync();
    }

    [Fact]
    public async Task An_EF_Core_Down_that_throws_or_only_calls_the_base_is_reported()
    {
        const string source = """
            using System;
            using Microsoft.EntityFrameworkCore.Migrations;

            public class DropLegacyTable : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Legacy");
                protected override void {|#0:Down|}(MigrationBuilder migrationBuilder) => throw new NotSupportedException("data is gone");
            }

            public class RenameColumn : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.RenameColumn("Host", "Servers", "HostName");
                protected override void {|#1:Down|}(MigrationBuilder migrationBuilder) => base.Down(migrationBuilder);
            }
            """;

        await EntityFramework(
            source,
            VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("DropLegacyTable", "its Down always throws"),
            VerifyCG2002.Diagnostic("CG2002").WithLocation(1).WithArguments("RenameColumn", "its Down only calls base.Down, which throws NotSupportedException")).RunAsync();
    }

    [Fact]
    public async Task A_migration_whose_Up_does_nothing_has_nothing_to_undo()
    {
        const string source = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public class Baseline : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) { }
                protected override void Down(MigrationBuilder migrationBuilder) { }
            }
            """;

        await EntityFramework(source).RunAsync();
    }

    [Fact]
    public async Task A_Down_declared_in_our_own_base_migration_counts()
    {
        const string source = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public abstract class SeedMigration : Migration
            {
                protected abstract string Table { get; }
                protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"DELETE FROM {Table}");
            }

            public class SeedRegions : SeedMigration
            {
                protected override string Table => "Regions";
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("INSERT INTO Regions VALUES ('kr-1')");
            }
            """;

        await EntityFramework(source).RunAsync();
    }

    [Fact]
    public async Task An_empty_Down_in_our_own_base_migration_is_reported_once_where_it_is_declared()
    {
        // Every migration deriving from these bases inherits a Down that undoes nothing.
        const string source = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public abstract class SeedMigration : Migration
            {
                protected override void {|#0:Down|}(MigrationBuilder migrationBuilder) { }
            }

            public class SeedRegions : SeedMigration
            {
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("INSERT INTO Regions VALUES ('kr-1')");
            }

            public class SeedZones : SeedMigration
            {
                protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("INSERT INTO Zones VALUES ('kr-1a')");
            }

            public abstract class TableMigration : Migration
            {
                protected abstract string Table { get; }
            }
            """;

        await EntityFramework(
            source,
            VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("SeedMigration", "its Down is empty")).RunAsync();
    }

    [Fact]
    public async Task FluentMigrator_migrations_with_an_empty_or_throwing_Down_are_reported()
    {
        const string source = """
            using System;
            using FluentMigrator;

            [Migration(202405200001)]
            public class AddRolloutTable : Migration
            {
                public override void Up() => Create.Table("Rollouts").WithColumn("Id").AsInt32().PrimaryKey();
                public override void {|#0:Down|}() { }
            }

            [Migration(202405200002)]
            public class AddStageColumn : Migration
            {
                public override void Up() => Alter.Table("Rollouts").AddColumn("Stage").AsString().Nullable();
                public override void {|#1:Down|}() => throw new NotImplementedException();
            }

            [Migration(202405200003)]
            public class AddIndex : Migration
            {
                public override void Up() => Create.Index("IX_Stage").OnTable("Rollouts").OnColumn("Stage");
                public override void Down() => Delete.Index("IX_Stage").OnTable("Rollouts");
            }
            """;

        await Fluent(
            source,
            VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("AddRolloutTable", "its Down is empty"),
            VerifyCG2002.Diagnostic("CG2002").WithLocation(1).WithArguments("AddStageColumn", "its Down always throws")).RunAsync();
    }

    [Fact]
    public async Task A_FluentMigrator_ForwardOnlyMigration_is_reported_and_an_AutoReversingMigration_is_not()
    {
        const string source = """
            using FluentMigrator;

            [Migration(202405210001)]
            public class {|#0:BackfillServerIds|} : ForwardOnlyMigration
            {
                public override void Up() => Execute.Sql("UPDATE Servers SET Id = NEWID()");
            }

            [Migration(202405210002)]
            public class AddAuditTable : AutoReversingMigration
            {
                public override void Up() => Create.Table("Audit").WithColumn("Id").AsInt32();
            }
            """;

        await Fluent(
            source,
            VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("BackfillServerIds", "it derives from ForwardOnlyMigration, whose Down throws")).RunAsync();
    }

    [Fact]
    public async Task Reported_in_a_file_marked_auto_generated()
    {
        var test = EntityFramework("// <auto-generated/>\n" + EmptyDownMigration, VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("AddServerVersion", "its Down is empty"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("/Migrations/20240520093000_AddServerVersion.g.cs")]
    [InlineData("/Migrations/20240520093000_AddServerVersion.Designer.cs")]
    public async Task Reported_in_a_file_named_as_generated(string path)
    {
        var test = new ChangeGateAnalyzerTest<IrreversibleMigrationAnalyzer> { ReferenceAssemblies = MigrationPackages.EntityFrameworkCore };
        test.TestState.Sources.Add((path, EmptyDownMigration));
        test.ExpectedDiagnostics.Add(VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("AddServerVersion", "its Down is empty"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Reported_where_editorconfig_marks_migrations_as_generated_code()
    {
        var test = EntityFramework(EmptyDownMigration, VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("AddServerVersion", "its Down is empty"))
            .WithEditorConfig("generated_code = true");
        await test.RunAsync();
    }

    [Fact]
    public async Task A_migration_split_over_a_generated_Designer_part_is_reported_on_the_part_with_Up()
    {
        var test = new ChangeGateAnalyzerTest<IrreversibleMigrationAnalyzer> { ReferenceAssemblies = MigrationPackages.EntityFrameworkCore };
        test.TestState.Sources.Add(("/Migrations/20240521_CreateIncidents.cs", """
            using Microsoft.EntityFrameworkCore.Migrations;

            public partial class {|#0:CreateIncidents|} : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) =>
                    migrationBuilder.CreateTable(name: "Incidents", columns: table => new { Id = table.Column<int>() });
            }
            """));
        test.TestState.Sources.Add(("/Migrations/20240521_CreateIncidents.Designer.cs", """
            // <auto-generated />
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Infrastructure;
            using Microsoft.EntityFrameworkCore.Migrations;

            [Migration("20240521_CreateIncidents")]
            partial class CreateIncidents
            {
                protected override void BuildTargetModel(ModelBuilder modelBuilder) { }
            }
            """));
        test.ExpectedDiagnostics.Add(VerifyCG2002.Diagnostic("CG2002").WithLocation(0)
            .WithArguments("CreateIncidents", "it does not override Down, and EF Core's Migration.Down throws NotSupportedException"));

        await test.RunAsync();
    }

    [Fact]
    public async Task Look_alike_Migration_classes_without_the_packages_register_nothing()
    {
        const string source = """
            namespace Microsoft.EntityFrameworkCore.Migrations.Fake
            {
                public abstract class Migration { protected abstract void Up(); protected virtual void Down() { } }
            }

            public class HandWritten : Microsoft.EntityFrameworkCore.Migrations.Fake.Migration
            {
                protected override void Up() { System.Console.WriteLine("create table"); }
                protected override void Down() { }
            }
            """;

        await VerifyCG2002.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Both_frameworks_in_one_compilation()
    {
        const string source = """
            public class EfStep : Microsoft.EntityFrameworkCore.Migrations.Migration
            {
                protected override void Up(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder b) => b.EnsureSchema("ops");
                protected override void {|#0:Down|}(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder b) { }
            }

            [FluentMigrator.Migration(1)]
            public class {|#1:FluentStep|} : FluentMigrator.ForwardOnlyMigration
            {
                public override void Up() => Execute.Sql("SELECT 1");
            }
            """;

        await Test(
            MigrationPackages.Both,
            source,
            new[]
            {
                VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("EfStep", "its Down is empty"),
                VerifyCG2002.Diagnostic("CG2002").WithLocation(1).WithArguments("FluentStep", "it derives from ForwardOnlyMigration, whose Down throws"),
            }).RunAsync();
    }

    // Field report class 9: a throwing Down inherited from a base migration in another file is reported once, on the base;
    // the migrations that derive from it are covered by that finding and not reported again.
    [Fact]
    public async Task A_throwing_Down_in_a_base_migration_in_another_file_is_reported_once_on_the_base()
    {
        var test = new ChangeGateAnalyzerTest<IrreversibleMigrationAnalyzer> { ReferenceAssemblies = MigrationPackages.FluentMigrator };
        test.TestState.Sources.Add(("/Migrations/ShopMigration.cs", """
            using System;
            using FluentMigrator;

            public abstract class ShopMigration : Migration
            {
                public override void {|#0:Down|}() => throw new NotSupportedException();
            }
            """));
        test.TestState.Sources.Add(("/Migrations/042_DropCouponTable.cs", """
            using FluentMigrator;

            [Migration(42)]
            public class DropCouponTable : ShopMigration
            {
                public override void Up() => Delete.Table("coupons");
            }

            [Migration(43)]
            public class DropGiftCards : ShopMigration
            {
                public override void Up() => Delete.Table("gift_cards");
            }
            """));
        test.ExpectedDiagnostics.Add(VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("ShopMigration", "its Down always throws"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_template_base_whose_Up_calls_hooks_and_whose_Down_throws_is_reported_once()
    {
        // Sonarr-style: the base's Up dispatches to a virtual hook (empty by default) and its Down throws.
        const string source = """
            using System;
            using FluentMigrator;

            public abstract class AppMigrationBase : Migration
            {
                protected virtual void MainDbUpgrade() { }
                public override void Up() => MainDbUpgrade();
                public override void {|#0:Down|}() { throw new NotImplementedException(); }
            }

            [Migration(7)]
            public class AddEpisodeIndex : AppMigrationBase
            {
                protected override void MainDbUpgrade() => Create.Index().OnTable("Episodes").OnColumn("SeriesId");
            }

            [Migration(8)]
            public class AddSeasonIndex : AppMigrationBase
            {
                protected override void MainDbUpgrade() => Create.Index().OnTable("Seasons").OnColumn("SeriesId");
                public override void Down() => Delete.Index().OnTable("Seasons").OnColumn("SeriesId");
            }
            """;

        await Fluent(source, VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("AppMigrationBase", "its Down always throws")).RunAsync();
    }

    [Fact]
    public async Task An_EF_Core_base_with_an_empty_Down_and_an_empty_Up_template_is_still_reported()
    {
        // The base's own Up is a template that derived migrations fill in: it does not make the base "nothing to undo".
        const string source = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public abstract class TenantMigration : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) { }
                protected override void {|#0:Down|}(MigrationBuilder migrationBuilder) { }
            }

            public class AddTenantId : TenantMigration
            {
                protected override void Up(MigrationBuilder migrationBuilder) =>
                    migrationBuilder.AddColumn<int>(name: "TenantId", table: "Orders", nullable: true);
            }
            """;

        await EntityFramework(source, VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("TenantMigration", "its Down is empty")).RunAsync();
    }

    // Field report class 16: maintenance migrations run outside versioning; nothing rolls them back.
    [Fact]
    public async Task Maintenance_and_profile_migrations_are_not_reported_but_versioned_ones_next_to_them_are()
    {
        const string source = """
            using System;
            using FluentMigrator;

            [Maintenance(MigrationStage.AfterAll)]
            public class RefreshPlannerStatistics : Migration
            {
                public override void Up() => Execute.Sql("ANALYZE");
                public override void Down() { }
            }

            [Maintenance(MigrationStage.BeforeEach)]
            public class SetSessionTimeouts : Migration
            {
                public override void Up() => Execute.Sql("SET lock_timeout = '5s'");
                public override void Down() => throw new NotSupportedException();
            }

            [Profile("Development")]
            public class SeedDemoCustomers : Migration
            {
                public override void Up() => Insert.IntoTable("customers").Row(new { name = "demo" });
                public override void Down() { }
            }

            [Migration(202406010001)]
            public class AddLoyaltyPoints : Migration
            {
                public override void Up() => Alter.Table("customers").AddColumn("points").AsInt32().Nullable();
                public override void {|#0:Down|}() { }
            }
            """;

        await Fluent(source, VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("AddLoyaltyPoints", "its Down is empty")).RunAsync();
    }

    [Fact]
    public async Task An_attribute_that_only_looks_like_maintenance_does_not_exempt_a_migration()
    {
        const string source = """
            using System;
            using FluentMigrator;

            [AttributeUsage(AttributeTargets.Class)] public sealed class MaintenanceWindowAttribute : Attribute { }

            [Migration(9), MaintenanceWindow]
            public class DropLegacyOrders : Migration
            {
                public override void Up() => Delete.Table("legacy_orders");
                public override void {|#0:Down|}() { }
            }
            """;

        await Fluent(source, VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("DropLegacyOrders", "its Down is empty")).RunAsync();
    }

    // Field report class 2: without the migration packages (a file read alone, code under edit) the base does not resolve.
    [Fact]
    public async Task Migrations_whose_base_does_not_resolve_are_matched_by_the_base_name_and_the_shape_of_Up()
    {
        const string source = """
            using System;

            public partial class {|#0:AddServerVersion|} : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) =>
                    migrationBuilder.AddColumn<string>(name: "Version", table: "Servers", nullable: true);
            }

            public class AddRolloutTable : FluentMigrator.Migration
            {
                public override void Up() => Create.Table("Rollouts");
                public override void {|#1:Down|}() { }
            }

            public class {|#2:BackfillIds|} : ForwardOnlyMigration
            {
                public override void Up() => Execute.Sql("UPDATE Servers SET Id = NEWID()");
            }

            public class AddAuditTable : AutoReversingMigration
            {
                public override void Up() => Create.Table("Audit");
            }

            public class AddStageColumn : Migration
            {
                public override void Up() => Alter.Table("Rollouts").AddColumn("Stage");
                public override void Down() => Delete.Column("Stage").FromTable("Rollouts");
            }

            public class NotAMigration : UnknownMigrationBase
            {
                public override void Down() { }
            }
            """;

        await VerifyCG2002.AnalyzerOnBrokenCodeAsync(
            source,
            VerifyCG2002.Diagnostic("CG2002").WithLocation(0).WithArguments("AddServerVersion", "it does not override Down, and EF Core's Migration.Down throws NotSupportedException"),
            VerifyCG2002.Diagnostic("CG2002").WithLocation(1).WithArguments("AddRolloutTable", "its Down is empty"),
            VerifyCG2002.Diagnostic("CG2002").WithLocation(2).WithArguments("BackfillIds", "it derives from ForwardOnlyMigration, whose Down throws"));
    }

    [Fact]
    public async Task The_severity_can_be_configured_off()
    {
        var source = EmptyDownMigration.Replace("{|#0:Down|}", "Down");
        await EntityFramework(source).WithEditorConfig("dotnet_diagnostic.CG2002.severity = none").RunAsync();
    }

    [Fact]
    public async Task Broken_code_does_not_crash_the_analyzer_and_what_can_be_read_is_still_checked()
    {
        const string source = """
            using Microsoft.EntityFrameworkCore.Migrations;

            public class Broken : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder) { migrationBuilder.AddColumn<
                protected override void Down(MigrationBuilder
            }

            public class {|CG2002:NoBody|} : Migration { protected override void Up(MigrationBuilder b); }
            public class WrongBase : UnknownMigration { public override void Down() { } }
            """;

        var test = EntityFramework(source);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
