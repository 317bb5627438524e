using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Groups;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// An operator replaces a user's profile (<see cref="UserProfileChange"/>). With <see cref="IfMatchVersion"/>, only while
/// the user is still at that version (RFC 9110 §13.1.1), so no one's change is overwritten unseen. A user a SCIM client
/// provisioned is refused: the directory owns the profile and its next sync would overwrite the change. Returns the id.
/// </summary>
public sealed record UpdateUser(UserKey User, UserProfileChange Profile, long? IfMatchVersion = null) : ICommand<Result<string>>;

public sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator()
    {
        // Paths relative to the profile (email, given_name): they name the fields of the request's body.
        RuleFor(c => c.Profile.Email).EmailAddress().MaximumLength(320).When(c => c.Profile.Email is not null).OverridePropertyName("Email");
        RuleFor(c => c.Profile.DisplayName).MaximumLength(256).OverridePropertyName("DisplayName");
        RuleFor(c => c.Profile.GivenName).MaximumLength(256).OverridePropertyName("GivenName");
        RuleFor(c => c.Profile.FamilyName).MaximumLength(256).OverridePropertyName("FamilyName");
    }
}

public sealed class UpdateUserHandler(IAuthDbContext db, ISecurityEvents events, TimeProvider clock) : ICommandHandler<UpdateUser, Result<string>>
{
    /// <summary>Without If-Match a change that lost a race is made again on the fresh row; with it, the race is a 412.</summary>
    public async ValueTask<Result<string>> Handle(UpdateUser command, CancellationToken cancellationToken) =>
        command.IfMatchVersion is null
            ? await WriteRetry.OnFreshDataAsync(db, () => WriteAsync(command, cancellationToken), cancellationToken)
            : await WriteAsync(command, cancellationToken);

    private async Task<Result<string>> WriteAsync(UpdateUser command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        // RFC 9110 §13.2.2: the precondition is evaluated before anything else about the request.
        if (command.IfMatchVersion is { } expected && expected != user.Version)
        {
            return Error.PreconditionFailed($"The user is no longer at version {expected}: read it again.");
        }

        if (user.ExternalIdIssuer is { } directory)
        {
            return Error.Conflict($"The SCIM client '{directory}' provisions this user and owns the profile: change it in the directory.");
        }

        var profile = command.Profile;
        var verified = profile.EmailVerified && profile.Email is not null;
        if (user.DisplayName == profile.DisplayName && user.GivenName == profile.GivenName && user.FamilyName == profile.FamilyName &&
            user.PrimaryEmail == profile.Email && user.Emails.Count == (profile.Email is null ? 0 : 1) && user.EmailVerified == verified)
        {
            return user.Id;
        }

        var shownBefore = MembershipVersions.MemberDisplay(user);
        var now = clock.GetUtcNow();
        user.DisplayName = profile.DisplayName;
        user.GivenName = profile.GivenName;
        user.FamilyName = profile.FamilyName;
        user.ReplaceEmails(profile.Email is null ? [] : [new UserEmail(profile.Email, "work", primary: true)], verified);
        user.Touch(now);
        try
        {
            await using var transaction = await db.BeginTransactionAsync(cancellationToken);
            if (MembershipVersions.MemberDisplay(user) != shownBefore)
            {
                await db.TouchGroupsOfAsync(user.Id, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (command.IfMatchVersion is not null)
        {
            // Another change saved since this one read the user (the version is a concurrency token).
            db.DiscardChanges();
            return Error.PreconditionFailed("The user changed meanwhile: read it again.");
        }

        events.Record(new SecurityEvent(SecurityEventTypes.UserUpdated, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return user.Id;
    }
}
