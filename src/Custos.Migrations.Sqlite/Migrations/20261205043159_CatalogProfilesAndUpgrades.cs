using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CatalogProfilesAndUpgrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "safeguards_catalog_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    stored_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_catalog_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "safeguards_catalog_upgrades",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    to_version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    report = table.Column<string>(type: "TEXT", nullable: false),
                    detected_at = table.Column<long>(type: "INTEGER", nullable: false),
                    dismissed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    dismissed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_catalog_upgrades", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "safeguards_profile_choices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    profile_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_profile_choices", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_safeguards_catalog_upgrades_from_version_to_version",
                table: "safeguards_catalog_upgrades",
                columns: new[] { "from_version", "to_version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_safeguards_profile_choices_profile_id_changed_at",
                table: "safeguards_profile_choices",
                columns: new[] { "profile_id", "changed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "safeguards_catalog_state");

            migrationBuilder.DropTable(
                name: "safeguards_catalog_upgrades");

            migrationBuilder.DropTable(
                name: "safeguards_profile_choices");
        }
    }
}
