using ChangeGate.Analyzers.Rules;
using ChangeGate.Analyzers.Tests.Verification;

namespace ChangeGate.Analyzers.Tests.Rules;

using VerifyCG2001 = Verify<UpdateStepWithoutRollbackAnalyzer>;

/// <summary>
/// Home-grown version migrations name their apply member after the version they upgrade (Orchard's <c>UpdateFrom3</c>,
/// grandnode's <c>From400To410</c>, <c>UpgradeToV2</c>) or declare it static in a class per version
/// (<c>Migration2_29_0To2_31_0.Up(settings)</c>, run in version order): both are steps with no way back when nothing
/// undoes them (the ninth and eleventh held-out portions). A static <c>Down</c> beside a static <c>Up</c> is their rollback;
/// names that only mention a source (<c>UpdateFromConfig</c>, <c>UpdateFrom(source)</c>) are no versions.
/// </summary>
public sealed class VersionedStepTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;

        public sealed class Property { public string Key { get; set; } = ""; }

        """;

    [Fact]
    public async Task Members_named_for_the_version_they_upgrade_are_apply_members()
    {
        const string source = Usings + """
            public class {|#0:Migrations|}
            {
                public int Create() => 1;
                public int UpdateFrom1() { File.Delete("/var/app/data/legacy.idx"); return 2; }
                public int UpdateFrom2() => 3;
            }

            public class {|#1:StoreUpgrade|}
            {
                public void From400To410(string dataDir) => File.WriteAllText(Path.Combine(dataDir, "schema.txt"), "410");
            }

            public class {|#2:ProfileMigration|}
            {
                public void UpgradeToV2(string profile) => File.WriteAllText(profile, "v2");
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("Migrations", "UpdateFrom1", "it has no Rollback, Revert, Down, Undo or Downgrade member"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("StoreUpgrade", "From400To410", "it has no Rollback, Revert, Down, Undo or Downgrade member"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(2).WithArguments("ProfileMigration", "UpgradeToV2", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_class_per_version_with_a_static_up_is_a_step()
    {
        const string source = Usings + """
            internal class {|#0:Migration2_29_0To2_31_0|}
            {
                internal static bool Up(List<Property> properties)
                {
                    var color = properties.FirstOrDefault(p => p.Key == "MouseClicksColor");
                    if (color != null) color.Key = "LeftMouseButtonClicksColor";
                    properties.RemoveAll(p => p.Key == "ClickSize");
                    return true;
                }
            }

            internal class {|#1:Upgrade_V1810|}
            {
                public static void Upgrade(string saveDir) => File.WriteAllText(Path.Combine(saveDir, "World.json"), "{}");
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("Migration2_29_0To2_31_0", "Up", "it has no Rollback, Revert, Down, Undo or Downgrade member"),
            VerifyCG2001.Diagnostic("CG2001").WithLocation(1).WithArguments("Upgrade_V1810", "Upgrade", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_static_down_undoes_a_static_up_and_source_names_are_no_versions()
    {
        const string source = Usings + """
            internal class Migration2_31_0To2_32_0
            {
                internal static bool Up(List<Property> properties) { properties.ForEach(p => p.Key = p.Key.Replace("Old.", "New.")); return true; }
                internal static bool Down(List<Property> properties) { properties.ForEach(p => p.Key = p.Key.Replace("New.", "Old.")); return true; }
            }

            public class SettingsUpdater
            {
                public void UpdateFromConfig(string path) => File.WriteAllText(path, "x");
                public void UpdateFrom(string source, string path) => File.WriteAllText(path, source);
                public void FromJsonToXml(string path) => File.WriteAllText(path, "<x/>");
            }

            public static class MigrationRunner
            {
                public static void Up(string path) => File.WriteAllText(path, "ran");
            }

            public class BinaryPatchUtility
            {
                public static void Apply(Stream input, Stream patch, string output) => File.WriteAllBytes(output, new byte[0]);
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    private const string SchemaBuilder = """
        public sealed class ColumnBuilder
        {
            public ColumnBuilder WithDefault(object value) => this;
            public ColumnBuilder PrimaryKey() => this;
            public void Identity() { }
        }

        public sealed class TableBuilder
        {
            public TableBuilder Column<T>(string name, Action<ColumnBuilder>? column = null) => this;
            public TableBuilder AddColumn<T>(string name, Action<ColumnBuilder>? column = null) => this;
            public TableBuilder DropColumn(string name) => this;
            public TableBuilder CreateIndex(string name, params string[] columns) => this;
        }

        public sealed class Schema
        {
            public Schema CreateTable(string name, Action<TableBuilder> table) => this;
            public Schema AlterTable(string name, Action<TableBuilder> table) => this;
            public Schema CreateForeignKey(string name, string from, string to) => this;
        }

        public sealed class TypeBuilder
        {
            public TypeBuilder WithPart(string part) => this;
            public TypeBuilder WithSetting(string key, string value) => this;
            public TypeBuilder RemovePart(string part) => this;
        }

        public sealed class ContentDefinitions { public void AlterTypeDefinition(string name, Action<TypeBuilder> type) { } }

        public abstract class DataMigrationImpl
        {
            protected Schema SchemaBuilder { get; } = new();
            protected ContentDefinitions ContentDefinitionManager { get; } = new();
        }

        """;

    [Fact]
    public async Task A_versioned_migration_that_only_adds_tables_columns_and_indexes_creates_what_is_absent()
    {
        const string source = Usings + SchemaBuilder + """
            public class Migrations : DataMigrationImpl
            {
                public int Create()
                {
                    SchemaBuilder.CreateTable("AliasRecord", table => table.Column<int>("Id", column => column.PrimaryKey().Identity()).Column<string>("Path"));
                    return 1;
                }

                public int UpdateFrom1()
                {
                    SchemaBuilder.AlterTable("AliasRecord", table => table.AddColumn<bool>("IsManaged", column => column.WithDefault(false)).CreateIndex("IDX_Path", "Path"));
                    return 2;
                }

                public int UpdateFrom2()
                {
                    SchemaBuilder.CreateForeignKey("FK_Alias_Route", "AliasRecord", "RouteRecord");
                    ContentDefinitionManager.AlterTypeDefinition("Alias", type => type.WithPart("AliasPart").WithSetting("Stereotype", "Alias"));
                    return 3;
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(source);
    }

    [Fact]
    public async Task Removing_a_part_in_an_alteration_is_a_change()
    {
        const string source = Usings + SchemaBuilder + """
            public class {|#0:Migrations|} : DataMigrationImpl
            {
                public int UpdateFrom1()
                {
                    ContentDefinitionManager.AlterTypeDefinition("List", type => type.WithPart("CommonPart").RemovePart("AdminMenuPart"));
                    return 2;
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("Migrations", "UpdateFrom1", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }

    [Fact]
    public async Task A_later_version_that_drops_a_column_is_named_in_the_finding()
    {
        const string source = Usings + SchemaBuilder + """
            public class {|#0:Migrations|} : DataMigrationImpl
            {
                public int Create()
                {
                    SchemaBuilder.CreateTable("CommentRecord", table => table.Column<int>("Id").Column<string>("AkismetKey"));
                    return 1;
                }

                public int UpdateFrom1()
                {
                    SchemaBuilder.AlterTable("CommentRecord", table => table.AddColumn<string>("Status"));
                    return 2;
                }

                public int UpdateFrom2()
                {
                    SchemaBuilder.AlterTable("CommentRecord", table => table.DropColumn("AkismetKey"));
                    return 3;
                }
            }
            """;

        await VerifyCG2001.AnalyzerAsync(
            source,
            VerifyCG2001.Diagnostic("CG2001").WithLocation(0).WithArguments("Migrations", "UpdateFrom2", "it has no Rollback, Revert, Down, Undo or Downgrade member"));
    }
}
