using FluentMigrator;

namespace RolloutScript.Migrations;

/// <summary>Backfills the region of every server row. Forward-only: once run, the old values are gone.</summary>
[Migration(202405210001)]
public sealed class BackfillServerRegions : ForwardOnlyMigration // expect: CG2002
{
    public override void Up() =>
        Execute.Sql("UPDATE Servers SET Region = SUBSTRING(Name, 1, 4) WHERE Region IS NULL");
}
