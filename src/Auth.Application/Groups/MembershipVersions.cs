using Auth.Application.Ports;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Groups;

/// <summary>
/// A membership is part of two resources: a group lists its members, and a user lists its groups with their names
/// (SCIM's read-only <c>groups</c>, RFC 7643 §4.1.2). A change on one side is a change of the other, so its
/// <c>meta.version</c> (its ETag) and <c>meta.lastModified</c> move too: a client holding the old ETag gets the new
/// representation rather than a 304, and its If-Match on the old one a 412. Written in SQL inside the caller's
/// transaction, so the other side's version is raised without being read, and a write that read it before is refused
/// as stale by its concurrency check. Every such transaction takes the group's row before the users' rows, so that on
/// PostgreSQL none of them holds a row another needs first (no deadlock).
/// </summary>
public static class MembershipVersions
{
    /// <summary>
    /// Takes a group's row for the rest of the caller's transaction (a no-op update: a row lock on PostgreSQL, the write
    /// lock on SQLite) before its memberships or its members' rows are written, at <paramref name="version"/> when one is
    /// given. A group's change, its deletion and a member's deletion all take it first.
    /// </summary>
    /// <returns>false when no such group exists, or none at that version: nothing was locked.</returns>
    public static async Task<bool> LockGroupAsync(this IAuthDbContext db, string groupId, long? version, CancellationToken cancellationToken) =>
        await db.Groups.Where(g => g.Id == groupId && (version == null || g.Version == version))
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.Version, g => g.Version), cancellationToken) > 0;

    /// <summary>
    /// For a transaction that goes on to write several users and holds every row until it commits (the seed file): the
    /// groups of <paramref name="userIds"/>, locked one by one in their ids' order before any user's row, so that raising
    /// them later (<see cref="TouchGroupsOfAsync"/>) takes no group after a user, the order every other writer keeps.
    /// </summary>
    public static async Task LockGroupsOfUsersAsync(this IAuthDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var groupIds = await db.GroupMembers.Where(m => userIds.Contains(m.UserId))
            .Select(m => m.GroupId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        foreach (var groupId in groupIds)
        {
            await db.LockGroupAsync(groupId, null, cancellationToken);
        }
    }

    /// <summary>The users whose groups changed: they joined or left a group, or a group of theirs was renamed or deleted.</summary>
    public static async Task TouchUsersAsync(this IAuthDbContext db, IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (userIds.Count > 0)
        {
            await db.Users.Where(u => userIds.Contains(u.Id))
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Version, u => u.Version + 1).SetProperty(u => u.UpdatedAt, now), cancellationToken);
        }
    }

    /// <summary>
    /// How a member is shown in a group's <c>members</c> (<c>display</c>): their displayName, else their userName. A change
    /// of it changes each of their groups.
    /// </summary>
    public static string MemberDisplay(User user) => MemberDisplay(user.DisplayName, user.UserName);

    /// <inheritdoc cref="MemberDisplay(User)"/>
    /// <remarks>For a user as a definition will leave them, or as read without their entity.</remarks>
    public static string MemberDisplay(string? displayName, string userName) => displayName ?? userName;

    /// <summary>
    /// The groups <paramref name="userId"/> is a member of, whose members change when the user is deleted or their
    /// <see cref="MemberDisplay"/> changes. Taken before the user's own row, as a group's change takes the group's first.
    /// </summary>
    public static async Task TouchGroupsOfAsync(this IAuthDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One at a time in the ids' order: two users who share groups, deleted or renamed at once, take them in the same
        // order whatever plan one UPDATE over all of them would have followed (no deadlock between the two).
        var groupIds = await db.GroupMembers.Where(m => m.UserId == userId).Select(m => m.GroupId).OrderBy(id => id).ToListAsync(cancellationToken);
        foreach (var groupId in groupIds)
        {
            await db.Groups.Where(g => g.Id == groupId)
                .ExecuteUpdateAsync(set => set.SetProperty(g => g.Version, g => g.Version + 1).SetProperty(g => g.UpdatedAt, now), cancellationToken);
        }
    }
}
