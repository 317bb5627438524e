using Auth.Application.Ports;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.AccessChanges;

/// <summary>
/// Records a change to which access tokens count, in the caller's unit of work: the row is written with the caller's
/// connection (inside its transaction, if it has one), and this node applies it in memory once it is committed, so it
/// counts here before the caller answers. Other nodes read it from <see cref="AccessChangeFeed"/>; on PostgreSQL a
/// NOTIFY, delivered on commit, wakes them at once.
/// </summary>
public sealed partial class AccessChangeWriter(
    AuthDbContext db,
    AccessChangeObservers observers,
    AccessRevocations revocations,
    IOptions<RevocationOptions> options,
    IOptions<SigningKeyPolicy> keys,
    TimeProvider clock,
    ILogger<AccessChangeWriter> logger)
{
    /// <summary>The channel nodes LISTEN on (PostgreSQL).</summary>
    public const string Channel = "auth_access_changes";

    /// <summary>
    /// Revokes one access token until it expires. Past <see cref="RevocationOptions.MaximumEntries"/>, its client's
    /// tokens are cut off instead, which covers this one too.
    /// </summary>
    public Task DenyTokenAsync(string tokenId, string? clientId, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        if (revocations.DeniedTokenCount >= options.Value.MaximumEntries && clientId is not null)
        {
            LogEscalated(logger, options.Value.MaximumEntries, clientId);
            return CutOffAsync(AccessChangeKind.ClientCutOff, clientId, cancellationToken);
        }

        return WriteAsync(new AccessChange
        {
            Kind = AccessChangeKind.TokenDenied,
            Key = tokenId,
            At = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Expires = expires.ToUnixTimeMilliseconds(),
        }, cancellationToken);
    }

    /// <summary>Voids every access token of the subject, client or authorization issued until now.</summary>
    public Task CutOffAsync(AccessChangeKind kind, string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return WriteAsync(new AccessChange
        {
            Kind = kind,
            Key = key,
            At = now.ToUnixTimeMilliseconds(),
            // No access token lives longer than the longest token lifetime start-up admits.
            Expires = (now + keys.Value.MaximumTokenLifetime).ToUnixTimeMilliseconds(),
        }, cancellationToken);
    }

    /// <summary>
    /// Tells every node to read a scope (<see cref="AccessChangeKind.ScopeChanged"/>) or a client
    /// (<see cref="AccessChangeKind.ClientChanged"/>) again. Written after the change it announces, in the same unit of
    /// work, so a node that applies it reads the changed entity. Kept a few minutes: a node that has not read the feed
    /// for longer than a second has stopped serving either from memory anyway (<see cref="Scopes.ScopeCatalog"/>,
    /// <see cref="Clients.ClientCatalog"/>).
    /// </summary>
    public Task CatalogChangedAsync(AccessChangeKind kind, string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return WriteAsync(new AccessChange
        {
            Kind = kind,
            Key = key,
            At = now.ToUnixTimeMilliseconds(),
            Expires = (now + TimeSpan.FromMinutes(5)).ToUnixTimeMilliseconds(),
        }, cancellationToken);
    }

    private async Task WriteAsync(AccessChange change, CancellationToken cancellationToken)
    {
        // Not through the change tracker: the caller's pending changes are its own to save.
        if (db is PostgresAuthDbContext)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "AccessChanges" ("Kind", "Key", "At", "Expires", "TransactionId") VALUES ({(int)change.Kind}, {change.Key}, {change.At}, {change.Expires}, pg_current_xact_id()::text::bigint)""",
                cancellationToken);
            await db.Database.ExecuteSqlRawAsync("NOTIFY " + Channel, cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "AccessChanges" ("Kind", "Key", "At", "Expires") VALUES ({(int)change.Kind}, {change.Key}, {change.At}, {change.Expires})""",
                cancellationToken);
        }

        db.AfterCommit(() => observers.Apply(change));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "More than {MaximumEntries} access tokens are revoked one by one; every token of client {ClientId} issued until now is cut off instead")]
    private static partial void LogEscalated(ILogger logger, int maximumEntries, string clientId);
}
