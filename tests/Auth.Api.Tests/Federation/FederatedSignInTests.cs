using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// Sign-in through a real upstream OpenID provider (oidc-provider, Entra-shaped) on the service's real pages: the
/// challenge, the callback OpenIddict validates, linking, the session's methods, and the one error page.
/// </summary>
public sealed class FederatedSignInTests(StoreKind store) : UserFlowTest(store)
{
    private const string ProviderId = "contoso";
    private const string UpstreamSecret = "upstream-client-secret-0001";
    private const string Domain = "contoso.test";

    private readonly UpstreamSettings _settings = new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>());
    private TestUpstream _upstream = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"IdentityProviders:Definitions:{ProviderId}:DisplayName"] = "Contoso",
        [$"IdentityProviders:Definitions:{ProviderId}:Issuer"] = _settings.Issuer,
        [$"IdentityProviders:Definitions:{ProviderId}:ClientId"] = "auth-service",
        [$"IdentityProviders:Definitions:{ProviderId}:ClientSecret"] = UpstreamSecret,
        [$"IdentityProviders:Definitions:{ProviderId}:Scopes:0"] = "openid",
        [$"IdentityProviders:Definitions:{ProviderId}:Scopes:1"] = "profile",
        [$"IdentityProviders:Definitions:{ProviderId}:Scopes:2"] = "email",
        [$"IdentityProviders:Definitions:{ProviderId}:Claims:Subject"] = "oid",
        [$"IdentityProviders:Definitions:{ProviderId}:Domains:0"] = Domain,
        [$"IdentityProviders:Definitions:{ProviderId}:Linking:UserName"] = "true",
        [$"IdentityProviders:Definitions:{ProviderId}:Mfa:TrustUpstream"] = "true",
    };

    [OneTimeSetUp]
    public async Task StartUpstream() =>
        _upstream = await TestUpstream.StartAsync(_settings with
        {
            Clients = [UpstreamClient.ForService(Server.BaseAddress, ProviderId, "auth-service", UpstreamSecret)],
        });

    [OneTimeTearDown]
    public async Task StopUpstream() => await _upstream.DisposeAsync();

    [TearDown]
    public async Task ResetUpstream() => await _upstream.ResetAsync();

    [Test]
    public async Task First_sign_in_links_by_user_name_and_the_id_token_says_fed_and_the_upstream_methods()
    {
        var userName = await CreateUserAsync(domain: Domain);
        await _upstream.SetUserAsync(userName, new UpstreamUser { Oid = Guid.NewGuid().ToString(), PreferredUsername = userName });
        await _upstream.SignInNextAsAsync(userName, amr: ["pwd", "mfa"]);
        using var browser = NewBrowser();
        var pkce = Pkce.Create();

        using var atClient = await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce,
            extra: [("idp_hint", ProviderId)]));
        var code = CallbackParameters(atClient, TestSeed.WebAppCallback)["code"];
        using var redeemed = await RedeemAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var idToken = new JsonWebToken((await OAuthClient.ReadJsonAsync(redeemed)).GetProperty("id_token").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd", "mfa" }));
            Assert.That(idToken.GetClaim("acr").Value, Is.EqualTo("urn:auth:acr:mfa"));
            Assert.That(idToken.GetClaim("preferred_username").Value, Is.EqualTo(userName));
        });
    }

    [Test]
    public async Task A_user_name_in_an_owned_domain_goes_to_the_provider_with_login_hint()
    {
        using var browser = NewBrowser();
        using var page = await browser.GetAsync(Routes.Login);
        var html = await page.Content.ReadAsStringAsync();

        using var submitted = await browser.SubmitFormAsync(html, Routes.Login, new Dictionary<string, string> { ["UserName"] = "someone@" + Domain });

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("Sign in with Contoso"));
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(UserAgent.PathOf(submitted.Headers.Location!), Is.EqualTo("/signin/" + ProviderId));
            Assert.That(UserAgent.QueryOf(new Uri(Server.BaseAddress, submitted.Headers.Location!))["login_hint"], Is.EqualTo("someone@" + Domain));
        });
    }

    [Test]
    public async Task Idp_hint_skips_the_login_page()
    {
        using var browser = NewBrowser();

        using var response = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create(),
            extra: [("idp_hint", ProviderId)]));

        Assert.That(UserAgent.PathOf(response.Headers.Location!), Is.EqualTo("/signin/" + ProviderId));
    }

    [Test]
    public async Task No_local_match_is_refused_on_the_error_page()
    {
        await _upstream.SetUserAsync("stranger", new UpstreamUser { Oid = Guid.NewGuid().ToString(), PreferredUsername = "stranger@" + Domain });
        await _upstream.SignInNextAsAsync("stranger");
        using var browser = NewBrowser();

        using var page = await FollowAllRedirectsAsync(browser, Routes.ForProvider(Routes.SignInWithProvider, ProviderId));

        Assert.Multiple(async () =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("data-testid=\"federation-error\"").And.Contain("correlation-id"));
        });
    }

    [Test]
    public async Task Upstream_refusal_and_a_replayed_callback_show_the_error_page_not_a_500()
    {
        await _upstream.RefuseNextSignInAsync("access_denied");
        using var browser = NewBrowser();
        using var refused = await FollowAllRedirectsAsync(browser, Routes.ForProvider(Routes.SignInWithProvider, ProviderId));

        var userName = await CreateUserAsync(domain: Domain);
        await _upstream.SetUserAsync(userName, new UpstreamUser { Oid = Guid.NewGuid().ToString(), PreferredUsername = userName });
        await _upstream.SignInNextAsAsync(userName);
        var (callback, cookies) = await CaptureCallbackAsync(browser);
        using var first = await browser.GetAsync(callback.PathAndQuery);
        foreach (Cookie cookie in cookies)
        {
            browser.Cookies.Add(Server.BaseAddress, cookie);
        }

        using var replayed = await browser.GetAsync(callback.PathAndQuery);

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the first use signs in");
            Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the state is used once");
        });
    }

    [Test]
    public async Task Unknown_provider_is_a_404_page()
    {
        using var browser = NewBrowser();

        using var page = await browser.GetAsync("/signin/nobody");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    /// <summary>Follows every redirect, at this service and at the upstream, until a page or a redirect to a client.</summary>
    private Task<HttpResponseMessage> FollowAllRedirectsAsync(UserAgent browser, string start) => browser.FollowThroughAsync(start, _upstream.Settings.Origin);

    /// <summary>Starts a sign-in and stops at the upstream's redirect to the callback, with this browser's cookies for the service then.</summary>
    private async Task<(Uri Callback, CookieCollection Cookies)> CaptureCallbackAsync(UserAgent browser)
    {
        var response = await browser.GetAsync(Routes.ForProvider(Routes.SignInWithProvider, ProviderId));
        for (var hops = 0; hops < 15; hops++)
        {
            var location = response.Headers.Location!;
            var absolute = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            if (absolute.Authority == Server.BaseAddress.Authority && absolute.AbsolutePath.EndsWith("/callback", StringComparison.Ordinal))
            {
                response.Dispose();
                return (absolute, browser.Cookies.GetCookies(Server.BaseAddress));
            }

            response.Dispose();
            response = await browser.Http.GetAsync(absolute);
        }

        throw new InvalidOperationException("The upstream never sent the browser back.");
    }
}
