using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Clients;

/// <summary>One client as registered, with its role mapping; never its secret.</summary>
public sealed record GetClient(string ClientId) : IQuery<Result<ClientDetails>>;

public sealed class GetClientHandler(IClientRegistry clients, IAuthDbContext db) : IQueryHandler<GetClient, Result<ClientDetails>>
{
    public async ValueTask<Result<ClientDetails>> Handle(GetClient query, CancellationToken cancellationToken)
    {
        var client = await clients.FindAsync(query.ClientId, cancellationToken);
        if (client is null)
        {
            return Error.NotFound($"No client has the id '{query.ClientId}'.");
        }

        return await ClientRoles.WithRolesAsync(client, db, cancellationToken);
    }
}
