using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// Signed userinfo answers (OpenID Connect Core §5.3.2): a client registered with userinfoSignedResponseAlg RS256 gets
/// a JWT from the server's JWKS, naming the server and the client; every other client keeps JSON; no other algorithm
/// is taken.
/// </summary>
public sealed class SignedUserInfoTests(StoreKind store) : UserFlowTest(store)
{
    private const string Callback = "https://signed-userinfo.example/cb";

    [Test]
    public async Task A_client_that_asked_for_signed_answers_gets_a_jwt_the_jwks_verifies_naming_it_and_the_server()
    {
        var client = await RegisterAsync(UserInfoSigning.Algorithm);
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var tokens = await RedeemForTokensAsync(client, await GetCodeAsync(user, client.Id, Callback, pkce, scope: "openid profile email groups"), Callback, pkce.Verifier);
        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());

        var (response, body, validation) = await SignedUserInfoAsync(client.Id, tokens.GetProperty("access_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/jwt"));
            Assert.That(validation.IsValid, Is.True, validation.Exception?.Message);
            Assert.That(validation.Claims["sub"], Is.EqualTo(idToken.Subject), "the same sub as the ID token (§5.3.2)");
            Assert.That(validation.Claims["email"], Is.EqualTo($"{user}@example.com"));
            Assert.That(validation.Claims.ContainsKey("preferred_username"), Is.True);
            Assert.That(validation.Claims["email_verified"], Is.False, "a boolean stays a boolean");
            Assert.That(Jwt.Payload(body)["groups"], Is.InstanceOf<System.Text.Json.Nodes.JsonArray>(), "a list stays a JSON array");
        });
    }

    [Test]
    public async Task A_client_the_seed_file_registered_for_signed_answers_gets_a_jwt()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var client = TestSeed.SignedUserInfoApp;
        var tokens = await RedeemForTokensAsync(client, await GetCodeAsync(user, client.Id, TestSeed.SignedUserInfoCallback, pkce, scope: "openid email"),
            TestSeed.SignedUserInfoCallback, pkce.Verifier);

        var (response, body, validation) = await SignedUserInfoAsync(client.Id, tokens.GetProperty("access_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/jwt"), body);
            Assert.That(validation.IsValid, Is.True, validation.Exception?.Message);
            Assert.That(validation.Claims["email"], Is.EqualTo($"{user}@example.com"));
        });
    }

    [Test]
    public async Task Openid_client_takes_the_signed_answer_and_finds_the_users_claims_in_it()
    {
        var client = await RegisterAsync(UserInfoSigning.Algorithm);
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var tokens = await RedeemForTokensAsync(client, await GetCodeAsync(user, client.Id, Callback, pkce, scope: "openid profile email"), Callback, pkce.Verifier);

        // openid-client refuses a JSON answer for a client registered for a signed one, and checks the JWT's signature
        // with the JWKS, its iss and aud, and that its sub is the one expected.
        var result = await RelyingPartyScript.RunAsync("userinfo.mjs", new Dictionary<string, object?>
        {
            ["issuer"] = Server.BaseAddress.AbsoluteUri,
            ["clientId"] = client.Id,
            ["clientSecret"] = client.Secret,
            ["accessToken"] = tokens.GetProperty("access_token").GetString(),
            ["subject"] = new JsonWebToken(tokens.GetProperty("id_token").GetString()).Subject,
            ["signedAlg"] = UserInfoSigning.Algorithm,
        });

        Assert.That(result.GetProperty("userinfo").GetProperty("email").GetString(), Is.EqualTo($"{user}@example.com"));
    }

    [Test]
    public async Task Another_client_still_gets_json_and_discovery_says_rs256()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce), TestSeed.WebAppCallback, pkce.Verifier);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var response = await Server.Client.SendAsync(request);
        using var discovery = await Server.Client.GetAsync("/.well-known/openid-configuration");
        var document = await OAuthClient.ReadJsonAsync(discovery);

        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(document.GetProperty("userinfo_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "RS256" }));
        });
    }

    [Test]
    public async Task A_signed_userinfo_answer_is_no_id_token_hint_at_logout_or_at_the_authorization_endpoint()
    {
        // Any holder of an access token for the client (an API it calls, a thief) can fetch one: it must not end the
        // user's session without asking, as the client's own ID token does.
        var client = await RegisterAsync(UserInfoSigning.Algorithm);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var tokens = await RedeemForTokensAsync(client, await GetCodeAsync(user, client.Id, Callback, pkce, scope: "openid profile", browser: browser), Callback, pkce.Verifier);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var userInfo = await Server.Client.SendAsync(request);
        var signed = await userInfo.Content.ReadAsStringAsync();

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + signed);
        using var authorize = await browser.GetAsync(AuthorizeUrl(client.Id, Callback, "openid", Pkce.Create(), extra: [("prompt", "none"), ("id_token_hint", signed)]));
        using var stillSignedIn = await browser.GetAsync(AuthorizeUrl(client.Id, Callback, "openid", Pkce.Create(), extra: [("prompt", "none")]));
        using var withIdToken = await browser.GetAsync("/oauth/logout?id_token_hint=" + tokens.GetProperty("id_token").GetString());

        Assert.Multiple(async () =>
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "refused as a hint this server did not issue");
            Assert.That(await logout.Content.ReadAsStringAsync(), Does.Contain("This sign-out request cannot be completed"));
            Assert.That(CallbackParameters(authorize, Callback)["error"], Is.EqualTo("invalid_request"));
            Assert.That(CallbackParameters(stillSignedIn, Callback), Does.ContainKey("code"), "the session was not ended");
            Assert.That(withIdToken.StatusCode, Is.Not.EqualTo(HttpStatusCode.BadRequest), "the client's ID token still is a hint");
        });
    }

    [TestCase("HS256")]
    [TestCase("none")]
    [TestCase("RS512")]
    public async Task An_algorithm_this_server_does_not_sign_with_is_refused(string algorithm)
    {
        using var scope = Server.Services.CreateScope();
        var exception = Assert.ThrowsAsync<Auth.Application.Behaviours.RequestValidationException>(async () =>
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(Definition("refused-" + Guid.NewGuid().ToString("N")[..8], algorithm))));

        Assert.That(exception!.Message, Does.Contain("RS256"));
    }

    /// <summary>The userinfo answer to the token, and its check as a JWT the JWKS signed for the client.</summary>
    private async Task<(HttpResponseMessage Response, string Body, TokenValidationResult Validation)> SignedUserInfoAsync(string clientId, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await Server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(body, new TokenValidationParameters
        {
            ValidIssuer = Server.BaseAddress.AbsoluteUri,
            ValidAudience = clientId,
            IssuerSigningKeys = new JsonWebKeySet(await Server.Client.GetStringAsync("/jwks.json")).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateLifetime = false,
        });
        return (response, body, validation);
    }

    private async Task<TestClient> RegisterAsync(string algorithm)
    {
        var client = new TestClient("signed-userinfo-" + Guid.NewGuid().ToString("N")[..8], "signed-userinfo-secret-0123");
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(Definition(client.Id, algorithm) with { ClientSecret = client.Secret }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return client;
    }

    private static ClientDefinition Definition(string clientId, string algorithm) => new()
    {
        ClientId = clientId,
        GrantTypes = ["authorization_code"],
        Scopes = ["openid", "profile", "email", "groups"],
        RedirectUris = [Callback],
        UserinfoSignedResponseAlg = algorithm,
    };
}
