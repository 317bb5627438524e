using Auth.Api.Tests.Hosting;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.SignIn;

/// <summary>
/// Interoperability: Microsoft's own OpenID Connect handler (relying party) and JWT bearer handler (resource API),
/// configured only with our issuer's address, complete a sign-in in Chromium and accept what we issue.
/// </summary>
public sealed class OpenIdConnectHandlerTests(StoreKind store) : BrowserTest(store)
{
    private WebApplication? _ordersApi;
    private WebApplication? _relyingParty;

    private Uri Me => new(Seed.RelyingParty, RelyingParty.MePath);

    [OneTimeSetUp]
    public async Task StartRelyingPartyAndApi()
    {
        _ordersApi = await OrdersApi.StartAsync(Seed.OrdersApiPort, Server.BaseAddress);
        _relyingParty = await RelyingParty.StartAsync(Seed.RelyingPartyPort, Server.BaseAddress, Seed.OrdersApi);
    }

    [OneTimeTearDown]
    public async Task StopRelyingPartyAndApi()
    {
        if (_relyingParty is not null)
        {
            await _relyingParty.DisposeAsync();
        }

        if (_ordersApi is not null)
        {
            await _ordersApi.DisposeAsync();
        }
    }

    [Test]
    public async Task Microsofts_openid_connect_handler_signs_in_and_calls_an_api_with_the_access_token()
    {
        await SignInThroughRelyingPartyAsync();

        await Expect(Page.GetByTestId("name")).ToHaveTextAsync(BrowserSeed.DisplayName);
        await Expect(Page.GetByTestId("email")).ToHaveTextAsync(BrowserSeed.Email);
        var sub = await Page.GetByTestId("sub").InnerTextAsync();
        var apiStatus = await Page.GetByTestId("api-status").InnerTextAsync();
        var apiSub = await Page.GetByTestId("api-sub").InnerTextAsync();
        var apiScopes = (await Page.GetByTestId("api-scope").InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var apiChallenge = await Page.GetByTestId("api-challenge").InnerTextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(apiStatus, Is.EqualTo("200"), $"the API accepts the access token; it said: {apiChallenge}");
            Assert.That(sub, Is.Not.Empty, "the ID token's sub reaches the relying party");
            Assert.That(apiSub, Is.EqualTo(sub), "the API sees the same user");
            Assert.That(apiScopes, Does.Contain(TestSeed.OrdersRead), "the API sees the granted scope");
        });
    }

    [Test]
    public async Task Signing_out_ends_the_session_and_returns_to_the_registered_post_logout_uri()
    {
        await SignInThroughRelyingPartyAsync();
        await Expect(Page.GetByTestId("name")).ToHaveTextAsync(BrowserSeed.DisplayName);
        var visited = new List<string>();
        Page.Request += (_, request) => { if (request.IsNavigationRequest) visited.Add(request.Url); };

        await Page.OpenAsync(new Uri(Seed.RelyingParty, RelyingParty.SignOutPath).AbsoluteUri);
        await Page.WaitForAddressAsync(url => url == new Uri(Seed.RelyingParty, RelyingParty.SignedOutPath).AbsoluteUri);
        Assert.Multiple(() =>
        {
            Assert.That(visited, Has.Some.StartsWith(new Uri(Server.BaseAddress, "oauth/logout").AbsoluteUri), "the handler sent the browser to our end_session_endpoint");
            Assert.That(visited, Has.Some.StartsWith(new Uri(Seed.RelyingParty, "signout-callback-oidc").AbsoluteUri), "we sent it back to the registered post-logout URI");
        });

        // Both sessions are gone: the relying party challenges again, and the server asks for the password again.
        await Page.OpenAsync(Me.AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await Expect(LoginPage.Password).ToBeEmptyAsync();
    }

    [Test]
    public async Task Signing_out_at_the_server_signs_the_user_out_of_the_relying_party_through_its_front_channel_logout_uri()
    {
        await SignInThroughRelyingPartyAsync();
        await Expect(Page.GetByTestId("name")).ToHaveTextAsync(BrowserSeed.DisplayName);
        var violations = new PolicyViolations();
        violations.Watch(Page);
        var frames = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Page.Request += (_, request) => { if (request.Frame.ParentFrame is not null) frames.Enqueue(request.Url); };

        // The person signs out on the server's own page (as from the account page), not through the web app.
        await Page.OpenAsync(new Uri(Server.BaseAddress, "oauth/logout").AbsoluteUri);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForAddressAsync(url => url == new Uri(Server.BaseAddress, "account/signed-out").AbsoluteUri);

        // The web app's own session ended in the iframe: it challenges again, and the server asks for the password. Both
        // run on 127.0.0.1, one site, so the app's cookie goes into the frame; an app on another site than the server may
        // not get its cookies there in a browser that blocks third-party cookies (Front-Channel Logout 1.0 §4.1).
        await Page.OpenAsync(Me.AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        Assert.Multiple(() =>
        {
            Assert.That(frames, Has.Some.StartsWith(new Uri(Seed.RelyingParty, RelyingParty.FrontChannelLogoutPath.TrimStart('/')).AbsoluteUri + "?iss="),
                "the sign-out page loaded the web app's front-channel logout URI with iss and sid");
            Assert.That(violations.Reported, Is.Empty);
        });
    }

    private async Task SignInThroughRelyingPartyAsync()
    {
        await Page.OpenAsync(Me.AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await LoginPage.SignInAsync(BrowserSeed.UserName, BrowserSeed.Password);
        await Page.WaitForAddressAsync(url => url == Me.AbsoluteUri);
    }
}
