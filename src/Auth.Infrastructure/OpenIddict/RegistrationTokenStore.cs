using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Auth.Application.Clients.Registration;
using Auth.Application.Ports;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>
/// Dynamic registration's tokens as rows of OpenIddict's token table, as <see cref="JtiLedger"/> keeps single-use JWTs:
/// the ReferenceId is a hash of the token (the token itself, 256 random bits, is never stored), Properties holds the
/// allowance, Subject the client. Spending an initial access token is one conditional UPDATE (returning the allowance), so of two registrations
/// with one token on two nodes exactly one succeeds; expired and spent rows go with grant pruning. A registration
/// access token has no expiry (RFC 7592 §3 leaves it to the server) and ends when its client is deleted or it is replaced.
/// </summary>
public sealed class RegistrationTokenStore(AuthDbContext db, TimeProvider clock) : IRegistrationTokens
{
    private const string InitialType = "registration_initial";
    private const string RegistrationType = "registration_access";

    public async Task<string> IssueInitialAccessTokenAsync(RegistrationAllowance allowance, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var token = NewToken();
        await InsertAsync(InitialType, Reference("iat:", token), subject: null, JsonSerializer.Serialize(allowance), expiresAt.UtcDateTime, cancellationToken);
        return token;
    }

    public async Task<RegistrationAllowance?> RedeemInitialAccessTokenAsync(string token, CancellationToken cancellationToken)
    {
        var reference = Reference("iat:", token);
        var now = clock.GetUtcNow().UtcDateTime;
        // Not composed (ToListAsync, not FirstOrDefaultAsync): an UPDATE … RETURNING cannot be a subquery.
        var spent = await db.Database.SqlQuery<TokenRow>(
            $"""
            UPDATE "OpenIddictTokens" SET "Status" = {"redeemed"}, "RedemptionDate" = {now}
            WHERE "ReferenceId" = {reference} AND "Type" = {InitialType} AND "Status" = {"valid"} AND "ExpirationDate" > {now}
            RETURNING "Subject", "Properties"
            """).ToListAsync(cancellationToken);
        return spent is [{ Properties: { } json }] ? JsonSerializer.Deserialize<RegistrationAllowance>(json) : null;
    }

    public async Task<string> IssueRegistrationAccessTokenAsync(string clientId, RegistrationAllowance allowance, CancellationToken cancellationToken)
    {
        await RevokeRegistrationAccessTokensAsync(clientId, cancellationToken);
        var token = NewToken();
        await InsertAsync(RegistrationType, Reference("rat:", token), clientId, JsonSerializer.Serialize(allowance), expiresAt: null, cancellationToken);
        return token;
    }

    public async Task<RegistrationAllowance?> FindRegistrationAccessTokenAsync(string clientId, string token, CancellationToken cancellationToken)
    {
        var reference = Reference("rat:", token);
        var row = await db.Database
            .SqlQuery<TokenRow>($"""SELECT "Subject", "Properties" FROM "OpenIddictTokens" WHERE "ReferenceId" = {reference} AND "Type" = {RegistrationType} AND "Status" = {"valid"}""")
            .FirstOrDefaultAsync(cancellationToken);
        return row is not null && string.Equals(row.Subject, clientId, StringComparison.Ordinal) && row.Properties is { } json
            ? JsonSerializer.Deserialize<RegistrationAllowance>(json)
            : null;
    }

    public Task RevokeRegistrationAccessTokensAsync(string clientId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""DELETE FROM "OpenIddictTokens" WHERE "Subject" = {clientId} AND "Type" = {RegistrationType}""", cancellationToken);

    private Task<int> InsertAsync(string type, string reference, string? subject, string properties, DateTime? expiresAt, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7().ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "OpenIddictTokens" ("Id", "CreationDate", "ExpirationDate", "Properties", "ReferenceId", "Status", "Subject", "Type")
            VALUES ({id}, {now}, {expiresAt}, {properties}, {reference}, {"valid"}, {subject}, {type})
            """,
            cancellationToken);
    }

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Reference(string prefix, string token) =>
        prefix + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record TokenRow(string? Subject, string? Properties);
}
