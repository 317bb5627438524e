using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Application.Users;
using Auth.Domain.IdentityProviders;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// The linking rules (docs/security.md, "Linking to local users") attacked through the real pages, with real upstreams:
/// an Entra-shaped one (links by <c>oid</c> to users the SCIM client provisioned; a second registration also creates
/// users just in time) and an Okta-shaped one (links by user name or a verified address in its own domain). Each test
/// checks the answer, the audit records and what the store kept.
/// </summary>
public sealed class FederatedLinkingTests(StoreKind store) : UserFlowTest(store)
{
    /// <summary>Entra: links by oid to users provisioned by the SCIM client, then by user name among them; trusts the upstream's methods.</summary>
    private const string Entra = "entra";

    /// <summary>Entra as well, and creates the users it finds nobody for.</summary>
    private const string EntraJit = "entra-jit";

    /// <summary>Okta: links by user name, then by a verified address, among users of its own domain.</summary>
    private const string Okta = "okta";

    private const string OktaDomain = "okta.test";
    private const string UpstreamSecret = "upstream-client-secret-0002";
    private const string Refused = "data-testid=\"federation-error\"";

    private readonly UpstreamSettings _entraSettings = new(UpstreamFlavor.Entra, [], new Dictionary<string, UpstreamUser>());
    private readonly UpstreamSettings _oktaSettings = new(UpstreamFlavor.Okta, [], new Dictionary<string, UpstreamUser>());
    private TestUpstream _entra = null!;
    private TestUpstream _okta = null!;
    private readonly List<UserAgent> _browsers = [];
    private ScimClient _scim = null!;
    private long _auditMark;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>();
            Declare(settings, Entra, "entra", _entraSettings, new()
            {
                ["Tenant"] = _entraSettings.Tenant,
                ["Linking:ExternalIdClaim"] = "oid",
                ["Linking:ProvisioningClient"] = TestSeed.ScimClient.Id,
                ["Linking:UserName"] = "true",
                ["Mfa:TrustUpstream"] = "true",
            });
            Declare(settings, EntraJit, "entra", _entraSettings, new()
            {
                ["Tenant"] = _entraSettings.Tenant,
                ["Linking:ExternalIdClaim"] = "oid",
                ["Linking:ProvisioningClient"] = TestSeed.ScimClient.Id,
                ["Linking:JustInTime"] = "true",
            });
            Declare(settings, Okta, "okta", _oktaSettings, new()
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
        _entra = await TestUpstream.StartAsync(_entraSettings with { Clients = [Client(Entra), Client(EntraJit)] });
        _okta = await TestUpstream.StartAsync(_oktaSettings with { Clients = [Client(Okta)] });
    }

    [OneTimeTearDown]
    public async Task StopUpstreams()
    {
        await _entra.DisposeAsync();
        await _okta.DisposeAsync();
    }

    [SetUp]
    public async Task MarkTheAuditLog()
    {
        _scim = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        _auditMark = await StoredFederation.AuditMarkAsync(Server);
    }

    [TearDown]
    public async Task ResetUpstreams()
    {
        _browsers.ForEach(b => b.Dispose());
        _browsers.Clear();
        await _entra.ResetAsync();
        await _okta.ResetAsync();
    }

    [Test]
    public async Task Provisioned_user_signs_in_by_external_id_and_is_linked()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("provisioned", "example.com");
        var userId = await ProvisionAsync(userName, externalId: oid);
        // The upstream's name is not the local one: only the externalId the SCIM client set can link them.
        await _entra.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = NewName("upstream", "contoso.test") });

        var subject = await SignInForSubjectAsync(Entra, oid);

        var links = await StoredFederation.LinksAsync(Server, Entra);
        var events = await EventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(subject, Is.EqualTo(userId));
            Assert.That(links.Where(l => l.UserId == userId).Select(l => (l.UpstreamSubject, l.LinkedBy)),
                Is.EqualTo(new[] { ($"{_entraSettings.Tenant}:{oid}", LinkRule.ExternalId) }), "the link goes by tid and oid, never by the pairwise sub");
            Assert.That(events, Is.EqualTo(new[]
            {
                ("federation.linked", "success", userId, $"{Entra} external_id"),
                ("federation.sign_in", "success", userId, Entra),
            }));
        });
    }

    [Test]
    public async Task After_the_first_sign_in_only_the_link_counts()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("first", "example.com");
        var userId = await ProvisionAsync(userName, externalId: oid);
        await _entra.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName, Email = userName });
        Assert.That(await SignInForSubjectAsync(Entra, oid), Is.EqualTo(userId));

        // The upstream renames the person, the directory renames the local user, and another provisioned user now
        // has the upstream's new name: the user-name rule would pick them, but the link alone decides.
        var newName = NewName("renamed", "example.com");
        await _entra.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = newName, Email = newName });
        var (renamed, _) = await _scim.PatchAsync("/Users/" + userId,
            ScimClient.Patch($$"""{"op":"replace","path":"userName","value":"{{NewName("local", "example.com")}}"}"""));
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var lookAlike = await ProvisionAsync(newName, externalId: Guid.NewGuid().ToString());
        var mark = await StoredFederation.AuditMarkAsync(Server);

        var subject = await SignInForSubjectAsync(Entra, oid);

        var links = await StoredFederation.LinksAsync(Server, Entra);
        var events = await EventsAsync(mark);
        Assert.Multiple(() =>
        {
            Assert.That(subject, Is.EqualTo(userId));
            Assert.That(links.Count(l => l.UserId == userId), Is.EqualTo(1));
            Assert.That(links.Where(l => l.UserId == lookAlike), Is.Empty);
            Assert.That(events, Is.EqualTo(new[] { ("federation.sign_in", "success", userId, Entra) }), "no new link");
        });
    }

    [Test]
    public async Task Jit_creates_the_user_marked_with_the_provider()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("jit", "fabrikam.test");
        await _entra.SetUserAsync(oid, new UpstreamUser
        {
            Oid = oid,
            PreferredUsername = userName,
            Email = userName,
            GivenName = "Jit",
            FamilyName = "Person",
            Name = "Jit Person",
        });

        var subject = await SignInForSubjectAsync(EntraJit, oid);
        var again = await SignInForSubjectAsync(EntraJit, oid);

        var users = await StoredFederation.UsersNamedAsync(Server, userName);
        var links = await StoredFederation.LinksAsync(Server, EntraJit);
        var events = await EventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(users.Select(u => u.Id), Is.EqualTo(new[] { subject }), "one user, the one signed in");
            Assert.That(again, Is.EqualTo(subject), "the second sign-in goes by the link");
            var user = users.Single();
            Assert.That(user.CreatedByIdentityProvider, Is.EqualTo(EntraJit));
            Assert.That((user.GivenName, user.FamilyName, user.DisplayName), Is.EqualTo(("Jit", "Person", "Jit Person")));
            Assert.That(user.Emails.Select(e => e.Value), Is.EqualTo(new[] { userName }));
            Assert.That(user.EmailVerified, Is.False, "Entra never says the address is verified");
            Assert.That(user.PasswordHash, Is.Null);
            Assert.That(user.ExternalIdIssuer, Is.Null, "not a user the SCIM client provisioned");
            Assert.That(links.Where(l => l.UserId == subject).Select(l => l.LinkedBy), Is.EqualTo(new[] { LinkRule.JustInTime }));
            Assert.That(events, Is.EqualTo(new[]
            {
                ("federation.user_created", "success", subject, EntraJit),
                ("federation.linked", "success", subject, $"{EntraJit} just_in_time"),
                ("federation.sign_in", "success", subject, EntraJit),
                ("federation.sign_in", "success", subject, EntraJit),
            }));
        });
    }

    [Test]
    public async Task Jit_never_takes_over_an_existing_user_name()
    {
        var userName = await LocalUserAsync(NewName("taken", "fabrikam.test"));
        var oid = Guid.NewGuid().ToString();
        await _entra.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName, Email = userName });

        using var page = await SignInAsync(EntraJit, oid);

        await AssertRefusedAsync(page);
        var users = await StoredFederation.UsersNamedAsync(Server, userName);
        var links = await StoredFederation.LinksAsync(Server, EntraJit);
        Assert.Multiple(async () =>
        {
            Assert.That(users, Has.Count.EqualTo(1), "no second user");
            Assert.That(users.Single().CreatedByIdentityProvider, Is.Null);
            Assert.That(links.Where(l => l.UpstreamSubject.EndsWith(oid, StringComparison.Ordinal) || l.UserId == users.Single().Id), Is.Empty);
            Assert.That(await EventsAsync(), Is.EqualTo(new[] { ("federation.sign_in", "not_linked", (string?)null, $"{EntraJit} user_name_taken") }));
        });
    }

    [Test]
    public async Task Email_only_match_with_email_verified_false_is_refused()
    {
        var address = NewName("mail", OktaDomain);
        await LocalUserAsync(address, emailVerified: true);
        var login = NewLogin();
        // Only the address matches: the upstream's user name is nobody's here.
        await _okta.SetUserAsync(login, new UpstreamUser { PreferredUsername = NewName("alias", OktaDomain), Email = address, EmailVerified = false });

        using var page = await SignInAsync(Okta, login);

        await AssertRefusedAsync(page);
        Assert.Multiple(async () =>
        {
            Assert.That((await StoredFederation.LinksAsync(Server, Okta)).Where(l => l.UpstreamSubject == login), Is.Empty);
            Assert.That(await EventsAsync(), Is.EqualTo(new[] { ("federation.sign_in", "not_linked", (string?)null, $"{Okta} no_match") }));
        });
    }

    [Test]
    public async Task Email_match_with_verified_email_in_an_owned_domain_links()
    {
        var address = NewName("mail", OktaDomain);
        var userId = await StoredSessions.UserIdAsync(Server, await LocalUserAsync(address, emailVerified: true));
        var login = NewLogin();
        await _okta.SetUserAsync(login, new UpstreamUser { PreferredUsername = NewName("alias", OktaDomain), Email = address.ToUpperInvariant(), EmailVerified = true });

        var subject = await SignInForSubjectAsync(Okta, login);

        var links = await StoredFederation.LinksAsync(Server, Okta);
        var events = await EventsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(subject, Is.EqualTo(userId));
            Assert.That(links.Where(l => l.UpstreamSubject == login).Select(l => (l.UserId, l.LinkedBy)), Is.EqualTo(new[] { ((string?)userId, LinkRule.VerifiedEmail) }));
            Assert.That(events, Is.EqualTo(new[]
            {
                ("federation.linked", "success", userId, $"{Okta} verified_email"),
                ("federation.sign_in", "success", userId, Okta),
            }));
        });
    }

    [Test]
    public async Task Two_users_with_the_verified_address_are_refused_as_ambiguous()
    {
        var address = NewName("shared", OktaDomain);
        await LocalUserAsync(address, emailVerified: true);
        await LocalUserAsync(NewName("second", OktaDomain), emailVerified: true, email: address);
        var login = NewLogin();
        await _okta.SetUserAsync(login, new UpstreamUser { PreferredUsername = NewName("alias", OktaDomain), Email = address, EmailVerified = true });

        using var page = await SignInAsync(Okta, login);

        await AssertRefusedAsync(page);
        Assert.Multiple(async () =>
        {
            Assert.That((await StoredFederation.LinksAsync(Server, Okta)).Where(l => l.UpstreamSubject == login), Is.Empty, "never pick one");
            Assert.That(await EventsAsync(), Is.EqualTo(new[] { ("federation.sign_in", "not_linked", (string?)null, $"{Okta} ambiguous") }));
        });
    }

    [Test]
    public async Task Provider_cannot_link_a_user_of_another_directory()
    {
        // Another SCIM client provisioned a user with the same externalId and the upstream's user name: not Entra's to claim.
        var oid = Guid.NewGuid().ToString();
        var foreignName = NewName("foreign", "example.com");
        var otherDirectory = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.OtherScimClient, "scim"));
        var foreign = await ProvisionAsync(foreignName, externalId: oid, client: otherDirectory);
        await _entra.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = foreignName });
        // Okta links only users of its own domain: a user outside it with the upstream's name and verified address is not its.
        var outsider = await LocalUserAsync(NewName("outsider", "example.com"), emailVerified: true);
        var login = NewLogin();
        await _okta.SetUserAsync(login, new UpstreamUser { PreferredUsername = outsider, Email = outsider, EmailVerified = true });

        using var entraPage = await SignInAsync(Entra, oid);
        using var oktaPage = await SignInAsync(Okta, login);

        await AssertRefusedAsync(entraPage);
        await AssertRefusedAsync(oktaPage);
        var outsiderId = await StoredSessions.UserIdAsync(Server, outsider);
        Assert.Multiple(async () =>
        {
            Assert.That((await StoredFederation.LinksAsync(Server, Entra)).Where(l => l.UserId == foreign), Is.Empty);
            Assert.That((await StoredFederation.LinksAsync(Server, Okta)).Where(l => l.UserId == outsiderId || l.UpstreamSubject == login), Is.Empty);
            Assert.That(await EventsAsync(), Is.EqualTo(new[]
            {
                ("federation.sign_in", "not_linked", (string?)null, $"{Entra} no_match"),
                ("federation.sign_in", "not_linked", (string?)null, $"{Okta} no_match"),
            }));
        });
    }

    [Test]
    public async Task Second_upstream_identity_cannot_take_a_linked_user()
    {
        var userName = await LocalUserAsync(NewName("victim", OktaDomain));
        var userId = await StoredSessions.UserIdAsync(Server, userName);
        var owner = NewLogin();
        var attacker = NewLogin();
        await _okta.SetUserAsync(owner, new UpstreamUser { PreferredUsername = userName });
        await _okta.SetUserAsync(attacker, new UpstreamUser { PreferredUsername = userName, Email = userName, EmailVerified = true });
        Assert.That(await SignInForSubjectAsync(Okta, owner), Is.EqualTo(userId));
        var mark = await StoredFederation.AuditMarkAsync(Server);

        using var page = await SignInAsync(Okta, attacker);

        await AssertRefusedAsync(page);
        var links = await StoredFederation.LinksAsync(Server, Okta);
        Assert.Multiple(async () =>
        {
            Assert.That(links.Where(l => l.UserId == userId).Select(l => l.UpstreamSubject), Is.EqualTo(new[] { owner }));
            Assert.That(links.Where(l => l.UpstreamSubject == attacker), Is.Empty);
            Assert.That(await EventsAsync(mark), Is.EqualTo(new[] { ("federation.sign_in", "not_linked", (string?)null, $"{Okta} already_linked") }));
        });
    }

    [Test]
    public async Task Deactivated_user_is_refused_and_sessions_end()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("leaver", "example.com");
        var userId = await ProvisionAsync(userName, externalId: oid);
        await _entra.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName });
        using var browser = NewBrowser();
        var tokens = await SignInForTokensAsync(Entra, oid, browser);
        Assert.That(await StoredSessions.OfAsync(Server, userName), Has.Count.EqualTo(1));

        var (deactivated, _) = await _scim.PatchAsync("/Users/" + userId, ScimClient.Patch("""{"op":"replace","path":"active","value":false}"""));
        Assert.That(deactivated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var mark = await StoredFederation.AuditMarkAsync(Server);

        using var withOldSession = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
        using var page = await SignInAsync(Entra, oid);

        await AssertRefusedAsync(page);
        Assert.Multiple(async () =>
        {
            Assert.That(await StoredSessions.OfAsync(Server, userName), Is.Empty, "deactivation ended the federated session");
            Assert.That(UserAgent.PathOf(withOldSession.Headers.Location!), Is.EqualTo(Routes.Login), "the browser is asked to sign in again");
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await EventsAsync(mark), Is.EqualTo(new[] { ("federation.sign_in", "disabled", (string?)userId, $"{Entra} user_inactive") }));
        });
    }

    [Test]
    public async Task Deleted_user_is_not_recreated_by_jit()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("deleted", "fabrikam.test");
        var userId = await ProvisionAsync(userName, externalId: oid);
        await _entra.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName });
        Assert.That(await SignInForSubjectAsync(EntraJit, oid), Is.EqualTo(userId));
        var (deleted, _) = await _scim.DeleteAsync("/Users/" + userId);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var mark = await StoredFederation.AuditMarkAsync(Server);

        using var page = await SignInAsync(EntraJit, oid);

        await AssertRefusedAsync(page);
        var links = await StoredFederation.LinksAsync(Server, EntraJit);
        Assert.Multiple(async () =>
        {
            Assert.That(await StoredFederation.UsersNamedAsync(Server, userName), Is.Empty, "no fresh account for a deleted user's identity");
            Assert.That(links.Where(l => l.UpstreamSubject == $"{_entraSettings.Tenant}:{oid}").Select(l => l.UserId), Is.EqualTo(new string?[] { null }),
                "the link stays as a tombstone");
            Assert.That(await EventsAsync(mark), Is.EqualTo(new[] { ("federation.sign_in", "disabled", (string?)null, $"{EntraJit} user_deleted") }));
        });
    }

    /// <summary>
    /// R7: wrong passwords typed against an SSO user's name must not lock them out of SSO. The provider is trusted for
    /// the upstream's methods, so the grant's <c>amr</c> says <c>pwd</c> too — the upstream's password, not ours.
    /// </summary>
    [Test]
    public async Task Password_lockout_does_not_block_federated_sign_in_or_its_refresh()
    {
        var oid = Guid.NewGuid().ToString();
        var userName = NewName("sprayed", "example.com");
        var userId = await ProvisionAsync(userName, externalId: oid, password: Password);
        await _entra.SetUserAsync(oid, new UpstreamUser { Oid = oid, PreferredUsername = userName });
        await LockOutAsync(userName);

        var tokens = await SignInForTokensAsync(Entra, oid);
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);
        var refreshedBody = await OAuthClient.ReadJsonAsync(refreshed);

        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString()!);
        Assert.Multiple(async () =>
        {
            Assert.That(idToken.Subject, Is.EqualTo(userId));
            Assert.That(idToken.GetPayloadValue<string[]>("amr"), Is.EqualTo(new[] { "fed", "pwd" }));
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), refreshedBody.ToString());
            Assert.That((await StoredFederation.UserAsync(Server, userId))!.LockoutEnd, Is.GreaterThan(Server.Clock.GetUtcNow()), "the password stays locked");
            Assert.That((await AttemptPasswordAsync(userName, Password)).SignedIn, Is.False, "even the right password is refused");
        });
    }

    [Test]
    public async Task Password_session_tokens_stop_refreshing_while_the_password_is_locked_out()
    {
        var (userName, tokens) = await SignedInTokensAsync();

        await LockOutAsync(userName);
        using var refreshed = await RefreshAsync(TestSeed.WebApp, tokens.GetProperty("refresh_token").GetString()!);

        Assert.Multiple(async () =>
        {
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(refreshed)).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        });
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

    private static string NewName(string prefix, string domain) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)] + "@" + domain;

    private static string NewLogin() => "okta-" + Guid.NewGuid().ToString("N")[..12];

    private UpstreamClient Client(string providerId) => UpstreamClient.ForService(Server.BaseAddress, providerId, "auth-" + providerId, UpstreamSecret);

    private TestUpstream UpstreamOf(string providerId) => providerId == Okta ? _okta : _entra;

    /// <summary>A user the SCIM client provisions, as Entra does (externalId = the person's oid).</summary>
    private async Task<string> ProvisionAsync(string userName, string externalId, string? password = null, ScimClient? client = null)
    {
        var (response, body) = await (client ?? _scim).PostAsync("/Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","externalId":"{{externalId}}",
             "name":{"givenName":"Pat","familyName":"Doe"},"emails":[{"primary":true,"value":"{{userName}}","type":"work"}],
             {{(password is null ? "" : $"\"password\":\"{password}\",")}}"active":true}
            """);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body?.ToJsonString());
        return (string)body!["id"]!;
    }

    /// <summary>A user registered here (not by the SCIM client), with a password.</summary>
    private async Task<string> LocalUserAsync(string userName, bool emailVerified = false, string? email = null)
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
    private async Task<HttpResponseMessage> SignInAsync(string providerId, string login, UserAgent? browser = null, Pkce? pkce = null)
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

    private async Task<JsonElement> SignInForTokensAsync(string providerId, string login, UserAgent? browser = null)
    {
        var pkce = Pkce.Create();
        using var response = await SignInAsync(providerId, login, browser, pkce);
        var code = CallbackParameters(response, TestSeed.WebAppCallback)["code"];
        return await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
    }

    /// <summary>The local user the sign-in reached: the ID token's subject.</summary>
    private async Task<string> SignInForSubjectAsync(string providerId, string login)
    {
        var tokens = await SignInForTokensAsync(providerId, login);
        return new JsonWebToken(tokens.GetProperty("id_token").GetString()!).Subject;
    }

    /// <summary>One page for every refusal, which names no rule (the audit record does), and no redirect to the client.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), html);
            Assert.That(html, Does.Contain(Refused).And.Contain("correlation-id"));
            Assert.That(html, Does.Not.Contain("no_match").And.Not.Contain("already_linked").And.Not.Contain("user_name_taken"));
        });
    }

    private async Task<List<(string Type, string Outcome, string? Subject, string? Detail)>> EventsAsync(long? since = null) =>
        [.. (await StoredFederation.FederationEventsSinceAsync(Server, since ?? _auditMark)).Select(e => (e.EventType, e.Outcome, e.SubjectId, e.Detail))];

    private async Task LockOutAsync(string userName)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await AttemptPasswordAsync(userName, "wrong-password-" + i)).SignedIn, Is.False);
        }
    }

    private async Task<(HttpStatusCode Status, bool SignedIn)> AttemptPasswordAsync(string userName, string password)
    {
        using var browser = NewBrowser();
        using var page = await browser.GetAsync(Routes.Login);
        using var response = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), Routes.Login,
            new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
        var signedIn = response.StatusCode == HttpStatusCode.Redirect &&
            response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("auth.session=", StringComparison.Ordinal));
        return (response.StatusCode, signedIn);
    }

    /// <summary>Follows every redirect, at this service and at the upstreams, until a page or a redirect to a client.</summary>
    private async Task<HttpResponseMessage> FollowAllRedirectsAsync(UserAgent browser, string start)
    {
        var response = await browser.GetAsync(start);
        for (var hops = 0; hops < 15 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var location = response.Headers.Location!;
            var absolute = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            if (absolute.Authority != Server.BaseAddress.Authority && absolute.Authority != _entra.Settings.Origin.Authority &&
                absolute.Authority != _okta.Settings.Origin.Authority)
            {
                return response;
            }

            response.Dispose();
            response = await browser.Http.GetAsync(absolute);
        }

        return response;
    }
}
