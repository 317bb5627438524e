using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Auth.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScimUniquenessRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_ExternalIdIssuer_ExternalId",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Groups_ExternalIdIssuer_ExternalId",
                table: "Groups");

            migrationBuilder.AddColumn<string>(
                name: "ProvisioningClient",
                table: "Groups",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UniqueDisplayName",
                table: "Groups",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_ExternalIdIssuer_ExternalId",
                table: "Users",
                columns: new[] { "ExternalIdIssuer", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_ExternalIdIssuer_ExternalId",
                table: "Groups",
                columns: new[] { "ExternalIdIssuer", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_ProvisioningClient_UniqueDisplayName",
                table: "Groups",
                columns: new[] { "ProvisioningClient", "UniqueDisplayName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_ExternalIdIssuer_ExternalId",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Groups_ExternalIdIssuer_ExternalId",
                table: "Groups");

            migrationBuilder.DropIndex(
                name: "IX_Groups_ProvisioningClient_UniqueDisplayName",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "ProvisioningClient",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "UniqueDisplayName",
                table: "Groups");

            migrationBuilder.CreateIndex(
                name: "IX_Users_ExternalIdIssuer_ExternalId",
                table: "Users",
                columns: new[] { "ExternalIdIssuer", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Groups_ExternalIdIssuer_ExternalId",
                table: "Groups",
                columns: new[] { "ExternalIdIssuer", "ExternalId" },
                unique: true);
        }
    }
}
