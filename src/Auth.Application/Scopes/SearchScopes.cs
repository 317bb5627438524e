using Auth.Application.Ports;
using FluentValidation;
using Mediator;

namespace Auth.Application.Scopes;

/// <summary>
/// One page of registered scopes (the built-in ones among them) by name (ordinal), for operators. Keyset paging:
/// <see cref="After"/> is the last page's <see cref="ScopePage.NextAfter"/>.
/// </summary>
public sealed record SearchScopes(string? After = null, int Count = SearchScopes.DefaultCount) : IQuery<ScopePage>
{
    public const int DefaultCount = 50;

    public const int MaximumCount = 500;
}

/// <summary>A page of scopes; <see cref="NextAfter"/> is null on the last.</summary>
public sealed record ScopePage(IReadOnlyList<ScopeDefinition> Scopes, string? NextAfter);

public sealed class SearchScopesValidator : AbstractValidator<SearchScopes>
{
    public SearchScopesValidator()
    {
        RuleFor(q => q.Count).InclusiveBetween(1, SearchScopes.MaximumCount)
            .WithMessage($"count is a whole number from 1 to {SearchScopes.MaximumCount}.");
        RuleFor(q => q.After).MaximumLength(100);
    }
}

public sealed class SearchScopesHandler(IScopeRegistry scopes) : IQueryHandler<SearchScopes, ScopePage>
{
    public async ValueTask<ScopePage> Handle(SearchScopes query, CancellationToken cancellationToken)
    {
        // The registry lists in ordinal name order, the order of the keyset.
        var found = (await scopes.ListAsync(cancellationToken))
            .Where(s => query.After is null || string.CompareOrdinal(s.Name, query.After) > 0)
            .Take(query.Count + 1)
            .ToList();
        var page = found.Take(query.Count).ToList();
        return new ScopePage(page, found.Count > query.Count ? page[^1].Name : null);
    }
}
