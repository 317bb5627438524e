using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.Hosting.Upstream;

/// <summary>
/// A relying party of the test upstream written on the wire (no OpenID library), for tests of the upstream itself:
/// the authorization code flow with PKCE as OpenID Connect Core §3.1 and RFC 7636 spell it, with one client.
/// </summary>
public sealed class UpstreamRelyingParty
{
    private readonly HttpClient _http;

    private UpstreamRelyingParty(HttpClient http, TestUpstream upstream, UpstreamClient client, JsonElement discovery)
    {
        _http = http;
        Upstream = upstream;
        Client = client;
        Discovery = discovery;
    }

    public TestUpstream Upstream { get; }

    public UpstreamClient Client { get; }

    public JsonElement Discovery { get; }

    public Uri RedirectUri => Client.RedirectUris[0];

    /// <summary>Reads the upstream's discovery document with <paramref name="http"/> (a <see cref="UserAgent"/>'s client: cookies, no redirects followed).</summary>
    public static async Task<UpstreamRelyingParty> DiscoverAsync(HttpClient http, TestUpstream upstream, UpstreamClient client)
    {
        using var response = await http.GetAsync(upstream.DiscoveryDocument);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), upstream.RecentOutput);
        return new UpstreamRelyingParty(http, upstream, client, await OAuthClient.ReadJsonAsync(response));
    }

    public Uri Endpoint(string metadata) => new(Discovery.GetProperty(metadata).GetString()!);

    public Uri AuthorizeUrl(Pkce? pkce, string state = "state", string nonce = "nonce", string scope = "openid profile email", string? loginHint = null) =>
        new(QueryHelpers.AddQueryString(Endpoint("authorization_endpoint").AbsoluteUri, new Dictionary<string, string?>
        {
            ["client_id"] = Client.ClientId,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["redirect_uri"] = RedirectUri.AbsoluteUri,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = pkce?.Challenge,
            ["code_challenge_method"] = pkce is null ? null : "S256",
            ["login_hint"] = loginHint,
        }.Where(p => p.Value is not null)));

    /// <summary>Follows the redirects from <paramref name="start"/> to the redirect URI and returns its query parameters.</summary>
    public async Task<Dictionary<string, string>> FollowToCallbackAsync(Uri start) =>
        UserAgent.QueryOf(await UpstreamSignIn.FollowUntilAsync(_http, start, RedirectUri));

    /// <summary>RFC 6749 §4.1.3 with RFC 7636 §4.5's verifier, the client authenticated with HTTP Basic (its secret, or the one given).</summary>
    public Task<HttpResponseMessage> RequestTokensAsync(string code, Pkce pkce, string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint("token_endpoint"))
        {
            Content = new FormUrlEncodedContent(OAuthClient.Form(
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri.AbsoluteUri), ("code_verifier", pkce.Verifier))),
        };
        request.Headers.Authorization = OAuthClient.Basic(Client.ClientId, secret ?? Client.ClientSecret!);
        return _http.SendAsync(request);
    }

    /// <summary>Redeems the code of a successful callback and returns the token response.</summary>
    public async Task<JsonElement> RedeemAsync(Dictionary<string, string> callback, Pkce pkce)
    {
        Assert.That(callback, Does.ContainKey("code"), string.Join('&', callback.Select(p => $"{p.Key}={p.Value}")));
        using var response = await RequestTokensAsync(callback["code"], pkce);
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    /// <summary>A whole sign-in whose user the test scripted (<see cref="TestUpstream.SignInNextAsAsync"/>) or who already has an upstream session; returns the ID token.</summary>
    public async Task<JsonWebToken> SignInAsync(string scope = "openid profile email")
    {
        var pkce = Pkce.Create();
        var callback = await FollowToCallbackAsync(AuthorizeUrl(pkce, scope: scope));
        return new JsonWebToken((await RedeemAsync(callback, pkce)).GetProperty("id_token").GetString()!);
    }

    /// <summary>Checks an ID token's signature against the upstream's JWKS, its issuer and its audience (this client).</summary>
    public async Task<TokenValidationResult> ValidateAsync(string idToken) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = Upstream.Issuer,
            ValidAudience = Client.ClientId,
            IssuerSigningKeys = new JsonWebKeySet(await _http.GetStringAsync(Endpoint("jwks_uri"))).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
}
