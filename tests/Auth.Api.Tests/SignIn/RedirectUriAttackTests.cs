using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Clients;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// RFC 6749 §3.1.2.3 and §4.1.2.1: the redirect URI must equal a registered one byte for byte; otherwise the user
/// sees an error page with status 400 and is never redirected, signed in or not.
/// </summary>
public sealed class RedirectUriAttackTests(StoreKind store) : UserFlowTest(store)
{
    [TestCase("https://app.example/CB")]
    [TestCase("https://app.example/cb?x=1")]
    [TestCase("https://app.example/cb/../evil")]
    [TestCase("https://app.example/cb%252f..%252f")]
    [TestCase("https://app.example/cb/")]
    [TestCase("https://app.example.evil.test/cb")]
    [TestCase("http://localhost@evil.test/cb")]
    [TestCase("https://app.example:443/cb")]
    [TestCase("HTTPS://app.example/cb")]
    [TestCase("https://evil.test/cb#https://app.example/cb")]
    public async Task A_redirect_uri_that_is_not_registered_exactly_gets_the_error_page_and_no_redirect(string redirectUri)
    {
        var user = await CreateUserAsync();
        using var browser = NewBrowser();

        // Before sign-in and after: neither may redirect to the unregistered address.
        await AssertErrorPageAsync(await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, redirectUri, pkce: Pkce.Create())));
        await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), user);
        await AssertErrorPageAsync(await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, redirectUri, pkce: Pkce.Create())));
    }

    [Test]
    public async Task A_native_apps_loopback_redirect_uri_matches_at_the_port_it_listens_on_and_the_code_is_redeemed_there()
    {
        var clientId = await RegisterNativeAppAsync("http://127.0.0.1/callback");
        var user = await CreateUserAsync();
        const string listening = "http://127.0.0.1:53211/callback";
        var pkce = Pkce.Create();

        using var browser = NewBrowser();
        var response = await SignInThroughAsync(browser, AuthorizeUrl(clientId, listening, pkce: pkce), user);
        var code = CallbackParameters(response, listening)["code"];
        using var redeemed = await RedeemAsync(null, code, listening, pkce.Verifier, clientId);
        using var otherPort = await RedeemAsync(null, code, "http://127.0.0.1:53212/callback", pkce.Verifier, clientId);

        Assert.That(redeemed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "RFC 8252 §7.3: " + await redeemed.Content.ReadAsStringAsync());
        Assert.That(otherPort.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the token request names the authorization request's URI");
    }

    [TestCase("http://127.0.0.1:53211/other")]
    [TestCase("http://[::1]:53211/callback")]
    [TestCase("http://localhost:53211/callback")]
    [TestCase("https://127.0.0.1:53211/callback")]
    public async Task A_loopback_redirect_uri_differing_in_more_than_the_port_gets_the_error_page(string redirectUri)
    {
        var clientId = await RegisterNativeAppAsync("http://127.0.0.1/callback");
        using var browser = NewBrowser();

        await AssertErrorPageAsync(await browser.GetAsync(AuthorizeUrl(clientId, redirectUri, pkce: Pkce.Create())));
    }

    [Test]
    public async Task An_unknown_client_gets_the_error_page()
    {
        using var browser = NewBrowser();
        await AssertErrorPageAsync(await browser.GetAsync(AuthorizeUrl("no-such-client", "https://evil.test/cb", pkce: Pkce.Create())));
    }

    [Test]
    public async Task A_client_with_two_redirect_uris_and_none_in_the_request_gets_the_error_page()
    {
        using var browser = NewBrowser();
        await AssertErrorPageAsync(await browser.GetAsync(AuthorizeUrl(TestSeed.TwoUriApp.Id, redirectUri: null, pkce: Pkce.Create())));
    }

    [TestCase("state")]
    [TestCase("redirect_uri")]
    [TestCase("client_id")]
    public async Task A_duplicated_parameter_gets_the_error_page(string parameter)
    {
        var url = AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()) + parameter switch
        {
            "redirect_uri" => "&redirect_uri=" + Uri.EscapeDataString("https://evil.test/cb"),
            "client_id" => "&client_id=" + TestSeed.WebApp.Id,
            _ => "&state=other",
        };
        using var browser = NewBrowser();

        var response = await AssertErrorPageAsync(await browser.GetAsync(url));
        Assert.That(response, Does.Contain("more than once"));
    }

    [Test]
    public async Task The_error_page_escapes_what_the_request_said()
    {
        using var browser = NewBrowser();
        var page = await AssertErrorPageAsync(await browser.GetAsync(
            AuthorizeUrl("<script>alert(1)</script>", "https://evil.test/cb", pkce: Pkce.Create())));

        Assert.That(page, Does.Not.Contain("<script>alert(1)</script>"));
    }

    private async Task<string> RegisterNativeAppAsync(string redirectUri)
    {
        var clientId = "native-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = Server.Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterClient(new ClientDefinition
        {
            ClientId = clientId,
            GrantTypes = ["authorization_code", "refresh_token"],
            Scopes = ["openid", "profile", "email", "offline_access"],
            RedirectUris = [redirectUri],
        }));
        Assert.That(added.Succeeded, Is.True, added.Error?.Description);
        return clientId;
    }

    private static async Task<string> AssertErrorPageAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), html);
            Assert.That(response.Headers.Location, Is.Null);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("cannot be completed"));
        });
        return html;
    }
}
