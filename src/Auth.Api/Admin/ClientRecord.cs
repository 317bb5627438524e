using System.Text.Json.Serialization;
using Auth.Application.Clients;

namespace Auth.Api.Admin;

/// <summary>A client as the admin API lists it, with RFC 7591 §2 metadata names; never a secret.</summary>
public sealed record ClientRecord(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_name")] string? ClientName,
    [property: JsonPropertyName("confidential")] bool Confidential,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string> RedirectUris)
{
    public static ClientRecord From(ClientSummary client) =>
        new(client.ClientId, client.DisplayName, client.IsConfidential, client.GrantTypes, client.Scopes, client.RedirectUris);
}
