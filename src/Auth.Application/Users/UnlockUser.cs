using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// Lifts a password lockout (<see cref="SignIn.SignInWithPassword"/> starts one after too many wrong passwords): the
/// user signs in with the right password at once, and the count of wrong ones starts again. A deactivated user stays
/// deactivated. True when a lockout was in force.
/// </summary>
public sealed record UnlockUser(UserKey User) : ICommand<Result<bool>>;

public sealed class UnlockUserHandler(IAuthDbContext db, ISecurityEvents events, TimeProvider clock) : ICommandHandler<UnlockUser, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(UnlockUser command, CancellationToken cancellationToken) =>
        await WriteRetry.OnFreshDataAsync(db, () => WriteAsync(command, cancellationToken), cancellationToken);

    private async Task<Result<bool>> WriteAsync(UnlockUser command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        // A sign-in counting a wrong password meanwhile (the count is a concurrency token) makes this read the fresh row.
        var wasLockedOut = user.IsLockedOut(clock.GetUtcNow());
        user.Unlock();
        await db.SaveChangesAsync(cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.UserUnlocked, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return wasLockedOut;
    }
}
