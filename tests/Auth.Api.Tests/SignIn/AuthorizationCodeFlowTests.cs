using System.Net;
using Auth.Api.Tests.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.SignIn;

public sealed class AuthorizationCodeFlowTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Signing_in_returns_a_code_and_state_that_redeem_for_tokens_with_a_valid_id_token()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var browser = NewBrowser();
        var callback = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce, state: "xyz state/+=", nonce: "n-0S6_WzA2Mj"), user);
        var parameters = CallbackParameters(callback, TestSeed.WebAppCallback);
        Assert.That(parameters["state"], Is.EqualTo("xyz state/+="));
        Assert.That(parameters["iss"], Is.EqualTo(Server.BaseAddress.AbsoluteUri), "RFC 9207 iss in the authorization response");

        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, parameters["code"], TestSeed.WebAppCallback, pkce.Verifier);
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = Server.BaseAddress.AbsoluteUri,
            ValidAudience = TestSeed.WebApp.Id,
            IssuerSigningKeys = new JsonWebKeySet(await Server.Client.GetStringAsync("/jwks.json")).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
        Assert.That(validation.IsValid, Is.True, validation.Exception?.Message);
        var jwt = new JsonWebToken(idToken);

        Assert.Multiple(() =>
        {
            Assert.That(tokens.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
            Assert.That(tokens.GetProperty("refresh_token").GetString(), Is.Not.Empty);
            Assert.That(jwt.GetClaim("nonce").Value, Is.EqualTo("n-0S6_WzA2Mj"));
            Assert.That(jwt.Subject, Is.Not.Empty);
            Assert.That(jwt.GetPayloadValue<long>("auth_time"), Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(60));
            Assert.That(jwt.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "pwd" }));
            Assert.That(jwt.GetClaim("preferred_username").Value, Is.EqualTo(user));
            Assert.That(jwt.GetClaim("email").Value, Is.EqualTo(user + "@example.com"));
            Assert.That(jwt.GetClaim("given_name").Value, Is.EqualTo("Test"));
            Assert.That(jwt.Alg, Is.EqualTo("RS256"));
        });
    }

    [Test]
    public async Task Claims_follow_the_scopes_asked_for()
    {
        var (_, tokens) = await SignedInTokensAsync(scope: "openid");
        var jwt = new JsonWebToken(tokens.GetProperty("id_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(jwt.TryGetClaim("email", out _), Is.False);
            Assert.That(jwt.TryGetClaim("preferred_username", out _), Is.False);
            Assert.That(tokens.TryGetProperty("refresh_token", out _), Is.False, "no offline_access, no refresh token");
        });
    }

    [Test]
    public async Task An_access_token_for_openid_connect_scopes_alone_is_addressed_to_the_issuer()
    {
        var (_, tokens) = await SignedInTokensAsync(scope: "openid profile");
        var access = new JsonWebToken(tokens.GetProperty("access_token").GetString()!);
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        userInfo.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access.EncodedToken);
        using var answer = await Server.Client.SendAsync(userInfo);

        Assert.Multiple(() =>
        {
            Assert.That(access.Audiences, Is.EqualTo(new[] { Server.BaseAddress.AbsoluteUri }), "RFC 9068 §2.2: aud is required");
            Assert.That(answer.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "userinfo still takes it");
        });
    }
}
