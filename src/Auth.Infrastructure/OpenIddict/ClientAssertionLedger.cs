using System.Security.Cryptography;
using System.Text;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>
/// The private_key_jwt assertions already used, so that one is accepted once (RFC 7523 §3 item 7, OpenID Connect Core
/// §9: the jti is single-use). Each is a row of OpenIddict's token table, keyed by a hash of (client, jti) in the
/// ReferenceId column, whose unique index makes every node agree on which use came first; the row is redeemed and
/// carries the assertion's expiry, so grant pruning removes it like any other spent token. No table of its own.
/// </summary>
public sealed class ClientAssertionLedger(AuthDbContext db, TimeProvider clock)
{
    public const string TokenType = "client_assertion";

    /// <summary>Records the use of (<paramref name="clientId"/>, <paramref name="jti"/>).</summary>
    /// <returns>False when that assertion was used before: a replay.</returns>
    public async Task<bool> TryRecordAsync(string clientId, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var referenceId = "jti:" + Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(clientId + "\n" + jti)));
        var id = Guid.CreateVersion7().ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = expiresAt.UtcDateTime;

        // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+): a replay inserts nothing and raises nothing, so the
        // request's context is left clean for the token it goes on to issue.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "OpenIddictTokens" ("Id", "CreationDate", "ExpirationDate", "RedemptionDate", "ReferenceId", "Status", "Subject", "Type")
            VALUES ({id}, {now}, {expires}, {now}, {referenceId}, {"redeemed"}, {clientId}, {TokenType})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        return inserted == 1;
    }
}
