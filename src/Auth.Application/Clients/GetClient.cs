using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

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

        // The roles live beside the registration; every change to them gives it a new version (UpdateClient, RegisterClient).
        var mappings = await db.ClientRoleMappings.AsNoTracking().Where(m => m.ClientId == client.ClientId).ToListAsync(cancellationToken);
        var roles = mappings
            .GroupBy(m => m.Role, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlyList<string> (g) => [.. g.Select(m => m.GroupKey).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        return client with { Roles = roles };
    }
}
