using System.Net;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Application.Clients;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// RP-initiated logout of a session that began at a real upstream provider (oidc-provider): the local session always
/// ends; a provider with upstream logout on also sees the person at its end-session endpoint, and they come back
/// through <c>/signout/{id}/callback</c> to the client's registered post-logout URI.
/// </summary>
public sealed partial class FederatedLogoutTests(StoreKind store) : UserFlowTest(store)
{
    private const string UpstreamSecret = "upstream-client-secret-0002";

    // With upstream logout; without it; with it, at an upstream whose discovery has no end_session_endpoint.
    private readonly Provider _contoso = new("contoso", UpstreamLogout: true, new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>()));
    private readonly Provider _fabrikam = new("fabrikam", UpstreamLogout: false, new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>()));
    private readonly Provider _northwind = new("northwind", UpstreamLogout: true,
        new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>()) { HideEndSessionEndpoint = true });

    private IEnumerable<Provider> Providers => [_contoso, _fabrikam, _northwind];

    protected override IDictionary<string, string?> Settings => Providers.SelectMany(p => new Dictionary<string, string?>
    {
        [$"IdentityProviders:Definitions:{p.Id}:DisplayName"] = p.Id,
        [$"IdentityProviders:Definitions:{p.Id}:Issuer"] = p.Settings.Issuer,
        [$"IdentityProviders:Definitions:{p.Id}:ClientId"] = "auth-service",
        [$"IdentityProviders:Definitions:{p.Id}:ClientSecret"] = UpstreamSecret,
        [$"IdentityProviders:Definitions:{p.Id}:Scopes:0"] = "openid",
        [$"IdentityProviders:Definitions:{p.Id}:Scopes:1"] = "profile",
        [$"IdentityProviders:Definitions:{p.Id}:Claims:Subject"] = "oid",
        [$"IdentityProviders:Definitions:{p.Id}:Domains:0"] = p.Domain,
        [$"IdentityProviders:Definitions:{p.Id}:Linking:UserName"] = "true",
        [$"IdentityProviders:Definitions:{p.Id}:Mfa:TrustUpstream"] = "true",
        [$"IdentityProviders:Definitions:{p.Id}:UpstreamLogout"] = p.UpstreamLogout ? "true" : "false",
    }).ToDictionary();

    [OneTimeSetUp]
    public async Task StartUpstreams()
    {
        foreach (var provider in Providers)
        {
            provider.Running = await TestUpstream.StartAsync(provider.Settings with
            {
                Clients = [UpstreamClient.ForService(Server.BaseAddress, provider.Id, "auth-service", UpstreamSecret)],
            });
        }
    }

    [OneTimeTearDown]
    public async Task StopUpstreams()
    {
        foreach (var provider in Providers)
        {
            await provider.Running.DisposeAsync();
        }
    }

    [TearDown]
    public async Task ResetUpstreams()
    {
        foreach (var provider in Providers)
        {
            await provider.Running.ResetAsync();
        }
    }

    [Test]
    public async Task Logout_visits_the_upstream_end_session_and_returns_to_the_client()
    {
        using var browser = NewBrowser();
        var idToken = await SignInAsync(browser, _contoso);

        using var logout = await browser.GetAsync(LogoutUrl(idToken));
        var endSession = logout.Headers.Location;
        Assert.That(endSession?.Authority, Is.EqualTo(_contoso.Running.Settings.Origin.Authority),
            $"{(int)logout.StatusCode} {await logout.Content.ReadAsStringAsync()}");
        Assert.That(await StoredSessions.OfAsync(Server, idToken.UserName), Is.Empty, "the local session ends before the upstream is visited");
        using var confirmed = await UpstreamSignIn.LogOutAsync(browser.Http, endSession!);
        var signedOutCallback = new Uri(endSession!, confirmed.Headers.Location!);
        using var back = await browser.Http.GetAsync(signedOutCallback);

        Assert.Multiple(async () =>
        {
            Assert.That(UserAgent.QueryOf(endSession!), Does.ContainKey("id_token_hint").And.ContainKey("post_logout_redirect_uri"));
            Assert.That(signedOutCallback.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(Server.BaseAddress, "/signout/contoso/callback").AbsoluteUri));
            Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await back.Content.ReadAsStringAsync());
            Assert.That(back.Headers.Location?.GetLeftPart(UriPartial.Path), Is.EqualTo(TestSeed.WebAppSignedOut));
            Assert.That(back.Headers.Location is null ? null : UserAgent.QueryOf(back.Headers.Location).GetValueOrDefault("state"), Is.EqualTo("bye"));
            Assert.That(await IsSignedInLocallyAsync(browser), Is.False, "the cookie no longer signs in");
            Assert.That(await UpstreamAsksAgainAsync(browser, _contoso), Is.True, "the upstream session has ended: its next sign-in shows its page");
        });
    }

    [Test]
    public async Task Logout_through_the_upstream_loads_the_front_channel_uris_of_the_session_when_the_upstream_sends_the_browser_back()
    {
        var client = await RegisterCodeClientAsync("fed-fcl-", TestSeed.WebAppCallback, d => d with
        {
            GrantTypes = ["authorization_code", "refresh_token"],
            Scopes = ["openid", "profile", "email", "offline_access"],
            PostLogoutRedirectUris = [TestSeed.WebAppSignedOut],
            FrontchannelLogoutUri = "https://app.example/frontchannel",
        });

        using var browser = NewBrowser();
        var idToken = await SignInAsync(browser, _contoso, client);
        using var logout = await browser.GetAsync(LogoutUrl(idToken));
        var endSession = logout.Headers.Location!;
        using var confirmed = await UpstreamSignIn.LogOutAsync(browser.Http, endSession);
        using var back = await browser.Http.GetAsync(new Uri(endSession, confirmed.Headers.Location!));
        var page = await back.Content.ReadAsStringAsync();
        var frame = new Uri(System.Net.WebUtility.HtmlDecode(FrameSource().Match(page).Groups[1].Value));

        Assert.Multiple(() =>
        {
            Assert.That(logout.Headers.Location?.Authority, Is.EqualTo(_contoso.Running.Settings.Origin.Authority), "the upstream's logout comes first");
            Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
            Assert.That(frame.GetLeftPart(UriPartial.Path), Is.EqualTo("https://app.example/frontchannel"));
            Assert.That(QueryHelpers.ParseQuery(frame.Query)["sid"].ToString(), Is.EqualTo(Jwt.Payload(idToken.Value)["sid"]!.GetValue<string>()));
            Assert.That(System.Net.WebUtility.HtmlDecode(NextLink().Match(page).Groups[1].Value), Is.EqualTo(TestSeed.WebAppSignedOut + "?state=bye"),
                "then on to the client's post-logout URI");
        });
    }

    [Test]
    public async Task Logout_without_upstream_logout_stays_local()
    {
        using var browser = NewBrowser();
        var idToken = await SignInAsync(browser, _fabrikam);
        var stored = await StoredSessions.OfAsync(Server, idToken.UserName);

        using var logout = await browser.GetAsync(LogoutUrl(idToken));

        Assert.Multiple(async () =>
        {
            Assert.That(stored.Single().ProtectedUpstreamIdToken, Is.Null, "the upstream's token is kept only for an upstream logout");
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(logout.Headers.Location?.GetLeftPart(UriPartial.Path), Is.EqualTo(TestSeed.WebAppSignedOut));
            Assert.That(await IsSignedInLocallyAsync(browser), Is.False, "the cookie no longer signs in");
            Assert.That(await UpstreamAsksAgainAsync(browser, _fabrikam), Is.False, "the upstream session is left alone");
        });
    }

    [Test]
    public async Task Upstream_without_end_session_endpoint_logs_out_locally()
    {
        using var browser = NewBrowser();
        var idToken = await SignInAsync(browser, _northwind);

        using var logout = await browser.GetAsync(LogoutUrl(idToken));

        Assert.Multiple(async () =>
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await logout.Content.ReadAsStringAsync());
            Assert.That(logout.Headers.Location?.GetLeftPart(UriPartial.Path), Is.EqualTo(TestSeed.WebAppSignedOut));
            Assert.That(logout.Headers.Location is null ? null : UserAgent.QueryOf(logout.Headers.Location).GetValueOrDefault("state"), Is.EqualTo("bye"));
            Assert.That(await IsSignedInLocallyAsync(browser), Is.False, "the cookie no longer signs in");
        });
    }

    [Test]
    public async Task Signed_out_callback_with_forged_state_shows_the_signed_out_page_without_redirect()
    {
        using var browser = NewBrowser();
        var idToken = await SignInAsync(browser, _contoso);
        using var logout = await browser.GetAsync(LogoutUrl(idToken));
        var endSession = logout.Headers.Location!;
        var realState = UserAgent.QueryOf(endSession)["state"];

        // A state of another kind: the one of a sign-in, minted by this service for this provider.
        using var start = await browser.GetAsync(Routes.ForProvider(Routes.SignInWithProvider, _contoso.Id));
        var signInState = UserAgent.QueryOf(start.Headers.Location!)["state"];

        using var forged = await browser.GetAsync("/signout/contoso/callback?state=forged");
        using var signInStateHere = await browser.GetAsync("/signout/contoso/callback?state=" + Uri.EscapeDataString(signInState));
        using var otherProvider = await browser.GetAsync("/signout/northwind/callback?state=" + Uri.EscapeDataString(realState));
        using var withoutUpstreamLogout = await browser.GetAsync("/signout/fabrikam/callback?state=" + Uri.EscapeDataString(realState));
        using var unknownProvider = await browser.GetAsync("/signout/nobody/callback?state=" + Uri.EscapeDataString(realState));
        using var fromAnotherBrowser = await NewBrowser().GetAsync("/signout/contoso/callback?state=" + Uri.EscapeDataString(realState));

        foreach (var (name, response) in new[]
                 {
                     ("forged", forged), ("a sign-in's state", signInStateHere), ("another provider's path", otherProvider),
                     ("a provider without upstream logout", withoutUpstreamLogout), ("an unknown provider", unknownProvider),
                     ("another browser", fromAnotherBrowser),
                 })
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{name}: {html}");
                Assert.That(response.Headers.Location, Is.Null, name);
                Assert.That(html, Does.Contain("You are signed out"), name);
            });
        }
    }

    /// <summary>Signs a new local user in to the web app through <paramref name="provider"/>; returns the web app's ID token.</summary>
    private async Task<(string UserName, string Value)> SignInAsync(UserAgent browser, Provider provider, TestClient? client = null)
    {
        client ??= TestSeed.WebApp;
        var userName = await CreateUserAsync(domain: provider.Domain);
        await provider.Running.SetUserAsync(userName, new UpstreamUser { Oid = Guid.NewGuid().ToString(), PreferredUsername = userName });
        await provider.Running.SignInNextAsAsync(userName);
        var pkce = Pkce.Create();

        using var atClient = await FollowAllRedirectsAsync(browser, provider, AuthorizeUrl(client.Id, TestSeed.WebAppCallback, pkce: pkce,
            extra: [("idp_hint", provider.Id)]));
        var code = CallbackParameters(atClient, TestSeed.WebAppCallback)["code"];
        var tokens = await RedeemForTokensAsync(client, code, TestSeed.WebAppCallback, pkce.Verifier);
        return (userName, tokens.GetProperty("id_token").GetString()!);
    }

    private static string LogoutUrl((string UserName, string Value) idToken) =>
        "/oauth/logout?id_token_hint=" + idToken.Value + "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestSeed.WebAppSignedOut) + "&state=bye";

    private static async Task<bool> IsSignedInLocallyAsync(UserAgent browser)
    {
        using var authorize = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        return UserAgent.PathOf(authorize.Headers.Location!) != Routes.Login;
    }

    /// <summary>
    /// Starts a sign-in at the provider with nothing scripted: true when the upstream shows its sign-in page (no session
    /// there), false when it sends the browser straight back (its session still stands).
    /// </summary>
    private async Task<bool> UpstreamAsksAgainAsync(UserAgent browser, Provider provider)
    {
        var next = new Uri(Server.BaseAddress, Routes.ForProvider(Routes.SignInWithProvider, provider.Id));
        for (var hops = 0; hops < 15; hops++)
        {
            using var response = await browser.Http.GetAsync(next);
            if (next.Authority == provider.Running.Settings.Origin.Authority && next.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal) &&
                response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }

            if (next.Authority == Server.BaseAddress.Authority && next.AbsolutePath.EndsWith("/callback", StringComparison.Ordinal))
            {
                return false;
            }

            Assert.That(response.Headers.Location, Is.Not.Null, $"{next} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            next = new Uri(next, response.Headers.Location!);
        }

        throw new InvalidOperationException("Neither the upstream's page nor the callback.");
    }

    /// <summary>Follows every redirect, at this service and at the upstream, until a page or a redirect to a client.</summary>
    private Task<HttpResponseMessage> FollowAllRedirectsAsync(UserAgent browser, Provider provider, string start) => browser.FollowThroughAsync(start, provider.Running.Settings.Origin);

    private sealed record Provider(string Id, bool UpstreamLogout, UpstreamSettings Settings)
    {
        public string Domain => Id + ".test";

        public TestUpstream Running { get; set; } = null!;
    }

    [GeneratedRegex("<iframe[^>]*\\ssrc=\"([^\"]*)\"")]
    private static partial Regex FrameSource();

    [GeneratedRegex("<a id=\"next\" href=\"([^\"]*)\"")]
    private static partial Regex NextLink();
}
