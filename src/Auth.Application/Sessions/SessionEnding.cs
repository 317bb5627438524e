using Auth.Application.Ports;
using Auth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Sessions;

/// <summary>
/// The one way a use case ends browser sessions. The rows are deleted, and every client of each session that has a
/// <c>backchannel_logout_uri</c> gets a notice in the back-channel logout outbox (OpenID Connect Back-Channel Logout 1.0
/// §2.7), written in the same transaction: a session never ends without its notices, and a notice never tells of a
/// session that goes on. The clients of a session are those that received an authorization code or a device
/// approval in it (<see cref="RecordSessionClient"/>).
/// </summary>
public sealed class SessionEnding(IAuthDbContext db, IClientRegistry clients, IOptions<BackChannelLogoutOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Saves what the scope has changed and ends the sessions <paramref name="sessions"/> selects, in one transaction
    /// (inside a caller's, it joins that one); the number of sessions ended. The notices are read before the save, so
    /// a change that ends sessions by itself (a deleted user's rows go with the user) still tells their clients.
    /// </summary>
    public async Task<int> SaveEndingAsync(IQueryable<UserSession> sessions, CancellationToken cancellationToken)
    {
        if (options.Value.BackChannelLogout)
        {
            await QueueNoticesAsync(sessions, cancellationToken);
        }

        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var ended = await sessions.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    private async Task QueueNoticesAsync(IQueryable<UserSession> sessions, CancellationToken cancellationToken)
    {
        var told = await sessions
            .Join(db.SessionClients, s => s.Id, c => c.SessionId, (s, c) => new { SessionId = s.Id, s.UserId, c.ClientId })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var listening = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var entry in told)
        {
            if (!listening.TryGetValue(entry.ClientId, out var hasUri))
            {
                hasUri = (await clients.FindAsync(entry.ClientId, cancellationToken))?.BackchannelLogoutUri is not null;
                listening[entry.ClientId] = hasUri;
            }

            if (hasUri)
            {
                db.BackChannelLogoutNotices.Add(new BackChannelLogoutNotice(entry.ClientId, entry.UserId, entry.SessionId, now, options.Value.BackChannelLogoutGiveUpAfter));
            }
        }
    }
}
