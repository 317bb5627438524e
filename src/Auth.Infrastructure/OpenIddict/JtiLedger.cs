using System.Security.Cryptography;
using System.Text;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>
/// The single-use JWTs already seen — private_key_jwt client assertions (RFC 7523 §3 item 7, OpenID Connect Core §9)
/// and DPoP proofs (RFC 9449 §11.1) — so that each is accepted once, on whichever node it arrives. Each is a row of
/// OpenIddict's token table, keyed by a hash of (kind, owner, jti) in the ReferenceId column, whose unique index makes
/// every node agree on which use came first; the row is redeemed and carries the JWT's end of validity, so grant
/// pruning removes it like any other spent token. No table of its own.
/// </summary>
public sealed class JtiLedger(AuthDbContext db, TimeProvider clock)
{
    /// <summary>A private_key_jwt client assertion; its owner is the client_id.</summary>
    public const string ClientAssertion = "client_assertion";

    /// <summary>A DPoP proof; its owner is the thumbprint of the key that signed it.</summary>
    public const string DPoPProof = "dpop_proof";

    /// <summary>Records the use of the <paramref name="kind"/> JWT (<paramref name="owner"/>, <paramref name="jti"/>).</summary>
    /// <returns>False when that JWT was used before: a replay.</returns>
    public async Task<bool> TryRecordAsync(string kind, string owner, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var prefix = kind == ClientAssertion ? "jti:" : kind + ":";
        var referenceId = prefix + Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(owner + "\n" + jti)));
        var id = Guid.CreateVersion7().ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = expiresAt.UtcDateTime;

        // ON CONFLICT DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+): a replay inserts nothing and raises nothing, so the
        // request's context is left clean for the token it goes on to issue.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "OpenIddictTokens" ("Id", "CreationDate", "ExpirationDate", "RedemptionDate", "ReferenceId", "Status", "Subject", "Type")
            VALUES ({id}, {now}, {expires}, {now}, {referenceId}, {"redeemed"}, {owner}, {kind})
            ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        return inserted == 1;
    }
}
