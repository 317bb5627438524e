using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Auth.Application.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions;

/// <summary>
/// An operator ends one of a user's browser sessions, as a logout would (<see cref="EndSession"/>): the row is deleted,
/// so the cookie is worthless on every node at its next request. Tokens already issued in the session keep their own
/// lifetimes; <see cref="SetUserPassword"/> or <see cref="DeactivateUser"/> end those too.
/// </summary>
public sealed record EndUserSession(string UserName, string SessionId) : ICommand<Result<string>>;

public sealed class EndUserSessionHandler(IAuthDbContext db, ISecurityEvents events) : ICommandHandler<EndUserSession, Result<string>>
{
    public async ValueTask<Result<string>> Handle(EndUserSession command, CancellationToken cancellationToken)
    {
        var userId = await db.Users.Named(command.UserName).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        if (userId is null)
        {
            return Error.NotFound($"No user is named '{command.UserName}'.");
        }

        // The user is part of the key: an id of another user's session ends nothing, and says no more than an unknown id.
        var ended = await db.Sessions.Where(s => s.Id == command.SessionId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (ended == 0)
        {
            return Error.NotFound($"'{command.UserName}' has no session with the id '{command.SessionId}'.");
        }

        events.Record(new SecurityEvent(SecurityEventTypes.SessionEnded, SecurityEventOutcomes.Success, userId, Detail: command.UserName));
        return command.SessionId;
    }
}
