using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custos.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CustomerDelegatesBreachNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "delegates_breach_notices",
                table: "organization_customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "delegates_breach_notices",
                table: "organization_customers");
        }
    }
}
