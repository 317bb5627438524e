using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>DELETE /Users/{id} (RFC 7644 §3.6): the user, their memberships, sessions and tokens are gone.</summary>
public sealed record DeleteScimUser(string Id, ScimIfMatch? IfMatch, string ClientId) : ICommand<Result<bool>>;

public sealed class DeleteScimUserHandler(IAuthDbContext db, UserAccessRevocation revocation, ISecurityEvents events) : ICommandHandler<DeleteScimUser, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(DeleteScimUser command, CancellationToken cancellationToken)
    {
        var user = await db.FindScimUserAsync(command.Id, command.IfMatch, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Error;
        }

        db.Users.Remove(user.Value);
        await revocation.SaveEndingAccessAsync(user.Value.Id, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.ScimUserDeleted, SecurityEventOutcomes.Success, user.Value.Id, command.ClientId));
        return true;
    }
}
