using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Clients;

/// <summary>
/// Deletes a client together with its authorizations, tokens and role mapping; with <see cref="ExpectedVersion"/>, only
/// while the stored client is still at that version.
/// </summary>
public sealed record RemoveClient(string ClientId, string? ExpectedVersion = null) : ICommand<Result<string>>;

public sealed class RemoveClientHandler(IClientRegistry clients, IAuthDbContext db, ISecurityEvents events) : ICommandHandler<RemoveClient, Result<string>>
{
    public async ValueTask<Result<string>> Handle(RemoveClient command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        if (command.ExpectedVersion is { } expected && await clients.FindAsync(command.ClientId, cancellationToken) is { } stored &&
            !string.Equals(expected, stored.Version, StringComparison.Ordinal))
        {
            return Error.PreconditionFailed($"The client '{command.ClientId}' has changed since the version given; read it again.");
        }

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
