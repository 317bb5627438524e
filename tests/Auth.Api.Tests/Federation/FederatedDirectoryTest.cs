using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// Federated sign-ins against real upstreams and a directory: an Entra-shaped upstream with two registrations here
/// (<see cref="Entra"/> links by <c>oid</c> to users the SCIM client provisioned, then by user name among them, and
/// trusts the upstream's methods; <see cref="EntraJit"/> also creates the users it finds nobody for) and an Okta-shaped
/// one (<see cref="Okta"/> links by user name, then by a verified address, among users of its own domain); with the
/// flows, users and audit records the tests read.
/// </summary>
public abstract class FederatedDirectoryTest(StoreKind store) : UserFlowTest(store)
{
    /// <summary>Entra: links by oid to users provisioned by the SCIM client, then by user name among them; trusts the upstream's methods.</summary>
    protected const string Entra = "entra";

    /// <summary>Entra as well, and creates the users it finds nobody for.</summary>
    protected const string EntraJit = "entra-jit";

    /// <summary>Okta: links by user name, then by a verified address, among users of its own domain.</summary>
    protected const string Okta = "okta";

    protected const string OktaDomain = "okta.test";
    private const string UpstreamSecret = "upstream-client-secret-0002";
    private const string Refused = "data-testid=\"federation-error\"";

    private readonly List<UserAgent> _browsers = [];
    private long _auditMark;

    protected UpstreamSettings EntraSettings { get; } = new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>());

    protected UpstreamSettings OktaSettings { get; } = new(UpstreamFlavor.Okta, [], new Dictionary<string, UpstreamUser>());

    protected TestUpstream EntraUpstream { get; private set; } = null!;

    protected TestUpstream OktaUpstream { get; private set; } = null!;

    /// <summary>The SCIM client the Entra providers trust for externalId, as Entra's provisioning would be.</summary>
    protected ScimClient Scim { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>();
            Declare(settings, Entra, "entra", EntraSettings, new()
            {
                ["Tenant"] = EntraSettings.Tenant,
                ["Linking:ExternalIdClaim"] = "oid",
                ["Linking:ProvisioningClient"] = TestSeed.ScimClient.Id,
                ["Linking:UserName"] = "true",
                ["Mfa:TrustUpstream"] = "true",
            });
            Declare(settings, EntraJit, "entra", EntraSettings, new()
            {
                ["Tenant"] = EntraSettings.Tenant,
                ["Linking:ExternalIdClaim"] = "oid",
                ["Linking:ProvisioningClient"] = TestSeed.ScimClient.Id,
                ["Linking:JustInTime"] = "true",
            });
            Declare(settings, Okta, "okta", OktaSettings, new()
            {
                ["Domains:0"] = OktaDomain,
                ["Linking:UserName"] = "true",
                ["Linking:VerifiedEmail"] = "true",
            });
            return settings;
        }
    }

    [OneTimeSetUp]
    public async Task StartUpstreams()
    {
        EntraUpstream = await TestUpstream.StartAsync(EntraSettings with { Clients = [Client(Entra), Client(EntraJit)] });
        OktaUpstream = await TestUpstream.StartAsync(OktaSettings with { Clients = [Client(Okta)] });
    }

    [OneTimeTearDown]
    public async Task StopUpstreams()
    {
        await EntraUpstream.DisposeAsync();
        await OktaUpstream.DisposeAsync();
    }

    [SetUp]
    public async Task MarkTheAuditLog()
    {
        Scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        _auditMark = await StoredFederation.AuditMarkAsync(Server);
    }

    [TearDown]
    public async Task ResetUpstreams()
    {
        _browsers.ForEach(b => b.Dispose());
        _browsers.Clear();
        await EntraUpstream.ResetAsync();
        await OktaUpstream.ResetAsync();
    }

    private static void Declare(Dictionary<string, string?> settings, string id, string kind, UpstreamSettings upstream, Dictionary<string, string?> rest)
    {
        var prefix = $"IdentityProviders:Definitions:{id}:";
        settings[prefix + "DisplayName"] = id;
        settings[prefix + "Kind"] = kind;
        settings[prefix + "Issuer"] = upstream.Issuer;
        settings[prefix + "ClientId"] = "auth-" + id;
        settings[prefix + "ClientSecret"] = UpstreamSecret;
        settings[prefix + "Scopes:0"] = "openid";
        settings[prefix + "Scopes:1"] = "profile";
        settings[prefix + "Scopes:2"] = "email";
        foreach (var (key, value) in rest)
        {
            settings[prefix + key] = value;
        }
    }

    protected static string NewName(string prefix, string domain) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)] + "@" + domain;

    protected static string NewLogin() => "okta-" + Guid.NewGuid().ToString("N")[..12];

    private UpstreamClient Client(string providerId) => UpstreamClient.ForService(Server.BaseAddress, providerId, "auth-" + providerId, UpstreamSecret);

    private TestUpstream UpstreamOf(string providerId) => providerId == Okta ? OktaUpstream : EntraUpstream;

    /// <summary>A user the SCIM client provisions, as Entra does (externalId = the person's oid).</summary>
    protected async Task<string> ProvisionAsync(string userName, string externalId, string? password = null, ScimClient? client = null)
    {
        var (response, body) = await (client ?? Scim).PostAsync("/Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","externalId":"{{externalId}}",
             "name":{"givenName":"Pat","familyName":"Doe"},"emails":[{"primary":true,"value":"{{userName}}","type":"work"}],
             {{(password is null ? "" : $"\"password\":\"{password}\",")}}"active":true}
            """);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body?.ToJsonString());
        return (string)body!["id"]!;
    }

    /// <summary>A user registered here (not by the SCIM client), with a password.</summary>
    protected async Task<string> LocalUserAsync(string userName, bool emailVerified = false, string? email = null)
    {
        using var scope = Server.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterUser(new UserDefinition
        {
            UserName = userName,
            Password = Password,
            Email = email ?? userName,
            EmailVerified = emailVerified,
        }));
        Assert.That(result.Succeeded, Is.True, result.Error?.Description);
        return userName;
    }

    /// <summary>Starts the web app's authorization request at the provider (idp_hint) in a new browser, as <paramref name="login"/> upstream.</summary>
    protected async Task<HttpResponseMessage> SignInAsync(string providerId, string login, UserAgent? browser = null, Pkce? pkce = null)
    {
        await UpstreamOf(providerId).SignInNextAsAsync(login);
        if (browser is null)
        {
            // A browser of its own, so no upstream session from an earlier sign-in answers silently; disposed after the test.
            browser = NewBrowser();
            _browsers.Add(browser);
        }

        return await FollowAllRedirectsAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce ?? Pkce.Create(),
            extra: [("idp_hint", providerId)]));
    }

    protected async Task<JsonElement> SignInForTokensAsync(string providerId, string login, UserAgent? browser = null)
    {
        var pkce = Pkce.Create();
        using var response = await SignInAsync(providerId, login, browser, pkce);
        var code = CallbackParameters(response, TestSeed.WebAppCallback)["code"];
        return await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
    }

    /// <summary>The local user the sign-in reached: the ID token's subject.</summary>
    protected async Task<string> SignInForSubjectAsync(string providerId, string login)
    {
        var tokens = await SignInForTokensAsync(providerId, login);
        return new JsonWebToken(tokens.GetProperty("id_token").GetString()!).Subject;
    }

    /// <summary>One page for every refusal, which names no rule (the audit record does), and no redirect to the client.</summary>
    protected static async Task AssertRefusedAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), html);
            Assert.That(html, Does.Contain(Refused).And.Contain("correlation-id"));
            Assert.That(html, Does.Not.Contain("no_match").And.Not.Contain("already_linked").And.Not.Contain("user_name_taken"));
        });
    }

    protected async Task<List<(string Type, string Outcome, string? Subject, string? Detail)>> EventsAsync(long? since = null) =>
        [.. (await StoredFederation.FederationEventsSinceAsync(Server, since ?? _auditMark)).Select(e => (e.EventType, e.Outcome, e.SubjectId, e.Detail))];


    /// <summary>Follows every redirect, at this service and at the upstreams, until a page or a redirect to a client.</summary>
    private Task<HttpResponseMessage> FollowAllRedirectsAsync(UserAgent browser, string start) => browser.FollowThroughAsync(start, EntraUpstream.Settings.Origin, OktaUpstream.Settings.Origin);
}
