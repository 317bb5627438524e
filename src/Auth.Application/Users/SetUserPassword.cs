using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// An operator gives a user a new password. As with any new password, what the old one granted ends with it: the
/// user's sessions, and every token and authorization issued to them (<see cref="UserAccessRevocation"/>). A lockout
/// and a deactivation stay as they are.
/// </summary>
public sealed record SetUserPassword(UserKey User, string Password) : ICommand<Result<string>>
{
    // A record prints every member: the password must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("User = ").Append(User);
        return true;
    }
}

public sealed class SetUserPasswordValidator : AbstractValidator<SetUserPassword>
{
    public SetUserPasswordValidator()
    {
        RuleFor(c => c.User.Value).NotEmpty().MaximumLength(256).OverridePropertyName("user");
        RuleFor(c => c.Password).NotNull().ValidPassword();
    }
}

public sealed class SetUserPasswordHandler(
    IAuthDbContext db,
    IPasswordHasher hasher,
    UserAccessRevocation revocation,
    ISecurityEvents events,
    TimeProvider clock) : ICommandHandler<SetUserPassword, Result<string>>
{
    public async ValueTask<Result<string>> Handle(SetUserPassword command, CancellationToken cancellationToken)
    {
        // Hashed once, however many times the write is made again.
        string? passwordHash = null;
        return await WriteRetry.OnFreshDataAsync(db, () => WriteAsync(command, () => passwordHash ??= hasher.Hash(command.Password), cancellationToken), cancellationToken);
    }

    private async Task<Result<string>> WriteAsync(SetUserPassword command, Func<string> passwordHash, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        user.SetPasswordHash(passwordHash(), clock.GetUtcNow());
        await revocation.SaveEndingAccessAsync(user.Id, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.UserPasswordSet, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return user.Id;
    }
}
