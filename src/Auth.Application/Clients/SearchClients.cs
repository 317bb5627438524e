using Auth.Application.Ports;
using FluentValidation;
using Mediator;

namespace Auth.Application.Clients;

/// <summary>
/// One page of clients for operators (the admin API), by client id (ordinal), filtered by an id prefix and a grant type.
/// Keyset paging: <see cref="After"/> is the last page's <see cref="ClientPage.NextAfter"/>. Clients are few (tens to
/// hundreds), so the registry's full list is filtered here rather than in a query of OpenIddict's tables.
/// </summary>
public sealed record SearchClients(string? ClientIdPrefix = null, string? GrantType = null, string? After = null, int Count = SearchClients.DefaultCount)
    : IQuery<ClientPage>
{
    public const int DefaultCount = 50;

    public const int MaximumCount = 500;
}

/// <summary>A page of clients; <see cref="NextAfter"/> is null on the last.</summary>
public sealed record ClientPage(IReadOnlyList<ClientSummary> Clients, string? NextAfter);

public sealed class SearchClientsValidator : AbstractValidator<SearchClients>
{
    public SearchClientsValidator()
    {
        RuleFor(q => q.Count).InclusiveBetween(1, SearchClients.MaximumCount)
            .WithMessage($"count is a whole number from 1 to {SearchClients.MaximumCount}.");
        RuleFor(q => q.ClientIdPrefix).MaximumLength(100);
        RuleFor(q => q.GrantType).MaximumLength(100);
        RuleFor(q => q.After).MaximumLength(100);
    }
}

public sealed class SearchClientsHandler(IClientRegistry clients) : IQueryHandler<SearchClients, ClientPage>
{
    public async ValueTask<ClientPage> Handle(SearchClients query, CancellationToken cancellationToken)
    {
        // The registry lists in ordinal id order, the order of the keyset.
        var found = (await clients.ListAsync(cancellationToken))
            .Where(c => query.ClientIdPrefix is null || c.ClientId.StartsWith(query.ClientIdPrefix, StringComparison.Ordinal))
            .Where(c => query.GrantType is null || c.GrantTypes.Contains(query.GrantType, StringComparer.Ordinal))
            .Where(c => query.After is null || string.CompareOrdinal(c.ClientId, query.After) > 0)
            .Take(query.Count + 1)
            .ToList();
        var page = found.Take(query.Count).ToList();
        return new ClientPage(page, found.Count > query.Count ? page[^1].ClientId : null);
    }
}
