using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditArchives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_archives",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    from_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    through_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    root_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    manifest_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    file_hashes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    oldest_recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    newest_recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<long>(type: "INTEGER", nullable: false),
                    archived_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_archives", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_archives_from_sequence",
                table: "audit_archives",
                column: "from_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_archives_through_sequence",
                table: "audit_archives",
                column: "through_sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_archives");
        }
    }
}
