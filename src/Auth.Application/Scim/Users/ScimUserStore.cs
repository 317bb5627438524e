using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Scim.Users;

/// <summary>
/// What creating, replacing and patching a SCIM user share: uniqueness (userName, and with Scim:UniqueExternalId
/// externalId per provisioning client), applying the resource to the user, and ending sessions and tokens when the
/// user is deactivated or given a new password.
/// </summary>
public sealed class ScimUserStore(
    IAuthDbContext db,
    IPasswordHasher hasher,
    UserAccessRevocation revocation,
    ISecurityEvents events,
    IOptions<ScimOptions> options,
    TimeProvider clock)
{
    public const int MinimumPasswordLength = RegisterUserValidator.MinimumPasswordLength;

    public Task<User?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    public async Task<ScimUserView> ViewAsync(User user, CancellationToken cancellationToken)
    {
        var groups = await db.GroupMembers.Where(m => m.UserId == user.Id)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.DisplayName })
            .OrderBy(g => g.DisplayName)
            .ToListAsync(cancellationToken);
        return new ScimUserView(user, groups.Select(g => (g.Id, g.DisplayName)).ToList());
    }

    /// <summary>Applies the resource and saves; a user deactivated or given a password by it loses every session, token and authorization.</summary>
    public async Task<Result<ScimUserView>> SaveAsync(User user, ScimUserData data, string clientId, bool isNew, CancellationToken cancellationToken)
    {
        if (await db.Users.Named(data.UserName).AnyAsync(u => u.Id != user.Id, cancellationToken))
        {
            return ScimErrors.Uniqueness("A user with this userName already exists.");
        }

        if (options.Value.UniqueExternalId && data.ExternalId is { } externalId &&
            await db.Users.AnyAsync(u => u.Id != user.Id && u.ExternalIdIssuer == clientId && u.ExternalId == externalId, cancellationToken))
        {
            return ScimErrors.Uniqueness("A user with this externalId already exists for this client.");
        }

        if (data.Password is { Length: < MinimumPasswordLength })
        {
            return ScimErrors.InvalidValue($"A password has at least {MinimumPasswordLength} characters.");
        }

        if (ScimUserLimits.FirstTooLong(data) is { } attribute)
        {
            return ScimErrors.InvalidValue($"The {attribute} attribute is longer than this server stores.");
        }

        var now = clock.GetUtcNow();
        var active = data.Active ?? user.IsActive;
        var deactivated = user.IsActive && !active;
        // A directory that sends the password it sent before changes nothing, and signs no one out.
        var passwordChanged = !isNew && data.Password is { } password && !hasher.Verify(password, user.PasswordHash);
        Apply(user, data, clientId, now);
        if (isNew)
        {
            db.Users.Add(user);
        }

        try
        {
            if (deactivated || passwordChanged)
            {
                await revocation.SaveEndingAccessAsync(user.Id, cancellationToken);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return ScimErrors.VersionMismatch();
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // Two requests raced past the checks above and a unique index decided.
            if (await IsTakenAsync(user, data, clientId, cancellationToken))
            {
                return ScimErrors.Uniqueness("A user with this userName or externalId already exists.");
            }

            throw;
        }

        events.Record(new SecurityEvent(isNew ? SecurityEventTypes.ScimUserCreated : SecurityEventTypes.ScimUserUpdated, SecurityEventOutcomes.Success, user.Id, clientId,
            deactivated ? "deactivated" : null));

        return await ViewAsync(user, cancellationToken);
    }

    private async Task<bool> IsTakenAsync(User user, ScimUserData data, string clientId, CancellationToken cancellationToken)
    {
        db.DiscardChanges();
        return await db.Users.Named(data.UserName).AnyAsync(u => u.Id != user.Id, cancellationToken) ||
               (options.Value.UniqueExternalId && data.ExternalId is { } externalId &&
                await db.Users.AnyAsync(u => u.Id != user.Id && u.ExternalIdIssuer == clientId && u.ExternalId == externalId, cancellationToken));
    }

    private void Apply(User user, ScimUserData data, string clientId, DateTimeOffset now)
    {
        if (user.UserName != data.UserName)
        {
            user.Rename(data.UserName, now);
        }

        user.SetExternalId(data.ExternalId, clientId);
        user.FormattedName = data.FormattedName;
        user.FamilyName = data.FamilyName;
        user.GivenName = data.GivenName;
        user.MiddleName = data.MiddleName;
        user.HonorificPrefix = data.HonorificPrefix;
        user.HonorificSuffix = data.HonorificSuffix;
        user.DisplayName = data.DisplayName;
        user.NickName = data.NickName;
        user.ProfileUrl = data.ProfileUrl;
        user.Title = data.Title;
        user.UserType = data.UserType;
        user.PreferredLanguage = data.PreferredLanguage;
        user.Locale = data.Locale;
        user.Timezone = data.Timezone;
        user.ReplaceEmails(data.Emails, verified: true);
        user.ReplacePhoneNumbers(data.PhoneNumbers);
        user.ReplaceAddresses(data.Addresses);
        user.Enterprise = data.Enterprise;
        if (data.Password is { } password)
        {
            user.SetPasswordHash(hasher.Hash(password), now);
        }

        if (data.Active is { } active && user.IsActive != active)
        {
            if (active)
            {
                user.Activate(now);
            }
            else
            {
                user.Deactivate(now);
            }
        }

        user.Touch(now);
    }
}
