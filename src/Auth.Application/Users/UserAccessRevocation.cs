using Auth.Application.Ports;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Auth.Application.Users;

/// <summary>
/// The one way a use case ends what a user holds. When the grounds for it change (deactivated, deleted, new password)
/// everything goes: browser sessions, and every token and authorization, so introspection answers inactive and
/// refreshes fail from now on. When only the second factor changes, the sessions end.
/// </summary>
public sealed class UserAccessRevocation(
    IAuthDbContext db,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations)
{
    public async Task EndSessionsAsync(string userId, CancellationToken cancellationToken) =>
        await db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    public async Task RevokeEverythingAsync(string userId, CancellationToken cancellationToken)
    {
        await EndSessionsAsync(userId, cancellationToken);
        await tokens.RevokeBySubjectAsync(userId, cancellationToken);
        await authorizations.RevokeBySubjectAsync(userId, cancellationToken);
    }
}
