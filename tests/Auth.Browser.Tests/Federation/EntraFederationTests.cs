using Auth.Api.Federation;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Application.IdentityProviders;
using Auth.Browser.Tests.Browser;
using Auth.Browser.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Auth.Browser.Tests.Federation;

/// <summary>
/// People provisioned over SCIM by Microsoft Entra ID sign in, in Chromium, through a real Entra-shaped upstream
/// (oidc-provider: pairwise sub, oid and tid) to a web app built on Microsoft's OpenID Connect handler, which sees the
/// local user with the directory's groups and the app's roles. Refusals end on the server's error page.
/// </summary>
public sealed class EntraFederationTests(StoreKind store) : BrowserTest(store)
{
    /// <summary>Links by oid = the externalId the provisioning client set; trusts the upstream's MFA.</summary>
    private const string Entra = "entra";

    /// <summary>Creates unknown people just in time.</summary>
    private const string EntraJit = "entra-jit";

    /// <summary>As <see cref="Entra"/>, but the upstream's MFA does not count here.</summary>
    private const string EntraUntrusted = "entra-untrusted";

    /// <summary>A provider whose issuer nobody answers at.</summary>
    private const string Offline = "offline";

    private const string UpstreamSecret = "upstream-client-secret-0001";
    private const string Domain = "contoso.test";

    private readonly UpstreamSettings _upstreamSettings = new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>());
    private readonly int _closedPort = LoopbackPorts.Next();
    private TestUpstream? _upstream;
    private EntraProvisioning? _provisioning;
    private WebApplication? _ordersApi;
    private WebApplication? _relyingParty;
    private WebApplication? _mfaRelyingParty;

    private TestUpstream Upstream => _upstream ?? throw new InvalidOperationException("The upstream is not running.");

    private EntraProvisioning Provisioning => _provisioning ?? throw new InvalidOperationException("No provisioning token before the test starts.");

    private Uri Me => new(Seed.RelyingParty, RelyingParty.MePath);

    private Uri MfaMe => new(Seed.MfaRelyingParty, RelyingParty.MePath);

    private UpstreamLoginPage UpstreamLoginPage => new(Page);

    private FederationErrorPage ErrorPage => new(Page);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            Declare(settings, Entra, "Contoso", ("Kind", "entra"), ("Tenant", _upstreamSettings.Tenant), ("Issuer", _upstreamSettings.Issuer),
                ("Linking:ExternalIdClaim", "oid"), ("Linking:ProvisioningClient", BrowserSeed.ScimClientId), ("Mfa:TrustUpstream", "true"));
            Declare(settings, EntraJit, "Contoso guests", ("Kind", "entra"), ("Tenant", _upstreamSettings.Tenant), ("Issuer", _upstreamSettings.Issuer),
                ("Linking:JustInTime", "true"));
            Declare(settings, EntraUntrusted, "Contoso without MFA", ("Kind", "entra"), ("Tenant", _upstreamSettings.Tenant), ("Issuer", _upstreamSettings.Issuer),
                ("Linking:ExternalIdClaim", "oid"), ("Linking:ProvisioningClient", BrowserSeed.ScimClientId), ("Mfa:TrustUpstream", "false"));
            Declare(settings, Offline, "Offline", ("Issuer", $"http://127.0.0.1:{_closedPort}"), ("Linking:JustInTime", "true"));
            return settings;
        }
    }

    [OneTimeSetUp]
    public async Task StartUpstreamAndApps()
    {
        _upstream = await TestUpstream.StartAsync(_upstreamSettings with
        {
            Clients = [.. new[] { Entra, EntraJit, EntraUntrusted }.Select(id => UpstreamClient.ForService(Server.BaseAddress, id, ClientIdOf(id), UpstreamSecret))],
        });
        _ordersApi = await OrdersApi.StartAsync(Seed.OrdersApiPort, Server.BaseAddress);
        _relyingParty = await RelyingParty.StartAsync(Seed.RelyingPartyPort, Server.BaseAddress, Seed.OrdersApi, client: RelyingPartyClient.WebApp("groups", "offline_access"));
        _mfaRelyingParty = await RelyingParty.StartAsync(Seed.MfaRelyingPartyPort, Server.BaseAddress, Seed.OrdersApi,
            client: new RelyingPartyClient(BrowserSeed.MfaClientId, BrowserSeed.MfaClientSecret, RelyingPartyClient.DefaultScopes));
    }

    [OneTimeTearDown]
    public async Task StopUpstreamAndApps()
    {
        foreach (var app in new[] { _mfaRelyingParty, _relyingParty, _ordersApi })
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

    [SetUp]
    public async Task GetProvisioningToken() =>
        _provisioning = new EntraProvisioning(new ScimClient(Server.Client,
            await OAuth.GetAccessTokenAsync(new TestClient(BrowserSeed.ScimClientId, BrowserSeed.ScimClientSecret), "scim")));

    [TearDown]
    public async Task ResetUpstream()
    {
        if (_upstream is not null)
        {
            await _upstream.ResetAsync();
        }
    }

    [Test]
    public async Task Scim_provisioned_user_signs_in_through_entra_and_the_app_sees_sub_groups_and_roles()
    {
        var person = await ProvisionAsync("adele");
        await Provisioning.CreateGroupAsync(BrowserSeed.ApproverGroup, person.UserId);
        var sales = "Sales " + Guid.NewGuid().ToString("N")[..6];
        await Provisioning.CreateGroupAsync(sales, person.UserId);
        await Provisioning.CreateGroupAsync("Others " + Guid.NewGuid().ToString("N")[..6]);

        await Page.OpenAsync(Me.AbsoluteUri);
        await SignInAtUpstreamAsync(Entra, person.Login);
        await Page.WaitForAddressAsync(url => url == Me.AbsoluteUri);

        await Expect(Page.GetByTestId("sub")).ToHaveTextAsync(person.UserId);
        await Expect(Page.GetByTestId("groups")).ToHaveTextAsync(string.Join(", ", new[] { BrowserSeed.ApproverGroup, sales }.Order(StringComparer.Ordinal)));
        await Expect(Page.GetByTestId("roles")).ToHaveTextAsync(BrowserSeed.ApproverRole);
        await Expect(Page.GetByTestId("email")).ToHaveTextAsync(person.Login);
        await Expect(Page.GetByTestId("api-status")).ToHaveTextAsync("200");
        await Expect(Page.GetByTestId("api-sub")).ToHaveTextAsync(person.UserId);
        var amr = (await Page.GetByTestId("amr").InnerTextAsync()).Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(amr, Does.Contain("fed"), "the ID token says the sign-in was federated");
            Assert.That(amr, Does.Contain("pwd"), "and which methods the trusted upstream used");
        });
    }

    [Test]
    public async Task Group_removed_over_scim_is_gone_from_the_next_refreshed_token()
    {
        var person = await ProvisionAsync("nestor");
        var kept = "Kept " + Guid.NewGuid().ToString("N")[..6];
        var left = "Left " + Guid.NewGuid().ToString("N")[..6];
        await Provisioning.CreateGroupAsync(kept, person.UserId);
        var leftId = await Provisioning.CreateGroupAsync(left, person.UserId);
        await Page.OpenAsync(Me.AbsoluteUri);
        await SignInAtUpstreamAsync(Entra, person.Login);
        await Page.WaitForAddressAsync(url => url == Me.AbsoluteUri);
        await Expect(Page.GetByTestId("groups")).ToHaveTextAsync($"{kept}, {left}");

        await Provisioning.RemoveMemberAsync(leftId, person.UserId);
        await Page.OpenAsync(new Uri(Seed.RelyingParty, RelyingParty.RefreshPath).AbsoluteUri);

        await Expect(Page.GetByTestId("refresh-status")).ToHaveTextAsync("200");
        await Expect(Page.GetByTestId("refreshed-groups")).ToHaveTextAsync(kept);
    }

    [Test]
    public async Task No_local_match_shows_the_refusal_page()
    {
        var login = $"stranger-{Guid.NewGuid():N}"[..18] + "@" + Domain;
        await Upstream.SetUserAsync(login, new UpstreamUser { Oid = Guid.NewGuid().ToString(), PreferredUsername = login, Email = login, Name = "Stranger" });
        var visitedApp = false;
        Page.Request += (_, request) => visitedApp |= request.Url.StartsWith(new Uri(Seed.RelyingParty, "signin-oidc").AbsoluteUri, StringComparison.Ordinal);

        await Page.OpenAsync(Me.AbsoluteUri);
        var refusal = await Page.RunAndWaitForResponseAsync(
            () => SignInAtUpstreamAsync(Entra, login),
            r => r.Url.StartsWith(new Uri(Server.BaseAddress, $"signin/{Entra}/callback").AbsoluteUri, StringComparison.Ordinal));

        await ErrorPage.WaitUntilShownAsync(Server.BaseAddress, SignInWithIdentityProviderHandler.Refusal);
        Assert.Multiple(() =>
        {
            Assert.That(refusal.Status, Is.EqualTo(403));
            Assert.That(visitedApp, Is.False, "the app never got a code");
        });
    }

    [Test]
    public async Task Jit_creates_the_user_and_the_app_sees_them()
    {
        var login = $"guest-{Guid.NewGuid():N}"[..16] + "@" + Domain;
        await Upstream.SetUserAsync(login, new UpstreamUser
        {
            Oid = Guid.NewGuid().ToString(),
            PreferredUsername = login,
            Email = login,
            Name = "Megan Bowen",
            GivenName = "Megan",
            FamilyName = "Bowen",
        });

        await Page.OpenAsync(Me.AbsoluteUri);
        await SignInAtUpstreamAsync(EntraJit, login);
        await Page.WaitForAddressAsync(url => url == Me.AbsoluteUri);

        await Expect(Page.GetByTestId("name")).ToHaveTextAsync("Megan Bowen");
        await Expect(Page.GetByTestId("email")).ToHaveTextAsync(login);
        await Expect(Page.GetByTestId("sub")).Not.ToBeEmptyAsync();
        var sub = await Page.GetByTestId("sub").InnerTextAsync();
        Assert.That(sub, Is.EqualTo(await StoredSessions.UserIdAsync(Server, login)), "the app sees the user created here under the upstream's user name");
    }

    [Test]
    public async Task Deactivated_over_scim_is_refused_and_the_existing_session_ends()
    {
        var person = await ProvisionAsync("lynne");
        await Page.OpenAsync(Me.AbsoluteUri);
        await SignInAtUpstreamAsync(Entra, person.Login);
        await Page.WaitForAddressAsync(url => url == Me.AbsoluteUri);
        await Expect(Page.GetByTestId("sub")).ToHaveTextAsync(person.UserId);

        await Provisioning.DeactivateAsync(person.UserId);

        // The app's own cookie is the app's business; without it, the app asks the server, whose session is gone.
        await Page.Context.ClearCookiesAsync(new() { Name = ".AspNetCore.Cookies" });
        await Page.OpenAsync(Me.AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);

        // The upstream still has its session and answers at once: the server refuses the deactivated user.
        await Page.GetByTestId("idp-" + Entra).ClickAsync();
        await ErrorPage.WaitUntilShownAsync(Server.BaseAddress, SignInWithIdentityProviderHandler.Refusal);
    }

    [Test]
    public async Task Upstream_down_shows_the_error_page_not_500()
    {
        await Page.OpenAsync(Me.AbsoluteUri);
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);

        var failed = await Page.RunAndWaitForResponseAsync(
            () => Page.GetByTestId("idp-" + Offline).ClickAsync(),
            r => r.Url.StartsWith(new Uri(Server.BaseAddress, $"signin/{Offline}").AbsoluteUri, StringComparison.Ordinal));

        await ErrorPage.WaitUntilShownAsync(Server.BaseAddress, FederationFailure.Unreachable);
        Assert.That(failed.Status, Is.EqualTo(502), "a gateway error, never a 500");
    }

    [Test]
    public async Task Require_mfa_client_with_trusted_upstream_mfa_skips_totp()
    {
        var person = await ProvisionAsync("alex");
        var visited = new List<string>();
        Page.Request += (_, request) => { if (request.IsNavigationRequest) visited.Add(request.Url); };

        await Page.OpenAsync(MfaMe.AbsoluteUri);
        await SignInAtUpstreamAsync(Entra, person.Login, secondFactor: true);
        await Page.WaitForAddressAsync(url => url == MfaMe.AbsoluteUri);

        await Expect(Page.GetByTestId("sub")).ToHaveTextAsync(person.UserId);
        var amr = (await Page.GetByTestId("amr").InnerTextAsync()).Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(amr, Is.SupersetOf(new[] { "fed", "mfa" }), "the upstream's second factor counts here");
            Assert.That(amr, Does.Not.Contain("otp"));
            Assert.That(visited, Has.None.Contains("/account/mfa"), "no local second step, and no enrolment");
        });
    }

    [Test]
    public async Task Require_mfa_client_with_untrusted_upstream_mfa_asks_for_totp()
    {
        var person = await ProvisionAsync("diego");
        var secret = await Authenticator.EnrolAsync(Server, person.Login);
        var secondFactorPage = new SecondFactorPage(Page);

        await Page.OpenAsync(MfaMe.AbsoluteUri);
        await SignInAtUpstreamAsync(EntraUntrusted, person.Login, secondFactor: true);
        await secondFactorPage.WaitUntilShownAsync(Server.BaseAddress);
        await secondFactorPage.VerifyAsync(Authenticator.Code(Server, secret));
        await Page.WaitForAddressAsync(url => url == MfaMe.AbsoluteUri);

        await Expect(Page.GetByTestId("sub")).ToHaveTextAsync(person.UserId);
        var amr = (await Page.GetByTestId("amr").InnerTextAsync()).Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(amr, Is.SupersetOf(new[] { "fed", "otp" }), "the local second step ran after the upstream");
            Assert.That(amr, Does.Not.Contain("mfa"), "the upstream's claim of a second factor does not count here");
        });
    }

    /// <summary>A person in Entra ID (an object id) provisioned here over SCIM, and known to the upstream by the same login.</summary>
    private async Task<(string Login, string UserId)> ProvisionAsync(string name)
    {
        var login = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@" + Domain;
        var objectId = Guid.NewGuid().ToString();
        var givenName = char.ToUpperInvariant(name[0]) + name[1..];
        var userId = await Provisioning.CreateUserAsync(login, objectId, givenName, "Example");
        await Upstream.SetUserAsync(login, new UpstreamUser
        {
            Oid = objectId,
            PreferredUsername = login,
            Email = login,
            Name = givenName + " Example",
            GivenName = givenName,
            FamilyName = "Example",
        });
        return (login, userId);
    }

    /// <summary>From the server's sign-in page: the provider's button, then the upstream's form.</summary>
    private async Task SignInAtUpstreamAsync(string providerId, string login, bool secondFactor = false)
    {
        await LoginPage.WaitUntilShownAsync(Server.BaseAddress);
        await Page.GetByTestId("idp-" + providerId).ClickAsync();
        await UpstreamLoginPage.WaitUntilShownAsync(Upstream.Settings.Origin);
        await UpstreamLoginPage.SignInAsync(login, secondFactor);
    }

    private static string ClientIdOf(string providerId) => "auth-" + providerId;

    private static void Declare(IDictionary<string, string?> settings, string id, string displayName, params (string Key, string Value)[] members)
    {
        var prefix = $"IdentityProviders:Definitions:{id}:";
        settings[prefix + "DisplayName"] = displayName;
        settings[prefix + "ClientId"] = ClientIdOf(id);
        settings[prefix + "ClientSecret"] = UpstreamSecret;
        foreach (var (key, value) in members)
        {
            settings[prefix + key] = value;
        }
    }
}
