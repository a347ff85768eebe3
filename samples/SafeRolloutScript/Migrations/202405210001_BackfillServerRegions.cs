using FluentMigrator;

namespace SafeRolloutScript.Migrations;

/// <summary>Backfills the region of server rows that had none, and can clear exactly those again.</summary>
[Migration(202405210001)]
public sealed class BackfillServerRegions : Migration
{
    public override void Up() =>
        Execute.Sql("UPDATE Servers SET Region = SUBSTRING(Name, 1, 4), RegionBackfilled = 1 WHERE Region IS NULL");

    public override void Down() =>
        Execute.Sql("UPDATE Servers SET Region = NULL, RegionBackfilled = 0 WHERE RegionBackfilled = 1");
}
