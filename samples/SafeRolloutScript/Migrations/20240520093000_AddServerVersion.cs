using Microsoft.EntityFrameworkCore.Migrations;

namespace SafeRolloutScript.Migrations;

/// <summary>Adds the Version column to Servers; Down removes it again.</summary>
public partial class AddServerVersion : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Version", table: "Servers", maxLength: 32, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Version", table: "Servers");
    }
}
