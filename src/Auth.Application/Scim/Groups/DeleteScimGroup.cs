using Auth.Application.Audit;
using Auth.Application.Groups;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

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

        // The group's row first, locked and checked (the precondition, when there is one, against what is there now), as a
        // group's change and a user's deletion take it first too, so that none of them waits for a row another holds while
        // it holds this one; then its members as they are, its deletion (the database removes the memberships), and the
        // members' versions.
        var conditional = command.IfMatch is not null;
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            if (!await db.LockGroupAsync(command.Id, conditional ? group.Value.Version : null, cancellationToken))
            {
                return conditional ? ScimErrors.VersionMismatch() : ScimErrors.NotFound("Group", command.Id);
            }

            var members = await db.GroupMembers.Where(m => m.GroupId == command.Id).Select(m => m.UserId).ToListAsync(cancellationToken);
            await db.Groups.Where(g => g.Id == command.Id).ExecuteDeleteAsync(cancellationToken);
            await db.TouchUsersAsync(members, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        events.Record(new SecurityEvent(SecurityEventTypes.ScimGroupDeleted, SecurityEventOutcomes.Success, ClientId: command.ClientId, Detail: command.Id));
        return true;
    }
}
