using Auth.Application.Ports;
using Auth.Application.Sessions;

namespace Auth.Application.Users;

/// <summary>
/// The one way a use case ends what a user holds. When the grounds for it change (deactivated, deleted, new password)
/// everything goes: browser sessions, and every token and authorization, so introspection answers inactive and
/// refreshes fail from now on. When only the second factor changes, the sessions end.
/// </summary>
public sealed class UserAccessRevocation(IAuthDbContext db, IGrantStore grants, SessionEnding sessions)
{
    /// <summary>Saves the scope's changes and ends the user's sessions, telling their clients (<see cref="SessionEnding"/>).</summary>
    public async Task EndSessionsAsync(string userId, CancellationToken cancellationToken) =>
        await sessions.SaveEndingAsync(db.Sessions.Where(s => s.UserId == userId), cancellationToken);

    /// <summary>
    /// Saves a change that takes the user's access away (deactivation, a new password) and the revocation together, in
    /// one transaction: the change is never committed without it. Otherwise a request cut off between the two would
    /// leave the old tokens working, and its retry, finding the change already made, would not revoke them either.
    /// </summary>
    /// <param name="keepSessionId">A session that goes on: the user's own, changing their password on the account page.</param>
    public async Task SaveEndingAccessAsync(string userId, CancellationToken cancellationToken, string? keepSessionId = null)
    {
        // Inside a caller's transaction (the seed file is applied in one), the revocation joins it.
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await sessions.SaveEndingAsync(db.Sessions.Where(s => s.UserId == userId && s.Id != keepSessionId), cancellationToken);
        await grants.RevokeUserAsync(userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
