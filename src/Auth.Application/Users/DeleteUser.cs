using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Users;

/// <summary>
/// An operator deletes a user: the row and, with it, their memberships, second factors and sessions; every token and
/// authorization issued to them is revoked in the same transaction (<see cref="UserAccessRevocation"/>). SCIM's delete
/// (<see cref="Scim.Users.DeleteScimUser"/>) does the same for a directory, in SCIM's words. Returns the user's id.
/// </summary>
public sealed record DeleteUser(UserKey User) : ICommand<Result<string>>;

public sealed class DeleteUserHandler(IAuthDbContext db, UserAccessRevocation revocation, ISecurityEvents events) : ICommandHandler<DeleteUser, Result<string>>
{
    public async ValueTask<Result<string>> Handle(DeleteUser command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        if (!await revocation.SaveDeletionAsync(user, onlyIfUnchanged: false, cancellationToken))
        {
            return command.User.NotFound();
        }

        events.Record(new SecurityEvent(SecurityEventTypes.UserDeleted, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return user.Id;
    }
}
