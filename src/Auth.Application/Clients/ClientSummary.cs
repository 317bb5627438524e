namespace Auth.Application.Clients;

/// <param name="ClientType">"confidential" or "public" (RFC 6749 §2.1).</param>
public sealed record ClientSummary(
    string ClientId,
    string? DisplayName,
    string ClientType,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> RedirectUris)
{
    /// <summary>Whether the client has a secret (RFC 6749 §2.1).</summary>
    public bool IsConfidential => ClientType == "confidential";
}
