using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// Lets a deactivated user sign in again (the opposite of <see cref="DeactivateUser"/>). Only the flag comes back:
/// the sessions, tokens and authorizations the deactivation revoked stay revoked, and the security stamp it changed
/// stays changed, so the user starts afresh with a new sign-in. True when the user was deactivated; enabling an
/// active user changes nothing.
/// </summary>
public sealed record EnableUser(UserKey User) : ICommand<Result<bool>>;

public sealed class EnableUserHandler(IAuthDbContext db, ISecurityEvents events, TimeProvider clock) : ICommandHandler<EnableUser, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(EnableUser command, CancellationToken cancellationToken) =>
        await WriteRetry.OnFreshDataAsync(db, () => WriteAsync(command, cancellationToken), cancellationToken);

    private async Task<Result<bool>> WriteAsync(EnableUser command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        if (user.IsActive)
        {
            return false;
        }

        user.Activate(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.UserEnabled, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return true;
    }
}
