using Auth.Application.Clients;
using Auth.Application.IdentityProviders;
using Auth.Application.Scopes;
using Auth.Application.Users;

namespace Auth.Application.Seed;

/// <summary>The known world a seed file describes: API scopes, clients, upstream identity providers and users.</summary>
public sealed record SeedDocument
{
    public IReadOnlyList<ScopeDefinition> Scopes { get; init; } = [];

    public IReadOnlyList<ClientDefinition> Clients { get; init; } = [];

    public IReadOnlyList<IdentityProviderDefinition> IdentityProviders { get; init; } = [];

    public IReadOnlyList<UserDefinition> Users { get; init; } = [];
}
