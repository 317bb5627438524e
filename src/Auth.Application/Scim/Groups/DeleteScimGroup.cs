using Auth.Application.Audit;
using Auth.Application.Groups;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scim.Groups;

/// <summary>DELETE /Groups/{id}: the group and its memberships; the users stay, their versions raised (<see cref="MembershipVersions"/>).</summary>
public sealed record DeleteScimGroup(string Id, ScimIfMatch? IfMatch, string ClientId) : ICommand<Result<bool>>;

public sealed class DeleteScimGroupHandler(IAuthDbContext db, ISecurityEvents events, TimeProvider clock) : ICommandHandler<DeleteScimGroup, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(DeleteScimGroup command, CancellationToken cancellationToken)
    {
        var group = await db.FindScimGroupAsync(command.Id, command.IfMatch, cancellationToken);
        if (!group.Succeeded)
        {
            return group.Error;
        }

        // The group's row first, then its members' (as a group's change and a user's deletion take them), so that no
        // two of these transactions wait for each other.
        List<string> members = [.. group.Value.Members.Select(m => m.UserId)];
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            db.Groups.Remove(group.Value);
            await db.SaveChangesAsync(cancellationToken);
            await db.TouchUsersAsync(members, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        events.Record(new SecurityEvent(SecurityEventTypes.ScimGroupDeleted, SecurityEventOutcomes.Success, ClientId: command.ClientId, Detail: command.Id));
        return true;
    }
}
