using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OneFirstRunSetup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "purpose",
                table: "identity_setup_tokens",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "first-administrator");

            migrationBuilder.CreateIndex(
                name: "ux_identity_setup_tokens_one_used",
                table: "identity_setup_tokens",
                column: "purpose",
                unique: true,
                filter: "used_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_identity_setup_tokens_one_used",
                table: "identity_setup_tokens");

            migrationBuilder.DropColumn(
                name: "purpose",
                table: "identity_setup_tokens");
        }
    }
}
