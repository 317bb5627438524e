using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Auth.Application.Users;

/// <summary>
/// Deactivates a user: they can no longer sign in, their sessions end (the security stamp changes), and every token
/// and authorization issued to them is revoked, so introspection answers inactive from now on.
/// </summary>
public sealed record DeactivateUser(string UserName) : ICommand<Result<string>>;

public sealed class DeactivateUserHandler(
    IAuthDbContext db,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    ISecurityEvents events,
    TimeProvider clock) : ICommandHandler<DeactivateUser, Result<string>>
{
    public async ValueTask<Result<string>> Handle(DeactivateUser command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Named(command.UserName).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return Error.NotFound($"No user is named '{command.UserName}'.");
        }

        user.Deactivate(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await tokens.RevokeBySubjectAsync(user.Id, cancellationToken);
        await authorizations.RevokeBySubjectAsync(user.Id, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.UserDeactivated, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return user.Id;
    }
}
