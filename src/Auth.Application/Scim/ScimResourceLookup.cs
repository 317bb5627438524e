using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Groups;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scim;

/// <summary>
/// The resource at /Users/{id} or /Groups/{id} (a group with its members), and, for a change, the same resource if it
/// meets the change's precondition (<see cref="ScimPrecondition"/>: 404 or 412 otherwise).
/// </summary>
public static class ScimResourceLookup
{
    public static Task<User?> FindScimUserAsync(this IAuthDbContext db, string id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    public static Task<Group?> FindScimGroupAsync(this IAuthDbContext db, string id, CancellationToken cancellationToken) =>
        db.Groups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);

    public static async Task<Result<User>> FindScimUserAsync(this IAuthDbContext db, string id, ScimIfMatch? ifMatch, CancellationToken cancellationToken) =>
        ScimPrecondition.Check(await db.FindScimUserAsync(id, cancellationToken), "User", id, ifMatch, u => u.Version);

    public static async Task<Result<Group>> FindScimGroupAsync(this IAuthDbContext db, string id, ScimIfMatch? ifMatch, CancellationToken cancellationToken) =>
        ScimPrecondition.Check(await db.FindScimGroupAsync(id, cancellationToken), "Group", id, ifMatch, g => g.Version);
}
