using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Sessions;

/// <summary>
/// Every request that carries a session cookie: the session row must still exist, be within its idle and absolute
/// lifetimes, and belong to an active user. Read from the database each time (no cache), so a session ended on any
/// node, or by the command line, is refused everywhere at the next request. Null when the session is over.
/// </summary>
public sealed record ResumeSession(string SessionId) : ICommand<ActiveSession?>;

/// <summary>A session in force, with what the authorization endpoint needs to know about the sign-in.</summary>
/// <param name="IdentityProviderId">The upstream provider the user signed in at; null after a password.</param>
public sealed record ActiveSession(
    string Id, string UserId, string UserName, DateTimeOffset AuthenticatedAt, IReadOnlyList<string> Methods, string? IdentityProviderId);

public sealed class ResumeSessionHandler(IAuthDbContext db, IOptions<SessionLifetimes> options, TimeProvider clock) : ICommandHandler<ResumeSession, ActiveSession?>
{
    public async ValueTask<ActiveSession?> Handle(ResumeSession command, CancellationToken cancellationToken)
    {
        var found = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == command.SessionId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Session = s, u.UserName, u.IsActive })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var session = found.Session;
        if (!found.IsActive || !session.IsActive(now, options.Value.SessionLifetime))
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        if (session.IsLastSeenStale(now))
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return new ActiveSession(session.Id, session.UserId, found.UserName, session.AuthenticatedAt, session.Methods, session.IdentityProviderId);
    }
}
