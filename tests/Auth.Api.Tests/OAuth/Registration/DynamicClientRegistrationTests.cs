using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Application.Clients.Registration;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OAuth.Registration;

/// <summary>
/// Dynamic client registration (RFC 7591) and management (RFC 7592) with ClientRegistration:Mode=InitialAccessToken:
/// openid-client registers with an operator's token and its user is asked for consent; then every way around the rules
/// is tried — no token, a spent or expired one, a redirect URI over plain http or with a fragment, scopes and grants
/// beyond the policy or the token, another client's registration access token.
/// </summary>
public sealed class DynamicClientRegistrationTests(StoreKind store) : UserFlowTest(store)
{
    private const string Callback = "https://dyn.example/cb";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ClientRegistration:Mode"] = "InitialAccessToken" };

    [Test]
    public async Task Openid_client_registers_with_an_initial_access_token_and_its_user_is_asked_for_consent()
    {
        var minted = await AuthExecutable.RunAsync(Server.Store, "clients", "registration-token", "--expires-in", "600");
        Assert.That(minted.ExitCode, Is.Zero, minted.Error);
        var registered = await RelyingPartyScript.RunAsync("dynamic-registration.mjs", new Dictionary<string, object?>
        {
            ["issuer"] = Server.BaseAddress.AbsoluteUri,
            ["initialAccessToken"] = minted.Output.Trim(),
            ["metadata"] = new Dictionary<string, object> { ["client_name"] = "Dyn App", ["redirect_uris"] = new[] { Callback }, ["grant_types"] = new[] { "authorization_code", "refresh_token" }, ["scope"] = "openid profile" },
            ["scope"] = "openid profile",
            ["redirectUri"] = Callback,
        });
        var metadata = registered.GetProperty("metadata");
        var clientId = metadata.GetProperty("client_id").GetString()!;
        var client = new TestClient(clientId, metadata.GetProperty("client_secret").GetString()!);

        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var consent = await SignInThroughAsync(browser, new Uri(registered.GetProperty("used").GetProperty("authorizationUrl").GetString()!).PathAndQuery, user);
        var html = await consent.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(clientId, Does.StartWith("dyn-"));
            Assert.That(metadata.GetProperty("registration_access_token").GetString(), Is.Not.Empty);
            Assert.That(metadata.GetProperty("registration_client_uri").GetString(), Is.EqualTo(Server.BaseAddress + "oauth/register/" + clientId));
            Assert.That(metadata.GetProperty("client_secret_expires_at").GetInt64(), Is.Zero);
            Assert.That(metadata.GetProperty("token_endpoint_auth_method").GetString(), Is.EqualTo("client_secret_basic"));
            Assert.That(html, Does.Contain("Allow Dyn App?"), "a registered client is third-party: the user is asked");
        });
        using var token = await OAuth.RequestTokenAsync(client, "openid");
        Assert.That(token.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized), "the secret it was given authenticates it");
    }

    [Test]
    public async Task An_initial_access_token_registers_one_client_in_its_lifetime_and_none_without_one()
    {
        var token = await MintAsync();
        using var first = await RegisterAsync(token, Metadata());
        using var again = await RegisterAsync(token, Metadata());
        using var none = await RegisterAsync(null, Metadata());
        using var madeUp = await RegisterAsync("made-up-token", Metadata());
        var expiring = await MintAsync(TimeSpan.FromMinutes(5));
        Server.Clock.Advance(TimeSpan.FromMinutes(6));
        using var expired = await RegisterAsync(expiring, Metadata());
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
            Assert.That(first.Headers.CacheControl?.NoStore, Is.True);
            foreach (var (name, response) in new[] { ("spent", again), ("none", none), ("made up", madeUp), ("expired", expired) })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), name);
                Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_token"), name);
            }
        });
    }

    [Test]
    public async Task Redirect_uris_must_be_https_or_loopback_http_without_fragment()
    {
        var refused = new[] { "http://app.example/cb", "https://app.example/cb#frag", "/relative/cb", "javascript:alert(1)" };
        foreach (var uri in refused)
        {
            using var response = await RegisterAsync(await MintAsync(), Metadata(redirectUri: uri));
            var body = await OAuthClient.ReadJsonAsync(response);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), uri);
                Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_redirect_uri"), uri);
            });
        }

        using var loopback = await RegisterAsync(await MintAsync(), Metadata(redirectUri: "http://127.0.0.1:8400/cb"));
        Assert.That(loopback.StatusCode, Is.EqualTo(HttpStatusCode.Created), "RFC 8252 §7.3: a native app's loopback redirect");
    }

    [Test]
    public async Task A_client_gets_no_scope_or_grant_beyond_the_policy_or_its_token()
    {
        using var scope = await RegisterAsync(await MintAsync(), Metadata(scope: "openid " + TestSeed.OrdersRead));
        using var grant = await RegisterAsync(await MintAsync(), Metadata(grants: ["client_credentials"]));
        using var admin = await RegisterAsync(await MintAsync(), Metadata(scope: AdminScopes.ClientsWrite));
        var narrow = await MintAsync(allowance: new RegistrationAllowance(["openid"], ["authorization_code"]));
        using var beyondToken = await RegisterAsync(narrow, Metadata(scope: "openid profile"));
        using var notJson = await Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/register")
        {
            Content = new StringContent("redirect_uris=https://x"),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", await MintAsync()) },
        });
        Assert.Multiple(async () =>
        {
            foreach (var (name, response) in new[] { ("scope", scope), ("grant", grant), ("admin scope", admin), ("beyond the token", beyondToken), ("not JSON", notJson) })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), name);
                Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"), name);
            }
        });
    }

    [Test]
    public async Task A_client_that_names_no_scope_gets_every_scope_its_token_allows()
    {
        var withoutScope = Metadata();
        withoutScope.Remove("scope");
        var narrow = await MintAsync(allowance: new RegistrationAllowance(["openid", "profile"], ["authorization_code", "refresh_token"]));

        using var full = await RegisterAsync(await MintAsync(), withoutScope);
        using var narrowed = await RegisterAsync(narrow, withoutScope);
        var fullBody = await OAuthClient.ReadJsonAsync(full);
        var narrowedBody = await OAuthClient.ReadJsonAsync(narrowed);
        Assert.That(full.StatusCode, Is.EqualTo(HttpStatusCode.Created), fullBody.ToString());
        Assert.That(narrowed.StatusCode, Is.EqualTo(HttpStatusCode.Created), narrowedBody.ToString());

        // RFC 7592 §2.2: a replacement that names no scope gets the same default.
        var client = (fullBody.GetProperty("client_id").GetString()!, fullBody.GetProperty("client_secret").GetString()!, fullBody.GetProperty("registration_access_token").GetString()!);
        var replacement = new Dictionary<string, object>(withoutScope) { ["client_id"] = client.Item1 };
        using var replaced = await ManageAsync(HttpMethod.Put, client, client.Item3, replacement);
        var replacedBody = await OAuthClient.ReadJsonAsync(replaced);

        Assert.Multiple(() =>
        {
            Assert.That(fullBody.GetProperty("scope").GetString()!.Split(' '), Is.EquivalentTo(new[] { "openid", "profile", "email", "offline_access" }));
            Assert.That(narrowedBody.GetProperty("scope").GetString()!.Split(' '), Is.EquivalentTo(new[] { "openid", "profile" }));
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), replacedBody.ToString());
            Assert.That(replacedBody.GetProperty("scope").GetString()!.Split(' '), Is.EquivalentTo(new[] { "openid", "profile", "email", "offline_access" }));
        });
    }

    [Test]
    public async Task A_replacement_with_a_client_secret_must_name_the_current_one()
    {
        var mine = await RegisteredAsync();

        using var wrong = await ManageAsync(HttpMethod.Put, mine, mine.RegistrationToken,
            new Dictionary<string, object>(Metadata(name: "Wrong secret")) { ["client_id"] = mine.ClientId, ["client_secret"] = "not-the-secret-at-all" });
        using var right = await ManageAsync(HttpMethod.Put, mine, mine.RegistrationToken,
            new Dictionary<string, object>(Metadata(name: "Right secret")) { ["client_id"] = mine.ClientId, ["client_secret"] = mine.Secret });
        using var token = await OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(("grant_type", "refresh_token"), ("refresh_token", "x")),
            OAuthClient.Basic(mine.ClientId, mine.Secret));

        Assert.Multiple(async () =>
        {
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "RFC 7592 §2.2");
            Assert.That((await OAuthClient.ReadJsonAsync(wrong)).GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), await right.Content.ReadAsStringAsync());
            Assert.That(token.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized), "the secret still authenticates the client");
        });
    }

    [TestCase("id_token_signed_response_alg", "none")]
    [TestCase("id_token_signed_response_alg", "HS256")]
    [TestCase("userinfo_signed_response_alg", "HS256")]
    [TestCase("userinfo_signed_response_alg", "none")]
    [TestCase("request_object_signing_alg", "HS256")]
    [TestCase("id_token_encrypted_response_alg", "RSA-OAEP")]
    [TestCase("token_endpoint_auth_signing_alg", "RS256")]
    public async Task An_algorithm_this_server_does_not_use_is_refused(string member, string algorithm)
    {
        using var response = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata()) { [member] = algorithm });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
    }

    [Test]
    public async Task The_algorithms_this_server_uses_request_uris_and_a_back_channel_logout_uri_are_taken()
    {
        using var response = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata())
        {
            ["id_token_signed_response_alg"] = "RS256",
            ["userinfo_signed_response_alg"] = "RS256",
            ["backchannel_logout_uri"] = "https://dyn.example/backchannel",
            ["backchannel_logout_session_required"] = false,
            ["request_uris"] = new[] { "https://dyn.example/ro/1.jwt" },
        });
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        using var scope = Server.Services.CreateScope();
        var stored = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.Clients.GetClient(body.GetProperty("client_id").GetString()!))).Value!;

        // What this server calls for the client goes through the address guard (SelfRegisteredClientUriTests).
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("backchannel_logout_uri").GetString(), Is.EqualTo("https://dyn.example/backchannel"));
            Assert.That(body.GetProperty("backchannel_logout_session_required").GetBoolean(), Is.False);
            Assert.That(stored.BackchannelLogoutUri, Is.EqualTo("https://dyn.example/backchannel"));
            Assert.That(stored.BackchannelLogoutSessionRequired, Is.False);
            Assert.That(body.GetProperty("request_uris").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { "https://dyn.example/ro/1.jwt" }));
            Assert.That(stored.RequestUris, Is.EqualTo(new[] { "https://dyn.example/ro/1.jwt" }));
            Assert.That(stored.SelfRegistered, Is.True);
            Assert.That(body.GetProperty("userinfo_signed_response_alg").GetString(), Is.EqualTo("RS256"), "OpenID Connect Core §5.3.2");
            Assert.That(stored.UserinfoSignedResponseAlg, Is.EqualTo("RS256"));
        });
    }

    [Test]
    public async Task A_client_with_keys_registers_how_its_request_objects_are_signed_and_that_they_must_be()
    {
        var keys = Auth.Api.Tests.OAuth.PrivateKeyJwt.ClientKeys.Rsa();
        using var response = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata())
        {
            ["token_endpoint_auth_method"] = "private_key_jwt",
            ["jwks"] = keys.Jwks,
            ["request_object_signing_alg"] = "RS256",
            ["require_signed_request_object"] = true,
        });
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        using var scope = Server.Services.CreateScope();
        var stored = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.Clients.GetClient(body.GetProperty("client_id").GetString()!))).Value!;

        // OpenID Connect Dynamic Client Registration §2 and RFC 9101 §10.5; without keys a signature could not be checked.
        using var withoutKeys = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata()) { ["request_object_signing_alg"] = "RS256" });
        Assert.Multiple(async () =>
        {
            Assert.That(body.GetProperty("request_object_signing_alg").GetString(), Is.EqualTo("RS256"));
            Assert.That(body.GetProperty("require_signed_request_object").GetBoolean(), Is.True);
            Assert.That(stored.RequestObjectSigningAlg, Is.EqualTo("RS256"));
            Assert.That(stored.RequireSignedRequestObject, Is.True);
            Assert.That(withoutKeys.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await OAuthClient.ReadJsonAsync(withoutKeys)).GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
        });
    }

    [Test]
    public async Task A_replacement_cannot_drop_the_requirement_of_signed_request_objects()
    {
        var keys = Auth.Api.Tests.OAuth.PrivateKeyJwt.ClientKeys.Rsa();
        var metadata = new Dictionary<string, object>(Metadata()) { ["token_endpoint_auth_method"] = "private_key_jwt", ["jwks"] = keys.Jwks };
        using var registered = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(metadata) { ["require_signed_request_object"] = true });
        var body = await OAuthClient.ReadJsonAsync(registered);
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        var client = (body.GetProperty("client_id").GetString()!, string.Empty, body.GetProperty("registration_access_token").GetString()!);

        using var replaced = await ManageAsync(HttpMethod.Put, client, client.Item3, new Dictionary<string, object>(metadata) { ["client_id"] = client.Item1 });
        using var scope = Server.Services.CreateScope();
        var after = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.Clients.GetClient(client.Item1))).Value!;

        Assert.Multiple(async () =>
        {
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await OAuthClient.ReadJsonAsync(replaced)).ToString());
            Assert.That(after.RequireSignedRequestObject, Is.True);
        });
    }

    [Test]
    public async Task A_replacement_sets_the_request_uris_and_the_client_stays_self_registered_after_an_operator_edits_it()
    {
        var client = await RegisteredAsync();
        using (var scope = Server.Services.CreateScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var stored = (await sender.Send(new Auth.Application.Clients.GetClient(client.ClientId))).Value!;
            var updated = await sender.Send(new Auth.Application.Clients.UpdateClient(new Auth.Application.Clients.ClientDefinition
            {
                ClientId = client.ClientId,
                DisplayName = stored.DisplayName,
                GrantTypes = stored.GrantTypes,
                Scopes = stored.Scopes,
                RedirectUris = stored.RedirectUris,
                FirstParty = false,
                RequestUris = ["https://dyn.example/ro.jwt"],
            }));
            Assert.That(updated.Succeeded, Is.True, updated.Error?.Description);
        }

        using var read = await ManageAsync(HttpMethod.Get, client, client.RegistrationToken);
        using var replaced = await ManageAsync(HttpMethod.Put, client, client.RegistrationToken,
            new Dictionary<string, object>(Metadata(name: "Renamed")) { ["client_id"] = client.ClientId, ["request_uris"] = new[] { "https://elsewhere.example/ro.jwt" } });
        using var after = Server.Services.CreateScope();
        var kept = (await after.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.Clients.GetClient(client.ClientId))).Value!;

        // RFC 7592 §2.2: the replacement is the client's metadata, request_uris among it (the client reads what an
        // operator set first). An operator's edit never makes the client an operator's: its URIs stay guarded.
        Assert.Multiple(async () =>
        {
            Assert.That((await OAuthClient.ReadJsonAsync(read)).GetProperty("request_uris")[0].GetString(), Is.EqualTo("https://dyn.example/ro.jwt"));
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await OAuthClient.ReadJsonAsync(replaced)).ToString());
            Assert.That(kept.DisplayName, Is.EqualTo("Renamed"));
            Assert.That(kept.RequestUris, Is.EqualTo(new[] { "https://elsewhere.example/ro.jwt" }));
            Assert.That(kept.SelfRegistered, Is.True);
        });
    }

    [Test]
    public async Task A_registration_access_token_reads_changes_and_deletes_its_own_client_only()
    {
        var mine = await RegisteredAsync();
        var other = await RegisteredAsync();
        using var read = await ManageAsync(HttpMethod.Get, mine, mine.RegistrationToken);
        using var readOther = await ManageAsync(HttpMethod.Get, other, mine.RegistrationToken);
        using var changed = await ManageAsync(HttpMethod.Put, mine, mine.RegistrationToken, Metadata(name: "Renamed", redirectUri: "https://dyn.example/other"));
        using var widened = await ManageAsync(HttpMethod.Put, mine, mine.RegistrationToken, Metadata(scope: "openid " + TestSeed.OrdersRead));
        using var deletedOther = await ManageAsync(HttpMethod.Delete, other, mine.RegistrationToken);
        using var deleted = await ManageAsync(HttpMethod.Delete, mine, mine.RegistrationToken);
        using var readAfter = await ManageAsync(HttpMethod.Get, mine, mine.RegistrationToken);
        using var tokenAfter = await OAuth.RequestTokenAsync(new TestClient(mine.ClientId, mine.Secret), "openid");
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        using var scope = Server.Services.CreateScope();
        var audited = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.ClientId == mine.ClientId).Select(e => e.EventType + " " + e.Detail).ToListAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(audited, Does.Contain("client.registered dynamic registration"));
            Assert.That(audited, Has.Some.StartsWith("client.removed"));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await OAuthClient.ReadJsonAsync(read)).GetProperty("client_name").GetString(), Is.EqualTo("Dyn App"));
            Assert.That(readOther.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
            var body = await OAuthClient.ReadJsonAsync(changed);
            Assert.That(body.GetProperty("client_name").GetString(), Is.EqualTo("Renamed"));
            Assert.That(body.GetProperty("redirect_uris")[0].GetString(), Is.EqualTo("https://dyn.example/other"));
            Assert.That(body.TryGetProperty("client_secret", out _), Is.False, "a secret is shown once");
            Assert.That(widened.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(deletedOther.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(readAfter.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(tokenAfter.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the deleted client is gone");
        });
    }

    [Test]
    public async Task A_refused_registration_spends_no_token_and_is_invalid_client_metadata()
    {
        var token = await MintAsync();
        using var noRedirect = await RegisterAsync(token, new Dictionary<string, object> { ["client_name"] = "x" });
        using var unknownScope = await RegisterAsync(token, Metadata(scope: "openid nonexistent.scope"));
        using var badKeys = await RegisterAsync(token, new Dictionary<string, object>
        {
            ["redirect_uris"] = new[] { Callback },
            ["token_endpoint_auth_method"] = "private_key_jwt",
            ["jwks"] = new { keys = new object[] { new { kty = "RSA", n = 5, e = "AQAB" } } },
        });
        using var corrected = await RegisterAsync(token, Metadata());
        Assert.Multiple(async () =>
        {
            foreach (var (name, response) in new[] { ("no redirect URI", noRedirect), ("unknown scope", unknownScope), ("unusable jwks", badKeys) })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), name);
                Assert.That((await OAuthClient.ReadJsonAsync(response)).GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"), name);
            }

            Assert.That(corrected.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the token was not spent by the refusals");
        });
    }

    [Test]
    public async Task A_replacement_keeps_what_the_operator_set_and_the_way_the_client_authenticates()
    {
        var mine = await RegisteredAsync();
        using (var scope = Server.Services.CreateScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var stored = (await sender.Send(new Auth.Application.Clients.GetClient(mine.ClientId))).Value!;
            var hardened = await sender.Send(new Auth.Application.Clients.UpdateClient(new Auth.Application.Clients.ClientDefinition
            {
                ClientId = mine.ClientId,
                DisplayName = stored.DisplayName,
                GrantTypes = stored.GrantTypes,
                Scopes = stored.Scopes,
                RedirectUris = stored.RedirectUris,
                FirstParty = false,
                RequireMfa = true,
                AccessTokenLifetime = 60,
                AllowedCorsOrigins = ["https://registered-spa.example"],
            }));
            Assert.That(hardened.Succeeded, Is.True, hardened.Error?.Description);
        }

        using var replaced = await ManageAsync(HttpMethod.Put, mine, mine.RegistrationToken, Metadata(name: "Still hardened"));
        using var toPublic = await ManageAsync(HttpMethod.Put, mine, mine.RegistrationToken,
            new Dictionary<string, object>(Metadata()) { ["token_endpoint_auth_method"] = "none" });
        using var otherId = await ManageAsync(HttpMethod.Put, mine, mine.RegistrationToken,
            new Dictionary<string, object>(Metadata()) { ["client_id"] = "web-app" });
        using var read = await ManageAsync(HttpMethod.Get, mine, mine.RegistrationToken);
        var body = await OAuthClient.ReadJsonAsync(read);
        using var scope2 = Server.Services.CreateScope();
        var after = (await scope2.ServiceProvider.GetRequiredService<ISender>().Send(new Auth.Application.Clients.GetClient(mine.ClientId))).Value!;
        Assert.Multiple(() =>
        {
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.RequireMfa, Is.True, "an operator's second-factor rule survives the client's replacement");
            Assert.That(after.AccessTokenLifetime, Is.EqualTo(60));
            Assert.That(after.AllowedCorsOrigins, Is.EqualTo(new[] { "https://registered-spa.example" }), "the operator's CORS origins survive it too");
            Assert.That(after.DisplayName, Is.EqualTo("Still hardened"));
            Assert.That(toPublic.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a confidential client does not become public");
            Assert.That(otherId.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "RFC 7592 §2.2: the body's client_id is the client's own");
            Assert.That(body.GetProperty("registration_access_token").GetString(), Is.EqualTo(mine.RegistrationToken), "RFC 7592 §3");
            Assert.That(body.TryGetProperty("client_id_issued_at", out _), Is.False, "no null where a number belongs");
        });
    }

    [Test]
    public async Task Post_logout_redirect_uris_of_a_registered_client_are_followed_only_for_a_request_naming_the_client()
    {
        const string SignedOut = "https://dyn.example/signed-out";
        using var response = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata()) { ["post_logout_redirect_uris"] = new[] { SignedOut } });
        var body = await OAuthClient.ReadJsonAsync(response);
        var clientId = body.GetProperty("client_id").GetString()!;
        using var anonymous = await Server.Client.GetAsync("/oauth/logout?post_logout_redirect_uri=" + Uri.EscapeDataString(SignedOut));
        using var garbageHint = await Server.Client.GetAsync("/oauth/logout?id_token_hint=not-a-token&post_logout_redirect_uri=" + Uri.EscapeDataString(SignedOut));
        using var otherClient = await Server.Client.GetAsync($"/oauth/logout?client_id={TestSeed.WebApp.Id}&post_logout_redirect_uri=" + Uri.EscapeDataString(SignedOut));

        // A stranger that registers an operator's URI as well changes nothing for the operator's client.
        using var squatter = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata()) { ["post_logout_redirect_uris"] = new[] { TestSeed.WebAppSignedOut } });
        using var operators = await Server.Client.GetAsync("/oauth/logout?post_logout_redirect_uri=" + Uri.EscapeDataString(TestSeed.WebAppSignedOut));

        // Named by its client_id (no ID token to prove who asks): the user is asked, then sent to the client's URI.
        using var browser = NewBrowser();
        using var asked = await browser.GetAsync($"/oauth/logout?client_id={clientId}&post_logout_redirect_uri=" + Uri.EscapeDataString(SignedOut));
        var question = await asked.Content.ReadAsStringAsync();
        using var named = await browser.SubmitFormAsync(question, "/oauth/logout", new Dictionary<string, string>(), button: "confirm=yes");

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(body.GetProperty("post_logout_redirect_uris")[0].GetString(), Is.EqualTo(SignedOut));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "no open redirect through a stranger's registration");
            Assert.That(await anonymous.Content.ReadAsStringAsync(), Does.Contain("followed only for a request that names its client"));
            Assert.That(question, Does.Contain("Sign out?"));
            Assert.That(named.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await named.Content.ReadAsStringAsync());
            Assert.That(named.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(SignedOut));
            Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the URI is the registered client's alone");
            Assert.That(garbageHint.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a hint that names no one is no client named");
            Assert.That(squatter.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(operators.StatusCode, Is.EqualTo(HttpStatusCode.OK), await operators.Content.ReadAsStringAsync());
            Assert.That(await operators.Content.ReadAsStringAsync(), Does.Contain("Sign out?"));
        });
    }

    [Test]
    public async Task A_clients_logo_and_links_are_shown_on_the_sign_in_and_consent_pages_which_load_images_from_its_logo_origin_alone()
    {
        const string Logo = "https://cdn.dyn.example/logo.png";
        const string Policy = "https://dyn.example/privacy";
        const string Terms = "https://dyn.example/terms?lang=en";
        const string Home = "https://dyn.example/";
        using var response = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata())
        {
            ["logo_uri"] = Logo, ["policy_uri"] = Policy, ["tos_uri"] = Terms, ["client_uri"] = Home, ["contacts"] = new[] { "ops@dyn.example", "security@dyn.example" },
        });
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        var clientId = body.GetProperty("client_id").GetString()!;
        var authorize = AuthorizeUrl(clientId, Callback, "openid profile", Pkce.Create());
        var user = await CreateUserAsync();

        using var browser = NewBrowser();
        using var challenge = await browser.GetAsync(authorize);
        using var login = await browser.GetAsync(challenge.Headers.Location!.OriginalString);
        var loginHtml = await login.Content.ReadAsStringAsync();
        var consent = await SignInThroughAsync(browser, authorize, user);
        var consentHtml = await consent.Content.ReadAsStringAsync();
        using var operatorsChallenge = await NewBrowser().GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, "openid", Pkce.Create()));
        using var operatorsLogin = await Server.Client.GetAsync(operatorsChallenge.Headers.Location!.OriginalString);

        Assert.Multiple(async () =>
        {
            Assert.That(body.GetProperty("logo_uri").GetString(), Is.EqualTo(Logo));
            Assert.That(body.GetProperty("policy_uri").GetString(), Is.EqualTo(Policy));
            Assert.That(body.GetProperty("tos_uri").GetString(), Is.EqualTo(Terms));
            Assert.That(body.GetProperty("client_uri").GetString(), Is.EqualTo(Home));
            Assert.That(body.GetProperty("contacts").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "ops@dyn.example", "security@dyn.example" }));
            foreach (var (page, html) in new[] { (login, loginHtml), (consent, consentHtml) })
            {
                Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
                Assert.That(html, Does.Contain($"<img class=\"client-logo\" src=\"{Logo}\" alt=\"Dyn App\" />"));
                Assert.That(html, Does.Contain($"href=\"{Policy}\" rel=\"noopener noreferrer\""));
                Assert.That(html, Does.Contain($"href=\"{Home}\" rel=\"noopener noreferrer\" target=\"_blank\">Dyn App&#x27;s website</a>").Or.Contain($"href=\"{Home}\" rel=\"noopener noreferrer\" target=\"_blank\">Dyn App's website</a>"));
                Assert.That(html, Does.Not.Contain("ops@dyn.example"), "contacts are for operators, not the client's users");
                Assert.That(html, Does.Contain("href=\"https://dyn.example/terms?lang=en\"").Or.Contain("href=\"https://dyn.example/terms?lang&#x3D;en\""));
                Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("img-src 'self' data: https://cdn.dyn.example;"));
            }

            Assert.That(consentHtml, Does.Contain("Allow Dyn App?"));
            Assert.That(operatorsLogin.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("img-src 'self' data:;"),
                "a page without a logo loads images from this server alone");
            Assert.That(await operatorsLogin.Content.ReadAsStringAsync(), Does.Not.Contain("client-logo"));
        });
    }

    [Test]
    public async Task A_frontchannel_logout_uri_is_registered_on_the_origin_of_a_redirect_uri_without_iss_and_sid_unless_asked()
    {
        var token = await MintAsync();
        using var plain = await RegisterAsync(token, new Dictionary<string, object>(Metadata()) { ["frontchannel_logout_uri"] = "https://dyn.example/fc" });
        var plainBody = await OAuthClient.ReadJsonAsync(plain);
        using var withSid = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata())
        {
            ["frontchannel_logout_uri"] = "https://dyn.example/fc", ["frontchannel_logout_session_required"] = true,
        });
        var withSidBody = await OAuthClient.ReadJsonAsync(withSid);
        using var elsewhere = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata()) { ["frontchannel_logout_uri"] = "https://other.example/fc" });
        var elsewhereBody = await OAuthClient.ReadJsonAsync(elsewhere);

        Assert.Multiple(() =>
        {
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.Created), plainBody.ToString());
            Assert.That(plainBody.GetProperty("frontchannel_logout_uri").GetString(), Is.EqualTo("https://dyn.example/fc"));
            Assert.That(plainBody.GetProperty("frontchannel_logout_session_required").GetBoolean(), Is.False, "Front-Channel Logout 1.0 §2: false when omitted");
            Assert.That(withSidBody.GetProperty("frontchannel_logout_session_required").GetBoolean(), Is.True, withSidBody.ToString());
            Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), elsewhereBody.ToString());
            Assert.That(elsewhereBody.GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
            Assert.That(elsewhereBody.GetProperty("error_description").GetString(), Does.Contain("frontchannel logout URI must have the scheme, host and port"));
        });
    }

    [TestCase("logo_uri", "javascript:alert(1)")]
    [TestCase("logo_uri", "http://cdn.dyn.example/logo.png")]
    [TestCase("policy_uri", "/privacy")]
    [TestCase("policy_uri", "data:text/html,<script>alert(1)</script>")]
    [TestCase("tos_uri", "https://user:secret@dyn.example/terms")]
    [TestCase("tos_uri", "https://dyn.example/terms of service")]
    [TestCase("client_uri", "javascript:alert(1)")]
    [TestCase("client_uri", "https://[::1]/")]
    [TestCase("logo_uri", "https://127.0.0.1/logo.png")]
    [TestCase("logo_uri", "https://localhost/logo.png")]
    [TestCase("logo_uri", "https://app.localhost/logo.png")]
    [TestCase("logo_uri", "https://10.0.0.7/logo.png")]
    [TestCase("logo_uri", "http://127.0.0.1:8080/logo.png")]
    public async Task A_logo_or_link_that_is_not_an_https_url_or_a_logo_on_the_users_machine_or_network_is_invalid_client_metadata(string member, string value)
    {
        using var response = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata()) { [member] = value });
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
        Assert.That(body.GetProperty("error_description").GetString(), Does.Contain(member));
    }

    [TestCase("ops at dyn.example")]
    [TestCase("ops@dyn example")]
    [TestCase("@dyn.example")]
    [TestCase("ops@")]
    public async Task A_contact_that_is_not_an_e_mail_address_is_invalid_client_metadata(string contact)
    {
        using var response = await RegisterAsync(await MintAsync(), new Dictionary<string, object>(Metadata()) { ["contacts"] = new[] { "ops@dyn.example", contact } });
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client_metadata"));
        Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("contact is an e-mail address"));
    }

    [Test]
    public async Task The_admin_api_mints_initial_access_tokens_and_discovery_names_the_endpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/registration-tokens")
        {
            Content = JsonContent.Create(new { scopes = new[] { "openid" }, expires_in = 120 }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, AdminScopes.ClientsWrite));
        using var minted = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(minted);
        using var registered = await RegisterAsync(body.GetProperty("initial_access_token").GetString(), Metadata(scope: "openid"));
        using var tooLong = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/registration-tokens") { Content = JsonContent.Create(new { expires_in = 1_000_000_000_000_000L }) };
        tooLong.Headers.Authorization = request.Headers.Authorization;
        using var refusedLifetime = await Server.Client.SendAsync(tooLong);
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));
        Assert.Multiple(() =>
        {
            Assert.That(minted.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            Assert.That(body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "openid" }));
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(discovery.RootElement.GetProperty("registration_endpoint").GetString(), Is.EqualTo(Server.BaseAddress + "oauth/register"));
            Assert.That(refusedLifetime.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    private async Task<(string ClientId, string Secret, string RegistrationToken)> RegisteredAsync()
    {
        using var response = await RegisterAsync(await MintAsync(), Metadata());
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return (body.GetProperty("client_id").GetString()!, body.GetProperty("client_secret").GetString()!, body.GetProperty("registration_access_token").GetString()!);
    }

    private async Task<HttpResponseMessage> ManageAsync(HttpMethod method, (string ClientId, string Secret, string RegistrationToken) client, string token, object? metadata = null)
    {
        using var request = new HttpRequestMessage(method, "/oauth/register/" + client.ClientId);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (metadata is not null)
        {
            request.Content = JsonContent.Create(metadata);
        }

        return await Server.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> RegisterAsync(string? token, object metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/register") { Content = JsonContent.Create(metadata) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Server.Client.SendAsync(request);
    }

    private static Dictionary<string, object> Metadata(string redirectUri = Callback, string scope = "openid profile", string[]? grants = null, string name = "Dyn App") => new()
    {
        ["client_name"] = name,
        ["redirect_uris"] = new[] { redirectUri },
        ["grant_types"] = grants ?? ["authorization_code", "refresh_token"],
        ["scope"] = scope,
    };

    private async Task<string> MintAsync(TimeSpan? lifetime = null, RegistrationAllowance? allowance = null)
    {
        using var scope = Server.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateInitialAccessToken(
            allowance ?? new RegistrationAllowance(["openid", "profile", "email", "offline_access"], ["authorization_code", "refresh_token"]),
            lifetime ?? TimeSpan.FromMinutes(10)));
        Assert.That(created.Succeeded, Is.True, created.Error?.Description);
        return created.Value!.Token;
    }
}
