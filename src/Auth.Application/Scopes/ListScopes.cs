using Auth.Application.Ports;
using Mediator;

namespace Auth.Application.Scopes;

/// <summary>Every registered scope by name (the built-in mfa scope among them), with its resources.</summary>
public sealed record ListScopes : IQuery<IReadOnlyList<ScopeDefinition>>;

public sealed class ListScopesHandler(IScopeRegistry scopes) : IQueryHandler<ListScopes, IReadOnlyList<ScopeDefinition>>
{
    public async ValueTask<IReadOnlyList<ScopeDefinition>> Handle(ListScopes query, CancellationToken cancellationToken) =>
        await scopes.ListAsync(cancellationToken);
}
