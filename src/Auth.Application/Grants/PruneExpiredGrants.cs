using Auth.Application.Ports;
using Auth.Application.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Grants;

/// <summary>
/// Deletes tokens and authorizations that can no longer be used and are older than the retention period, and sessions
/// past their idle or absolute lifetime (each is refused at its next use anyway; this only reclaims the rows).
/// </summary>
public sealed record PruneExpiredGrants : ICommand<PrunedGrants>;

public sealed record PrunedGrants(long Tokens, long Authorizations, long Sessions);

public sealed class PruneExpiredGrantsHandler(
    IAuthDbContext db,
    IGrantStore grants,
    IOptions<GrantRetention> retention,
    IOptions<SessionLifetimes> sessions,
    TimeProvider clock) : ICommandHandler<PruneExpiredGrants, PrunedGrants>
{
    public async ValueTask<PrunedGrants> Handle(PruneExpiredGrants command, CancellationToken cancellationToken)
    {
        var threshold = clock.GetUtcNow() - retention.Value.KeepFor;
        var (prunedTokens, prunedAuthorizations) = await grants.PruneAsync(threshold, cancellationToken);

        // Refused sign-in names matter only while they are fresh; a day is plenty.
        var stale = clock.GetUtcNow() - TimeSpan.FromDays(1);
        await db.RefusedSignInNames.Where(r => r.LastAttemptAt < stale).ExecuteDeleteAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var idleSince = now - sessions.Value.SessionLifetime;
        var prunedSessions = await db.Sessions.Where(s => s.ExpiresAt <= now || s.LastSeenAt < idleSince).ExecuteDeleteAsync(cancellationToken);
        return new PrunedGrants(prunedTokens, prunedAuthorizations, prunedSessions);
    }
}
