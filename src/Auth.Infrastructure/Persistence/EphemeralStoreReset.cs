using Auth.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Ephemeral mode's <c>POST /testing/reset</c>, the store's part: every user and what hangs off them, groups, tokens,
/// authorizations, sessions and audit records go; clients, scopes, identity providers, signing keys, the Data
/// Protection key ring and the change feed stay.
/// </summary>
public sealed class EphemeralStoreReset(AuthDbContext db, AuditWriter audit)
{
    // Children before parents, so the order holds whether or not SQLite enforces the foreign keys.
    private const string DeleteState = """
        DELETE FROM "OpenIddictTokens";
        DELETE FROM "OpenIddictAuthorizations";
        DELETE FROM "BackChannelLogoutNotices";
        DELETE FROM "SessionClients";
        DELETE FROM "Sessions";
        DELETE FROM "ExternalLogins";
        DELETE FROM "GroupMembers";
        DELETE FROM "Groups";
        DELETE FROM "PasswordSetupLinks";
        DELETE FROM "RecoveryCodes";
        DELETE FROM "TotpAuthenticators";
        DELETE FROM "UserAddresses";
        DELETE FROM "UserEmails";
        DELETE FROM "UserPhoneNumbers";
        DELETE FROM "Users";
        DELETE FROM "RefusedSignInNames";
        DELETE FROM "AuditEntries";
        """;

    public async Task DeleteStateAsync(CancellationToken cancellationToken)
    {
        if (db is not SqliteAuthDbContext)
        {
            throw new InvalidOperationException("Only an ephemeral (SQLite) store is reset.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(DeleteState, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Writes what the audit queue holds, then deletes every record: the reset's own records go too.</summary>
    public async Task ClearAuditAsync(CancellationToken cancellationToken)
    {
        await audit.FlushAsync(cancellationToken);
        await db.AuditEntries.ExecuteDeleteAsync(cancellationToken);
    }
}
