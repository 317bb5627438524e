using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Scim.Users;

/// <summary>
/// userName is unique across the server (RFC 7643 §4.1.1), compared in canonical form; with Scim:UniqueExternalId,
/// externalId is unique per provisioning client.
/// </summary>
public sealed class ScimUserUniqueness(IAuthDbContext db, IOptions<ScimOptions> options)
{
    /// <summary>The error to answer when another user already holds what the data would give this one.</summary>
    public async Task<Error?> ConflictAsync(User user, ScimUserData data, string clientId, CancellationToken cancellationToken)
    {
        if (await IsUserNameTakenAsync(user, data.UserName, cancellationToken))
        {
            return ScimErrors.Uniqueness("A user with this userName already exists.");
        }

        return await IsExternalIdTakenAsync(user, data.ExternalId, clientId, cancellationToken)
            ? ScimErrors.Uniqueness("A user with this externalId already exists for this client.")
            : null;
    }

    /// <summary>After a unique index refused a save: the error to answer if another user took one of these since.</summary>
    public async Task<Error?> RaceConflictAsync(User user, ScimUserData data, string clientId, CancellationToken cancellationToken) =>
        await IsUserNameTakenAsync(user, data.UserName, cancellationToken) || await IsExternalIdTakenAsync(user, data.ExternalId, clientId, cancellationToken)
            ? ScimErrors.Uniqueness("A user with this userName or externalId already exists.")
            : null;

    private Task<bool> IsUserNameTakenAsync(User user, string userName, CancellationToken cancellationToken) =>
        db.Users.Named(userName).AnyAsync(u => u.Id != user.Id, cancellationToken);

    private async Task<bool> IsExternalIdTakenAsync(User user, string? externalId, string clientId, CancellationToken cancellationToken) =>
        options.Value.UniqueExternalId && externalId is not null &&
        await db.Users.AnyAsync(u => u.Id != user.Id && u.ExternalIdIssuer == clientId && u.ExternalId == externalId, cancellationToken);
}
