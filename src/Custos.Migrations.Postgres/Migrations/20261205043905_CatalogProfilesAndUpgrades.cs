using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Postgres.Migrations
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
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    snapshot = table.Column<string>(type: "text", nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_catalog_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "safeguards_catalog_upgrades",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    to_version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    report = table.Column<string>(type: "text", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    dismissed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dismissed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_catalog_upgrades", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "safeguards_profile_choices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
