using System.Text.Json.Nodes;
using Auth.Application.Audit;
using Auth.Application.Groups;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Scim.Groups;

/// <summary>Stores a Group resource a client sent (POST, PUT, or the result of a PATCH) as a group and its memberships.</summary>
public sealed class ScimGroupStore(
    IAuthDbContext db,
    ScimGroupUniqueness uniqueness,
    ISecurityEvents events,
    IOptions<ScimOptions> options,
    TimeProvider clock)
{
    public Task<Result<ScimGroupView>> AddAsync(ScimGroupData data, string clientId, CancellationToken cancellationToken) =>
        SaveAsync(new Group(data.DisplayName, clock.GetUtcNow()), data, clientId, isNew: true, cancellationToken);

    /// <summary>The group's representation replaced by a PUT's body or a PATCH's result.</summary>
    public async Task<Result<ScimGroupView>> ReplaceAsync(Group group, JsonObject resource, string clientId, CancellationToken cancellationToken) =>
        await ScimPrecondition.KeepsId(resource, group.Id).Then(ScimGroupData.Read).ThenAsync(data => SaveAsync(group, data, clientId, isNew: false, cancellationToken));

    private async Task<Result<ScimGroupView>> SaveAsync(Group group, ScimGroupData data, string clientId, bool isNew, CancellationToken cancellationToken)
    {
        // displayNames are unique per the client that owns the group, which a group keeps once it has one.
        var owner = group.ProvisioningClient ?? clientId;
        if (await uniqueness.ConflictAsync(group, data, owner, clientId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        var known = await db.Users.Where(u => data.MemberIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (known.Count != data.MemberIds.Count)
        {
            var unknown = data.MemberIds.Except(known).First();
            return ScimErrors.InvalidValue($"No user has the id {ScimErrors.Truncate(unknown)}.");
        }

        var now = clock.GetUtcNow();
        var readVersion = group.Version;
        var affected = UsersWhoseGroupsChange(group, data, isNew);
        data.ApplyTo(group, clientId, options.Value.UniqueGroupDisplayName, now);
        if (isNew)
        {
            db.Groups.Add(group);
        }

        var failed = await ScimCommit.SaveAsync(
            db,
            async () =>
            {
                // A stored group's row is locked first, at the version read (a user's deletion and the group's
                // deletion take it first too), then its memberships and its members' rows: none of these transactions
                // holds a row another one needs before the group's.
                await using var transaction = await db.BeginTransactionAsync(cancellationToken);
                if (!isNew && !await db.LockGroupAsync(group.Id, readVersion, cancellationToken))
                {
                    throw new DbUpdateConcurrencyException("The group changed since it was read.");
                }

                await db.SaveChangesAsync(cancellationToken);
                await db.TouchUsersAsync(affected, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            },
            () => uniqueness.RaceConflictAsync(group, data, owner, clientId, cancellationToken),
            cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        events.Record(new SecurityEvent(isNew ? SecurityEventTypes.ScimGroupCreated : SecurityEventTypes.ScimGroupUpdated, SecurityEventOutcomes.Success,
            ClientId: clientId, Detail: group.Id));
        return await ScimGroupView.LoadAsync(db, group, cancellationToken);
    }

    /// <summary>
    /// The users whose <c>groups</c> the change alters (<see cref="MembershipVersions"/>): those who join or leave, and
    /// when the group is renamed, every member before and after.
    /// </summary>
    private static List<string> UsersWhoseGroupsChange(Group group, ScimGroupData data, bool isNew)
    {
        var before = group.Members.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var renamed = !isNew && !string.Equals(group.DisplayName, data.DisplayName, StringComparison.Ordinal);
        if (renamed)
        {
            before.UnionWith(data.MemberIds);
        }
        else
        {
            before.SymmetricExceptWith(data.MemberIds);
        }

        return [.. before];
    }
}
