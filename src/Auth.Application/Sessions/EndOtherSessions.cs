using Auth.Application.Audit;
using Auth.Application.Ports;
using Mediator;

namespace Auth.Application.Sessions;

/// <summary>
/// A signed-in user signs out everywhere else (the account page): every session of theirs but
/// <paramref name="KeepSessionId"/> is deleted in one statement, their clients told (<see cref="SessionEnding"/>), so each cookie is worthless on every node at its next
/// request. Tokens keep their own lifetimes, as with one ended session. The number of sessions ended.
/// </summary>
public sealed record EndOtherSessions(string UserId, string KeepSessionId) : ICommand<int>;

public sealed class EndOtherSessionsHandler(IAuthDbContext db, SessionEnding sessions, ISecurityEvents events) : ICommandHandler<EndOtherSessions, int>
{
    public async ValueTask<int> Handle(EndOtherSessions command, CancellationToken cancellationToken)
    {
        var ended = await sessions.SaveEndingAsync(db.Sessions.Where(s => s.UserId == command.UserId && s.Id != command.KeepSessionId), cancellationToken);
        if (ended > 0)
        {
            events.Record(new SecurityEvent(SecurityEventTypes.SessionEnded, SecurityEventOutcomes.Success, command.UserId, Detail: $"{ended} other sessions"));
        }

        return ended;
    }
}
