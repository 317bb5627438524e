using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Mediator;

namespace Auth.Application.Scim.Users;

/// <summary>DELETE /Users/{id} (RFC 7644 §3.6): the user, their memberships, sessions and tokens are gone.</summary>
public sealed record DeleteScimUser(string Id, long? IfMatchVersion, string ClientId) : ICommand<Result<bool>>;

public sealed class DeleteScimUserHandler(IAuthDbContext db, ScimUserStore store, UserAccessRevocation revocation, ISecurityEvents events) : ICommandHandler<DeleteScimUser, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(DeleteScimUser command, CancellationToken cancellationToken)
    {
        var user = await store.FindAsync(command.Id, cancellationToken);
        if (user is null)
        {
            return ScimErrors.NotFound("User", command.Id);
        }

        if (command.IfMatchVersion is { } version && version != user.Version)
        {
            return ScimErrors.VersionMismatch();
        }

        db.Users.Remove(user);
        await revocation.SaveEndingAccessAsync(user.Id, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.ScimUserDeleted, SecurityEventOutcomes.Success, user.Id, command.ClientId));
        return true;
    }
}
