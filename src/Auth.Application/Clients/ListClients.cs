using Auth.Application.Ports;
using Mediator;

namespace Auth.Application.Clients;

public sealed record ListClients : IQuery<IReadOnlyList<ClientSummary>>;

public sealed class ListClientsHandler(IClientRegistry clients) : IQueryHandler<ListClients, IReadOnlyList<ClientSummary>>
{
    public async ValueTask<IReadOnlyList<ClientSummary>> Handle(ListClients query, CancellationToken cancellationToken) =>
        await clients.ListAsync(cancellationToken);
}
