using System.Text.Json.Nodes;

namespace Auth.Api.Tests.Hosting.Upstream;

/// <summary>
/// A client registered at the test upstream: the service, as the operator would register it there. Serialized as
/// OpenID Connect Dynamic Client Registration metadata (snake_case), which oidc-provider takes as is.
/// </summary>
public sealed record UpstreamClient(string ClientId, IReadOnlyList<Uri> RedirectUris)
{
    /// <summary>Null with <c>private_key_jwt</c>.</summary>
    public string? ClientSecret { get; init; }

    public IReadOnlyList<Uri> PostLogoutRedirectUris { get; init; } = [];

    /// <summary><c>client_secret_basic</c>, <c>client_secret_post</c> or <c>private_key_jwt</c> (with <see cref="Jwks"/>).</summary>
    public string TokenEndpointAuthMethod { get; init; } = "client_secret_basic";

    /// <summary>The public keys a <c>private_key_jwt</c> client signs its assertions with: <c>{ "keys": [ … ] }</c>.</summary>
    public JsonObject? Jwks { get; init; }

    /// <summary>
    /// The service as a client of provider <paramref name="providerId"/>, with the callback paths of design D3:
    /// <c>{service}signin/{id}/callback</c> and <c>{service}signout/{id}/callback</c>.
    /// </summary>
    public static UpstreamClient ForService(Uri service, string providerId, string clientId, string clientSecret) =>
        new(clientId, [new Uri(service, $"signin/{providerId}/callback")])
        {
            ClientSecret = clientSecret,
            PostLogoutRedirectUris = [new Uri(service, $"signout/{providerId}/callback")],
        };
}
