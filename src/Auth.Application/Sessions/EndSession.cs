using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions;

/// <summary>Logout: the session row is deleted, so a copy of the cookie is worthless on every node from now on.</summary>
public sealed record EndSession(string SessionId) : ICommand<bool>;

public sealed class EndSessionHandler(IAuthDbContext db) : ICommandHandler<EndSession, bool>
{
    public async ValueTask<bool> Handle(EndSession command, CancellationToken cancellationToken) =>
        await db.Sessions.Where(s => s.Id == command.SessionId).ExecuteDeleteAsync(cancellationToken) > 0;
}
