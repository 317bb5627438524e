using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Clients;

/// <summary>Deletes a client together with its authorizations and tokens.</summary>
public sealed record RemoveClient(string ClientId) : ICommand<Result<string>>;

public sealed class RemoveClientHandler(IClientRegistry clients, ISecurityEvents events) : ICommandHandler<RemoveClient, Result<string>>
{
    public async ValueTask<Result<string>> Handle(RemoveClient command, CancellationToken cancellationToken)
    {
        if (!await clients.RemoveAsync(command.ClientId, cancellationToken))
        {
            return Error.NotFound($"No client has the id '{command.ClientId}'.");
        }

        events.Record(new SecurityEvent(SecurityEventTypes.ClientRemoved, SecurityEventOutcomes.Success, ClientId: command.ClientId));
        return command.ClientId;
    }
}
