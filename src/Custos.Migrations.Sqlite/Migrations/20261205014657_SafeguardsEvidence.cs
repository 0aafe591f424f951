using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SafeguardsEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "evidence_integrity_findings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    detected_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_integrity_findings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    series_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    file_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    file_length = table.Column<long>(type: "INTEGER", nullable: true),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    effective_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    rejected_at = table.Column<long>(type: "INTEGER", nullable: true),
                    expired_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reviewed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    review_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    superseded_at = table.Column<long>(type: "INTEGER", nullable: true),
                    superseded_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    retain_until = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_file_blobs",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    blob_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    stored_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_file_blobs", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "safeguards_custom_requirements",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    guidance = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    family = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    evidence_freshness_days = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_custom_requirements", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "safeguards_implementation_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requirement_key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    before = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    after = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_implementation_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "safeguards_implementation_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requirement_key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    added_at = table.Column<long>(type: "INTEGER", nullable: false),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_implementation_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "safeguards_implementations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requirement_key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    not_applicable_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    how_met = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    next_review_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decision = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    decision_justification = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    alternative_measure = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    no_alternative_finding = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safeguards_implementations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_item_requirements",
                columns: table => new
                {
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    requirement_key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_item_requirements", x => new { x.evidence_id, x.requirement_key });
                    table.ForeignKey(
                        name: "fk_evidence_item_requirements_evidence_items_evidence_id",
                        column: x => x.evidence_id,
                        principalTable: "evidence_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_item_requirements_requirement_key",
                table: "evidence_item_requirements",
                column: "requirement_key");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_file_sha256",
                table: "evidence_items",
                column: "file_sha256");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_series_id_version",
                table: "evidence_items",
                columns: new[] { "series_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_safeguards_implementation_changes_requirement_key_changed_at",
                table: "safeguards_implementation_changes",
                columns: new[] { "requirement_key", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_safeguards_implementation_links_requirement_key",
                table: "safeguards_implementation_links",
                column: "requirement_key");

            migrationBuilder.CreateIndex(
                name: "ix_safeguards_implementations_requirement_key",
                table: "safeguards_implementations",
                column: "requirement_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evidence_integrity_findings");

            migrationBuilder.DropTable(
                name: "evidence_item_requirements");

            migrationBuilder.DropTable(
                name: "platform_file_blobs");

            migrationBuilder.DropTable(
                name: "safeguards_custom_requirements");

            migrationBuilder.DropTable(
                name: "safeguards_implementation_changes");

            migrationBuilder.DropTable(
                name: "safeguards_implementation_links");

            migrationBuilder.DropTable(
                name: "safeguards_implementations");

            migrationBuilder.DropTable(
                name: "evidence_items");
        }
    }
}
