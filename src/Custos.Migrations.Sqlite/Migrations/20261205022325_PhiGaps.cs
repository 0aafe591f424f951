using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PhiGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "privacy_pseudonyms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    data_set = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_pseudonyms", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_privacy_pseudonyms_code",
                table: "privacy_pseudonyms",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_pseudonyms");
        }
    }
}
