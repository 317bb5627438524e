namespace Auth.Application.Clients;

public sealed record ClientSummary(
    string ClientId,
    string? DisplayName,
    string ClientType,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris);
