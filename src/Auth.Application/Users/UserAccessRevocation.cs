using Auth.Application.Groups;
using Auth.Application.Ports;
using Auth.Application.Sessions;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// The one way a use case ends what a user holds. When the grounds for it change (deactivated, deleted, new password)
/// everything goes: browser sessions, and every token and authorization, so introspection answers inactive and
/// refreshes fail from now on. When only the second factor changes, the sessions end.
/// </summary>
public sealed class UserAccessRevocation(IAuthDbContext db, IGrantStore grants, SessionEnding sessions, TimeProvider clock)
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

    /// <summary>
    /// Deletes <paramref name="user"/> (an operator's delete or a directory's) with everything they hold, in one
    /// transaction: their sessions ended and their tokens and authorizations revoked, the groups they were in given a new
    /// version, their members having changed (<see cref="MembershipVersions"/>), and the row deleted, with it their
    /// memberships and second factors. False, with nothing written, when the row is gone or, with
    /// <paramref name="onlyIfUnchanged"/> (an If-Match), its version is no longer the one read: a group's change may
    /// have raised it meanwhile, which a delete without a precondition does not mind.
    /// </summary>
    public async Task<bool> SaveDeletionAsync(User user, bool onlyIfUnchanged, CancellationToken cancellationToken)
    {
        // The groups' rows, then the user's, then what hangs off it: the order every other writer takes them in.
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await db.TouchGroupsOfAsync(user.Id, clock.GetUtcNow(), cancellationToken);
        if (!await db.LockUserForDeletionAsync(user.Id, onlyIfUnchanged ? user.Version : null, cancellationToken))
        {
            return false;
        }

        await SaveEndingAccessAsync(user.Id, cancellationToken);
        await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
