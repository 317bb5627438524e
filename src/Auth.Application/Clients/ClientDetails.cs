namespace Auth.Application.Clients;

/// <summary>
/// Everything an operator stated about a client (<see cref="ClientDefinition"/>) except its secret, which is stored
/// hashed and never shown: whether it has one is <see cref="ClientType"/>.
/// </summary>
/// <param name="ClientType">"confidential" or "public" (RFC 6749 §2.1).</param>
/// <param name="AccessTokenLifetime">Seconds; null takes the server's OAuth:AccessTokenLifetime.</param>
/// <param name="RefreshTokenLifetime">Seconds; null takes the server's OAuth:RefreshTokenLifetime.</param>
/// <param name="RefreshTokenAbsoluteLifetime">Seconds; null takes the server's OAuth:RefreshTokenAbsoluteLifetime.</param>
/// <param name="GroupsClaim">What the groups claim lists (<see cref="GroupsClaimValue"/>).</param>
/// <param name="Roles">The client's role names, each with the groups whose members hold it.</param>
public sealed record ClientDetails(
    string ClientId,
    string? DisplayName,
    string ClientType,
    bool FirstParty,
    bool RequirePkce,
    bool RequireMfa,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    int? AccessTokenLifetime,
    int? RefreshTokenLifetime,
    int? RefreshTokenAbsoluteLifetime,
    string GroupsClaim,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Roles);
