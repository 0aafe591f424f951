using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IncidentsCase1 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    occurred_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    discovered_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    reported_by_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reported_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    is_anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    receipt_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    phi_involved = table.Column<bool>(type: "INTEGER", nullable: true),
                    estimated_individuals = table.Column<int>(type: "INTEGER", nullable: true),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    phi_type_codes = table.Column<string>(type: "TEXT", nullable: false),
                    affected_customer_ids = table.Column<string>(type: "TEXT", nullable: false),
                    agency = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    covered_entity_learned_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    delay_statement = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    delay_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    delay_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    delay_official = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    breach_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    breach_location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    safeguards_in_place = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    actions_taken = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    protective_steps = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    out_of_date_contacts = table.Column<int>(type: "INTEGER", nullable: true),
                    root_cause = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    lessons_learned = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reviewed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents_affected_counts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    counts_text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_affected_counts", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_affected_counts_incident_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents_assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    workforce_good_faith_exception = table.Column<bool>(type: "INTEGER", nullable: false),
                    authorized_person_exception = table.Column<bool>(type: "INTEGER", nullable: false),
                    could_not_retain_exception = table.Column<bool>(type: "INTEGER", nullable: false),
                    exception_rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    security = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    security_rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    nature_rating = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    nature_rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    recipient_rating = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    recipient_rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    acquired_rating = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    acquired_rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    mitigation_rating = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    mitigation_rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    author_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    author_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    written_at = table.Column<long>(type: "INTEGER", nullable: false),
                    signed_by_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    signed_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    signed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_assessments_incident_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incidents_details",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    description = table.Column<byte[]>(type: "BLOB", nullable: false),
                    phi_specifics = table.Column<byte[]>(type: "BLOB", nullable: true),
                    affected_people = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_details", x => x.incident_id);
                    table.ForeignKey(
                        name: "fk_incidents_details_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents_evidence",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    collected_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    collected_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: true),
                    custodian = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_evidence", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_evidence_incident_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents_obligations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sent_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    method = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    last_reminder_days = table.Column<int>(type: "INTEGER", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_obligations", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_obligations_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents_reporter_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<byte[]>(type: "BLOB", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_reporter_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_reporter_messages_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_tasks_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents_timeline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    incident_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_timeline", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_timeline_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents_evidence_custody",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evidence_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents_evidence_custody", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_evidence_custody_evidence_item_evidence_id",
                        column: x => x.evidence_id,
                        principalTable: "incidents_evidence",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_discovered_on",
                table: "incidents",
                column: "discovered_on");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_receipt_hash",
                table: "incidents",
                column: "receipt_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_reference",
                table: "incidents",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_reported_at",
                table: "incidents",
                column: "reported_at");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_affected_counts_incident_id_number",
                table: "incidents_affected_counts",
                columns: new[] { "incident_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_assessments_incident_id_version",
                table: "incidents_assessments",
                columns: new[] { "incident_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_evidence_incident_id",
                table: "incidents_evidence",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_evidence_custody_evidence_id",
                table: "incidents_evidence_custody",
                column: "evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_obligations_incident_id_key",
                table: "incidents_obligations",
                columns: new[] { "incident_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_reporter_messages_incident_id",
                table: "incidents_reporter_messages",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_tasks_incident_id",
                table: "incidents_tasks",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_timeline_incident_id_at",
                table: "incidents_timeline",
                columns: new[] { "incident_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incidents_affected_counts");

            migrationBuilder.DropTable(
                name: "incidents_assessments");

            migrationBuilder.DropTable(
                name: "incidents_details");

            migrationBuilder.DropTable(
                name: "incidents_evidence_custody");

            migrationBuilder.DropTable(
                name: "incidents_obligations");

            migrationBuilder.DropTable(
                name: "incidents_reporter_messages");

            migrationBuilder.DropTable(
                name: "incidents_tasks");

            migrationBuilder.DropTable(
                name: "incidents_timeline");

            migrationBuilder.DropTable(
                name: "incidents_evidence");

            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
