using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Clients;

/// <summary>Deletes a client together with its authorizations, tokens and role mapping.</summary>
public sealed record RemoveClient(string ClientId) : ICommand<Result<string>>;

public sealed class RemoveClientHandler(IClientRegistry clients, IAuthDbContext db, ISecurityEvents events) : ICommandHandler<RemoveClient, Result<string>>
{
    public async ValueTask<Result<string>> Handle(RemoveClient command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        if (!await clients.RemoveAsync(command.ClientId, cancellationToken))
        {
            return Error.NotFound($"No client has the id '{command.ClientId}'.");
        }

        // A client registered again under this id starts without the old one's roles.
        await db.ClientRoleMappings.Where(m => m.ClientId == command.ClientId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        events.Record(new SecurityEvent(SecurityEventTypes.ClientRemoved, SecurityEventOutcomes.Success, ClientId: command.ClientId));
        return command.ClientId;
    }
}
