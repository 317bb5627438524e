using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Scim.Groups;

/// <summary>
/// What creating, replacing and patching a SCIM group share: checks (displayName unique per provisioning client with
/// Scim:UniqueGroupDisplayName, externalId with Scim:UniqueExternalId), membership changes, saving.
/// </summary>
public sealed class ScimGroupStore(IAuthDbContext db, ISecurityEvents events, IOptions<ScimOptions> options, TimeProvider clock)
{
    public Task<Group?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Groups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);

    public async Task<ScimGroupView> ViewAsync(Group group, CancellationToken cancellationToken)
    {
        var ids = group.Members.Select(m => m.UserId).ToList();
        var members = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, Display = u.DisplayName ?? u.UserName })
            .ToListAsync(cancellationToken);
        return new ScimGroupView(group, members.OrderBy(m => m.Display, StringComparer.Ordinal).Select(m => (m.Id, m.Display)).ToList());
    }

    public async Task<Result<ScimGroupView>> SaveAsync(Group group, ScimGroupDocument.Data data, string clientId, bool isNew, CancellationToken cancellationToken)
    {
        var owner = group.ProvisioningClient ?? clientId;
        if (await IsNameTakenAsync(group, data.DisplayName, owner, cancellationToken))
        {
            return ScimErrors.Uniqueness("A group with this displayName already exists for this client.");
        }

        if (await IsExternalIdTakenAsync(group, data.ExternalId, clientId, cancellationToken))
        {
            return ScimErrors.Uniqueness("A group with this externalId already exists for this client.");
        }

        var known = await db.Users.Where(u => data.MemberIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (known.Count != data.MemberIds.Count)
        {
            var unknown = data.MemberIds.Except(known).First();
            return ScimErrors.InvalidValue($"No user has the id {ScimErrors.Truncate(unknown)}.");
        }

        group.ClaimFor(clientId);
        group.Rename(data.DisplayName, options.Value.UniqueGroupDisplayName);
        group.SetExternalId(data.ExternalId, clientId);
        foreach (var removed in group.Members.Select(m => m.UserId).Except(data.MemberIds).ToList())
        {
            group.RemoveMember(removed);
        }

        foreach (var added in data.MemberIds)
        {
            group.AddMember(added);
        }

        group.Touch(clock.GetUtcNow());
        if (isNew)
        {
            db.Groups.Add(group);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ScimErrors.VersionMismatch();
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // Two requests raced past the checks above and a unique index decided.
            db.DiscardChanges();
            if (await IsNameTakenAsync(group, data.DisplayName, owner, cancellationToken) ||
                await IsExternalIdTakenAsync(group, data.ExternalId, clientId, cancellationToken))
            {
                return ScimErrors.Uniqueness("A group with this displayName or externalId already exists for this client.");
            }

            throw;
        }

        events.Record(new SecurityEvent(isNew ? SecurityEventTypes.ScimGroupCreated : SecurityEventTypes.ScimGroupUpdated, SecurityEventOutcomes.Success, ClientId: clientId, Detail: group.Id));
        return await ViewAsync(group, cancellationToken);
    }

    private async Task<bool> IsNameTakenAsync(Group group, string displayName, string owner, CancellationToken cancellationToken)
    {
        if (!options.Value.UniqueGroupDisplayName)
        {
            return false;
        }

        var key = Group.DisplayNameKey(displayName);
        return await db.Groups.AnyAsync(g => g.Id != group.Id && g.ProvisioningClient == owner && g.UniqueDisplayName == key, cancellationToken);
    }

    private async Task<bool> IsExternalIdTakenAsync(Group group, string? externalId, string clientId, CancellationToken cancellationToken) =>
        options.Value.UniqueExternalId && externalId is not null &&
        await db.Groups.AnyAsync(g => g.Id != group.Id && g.ExternalIdIssuer == clientId && g.ExternalId == externalId, cancellationToken);
}
