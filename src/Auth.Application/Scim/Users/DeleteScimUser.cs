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

        if (!await revocation.SaveDeletionAsync(user.Value, onlyIfUnchanged: command.IfMatch is not null, cancellationToken))
        {
            return command.IfMatch is not null ? ScimErrors.VersionMismatch() : ScimErrors.NotFound("User", command.Id);
        }

        events.Record(new SecurityEvent(SecurityEventTypes.ScimUserDeleted, SecurityEventOutcomes.Success, user.Value.Id, command.ClientId));
        return true;
    }
}
