using Auth.Application.Ports;
using Auth.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Sessions;

/// <summary>
/// Starts a server-side session for a user who has just authenticated, and returns its id, the only thing the
/// browser's cookie holds. The browser's previous session, if any, ends: a new sign-in always gets a new id.
/// </summary>
public sealed record StartSession(string UserId, IReadOnlyList<string> Methods, DateTimeOffset AuthenticatedAt, string? PreviousSessionId) : ICommand<string>;

public sealed class StartSessionHandler(IAuthDbContext db, IOptions<SessionLifetimes> options, TimeProvider clock) : ICommandHandler<StartSession, string>
{
    public async ValueTask<string> Handle(StartSession command, CancellationToken cancellationToken)
    {
        if (command.PreviousSessionId is { } previous)
        {
            await db.Sessions.Where(s => s.Id == previous).ExecuteDeleteAsync(cancellationToken);
        }

        var session = new UserSession(command.UserId, command.Methods, command.AuthenticatedAt, clock.GetUtcNow(), options.Value.SessionAbsoluteLifetime);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session.Id;
    }
}
