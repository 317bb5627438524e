using Auth.Application.Ports;
using Auth.Domain.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions;

/// <summary>A client received an authorization code in the session: remembered once per client, for logout.</summary>
public sealed record RecordSessionClient(string SessionId, string ClientId) : ICommand;

public sealed class RecordSessionClientHandler(IAuthDbContext db, TimeProvider clock) : ICommandHandler<RecordSessionClient>
{
    public async ValueTask<Unit> Handle(RecordSessionClient command, CancellationToken cancellationToken)
    {
        if (await db.SessionClients.AnyAsync(c => c.SessionId == command.SessionId && c.ClientId == command.ClientId, cancellationToken))
        {
            return Unit.Value;
        }

        var entry = db.SessionClients.Add(new SessionClient(command.SessionId, command.ClientId, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // A parallel request recorded the client first, or the session ended meanwhile: nothing is missing either way.
            entry.State = EntityState.Detached;
        }

        return Unit.Value;
    }
}
