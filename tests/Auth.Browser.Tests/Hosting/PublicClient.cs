using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Browser.Tests.Browser;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Hosting;

/// <summary>
/// The public client a test plays itself: it builds the authorization request, reads the code the browser brings
/// back to its callback, and redeems it and checks the ID token exactly as a client on the wire would.
/// </summary>
public sealed class PublicClient(HttpClient server, Discovery discovery, Uri callback)
{
    public const string Scope = "openid profile email " + TestSeed.OrdersRead;

    public Discovery Discovery => discovery;

    public AuthorizationRequest NewRequest(string scope = Scope) => new(callback, scope);

    /// <summary>Waits until the browser is back at the callback, then checks what the server sent with it.</summary>
    public async Task<string> WaitForCodeAsync(IPage page, AuthorizationRequest request)
    {
        await page.WaitForAddressAsync(url => url.StartsWith(callback.AbsoluteUri, StringComparison.Ordinal));
        var query = QueryHelpers.ParseQuery(new Uri(page.Url).Query);
        Assert.Multiple(() =>
        {
            Assert.That(query.ContainsKey("error"), Is.False, page.Url);
            Assert.That(query["state"].ToString(), Is.EqualTo(request.State), "RFC 6749 §4.1.2: state is echoed");
            Assert.That(query["code"].ToString(), Is.Not.Empty);
            if (query.TryGetValue("iss", out var iss))
            {
                Assert.That(iss.ToString(), Is.EqualTo(discovery.Issuer), "RFC 9207: iss names the issuer");
            }
        });
        await Expect(page.GetByText("Back at the client.")).ToBeVisibleAsync();
        return query["code"].ToString();
    }

    public async Task<JsonElement> RedeemAsync(string code, string verifier)
    {
        using var response = await server.PostAsync(discovery.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = callback.AbsoluteUri,
            ["client_id"] = BrowserSeed.PublicClientId,
            ["code_verifier"] = verifier,
        }));
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    /// <summary>Validates an ID token as a client would: signed with a key from the issuer's JWKS, for this client, not expired.</summary>
    public async Task<JsonWebToken> ValidateIdTokenAsync(string idToken)
    {
        var keys = new JsonWebKeySet(await server.GetStringAsync(discovery.JwksUri));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = discovery.Issuer,
            ValidAudience = BrowserSeed.PublicClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(5),
        });
        Assert.That(result.IsValid, Is.True, $"ID token rejected: {result.Exception?.Message}");
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Multiple(() =>
        {
            Assert.That(token.Alg, Is.EqualTo(SecurityAlgorithms.RsaSha256));
            Assert.That(token.TryGetPayloadValue<long>("iat", out _), Is.True, "iat is missing");
        });
        return token;
    }
}
