using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// The user behind a session or a token, read fresh each time a token is issued or a session is used,
/// so a user deactivated or changed since then is noticed. Null when the user no longer exists.
/// </summary>
public sealed record GetUserProfile(string UserId) : IQuery<UserProfile?>;

public sealed record UserProfile(
    string Id,
    string UserName,
    string? DisplayName,
    string? GivenName,
    string? FamilyName,
    string? Email,
    bool EmailVerified,
    bool IsActive,
    string SecurityStamp,
    DateTimeOffset? LockoutEnd,
    DateTimeOffset UpdatedAt,
    long Version,
    bool IsAdministrator = false)
{
    /// <summary>The roles the user holds (<see cref="Domain.Users.UserRoles"/>).</summary>
    public IReadOnlyList<string> Roles => Domain.Users.UserRoles.Of(IsAdministrator);
}

public sealed class GetUserProfileHandler(IAuthDbContext db) : IQueryHandler<GetUserProfile, UserProfile?>
{
    public async ValueTask<UserProfile?> Handle(GetUserProfile query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == query.UserId)
            .Select(u => new UserProfile(u.Id, u.UserName, u.DisplayName, u.GivenName, u.FamilyName,
                u.Emails.OrderByDescending(e => e.Primary).Select(e => e.Value).FirstOrDefault(), u.EmailVerified, u.IsActive, u.SecurityStamp, u.LockoutEnd, u.UpdatedAt, u.Version, u.IsAdministrator))
            .SingleOrDefaultAsync(cancellationToken);
}
