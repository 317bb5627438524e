using Auth.Application.Audit;
using Auth.Application.Clients;
using Auth.Application.Concurrency;
using Auth.Application.Groups;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>Creates a user, or with <see cref="ReplaceExisting"/> brings an existing one in line with the definition.</summary>
public sealed record RegisterUser(UserDefinition User, bool ReplaceExisting = false) : ICommand<Result<ChangeOutcome>>;

public sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public const int MinimumPasswordLength = PasswordPolicy.MinimumLength;

    // Paths stay those of the command (User.Password), as the seed file's and the command line's messages name them.
    public RegisterUserValidator() => RuleFor(c => c.User).SetValidator(new UserDefinitionValidator());
}

public sealed class RegisterUserHandler(IAuthDbContext db, IPasswordHasher hasher, UserAccessRevocation revocation, ISecurityEvents events, TimeProvider clock)
    : ICommandHandler<RegisterUser, Result<ChangeOutcome>>
{
    /// <summary>
    /// Made again on fresh data when another write (a directory's change to the user or to one of their groups, a
    /// sign-in) saved the user between this one's read and its save: a seed file applied to a running store does not
    /// fail for it.
    /// </summary>
    public async ValueTask<Result<ChangeOutcome>> Handle(RegisterUser command, CancellationToken cancellationToken) =>
        await WriteRetry.OnFreshDataAsync(db, () => RegisterAsync(command, cancellationToken), cancellationToken);

    private async Task<Result<ChangeOutcome>> RegisterAsync(RegisterUser command, CancellationToken cancellationToken)
    {
        var definition = command.User;
        var now = clock.GetUtcNow();
        var userName = UserNameRule.Canonical(definition.UserName);
        var user = await db.Users.Named(userName).SingleOrDefaultAsync(cancellationToken);
        ChangeOutcome outcome;
        if (user is null)
        {
            user = new User(userName, now);
            db.Users.Add(user);
            outcome = ChangeOutcome.Created;
        }
        else if (!command.ReplaceExisting)
        {
            return Error.Conflict($"A user named '{user.UserName}' already exists.");
        }
        else
        {
            outcome = ChangeOutcome.Unchanged;
        }

        // How the user shows in their groups' members (SCIM's display): its change is a change of each group.
        var shownBefore = outcome == ChangeOutcome.Created ? null : MembershipVersions.MemberDisplay(user);
        if (user.UserName != userName)
        {
            user.Rename(userName, now);
            outcome = Changed(outcome);
        }

        if (user.DisplayName != definition.DisplayName || user.GivenName != definition.GivenName ||
            user.FamilyName != definition.FamilyName || user.PrimaryEmail != definition.Email ||
            user.EmailVerified != (definition.EmailVerified && definition.Email is not null))
        {
            user.DisplayName = definition.DisplayName;
            user.GivenName = definition.GivenName;
            user.FamilyName = definition.FamilyName;
            user.ReplaceEmails(definition.Email is null ? [] : [new UserEmail(definition.Email, "work", primary: true)], definition.EmailVerified);
            user.Touch(now);
            outcome = Changed(outcome);
        }

        // A user who loses the grounds of their access (deactivated, or given another password) loses all of it.
        var endAccess = false;
        if (user.IsActive != definition.Active)
        {
            if (definition.Active)
            {
                user.Activate(now);
            }
            else
            {
                user.Deactivate(now);
                endAccess = true;
            }

            outcome = Changed(outcome);
        }

        // Roles only when the definition names them: a seed file written before roles leaves an administrator one.
        foreach (var role in definition.Roles is null ? [] : UserRoles.All)
        {
            if (user.SetRole(role, definition.Roles!.Contains(role, StringComparer.Ordinal), now))
            {
                outcome = Changed(outcome);
            }
        }

        // Verifying costs as much as hashing, but rehashing an unchanged password at every start would
        // also change the stored salt for nothing.
        if (definition.Password is not null &&
            (user.PasswordHash is null || !hasher.Verify(definition.Password, user.PasswordHash)))
        {
            endAccess |= user.PasswordHash is not null;
            user.SetPasswordHash(hasher.Hash(definition.Password), now);
            outcome = Changed(outcome);
        }

        if (outcome == ChangeOutcome.Unchanged)
        {
            return outcome;
        }

        // The groups' rows before the user's, the order every writer takes them in (MembershipVersions). Inside a
        // caller's transaction (the seed file is applied in one) this joins it.
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            if (shownBefore is not null && MembershipVersions.MemberDisplay(user) != shownBefore)
            {
                await db.TouchGroupsOfAsync(user.Id, now, cancellationToken);
            }

            if (endAccess)
            {
                await revocation.SaveEndingAccessAsync(user.Id, cancellationToken);
            }
            else
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        events.Record(new SecurityEvent(SecurityEventTypes.UserRegistered, SecurityEventOutcomes.Success, user.Id, Detail: outcome == ChangeOutcome.Created ? "created" : "updated"));
        return outcome;
    }

    private static ChangeOutcome Changed(ChangeOutcome outcome) =>
        outcome == ChangeOutcome.Created ? ChangeOutcome.Created : ChangeOutcome.Updated;
}
