using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Auth.Application.Clients;
using Auth.Application.Users;
using Auth.Domain.Sessions;
using Auth.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// OpenID Connect Back-Channel Logout 1.0 (issue #19 feature 5): when a session ends — the user signs out, an operator
/// ends it, the user is deactivated or gets a new password — each client of the session with a backchannel_logout_uri
/// gets a logout token, checked here as a relying party checks it. Delivered from the outbox: a client that is down
/// gets it when it is back, also after the server restarts, and two nodes send each token once.
/// </summary>
public sealed class BackChannelLogoutTests(StoreKind store) : UserFlowTest(store)
{
    private const string Callback = "https://rp.example/callback";

    /// <summary>Retries only when a test moves the clock past the first back-off; due notices are looked for every 200 ms.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OAuth:BackChannelLogoutPollInterval"] = "00:00:00.200",
        ["OAuth:BackChannelLogoutRetryDelay"] = RetryDelay.ToString("c"),
        ["OAuth:BackChannelLogoutTimeout"] = "00:00:02",
    };

    [Test]
    public async Task Signing_out_sends_each_client_of_the_session_a_logout_token_and_no_client_of_another_session()
    {
        await using var receiver = new LogoutReceiver().Start();
        var first = await RegisterRelyingPartyAsync(receiver);
        var second = await RegisterRelyingPartyAsync(receiver);
        var silent = await RegisterRelyingPartyAsync(receiver: null);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        using var otherBrowser = NewBrowser();
        var firstTokens = await SignInAsync(browser, first, user);
        await SignInAsync(browser, second, user);
        await SignInAsync(browser, silent, user);
        var otherSession = await SignInAsync(otherBrowser, first, user);

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + firstTokens.IdToken);
        var pendingForSilent = await NoticesAsync(silent.Id);
        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.Received), r => r.Count >= 2, Within);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await logout.Content.ReadAsStringAsync());
        Assert.That(received.Select(r => r.ClientId), Is.EquivalentTo(new[] { first.Id, second.Id }));
        Assert.That(receiver.Received, Has.Count.EqualTo(2), "one token per client of the session, none for the other session");
        foreach (var logoutToken in received)
        {
            Assert.That(logoutToken.Method, Is.EqualTo("POST"));
            Assert.That(logoutToken.ContentType, Does.StartWith("application/x-www-form-urlencoded"));
            await AssertValidLogoutTokenAsync(logoutToken.LogoutToken, logoutToken.ClientId, firstTokens.Subject, firstTokens.SessionId);
        }

        Assert.That(firstTokens.SessionId, Is.Not.EqualTo(otherSession.SessionId));
        Assert.That(pendingForSilent, Is.Empty, "a client without a backchannel_logout_uri gets no notice");
        Assert.That(await NoticesAsync(first.Id), Is.Empty, "a delivered notice leaves the outbox");
    }

    [Test]
    public async Task The_sid_claim_is_in_every_ID_token_of_a_session()
    {
        var client = await RegisterRelyingPartyAsync(receiver: null);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();

        var signedIn = await SignInAsync(browser, client, user);
        var again = await SignInAsync(browser, client, user);

        Assert.That(signedIn.SessionId, Is.Not.Empty);
        Assert.That(again.SessionId, Is.EqualTo(signedIn.SessionId), "the same session, the same sid");
    }

    [Test]
    public async Task Signing_in_again_in_the_same_browser_tells_the_clients_of_the_replaced_session()
    {
        await using var receiver = new LogoutReceiver().Start();
        var client = await RegisterRelyingPartyAsync(receiver);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var first = await SignInAsync(browser, client, user);

        // prompt=login: the sign-in page again, and the new sign-in starts a new session in place of the first.
        var pkce = Pkce.Create();
        var start = await browser.GetAsync(AuthorizeUrl(client.Id, Callback, "openid profile", pkce, extra: [("prompt", "login")]));
        var atClient = await browser.FollowLocalRedirectsAsync(await browser.SignInAsync(start, user, Password));
        var tokens = await RedeemForTokensAsync(client, CallbackParameters(atClient, Callback)["code"], Callback, pkce.Verifier);
        var secondSessionId = Jwt.Payload(tokens.GetProperty("id_token").GetString()!)["sid"]!.GetValue<string>();
        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.For(client.Id)), r => r.Count >= 1, Within);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.That(secondSessionId, Is.Not.EqualTo(first.SessionId));
        Assert.That(receiver.For(client.Id), Has.Count.EqualTo(1), "one token, for the replaced session only");
        await AssertValidLogoutTokenAsync(received[0].LogoutToken, client.Id, first.Subject, first.SessionId);
    }

    [Test]
    public async Task An_administrator_ending_a_session_tells_its_clients()
    {
        await using var receiver = new LogoutReceiver().Start();
        var client = await RegisterRelyingPartyAsync(receiver);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var tokens = await SignInAsync(browser, client, user);
        var admin = await OAuth.GetAccessTokenAsync(TestSeed.AdminUsersWriter, AdminScopes.UsersWrite);

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/admin/v1/users/{tokens.Subject}/sessions/{tokens.SessionId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var ended = await Server.Client.SendAsync(request);
        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.For(client.Id)), r => r.Count >= 1, Within);

        Assert.That(ended.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await ended.Content.ReadAsStringAsync());
        Assert.That(received, Has.Count.EqualTo(1));
        await AssertValidLogoutTokenAsync(received[0].LogoutToken, client.Id, tokens.Subject, tokens.SessionId);
    }

    [Test]
    public async Task A_new_password_and_a_deactivation_end_every_session_and_tell_their_clients()
    {
        await using var receiver = new LogoutReceiver().Start();
        var client = await RegisterRelyingPartyAsync(receiver);
        var newPassword = await CreateUserAsync();
        var deactivated = await CreateUserAsync();
        using var browser = NewBrowser();
        using var otherBrowser = NewBrowser();
        using var thirdBrowser = NewBrowser();
        var passwordSessions = new[] { await SignInAsync(browser, client, newPassword), await SignInAsync(otherBrowser, client, newPassword) };
        var deactivatedSession = await SignInAsync(thirdBrowser, client, deactivated);

        using (var scope = Server.Services.CreateScope())
        {
            var set = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SetUserPassword(newPassword, "another-horse-battery-2"));
            Assert.That(set.Succeeded, Is.True, set.Error?.Description);
        }

        await DeactivateAsync(deactivated);
        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.For(client.Id)), r => r.Count >= 3, Within);

        Assert.That(received.Select(r => Jwt.Payload(r.LogoutToken)["sid"]!.GetValue<string>()),
            Is.EquivalentTo(passwordSessions.Append(deactivatedSession).Select(s => s.SessionId)));
        foreach (var logoutToken in received)
        {
            var sid = Jwt.Payload(logoutToken.LogoutToken)["sid"]!.GetValue<string>();
            var session = passwordSessions.Append(deactivatedSession).Single(s => s.SessionId == sid);
            await AssertValidLogoutTokenAsync(logoutToken.LogoutToken, client.Id, session.Subject, session.SessionId);
        }
    }

    [Test]
    public async Task Deleting_a_user_tells_the_clients_of_their_sessions()
    {
        await using var receiver = new LogoutReceiver().Start();
        var client = await RegisterRelyingPartyAsync(receiver);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var tokens = await SignInAsync(browser, client, user);

        using (var scope = Server.Services.CreateScope())
        {
            var deleted = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeleteUser(user));
            Assert.That(deleted.Succeeded, Is.True, deleted.Error?.Description);
        }

        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.For(client.Id)), r => r.Count >= 1, Within);

        Assert.That(received, Has.Count.EqualTo(1), "the notice is read before the user's rows (and sessions) go");
        await AssertValidLogoutTokenAsync(received[0].LogoutToken, client.Id, tokens.Subject, tokens.SessionId);
    }

    [Test]
    public async Task A_client_that_answers_an_error_gets_the_token_after_the_back_off_once_it_is_back()
    {
        await using var receiver = new LogoutReceiver { Answer = HttpStatusCode.ServiceUnavailable }.Start();
        var client = await RegisterRelyingPartyAsync(receiver);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var tokens = await SignInAsync(browser, client, user);

        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + tokens.IdToken);
        Assert.That(await Eventually.HoldsAsync(() => receiver.Refused >= 1, Within), Is.True, "the first attempt is made at once");
        receiver.Answer = HttpStatusCode.OK;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var beforeTheBackOff = receiver.Received.Count;
        var notice = (await NoticesAsync(client.Id)).Single();
        Server.Clock.Advance(RetryDelay + TimeSpan.FromSeconds(1));
        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.For(client.Id)), r => r.Count >= 1, Within);

        Assert.Multiple(() =>
        {
            Assert.That(beforeTheBackOff, Is.Zero, "no retry before the back-off");
            Assert.That(notice.Attempts, Is.EqualTo(1));
            Assert.That(notice.LastError, Is.EqualTo("HTTP 503"));
            Assert.That(received, Has.Count.EqualTo(1));
        });
        await AssertValidLogoutTokenAsync(received[0].LogoutToken, client.Id, tokens.Subject, tokens.SessionId);
    }

    [Test]
    public async Task A_notice_left_pending_is_delivered_by_the_server_after_a_restart()
    {
        var receiver = new LogoutReceiver();
        await using var _ = receiver;
        var client = await RegisterRelyingPartyAsync(receiver);
        var user = await CreateUserAsync();
        using var browser = NewBrowser();
        var tokens = await SignInAsync(browser, client, user);

        // The client is down (nothing listens on its port): the first attempt fails, the notice waits in the database.
        using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + tokens.IdToken);
        var waiting = await Eventually.ReadAsync(() => NoticesAsync(client.Id), n => n.Count == 1 && n[0].Attempts >= 1, Within);
        Assert.That(waiting.Single().LastError, Does.StartWith("unreachable"));

        await RestartServerAsync();
        receiver.Start();
        Server.Clock.Advance(RetryDelay + TimeSpan.FromSeconds(1));
        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.For(client.Id)), r => r.Count >= 1, Within);

        Assert.That(received, Has.Count.EqualTo(1));
        await AssertValidLogoutTokenAsync(received[0].LogoutToken, client.Id, tokens.Subject, tokens.SessionId);
        Assert.That(await NoticesAsync(client.Id), Is.Empty);
    }

    [Test]
    public async Task Two_nodes_send_each_logout_token_once()
    {
        await using var receiver = new LogoutReceiver().Start();
        await StartNodeBesideAsync(Settings);
        var client = await RegisterRelyingPartyAsync(receiver);
        var sessions = new List<SessionSignIn>();
        for (var i = 0; i < 6; i++)
        {
            using var browser = NewBrowser();
            var user = await CreateUserAsync();
            var tokens = await SignInAsync(browser, client, user);
            sessions.Add(tokens);
            using var logout = await browser.GetAsync("/oauth/logout?id_token_hint=" + tokens.IdToken);
        }

        var received = await Eventually.ReadAsync(() => Task.FromResult(receiver.For(client.Id)), r => r.Count >= sessions.Count, Within);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.That(receiver.For(client.Id).Select(r => Jwt.Payload(r.LogoutToken)["sid"]!.GetValue<string>()),
            Is.EquivalentTo(sessions.Select(s => s.SessionId)), "each session's token once, whichever node sent it");
    }

    [TestCase("http://rp.example/logout", TestName = "A backchannel_logout_uri over plain http to another host is refused")]
    [TestCase("https://rp.example/logout#frag", TestName = "A backchannel_logout_uri with a fragment is refused")]
    [TestCase("/logout", TestName = "A relative backchannel_logout_uri is refused")]
    [TestCase("https://user:pw@rp.example/logout", TestName = "A backchannel_logout_uri with user info is refused")]
    public async Task Bad_backchannel_logout_uris_are_refused_with_the_field_named(string uri)
    {
        var admin = await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/clients")
        {
            Content = JsonContent(new
            {
                client_id = "bad-bcl-" + Guid.NewGuid().ToString("N")[..8],
                grant_types = new[] { "authorization_code" },
                redirect_uris = new[] { Callback },
                scopes = new[] { "openid" },
                backchannel_logout_uri = uri,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);

        using var refused = await Server.Client.SendAsync(request);
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()), Does.Contain("backchannel_logout_uri"));
    }

    [Test]
    public async Task The_admin_API_stores_and_shows_the_logout_settings_and_loopback_http_is_allowed()
    {
        var admin = await OAuth.GetAccessTokenAsync(TestSeed.AdminClientsKeeper, $"{AdminScopes.ClientsRead} {AdminScopes.ClientsWrite}");
        var id = "bcl-admin-" + Guid.NewGuid().ToString("N")[..8];
        using var create = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/clients")
        {
            Content = JsonContent(new
            {
                client_id = id,
                grant_types = new[] { "authorization_code" },
                redirect_uris = new[] { Callback },
                scopes = new[] { "openid" },
                backchannel_logout_uri = "http://127.0.0.1:8123/logout",
                backchannel_logout_session_required = false,
            }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);

        using var created = await Server.Client.SendAsync(create);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        Assert.That(body.GetProperty("backchannel_logout_uri").GetString(), Is.EqualTo("http://127.0.0.1:8123/logout"));
        Assert.That(body.GetProperty("backchannel_logout_session_required").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Discovery_advertises_back_channel_logout_with_sid()
    {
        using var discovery = JsonDocument.Parse(await Server.Client.GetStringAsync("/.well-known/openid-configuration"));

        Assert.That(discovery.RootElement.GetProperty("backchannel_logout_supported").GetBoolean(), Is.True);
        Assert.That(discovery.RootElement.GetProperty("backchannel_logout_session_supported").GetBoolean(), Is.True);
    }

    /// <summary>What a relying party checks (§2.6): the signature by the server's JWKS, typ, iss, aud, iat, exp, jti, events, sub, sid, no nonce.</summary>
    private async Task AssertValidLogoutTokenAsync(string token, string clientId, string subject, string sessionId)
    {
        var jwks = new JsonWebKeySet((await Jwt.GetJwksAsync(Server.Client)).GetRawText());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Server.BaseAddress.AbsoluteUri,
            ValidAudience = clientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["logout+jwt"],
            ValidateLifetime = true,
        });
        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        var payload = Jwt.Payload(token);
        Assert.Multiple(() =>
        {
            Assert.That(Jwt.Header(token)["typ"]!.GetValue<string>(), Is.EqualTo("logout+jwt"));
            Assert.That(payload["sub"]!.GetValue<string>(), Is.EqualTo(subject));
            Assert.That(payload["sid"]!.GetValue<string>(), Is.EqualTo(sessionId));
            Assert.That(payload["jti"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(payload["exp"]!.GetValue<long>() - payload["iat"]!.GetValue<long>(), Is.InRange(1, 120));
            Assert.That(payload["events"]!.AsObject().ContainsKey("http://schemas.openid.net/event/backchannel-logout"), Is.True);
            Assert.That(payload["events"]!["http://schemas.openid.net/event/backchannel-logout"]!.AsObject(), Is.Empty);
            Assert.That(payload.ContainsKey("nonce"), Is.False, "§2.4: a logout token never carries a nonce");
        });
    }

    private Task<TestClient> RegisterRelyingPartyAsync(LogoutReceiver? receiver) =>
        RegisterCodeClientAsync("bcl-", Callback, d => d with { BackchannelLogoutUri = receiver?.UriFor(d.ClientId) });

    private Task<SessionSignIn> SignInAsync(UserAgent browser, TestClient client, string userName) =>
        SignInToClientAsync(browser, client, Callback, userName);

    private async Task<List<BackChannelLogoutNotice>> NoticesAsync(string clientId)
    {
        using var scope = Server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().BackChannelLogoutNotices.AsNoTracking()
            .Where(n => n.ClientId == clientId).ToListAsync();
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
