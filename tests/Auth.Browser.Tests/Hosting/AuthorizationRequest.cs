using Auth.Api.Tests.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Browser.Tests.Hosting;

/// <summary>One authorization request of the public client (RFC 6749 §4.1.1 with RFC 7636 PKCE and an OpenID Connect nonce).</summary>
public sealed class AuthorizationRequest(Uri redirectUri, string scope)
{
    public Pkce Pkce { get; } = Pkce.Create();

    public string State { get; } = Pkce.Random();

    public string Nonce { get; } = Pkce.Random();

    public string Url(Uri authorizationEndpoint, string clientId = BrowserSeed.PublicClientId) => QueryHelpers.AddQueryString(authorizationEndpoint.AbsoluteUri, new Dictionary<string, string?>
    {
        ["response_type"] = "code",
        ["client_id"] = clientId,
        ["redirect_uri"] = redirectUri.AbsoluteUri,
        ["scope"] = scope,
        ["state"] = State,
        ["nonce"] = Nonce,
        ["code_challenge"] = Pkce.Challenge,
        ["code_challenge_method"] = "S256",
    });
}
