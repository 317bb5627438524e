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
public sealed record EndUserSession(UserKey User, string SessionId) : ICommand<Result<string>>;

public sealed class EndUserSessionHandler(IAuthDbContext db, SessionEnding sessions, ISecurityEvents events) : ICommandHandler<EndUserSession, Result<string>>
{
    public async ValueTask<Result<string>> Handle(EndUserSession command, CancellationToken cancellationToken)
    {
        var user = await db.Users.Matching(command.User).Select(u => new { u.Id, u.UserName }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return command.User.NotFound();
        }

        // The user is part of the key: an id of another user's session ends nothing, and says no more than an unknown id.
        var ended = await sessions.SaveEndingAsync(db.Sessions.Where(s => s.Id == command.SessionId && s.UserId == user.Id), cancellationToken);
        if (ended == 0)
        {
            return Error.NotFound($"'{user.UserName}' has no session with the id '{command.SessionId}'.");
        }

        events.Record(new SecurityEvent(SecurityEventTypes.SessionEnded, SecurityEventOutcomes.Success, user.Id, Detail: user.UserName));
        return command.SessionId;
    }
}
