using Auth.Application.Ports;
using Auth.Application.Results;
using Mediator;

namespace Auth.Application.Scopes;

/// <summary>One registered scope, with its version.</summary>
public sealed record GetScope(string Name) : IQuery<Result<RegisteredScope>>;

public sealed class GetScopeHandler(IScopeRegistry scopes) : IQueryHandler<GetScope, Result<RegisteredScope>>
{
    public async ValueTask<Result<RegisteredScope>> Handle(GetScope query, CancellationToken cancellationToken) =>
        await scopes.FindAsync(query.Name, cancellationToken) is { } scope
            ? scope
            : Error.NotFound($"No scope is named '{query.Name}'.");
}
