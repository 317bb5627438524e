using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>DELETE /Groups/{id}: the group and its memberships; the users stay.</summary>
public sealed record DeleteScimGroup(string Id, ScimIfMatch? IfMatch, string ClientId) : ICommand<Result<bool>>;

public sealed class DeleteScimGroupHandler(IAuthDbContext db, ISecurityEvents events) : ICommandHandler<DeleteScimGroup, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(DeleteScimGroup command, CancellationToken cancellationToken)
    {
        var group = await db.FindScimGroupAsync(command.Id, command.IfMatch, cancellationToken);
        if (!group.Succeeded)
        {
            return group.Error;
        }

        db.Groups.Remove(group.Value);
        await db.SaveChangesAsync(cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.ScimGroupDeleted, SecurityEventOutcomes.Success, ClientId: command.ClientId, Detail: command.Id));
        return true;
    }
}
