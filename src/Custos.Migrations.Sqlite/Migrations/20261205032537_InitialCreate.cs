using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_elevations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    justification = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    duration_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved = table.Column<bool>(type: "INTEGER", nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_by_id = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    decided_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    decision_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    review = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reviewed_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    review_findings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_elevations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    raised_at = table.Column<long>(type: "INTEGER", nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_at = table.Column<long>(type: "INTEGER", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    origin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false),
                    root_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    signed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    signature = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    resource_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    client_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    node = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_ledger_info",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_ledger_info", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_tree_nodes",
                columns: table => new
                {
                    position = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_tree_nodes", x => x.position);
                });

            migrationBuilder.CreateTable(
                name: "audit_verification_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: false),
                    trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    entries_checked = table.Column<long>(type: "INTEGER", nullable: false),
                    failure_kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    failure_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_verification_runs", x => x.id);
                });

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
                name: "identity_account_activations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_account_activations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    scopes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    created_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    rotated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    retires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    replaced_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_used_from = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_setup_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_setup_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disabled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    access_ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    privileges_changed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_totp_time_step = table.Column<long>(type: "INTEGER", nullable: false),
                    consecutive_lockouts = table.Column<int>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<long>(type: "INTEGER", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_users", x => x.id);
                });

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
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    read_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organization_customers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    search_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    notification_window_days = table.Column<int>(type: "INTEGER", nullable: false),
                    baa_effective_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    breach_notice_contact_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    breach_notice_contact_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    breach_notice_contact_phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    breach_notice_contact_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    rights_request_contact_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    rights_request_contact_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    rights_request_contact_phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    rights_request_contact_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organization_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organization_officer_designations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    effective_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organization_officer_designations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organization_profiles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address_city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    address_country = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    address_line1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address_line2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    address_postal_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    address_region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    main_contact_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    main_contact_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    main_contact_phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    main_contact_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organization_profiles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_data_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    key_encryption_key_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    wrapped_key = table.Column<byte[]>(type: "BLOB", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    retiring_since = table.Column<long>(type: "INTEGER", nullable: true),
                    retired_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_data_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_data_protection_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    friendly_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    xml = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_data_protection_keys", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "identity_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_role_claims_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_recovery_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_recovery_codes", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_recovery_codes_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    mfa_verified_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    client_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_sessions_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_user_claims_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_identity_user_logins_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_passkeys",
                columns: table => new
                {
                    credential_id = table.Column<byte[]>(type: "BLOB", maxLength: 1024, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_passkeys", x => x.credential_id);
                    table.ForeignKey(
                        name: "fk_identity_user_passkeys_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_identity_user_tokens_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "ix_access_elevations_requested_at",
                table: "access_elevations",
                column: "requested_at");

            migrationBuilder.CreateIndex(
                name: "ix_access_elevations_user_id_expires_at",
                table: "access_elevations",
                columns: new[] { "user_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_alerts_acknowledged_at",
                table: "audit_alerts",
                column: "acknowledged_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_checkpoints_tree_size",
                table: "audit_checkpoints",
                column: "tree_size");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_actor_id_sequence",
                table: "audit_entries",
                columns: new[] { "actor_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_recorded_at",
                table: "audit_entries",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_resource_type_resource_id_sequence",
                table: "audit_entries",
                columns: new[] { "resource_type", "resource_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_sequence",
                table: "audit_entries",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_waiting",
                table: "audit_entries",
                column: "id",
                filter: "sequence IS NULL");

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
                name: "ix_identity_account_activations_token_hash",
                table: "identity_account_activations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_account_activations_user_id",
                table: "identity_account_activations",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_api_keys_prefix",
                table: "identity_api_keys",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_recovery_codes_user_id_code_hash",
                table: "identity_recovery_codes",
                columns: new[] { "user_id", "code_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_role_claims_role_id",
                table: "identity_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "identity_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_user_id_ended_at",
                table: "identity_sessions",
                columns: new[] { "user_id", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_identity_setup_tokens_token_hash",
                table: "identity_setup_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_identity_setup_tokens_one_used",
                table: "identity_setup_tokens",
                column: "purpose",
                unique: true,
                filter: "used_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_claims_user_id",
                table: "identity_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_logins_user_id",
                table: "identity_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_passkeys_user_id",
                table: "identity_user_passkeys",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_roles_role_id",
                table: "identity_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "identity_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "identity_users",
                column: "normalized_user_name",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_id_read_at",
                table: "notifications",
                columns: new[] { "recipient_id", "read_at" });

            migrationBuilder.CreateIndex(
                name: "ix_organization_customers_search_name",
                table: "organization_customers",
                column: "search_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organization_officer_designations_role_effective_on",
                table: "organization_officer_designations",
                columns: new[] { "role", "effective_on" });

            migrationBuilder.CreateIndex(
                name: "ux_organization_officer_designations_current_role",
                table: "organization_officer_designations",
                column: "role",
                unique: true,
                filter: "ended_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_platform_data_keys_one_active",
                table: "platform_data_keys",
                column: "purpose",
                unique: true,
                filter: "state = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_privacy_pseudonyms_code",
                table: "privacy_pseudonyms",
                column: "code",
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
                name: "access_elevations");

            migrationBuilder.DropTable(
                name: "audit_alerts");

            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "audit_ledger_info");

            migrationBuilder.DropTable(
                name: "audit_tree_nodes");

            migrationBuilder.DropTable(
                name: "audit_verification_runs");

            migrationBuilder.DropTable(
                name: "evidence_integrity_findings");

            migrationBuilder.DropTable(
                name: "evidence_item_requirements");

            migrationBuilder.DropTable(
                name: "identity_account_activations");

            migrationBuilder.DropTable(
                name: "identity_api_keys");

            migrationBuilder.DropTable(
                name: "identity_recovery_codes");

            migrationBuilder.DropTable(
                name: "identity_role_claims");

            migrationBuilder.DropTable(
                name: "identity_sessions");

            migrationBuilder.DropTable(
                name: "identity_setup_tokens");

            migrationBuilder.DropTable(
                name: "identity_user_claims");

            migrationBuilder.DropTable(
                name: "identity_user_logins");

            migrationBuilder.DropTable(
                name: "identity_user_passkeys");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "identity_user_tokens");

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
                name: "notifications");

            migrationBuilder.DropTable(
                name: "organization_customers");

            migrationBuilder.DropTable(
                name: "organization_officer_designations");

            migrationBuilder.DropTable(
                name: "organization_profiles");

            migrationBuilder.DropTable(
                name: "platform_data_keys");

            migrationBuilder.DropTable(
                name: "platform_data_protection_keys");

            migrationBuilder.DropTable(
                name: "platform_file_blobs");

            migrationBuilder.DropTable(
                name: "privacy_pseudonyms");

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

            migrationBuilder.DropTable(
                name: "identity_roles");

            migrationBuilder.DropTable(
                name: "identity_users");

            migrationBuilder.DropTable(
                name: "incidents_evidence");

            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
