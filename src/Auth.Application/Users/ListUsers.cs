using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>Every user, by user name, for operators (the command line); SCIM has its own paged listing.</summary>
public sealed record ListUsers : IQuery<IReadOnlyList<UserSummary>>;

public sealed record UserSummary(string Id, string UserName, string? DisplayName, string? Email, bool IsActive, bool IsLockedOut);

public sealed class ListUsersHandler(IAuthDbContext db, TimeProvider clock) : IQueryHandler<ListUsers, IReadOnlyList<UserSummary>>
{
    public async ValueTask<IReadOnlyList<UserSummary>> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        return users.Select(u => new UserSummary(u.Id, u.UserName, u.DisplayName, u.PrimaryEmail, u.IsActive, u.IsLockedOut(now))).ToList();
    }
}
