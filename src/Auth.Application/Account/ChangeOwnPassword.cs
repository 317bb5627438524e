using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.SignIn;
using Auth.Application.Users;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Account;

/// <summary>
/// A signed-in user changes their own password (the account page). The current password is required, and a wrong one
/// counts toward the lockout exactly as a failed sign-in does, so the page cannot be used to guess it. The new one
/// follows the password policy. What the old password granted ends: every token and authorization issued to the user,
/// and every other session; the session that made the change goes on.
/// </summary>
public sealed record ChangeOwnPassword(string UserId, string SessionId, string CurrentPassword, string NewPassword) : ICommand<Result<bool>>
{
    // A record prints every member: the passwords must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("UserId = ").Append(UserId);
        return true;
    }
}

public sealed class ChangeOwnPasswordValidator : AbstractValidator<ChangeOwnPassword>
{
    public ChangeOwnPasswordValidator()
    {
        RuleFor(c => c.UserId).NotEmpty().MaximumLength(64);
        RuleFor(c => c.SessionId).NotEmpty().MaximumLength(128);
        RuleFor(c => c.CurrentPassword).NotEmpty().MaximumLength(1024).OverridePropertyName("current_password");
        RuleFor(c => c.NewPassword).NotNull().ValidPassword().OverridePropertyName("new_password");
        RuleFor(c => c.NewPassword).NotEqual(c => c.CurrentPassword).WithMessage("The new password must differ from the current one.")
            .OverridePropertyName("new_password");
    }
}

public sealed class ChangeOwnPasswordHandler(
    IAuthDbContext db,
    IPasswordHasher hasher,
    UserAccessRevocation revocation,
    IOptions<SignInOptions> options,
    ISecurityEvents events,
    TimeProvider clock) : ICommandHandler<ChangeOwnPassword, Result<bool>>
{
    public const string Refusal = "The current password is not correct, or the account is locked for a while after repeated failures.";

    public async ValueTask<Result<bool>> Handle(ChangeOwnPassword command, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return Error.NotFound("The account no longer exists or is disabled.");
        }

        var now = clock.GetUtcNow();
        var matches = hasher.Verify(command.CurrentPassword, user.PasswordHash);
        if (user.IsLockedOut(now) || !matches)
        {
            if (!user.IsLockedOut(now))
            {
                user.RecordFailedSignIn(now, options.Value.Lockout);
                if (!await TrySaveAsync(cancellationToken))
                {
                    return Error.Conflict("The account changed meanwhile; try again.");
                }
            }

            events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordChanged, user.IsLockedOut(now) ? SecurityEventOutcomes.LockedOut : SecurityEventOutcomes.Failure, user.Id, Detail: user.UserName));
            return Error.Unauthorized(Refusal);
        }

        user.SetPasswordHash(hasher.Hash(command.NewPassword), now);
        try
        {
            await revocation.SaveEndingAccessAsync(user.Id, cancellationToken, keepSessionId: command.SessionId);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A sign-in counted a wrong password meanwhile; nothing was committed.
            db.DiscardChanges();
            return Error.Conflict("The account changed meanwhile; try again.");
        }

        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordChanged, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return true;
    }

    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return false;
        }
    }
}
