using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Auth.Api.Tests.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.SignIn;

public sealed class UserInfoAndLogoutTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Userinfo_returns_the_users_claims_for_the_tokens_scopes()
    {
        var (user, tokens) = await SignedInTokensAsync(scope: "openid profile");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        using var response = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("preferred_username").GetString(), Is.EqualTo(user));
            Assert.That(body.GetProperty("sub").GetString(), Is.Not.Empty);
            Assert.That(body.TryGetProperty("email", out _), Is.False, "no email scope, no email claim");
        });
    }

    [Test]
    public async Task Userinfo_refuses_a_client_credentials_token_and_no_token()
    {
        var clientToken = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clientToken);

        using var withClientToken = await Server.Client.SendAsync(request);
        using var withoutToken = await Server.Client.GetAsync("/oauth/userinfo");

        Assert.Multiple(() =>
        {
            Assert.That(withClientToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(withoutToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(withoutToken.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
        });
    }

    [Test]
    public async Task Logout_with_an_id_token_hint_ends_the_session_and_returns_to_the_registered_uri()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + tokens.GetProperty("id_token").GetString() +
            "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestSeed.WebAppSignedOut) + "&state=bye");

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await logout.Content.ReadAsStringAsync());
        Assert.That(logout.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(TestSeed.WebAppSignedOut));
        Assert.That(UserAgent.QueryOf(logout.Headers.Location!)["state"], Is.EqualTo("bye"));

        using var afterwards = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        Assert.That(UserAgent.PathOf(afterwards.Headers.Location!), Is.EqualTo("/account/login"), "the session has ended");
    }

    [Test]
    public async Task An_id_token_carries_no_private_claims_and_is_still_a_good_logout_hint()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var idToken = (await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier)).GetProperty("id_token").GetString()!;

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + idToken +
            "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestSeed.WebAppSignedOut));

        Assert.Multiple(() =>
        {
            Assert.That(Jwt.Payload(idToken).Select(c => c.Key), Has.None.StartsWith("oi_"), "no OpenIddict bookkeeping claims");
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the hint is accepted without a question");
            Assert.That(logout.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(TestSeed.WebAppSignedOut));
        });
    }

    [TestCase("garbage")]
    [TestCase("tampered")]
    [TestCase("other-issuer")]
    public async Task Logout_with_an_id_token_hint_this_server_did_not_issue_is_refused_with_an_error_page(string kind)
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var idToken = (await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier)).GetProperty("id_token").GetString()!;
        var hint = kind switch
        {
            "garbage" => "not-a-token",
            "tampered" => Tampered(idToken),
            _ => FromAnotherIssuer(Jwt.Payload(idToken)["sub"]!.GetValue<string>()),
        };

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + hint +
            "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestSeed.WebAppSignedOut));
        var html = await logout.Content.ReadAsStringAsync();
        using var stillSignedIn = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));

        Assert.Multiple(() =>
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(logout.Headers.Location, Is.Null);
            Assert.That(html, Does.Contain("This sign-out request cannot be completed").And.Not.Contain("Sign out?"));
            Assert.That(CallbackParameters(stillSignedIn, TestSeed.WebAppCallback), Does.ContainKey("code"), "nothing was ended");
        });
    }

    [Test]
    public async Task Logout_without_a_post_logout_redirect_uri_ends_on_a_signed_out_page()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(user, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, browser: browser);
        var idToken = (await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier)).GetProperty("id_token").GetString()!;

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + idToken);
        using var page = await browser.FollowLocalRedirectsAsync(logout);

        Assert.Multiple(async () =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("You are signed out"));
        });
    }

    [Test]
    public async Task Logout_to_an_unregistered_uri_is_refused_without_a_redirect()
    {
        var (_, tokens) = await SignedInTokensAsync();
        using var browser = NewBrowser();

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + tokens.GetProperty("id_token").GetString() +
            "&post_logout_redirect_uri=" + Uri.EscapeDataString("https://evil.test/signed-out"));

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(logout.Headers.Location, Is.Null);
    }

    [Test]
    public async Task Logout_without_a_hint_asks_the_user_first()
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var page = await browser.GetAsync("/oauth/logout");
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Sign out?"));
        using var stillSignedIn = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        Assert.That(CallbackParameters(stillSignedIn, TestSeed.WebAppCallback), Does.ContainKey("code"), "a GET alone does not sign out");

        using var confirmed = await browser.SubmitFormAsync(html, "/oauth/logout", new Dictionary<string, string>(), button: "confirm=yes");
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var afterwards = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        Assert.That(UserAgent.PathOf(afterwards.Headers.Location!), Is.EqualTo("/account/login"));
    }

    [Test]
    public async Task Logout_with_another_users_id_token_asks_for_confirmation_instead()
    {
        var (_, someoneElse) = await SignedInTokensAsync();
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + someoneElse.GetProperty("id_token").GetString());

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await logout.Content.ReadAsStringAsync(), Does.Contain("Sign out?"));
        using var stillSignedIn = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        Assert.That(CallbackParameters(stillSignedIn, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }

    /// <summary>The same token with a changed payload: its signature no longer matches.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = Jwt.Payload(token);
        payload["name"] = "someone else";
        return parts[0] + "." + Jwt.Encode(payload) + "." + parts[2];
    }

    /// <summary>A well-formed ID token for the same user and client, signed by another issuer's key.</summary>
    private static string FromAnotherIssuer(string subject)
    {
        using var rsa = RSA.Create(2048);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://other-issuer.example/",
            Audience = TestSeed.WebApp.Id,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "other-key" }, SecurityAlgorithms.RsaSha256),
        });
    }
}
