using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using OpenIddict.Abstractions;

namespace Auth.Application.Clients;

/// <summary>Deletes a client together with its authorizations and tokens.</summary>
public sealed record RemoveClient(string ClientId) : ICommand<Result<string>>;

public sealed class RemoveClientHandler(IOpenIddictApplicationManager applications, ISecurityEvents events) : ICommandHandler<RemoveClient, Result<string>>
{
    public async ValueTask<Result<string>> Handle(RemoveClient command, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(command.ClientId, cancellationToken);
        if (application is null)
        {
            return Error.NotFound($"No client has the id '{command.ClientId}'.");
        }

        await applications.DeleteAsync(application, cancellationToken);
        events.Record(new SecurityEvent(SecurityEventTypes.ClientRemoved, SecurityEventOutcomes.Success, ClientId: command.ClientId));
        return command.ClientId;
    }
}
