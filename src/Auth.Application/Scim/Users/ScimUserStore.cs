using System.Text.Json.Nodes;
using Auth.Application.Audit;
using Auth.Application.Groups;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Auth.Domain.Users;

namespace Auth.Application.Scim.Users;

/// <summary>
/// Stores a User resource a client sent (POST, PUT, or the result of a PATCH) as a user. A user it deactivates or
/// gives a new password loses every session, token and authorization, committed together with the change by the same
/// code deactivation uses (<see cref="UserAccessRevocation"/>).
/// </summary>
public sealed class ScimUserStore(
    IAuthDbContext db,
    IPasswordHasher hasher,
    UserAccessRevocation revocation,
    ScimUserUniqueness uniqueness,
    ISecurityEvents events,
    TimeProvider clock)
{
    public const int MinimumPasswordLength = RegisterUserValidator.MinimumPasswordLength;

    public Task<Result<ScimUserView>> AddAsync(ScimUserData data, string clientId, CancellationToken cancellationToken) =>
        SaveAsync(new User(data.UserName, clock.GetUtcNow()), data, clientId, isNew: true, cancellationToken);

    /// <summary>The user's representation replaced by a PUT's body or a PATCH's result.</summary>
    public async Task<Result<ScimUserView>> ReplaceAsync(User user, JsonObject resource, string clientId, CancellationToken cancellationToken) =>
        await ScimPrecondition.KeepsId(resource, user.Id).Then(ScimUserData.Read).ThenAsync(data => SaveAsync(user, data, clientId, isNew: false, cancellationToken));

    private async Task<Result<ScimUserView>> SaveAsync(User user, ScimUserData data, string clientId, bool isNew, CancellationToken cancellationToken)
    {
        if (await uniqueness.ConflictAsync(user, data, clientId, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        if (data.Password is { Length: < MinimumPasswordLength })
        {
            return ScimErrors.InvalidValue($"A password has at least {MinimumPasswordLength} characters.");
        }

        if (ScimUserLimits.FirstTooLong(data) is { } attribute)
        {
            return ScimErrors.InvalidValue($"The {attribute} attribute is longer than this server stores.");
        }

        var active = data.Active ?? user.IsActive;
        var deactivated = user.IsActive && !active;
        // A directory that sends the password it sent before changes nothing, and signs no one out.
        var passwordChanged = !isNew && data.Password is { } password && !hasher.Verify(password, user.PasswordHash);
        var shownBefore = MembershipVersions.MemberDisplay(user);
        var now = clock.GetUtcNow();
        data.ApplyTo(user, clientId, hasher, now);
        var shownAsMemberChanged = !isNew && MembershipVersions.MemberDisplay(user) != shownBefore;
        if (isNew)
        {
            db.Users.Add(user);
        }

        var failed = await ScimCommit.SaveAsync(
            db,
            async () =>
            {
                await using var transaction = await db.BeginTransactionAsync(cancellationToken);
                if (shownAsMemberChanged)
                {
                    await db.TouchGroupsOfAsync(user.Id, now, cancellationToken);
                }

                await (deactivated || passwordChanged ? revocation.SaveEndingAccessAsync(user.Id, cancellationToken) : db.SaveChangesAsync(cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            },
            () => uniqueness.RaceConflictAsync(user, data, clientId, cancellationToken),
            cancellationToken);
        if (failed is not null)
        {
            return failed;
        }

        events.Record(new SecurityEvent(isNew ? SecurityEventTypes.ScimUserCreated : SecurityEventTypes.ScimUserUpdated, SecurityEventOutcomes.Success, user.Id, clientId,
            deactivated ? "deactivated" : null));
        return await ScimUserView.LoadAsync(db, user, cancellationToken);
    }
}
