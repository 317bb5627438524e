using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Sessions;

/// <summary>A user's browser sessions still in force (within their idle and absolute lifetimes), newest first.</summary>
public sealed record ListUserSessions(UserKey User) : IQuery<Result<IReadOnlyList<UserSessionSummary>>>;

/// <param name="Id">The session id, which is also the <c>sid</c> claim of the ID tokens issued in it; the cookie holds it protected.</param>
/// <param name="Methods">The RFC 8176 authentication methods given.</param>
/// <param name="IdentityProviderId">The upstream provider the user signed in at; null after a password.</param>
/// <param name="Clients">The clients that received an authorization code in the session, by id.</param>
public sealed record UserSessionSummary(
    string Id,
    DateTimeOffset StartedAt,
    DateTimeOffset AuthenticatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> Methods,
    string? IdentityProviderId,
    IReadOnlyList<string> Clients);

public sealed class ListUserSessionsHandler(IAuthDbContext db, IOptions<SessionLifetimes> options, TimeProvider clock)
    : IQueryHandler<ListUserSessions, Result<IReadOnlyList<UserSessionSummary>>>
{
    public async ValueTask<Result<IReadOnlyList<UserSessionSummary>>> Handle(ListUserSessions query, CancellationToken cancellationToken)
    {
        var userId = await db.Users.Matching(query.User).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return query.User.NotFound();
        }

        // A user has a handful of sessions: the lifetimes are checked here, as when a session is resumed.
        var now = clock.GetUtcNow();
        var sessions = (await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(cancellationToken))
            .Where(s => s.IsActive(now, options.Value.SessionLifetime))
            .ToList();
        var ids = sessions.Select(s => s.Id).ToList();
        var clients = (await db.SessionClients.AsNoTracking().Where(c => ids.Contains(c.SessionId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.SessionId, c => c.ClientId);
        return sessions
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new UserSessionSummary(s.Id, s.CreatedAt, s.AuthenticatedAt, s.LastSeenAt, s.ExpiresAt, s.Methods, s.IdentityProviderId,
                [.. clients[s.Id].Order(StringComparer.Ordinal)]))
            .ToList();
    }
}
