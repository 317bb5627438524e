using Auth.Application.Audit;
using Auth.Application.Concurrency;
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

    private const string ChangedMeanwhile = "The account changed meanwhile; try again.";

    /// <summary>
    /// Made again on fresh data when the user's row changed between the read and the save (a sign-in counting a
    /// password, a directory's change to them or to one of their groups): the current password is checked again only
    /// if the stored one changed, the new one hashed once. One that still loses after <see cref="WriteRetry.MaxAttempts"/>
    /// asks the user to try again.
    /// </summary>
    public async ValueTask<Result<bool>> Handle(ChangeOwnPassword command, CancellationToken cancellationToken)
    {
        var current = new PasswordVerdict(hasher, command.CurrentPassword);
        string? newHash = null;
        try
        {
            return await WriteRetry.OnFreshDataAsync(
                db, () => ChangeAsync(command, current, () => newHash ??= hasher.Hash(command.NewPassword), cancellationToken), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordChanged, SecurityEventOutcomes.Failure, command.UserId, Detail: "changed meanwhile"));
            return Error.Conflict(ChangedMeanwhile);
        }
    }

    private async Task<Result<bool>> ChangeAsync(ChangeOwnPassword command, PasswordVerdict current, Func<string> newHash, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return Error.NotFound("The account no longer exists or is disabled.");
        }

        var now = clock.GetUtcNow();
        if (user.IsLockedOut(now) || !current.Matches(user.PasswordHash))
        {
            if (!user.IsLockedOut(now))
            {
                user.RecordFailedSignIn(now, options.Value.Lockout);
                await db.SaveChangesAsync(cancellationToken);
            }

            events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordChanged, user.IsLockedOut(now) ? SecurityEventOutcomes.LockedOut : SecurityEventOutcomes.Failure, user.Id, Detail: user.UserName));
            return Error.Unauthorized(Refusal);
        }

        user.SetPasswordHash(newHash(), now);
        await revocation.SaveEndingAccessAsync(user.Id, cancellationToken, keepSessionId: command.SessionId);
        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordChanged, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return true;
    }
}
