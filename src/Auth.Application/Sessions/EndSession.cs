using Auth.Application.Ports;
using Mediator;

namespace Auth.Application.Sessions;

/// <summary>
/// Logout: the session row is deleted, so a copy of the cookie is worthless on every node from now on, and the session's
/// clients are told (<see cref="SessionEnding"/>).
/// </summary>
public sealed record EndSession(string SessionId) : ICommand<bool>;

public sealed class EndSessionHandler(IAuthDbContext db, SessionEnding sessions) : ICommandHandler<EndSession, bool>
{
    public async ValueTask<bool> Handle(EndSession command, CancellationToken cancellationToken) =>
        await sessions.SaveEndingAsync(db.Sessions.Where(s => s.Id == command.SessionId), cancellationToken) > 0;
}
