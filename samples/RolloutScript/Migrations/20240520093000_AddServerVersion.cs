using Microsoft.EntityFrameworkCore.Migrations;

namespace RolloutScript.Migrations;

/// <summary>Adds the Version column to Servers. Its Down was left empty.</summary>
public partial class AddServerVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Version", table: "Servers", maxLength: 32, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) // expect: CG2002
    {
    }
}
