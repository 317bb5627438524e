using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin;

/// <summary>The admin console's dashboard: how many users and sessions, and the latest refused or failed events.</summary>
public sealed record GetConsoleOverview(int RecentFailures = 10) : IQuery<ConsoleOverview>;

/// <param name="SessionsInForce">Sign-in sessions not yet past their absolute end (an idle one may have lapsed).</param>
public sealed record ConsoleOverview(int Users, int ActiveUsers, int LockedOutUsers, int SessionsInForce, int Administrators, IReadOnlyList<AuditEntry> RecentFailures);

public sealed class GetConsoleOverviewHandler(IAuthDbContext db, TimeProvider clock) : IQueryHandler<GetConsoleOverview, ConsoleOverview>
{
    public async ValueTask<ConsoleOverview> Handle(GetConsoleOverview query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var users = db.Users.AsNoTracking();
        var failures = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Outcome != SecurityEventOutcomes.Success)
            .OrderByDescending(e => e.Id)
            .Take(query.RecentFailures)
            .ToListAsync(cancellationToken);
        return new ConsoleOverview(
            await users.CountAsync(cancellationToken),
            await users.CountAsync(u => u.IsActive, cancellationToken),
            await users.CountAsync(u => u.LockoutEnd != null && u.LockoutEnd > now, cancellationToken),
            await db.Sessions.AsNoTracking().CountAsync(s => s.ExpiresAt > now, cancellationToken),
            await users.CountAsync(u => u.IsAdministrator && u.IsActive, cancellationToken),
            failures);
    }
}
