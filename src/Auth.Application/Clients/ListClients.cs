using Mediator;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Application.Clients;

public sealed record ListClients : IQuery<IReadOnlyList<ClientSummary>>;

public sealed class ListClientsHandler(IOpenIddictApplicationManager applications) : IQueryHandler<ListClients, IReadOnlyList<ClientSummary>>
{
    public async ValueTask<IReadOnlyList<ClientSummary>> Handle(ListClients query, CancellationToken cancellationToken)
    {
        var clients = new List<ClientSummary>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, cancellationToken);
            clients.Add(new ClientSummary(
                descriptor.ClientId!,
                descriptor.DisplayName,
                descriptor.ClientType ?? ClientTypes.Public,
                WithPrefix(descriptor.Permissions, Permissions.Prefixes.GrantType),
                WithPrefix(descriptor.Permissions, Permissions.Prefixes.Scope),
                descriptor.RedirectUris.Select(u => u.AbsoluteUri).Order(StringComparer.Ordinal).ToList()));
        }

        return clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
    }

    private static List<string> WithPrefix(IEnumerable<string> permissions, string prefix) =>
        permissions.Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p[prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
}
