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

        var client = new SessionClient(command.SessionId, command.ClientId, clock.GetUtcNow());
        db.SessionClients.Add(client);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex) || db.IsMissingReference(ex))
        {
            // A parallel request recorded the client first, or the session ended meanwhile: nothing is missing either way.
            // Removing a row that was never inserted only stops tracking it, so a later save does not try again.
            db.SessionClients.Remove(client);
        }

        return Unit.Value;
    }
}
