using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions;

/// <summary>
/// The user of a session has just given a second factor (step-up for a client or an acr that needs one): the session
/// records it and keeps its id, so the <c>sid</c> the applications already hold stays right.
/// </summary>
public sealed record AddSecondFactorToSession(string SessionId, string UserId, string Method) : ICommand<bool>;

public sealed class AddSecondFactorToSessionHandler(IAuthDbContext db) : ICommandHandler<AddSecondFactorToSession, bool>
{
    public async ValueTask<bool> Handle(AddSecondFactorToSession command, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == command.SessionId && s.UserId == command.UserId, cancellationToken);
        if (session is null)
        {
            return false;
        }

        session.AddMethod(command.Method);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
