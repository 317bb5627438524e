using Auth.Application.Audit;
using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// Deactivates a user: they can no longer sign in, their sessions end, and every token
/// and authorization issued to them is revoked, so introspection answers inactive from now on.
/// </summary>
public sealed record DeactivateUser(UserKey User) : ICommand<Result<string>>;

public sealed class DeactivateUserHandler(
    IAuthDbContext db,
    UserAccessRevocation revocation,
    ISecurityEvents events,
    TimeProvider clock) : ICommandHandler<DeactivateUser, Result<string>>
{
    public async ValueTask<Result<string>> Handle(DeactivateUser command, CancellationToken cancellationToken) =>
        await WriteRetry.OnFreshDataAsync(db, () => WriteAsync(command, cancellationToken), cancellationToken);

    private async Task<Result<string>> WriteAsync(DeactivateUser command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        user.Deactivate(clock.GetUtcNow());
        await revocation.SaveEndingAccessAsync(user.Id, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.UserDeactivated, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return user.Id;
    }
}
