using Auth.Api.Federation;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Application.IdentityProviders;
using Auth.Application.Users;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Federation;

/// <summary>
/// Sign-in in Chromium through a real Okta-shaped upstream (oidc-provider: /oauth2/default issuer, pushed
/// authorization requests, email_verified) to a web app built on Microsoft's OpenID Connect handler, linking people
/// by a verified address in a domain the provider owns; forged and replayed callbacks end on the error page.
/// </summary>
public sealed class OktaFederationTests(StoreKind store) : BrowserTest(store)
{
    private const string Okta = "okta";
    private const string UpstreamClientId = "auth-okta";
    private const string UpstreamSecret = "upstream-client-secret-0002";
    private const string Domain = "fabrikam.test";

    private readonly UpstreamSettings _upstreamSettings = new(UpstreamFlavor.Okta, [], new Dictionary<string, UpstreamUser>())
    {
        PushedAuthorizationRequests = true,
    };

    private TestUpstream? _upstream;
    private WebApplication? _ordersApi;
    private WebApplication? _relyingParty;

    private TestUpstream Upstream => _upstream ?? throw new InvalidOperationException("The upstream is not running.");

    private Uri Me => new(Seed.RelyingParty, RelyingParty.MePath);

    private Uri Callback => new(Server.BaseAddress, $"signin/{Okta}/callback");

    private UpstreamLoginPage UpstreamLoginPage => new(Page);

    private FederationErrorPage ErrorPage => new(Page);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            const string prefix = $"IdentityProviders:Definitions:{Okta}:";
            settings[prefix + "DisplayName"] = "Fabrikam";
            settings[prefix + "Kind"] = "okta";
            settings[prefix + "Issuer"] = _upstreamSettings.Issuer;
            settings[prefix + "ClientId"] = UpstreamClientId;
            settings[prefix + "ClientSecret"] = UpstreamSecret;
            settings[prefix + "Domains:0"] = Domain;
            settings[prefix + "Linking:VerifiedEmail"] = "true";
            return settings;
        }
    }

    [OneTimeSetUp]
    public async Task StartUpstreamAndApps()
    {
        _upstream = await TestUpstream.StartAsync(_upstreamSettings with
        {
            Clients = [UpstreamClient.ForService(Server.BaseAddress, Okta, UpstreamClientId, UpstreamSecret)],
        });
        _ordersApi = await OrdersApi.StartAsync(Seed.OrdersApiPort, Server.BaseAddress);
        _relyingParty = await RelyingParty.StartAsync(Seed.RelyingPartyPort, Server.BaseAddress, Seed.OrdersApi);
    }

    [OneTimeTearDown]
    public async Task StopUpstreamAndApps()
    {
        foreach (var app in new[] { _relyingParty, _ordersApi })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }

    [TearDown]
    public async Task ResetUpstream()
    {
        if (_upstream is not null)
        {
            await _upstream.ResetAsync();
        }
    }

    [Test]
    public async Task Sign_in_button_works_without_javascript()
    {
        var (login, userId) = await LocalUserAsync("nojs", upstreamSaysVerified: true);
        await ReopenPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });

        await Page.OpenAsync(Me.AbsoluteUri);
        await SignInAtUpstreamAsync(login);
        // Without script, the authorization response's form_post page offers its <noscript> button.
        await Page.Locator("input[type=submit]").ClickAsync();
        await Page.WaitForAddressAsync(url => url == Me.AbsoluteUri);

        await Expect(Page.GetByTestId("sub")).ToHaveTextAsync(userId);
        await Expect(Page.GetByTestId("amr")).ToContainTextAsync("fed");
    }

    [Test]
    public async Task Email_only_match_with_email_verified_false_is_refused()
    {
        var (login, _) = await LocalUserAsync("unverified", upstreamSaysVerified: false);

        await Page.OpenAsync(Me.AbsoluteUri);
        var refusal = await Page.RunAndWaitForResponseAsync(() => SignInAtUpstreamAsync(login), r => r.Url.StartsWith(Callback.AbsoluteUri, StringComparison.Ordinal));

        await ErrorPage.WaitUntilShownAsync(Server.BaseAddress, SignInWithIdentityProviderHandler.Refusal);
        Assert.That(refusal.Status, Is.EqualTo(403));
    }

    [Test]
    public async Task Forged_callback_with_wrong_state_is_refused()
    {
        await Page.OpenAsync(Me.AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await Page.GetByTestId("idp-" + Okta).ClickAsync();
        await UpstreamLoginPage.WaitUntilShownAsync(Upstream.Settings.Origin);

        // The browser holds this sign-in's correlation cookie; the callback names a state the server never issued.
        await AssertRefusedAsync(new Uri(QueryHelpers.AddQueryString(Callback.AbsoluteUri, new Dictionary<string, string?>
        {
            ["code"] = "forged-" + Guid.NewGuid().ToString("N"),
            ["state"] = "forged-" + Guid.NewGuid().ToString("N"),
            ["iss"] = Upstream.Issuer,
        })));
    }

    [Test]
    public async Task Replayed_code_is_refused()
    {
        var (login, userId) = await LocalUserAsync("replay", upstreamSaysVerified: true);
        var callbacks = new List<string>();
        Page.Request += (_, request) => { if (request.Url.StartsWith(Callback.AbsoluteUri, StringComparison.Ordinal)) callbacks.Add(request.Url); };
        await Page.OpenAsync(Me.AbsoluteUri);
        await SignInAtUpstreamAsync(login);
        await Page.WaitForAddressAsync(url => url == Me.AbsoluteUri);
        await Expect(Page.GetByTestId("sub")).ToHaveTextAsync(userId);

        Assert.That(callbacks, Has.Count.EqualTo(1));
        await AssertRefusedAsync(new Uri(callbacks[0]));
    }

    [Test]
    public async Task Swapped_nonce_is_refused()
    {
        var (login, _) = await LocalUserAsync("nonce", upstreamSaysVerified: true);
        await Upstream.MisbehaveAsync(UpstreamMisbehaviour.SwapNonce);

        await Page.OpenAsync(Me.AbsoluteUri);
        var refusal = await Page.RunAndWaitForResponseAsync(() => SignInAtUpstreamAsync(login), r => r.Url.StartsWith(Callback.AbsoluteUri, StringComparison.Ordinal));

        await ErrorPage.WaitUntilShownAsync(Server.BaseAddress, FederationFailure.Invalid);
        Assert.That(refusal.Status, Is.EqualTo(400));
    }

    /// <summary>
    /// A local user whose verified address is in the provider's domain, and the same address at the upstream, which
    /// says it verified it or not; the upstream's user name is another one, so only the address can link them.
    /// </summary>
    private async Task<(string Login, string UserId)> LocalUserAsync(string name, bool upstreamSaysVerified)
    {
        var email = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@" + Domain;
        using (var scope = Server.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(new UserDefinition
            {
                UserName = "local-" + email.Split('@')[0],
                Password = "local-password-0001",
                Email = email,
                EmailVerified = true,
            }));
            Assert.That(created.Succeeded, Is.True, created.Error?.Description);
        }

        await Upstream.SetUserAsync(email, new UpstreamUser
        {
            Sub = "00u" + Guid.NewGuid().ToString("N")[..17],
            PreferredUsername = "okta-" + email,
            Email = email,
            EmailVerified = upstreamSaysVerified,
            Name = "Okta " + name,
        });
        return (email, await StoredSessions.UserIdAsync(Server, "local-" + email.Split('@')[0]));
    }

    /// <summary>From the server's sign-in page: the provider's button, then the upstream's form.</summary>
    private async Task SignInAtUpstreamAsync(string login)
    {
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await Page.GetByTestId("idp-" + Okta).ClickAsync();
        await UpstreamLoginPage.WaitUntilShownAsync(Upstream.Settings.Origin);
        await UpstreamLoginPage.SignInAsync(login);
    }

    /// <summary>Opens <paramref name="callback"/> and expects the error page, with a 400 and no way on to the app.</summary>
    private async Task AssertRefusedAsync(Uri callback)
    {
        var response = await Page.GotoAsync(callback.AbsoluteUri, new() { WaitUntil = WaitUntilState.Commit });
        await ErrorPage.WaitUntilShownAsync(Server.BaseAddress, FederationFailure.Invalid);
        Assert.Multiple(() =>
        {
            Assert.That(response?.Status, Is.EqualTo(400));
            Assert.That(Page.Url, Does.StartWith(Callback.AbsoluteUri), "no redirect to the app");
        });
    }
}
