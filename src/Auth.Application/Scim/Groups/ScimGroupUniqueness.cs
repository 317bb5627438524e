using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Groups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Scim.Groups;

/// <summary>
/// With Scim:UniqueGroupDisplayName, displayName is unique per provisioning client (the group's owner); with
/// Scim:UniqueExternalId, externalId is unique per provisioning client.
/// </summary>
public sealed class ScimGroupUniqueness(IAuthDbContext db, IOptions<ScimOptions> options)
{
    /// <summary>The error to answer when another group already holds what the data would give this one.</summary>
    public async Task<Error?> ConflictAsync(Group group, ScimGroupData data, string owner, string clientId, CancellationToken cancellationToken)
    {
        if (await IsDisplayNameTakenAsync(group, data.DisplayName, owner, cancellationToken))
        {
            return ScimErrors.Uniqueness("A group with this displayName already exists for this client.");
        }

        return await IsExternalIdTakenAsync(group, data.ExternalId, clientId, cancellationToken)
            ? ScimErrors.Uniqueness("A group with this externalId already exists for this client.")
            : null;
    }

    /// <summary>After a unique index refused a save: the error to answer if another group took one of these since.</summary>
    public async Task<Error?> RaceConflictAsync(Group group, ScimGroupData data, string owner, string clientId, CancellationToken cancellationToken) =>
        await IsDisplayNameTakenAsync(group, data.DisplayName, owner, cancellationToken) ||
        await IsExternalIdTakenAsync(group, data.ExternalId, clientId, cancellationToken)
            ? ScimErrors.Uniqueness("A group with this displayName or externalId already exists for this client.")
            : null;

    private async Task<bool> IsDisplayNameTakenAsync(Group group, string displayName, string owner, CancellationToken cancellationToken)
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
