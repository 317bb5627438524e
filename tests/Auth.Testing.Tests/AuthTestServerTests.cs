using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.Testing.Tests;

/// <summary>The fixture against one in-process server, shared by the tests and reset before each.</summary>
public sealed class AuthTestServerTests
{
    private AuthTestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await AuthTestServer.StartAsync(FixtureWorld.Options());

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [SetUp]
    public async Task ResetAsync()
    {
        await _server.ResetAsync();
        await _server.SetClockOffsetAsync(TimeSpan.Zero);
    }

    [Test]
    public async Task Discovery_names_the_issuer_and_the_seeded_clients_are_listed()
    {
        var discovery = await _server.HttpClient.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");

        Assert.Multiple(() =>
        {
            Assert.That(discovery.GetProperty("issuer").GetString(), Is.EqualTo(_server.Issuer.AbsoluteUri));
            Assert.That(discovery.GetProperty("token_endpoint").GetString(), Is.EqualTo(new Uri(_server.Issuer, "oauth/token").AbsoluteUri));
            Assert.That(_server.Issuer.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(_server.Issuer.Port, Is.EqualTo(_server.Port).And.Not.Zero);
            Assert.That(_server.BaseAddress, Is.EqualTo(_server.Issuer));
            Assert.That(_server.ProcessId, Is.EqualTo(Environment.ProcessId));
            Assert.That(_server.ClientIds, Is.EqualTo(new[] { FixtureWorld.WebApp, FixtureWorld.Service, FixtureWorld.Api }.Order(StringComparer.Ordinal)));
        });
    }

    [Test]
    public async Task A_client_token_is_active_at_introspection_for_its_audience()
    {
        var tokens = await _server.GetClientTokenAsync(FixtureWorld.Service, scope: "orders.read");

        var introspection = await _server.IntrospectAsync(tokens.AccessToken, FixtureWorld.Api);

        Assert.Multiple(() =>
        {
            Assert.That(tokens.Scope, Is.EqualTo("orders.read"));
            Assert.That(introspection.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(introspection.GetProperty("client_id").GetString(), Is.EqualTo(FixtureWorld.Service));
        });
    }

    [Test]
    public async Task A_refused_token_request_surfaces_its_status_and_body()
    {
        var refused = Assert.ThrowsAsync<AuthTestServerException>(() => _server.GetClientTokenAsync(FixtureWorld.Service, "a-wrong-secret-0123", "orders.read"));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refused.Body, Does.Contain("invalid_client"));
        });
    }

    [Test]
    public async Task User_tokens_carry_the_extra_claims_and_the_users_sub()
    {
        var bob = await _server.CreateUserAsync("bob", "bob-password-0123", "bob@example.com", "Bob Example");

        var tokens = await _server.GetUserTokensAsync(bob.UserName, FixtureWorld.WebApp, "openid profile offline_access orders.read", new { tenant = "contoso", roles = new[] { "buyer" } });

        var access = JwtPayload.Read(tokens.AccessToken);
        var id = JwtPayload.Read(tokens.IdToken!);
        Assert.Multiple(() =>
        {
            Assert.That(access.GetProperty("tenant").GetString(), Is.EqualTo("contoso"));
            Assert.That(access.GetProperty("roles")[0].GetString(), Is.EqualTo("buyer"));
            Assert.That(access.GetProperty("sub").GetString(), Is.EqualTo(bob.Id));
            Assert.That(id.GetProperty("sub").GetString(), Is.EqualTo(bob.Id));
            Assert.That(id.GetProperty("iss").GetString(), Is.EqualTo(_server.Issuer.AbsoluteUri));
            Assert.That(tokens.RefreshToken, Is.Not.Null);
            Assert.That(tokens.ExpiresIn, Is.EqualTo(300));
        });
    }

    [Test]
    public async Task A_signed_in_client_opens_the_account_page_and_gets_a_code_without_the_login_page()
    {
        using var browser = await _server.SignInAsync(FixtureWorld.Alice, FixtureWorld.AlicePassword);

        using var account = await browser.GetAsync("account");
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = FixtureWorld.WebApp,
            ["response_type"] = "code",
            ["redirect_uri"] = FixtureWorld.RedirectUri,
            ["scope"] = "openid",
            ["state"] = "state-1",
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        using var authorize = await browser.GetAsync(QueryHelpers.AddQueryString("oauth/authorize", query));

        Assert.Multiple(async () =>
        {
            Assert.That(account.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await account.Content.ReadAsStringAsync(), Does.Contain(FixtureWorld.Alice));
            Assert.That(authorize.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(authorize.Headers.Location?.OriginalString, Does.StartWith(FixtureWorld.RedirectUri + "?code="));
        });
    }

    [Test]
    public void A_wrong_password_is_refused_at_the_login_form()
    {
        var refused = Assert.ThrowsAsync<AuthTestServerException>(() => _server.SignInAsync(FixtureWorld.Alice, "not-alices-password"));

        Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the login page again, with its message");
    }

    [Test]
    public async Task Reset_removes_a_created_user_and_keeps_the_seeded_clients_and_users()
    {
        await _server.CreateUserAsync("carol", "carol-password-0123");
        await _server.GetUserTokensAsync("carol", FixtureWorld.WebApp, "openid");

        await _server.ResetAsync();

        var refused = Assert.ThrowsAsync<AuthTestServerException>(() => _server.GetUserTokensAsync("carol", FixtureWorld.WebApp, "openid"));
        Assert.Multiple(async () =>
        {
            Assert.That(refused!.Body, Does.Contain("invalid_grant"));
            Assert.That((await _server.GetClientTokenAsync(FixtureWorld.Service, scope: "orders.read")).AccessToken, Is.Not.Empty);
            Assert.That((await _server.GetUserTokensAsync(FixtureWorld.Alice, FixtureWorld.WebApp, "openid")).IdToken, Is.Not.Null);
        });
    }

    [Test]
    public async Task Advancing_the_clock_past_the_lifetime_makes_the_access_token_inactive()
    {
        var tokens = await _server.GetUserTokensAsync(FixtureWorld.Alice, FixtureWorld.WebApp, "openid orders.read");
        var before = await _server.IntrospectAsync(tokens.AccessToken, FixtureWorld.Api);

        var clock = await _server.AdvanceClockAsync(TimeSpan.FromSeconds(301));

        var after = await _server.IntrospectAsync(tokens.AccessToken, FixtureWorld.Api);
        Assert.Multiple(async () =>
        {
            Assert.That(before.GetProperty("active").GetBoolean(), Is.True);
            Assert.That(clock.Offset, Is.EqualTo(TimeSpan.FromSeconds(301)));
            Assert.That(clock.Now, Is.GreaterThan(DateTimeOffset.UtcNow.AddSeconds(290)));
            Assert.That(after.GetProperty("active").GetBoolean(), Is.False);
            Assert.That((await _server.GetClockAsync()).Offset, Is.EqualTo(TimeSpan.FromSeconds(301)));
        });
    }

    [Test]
    public async Task Setting_the_clock_offset_back_to_zero_is_the_real_time_again()
    {
        await _server.SetClockOffsetAsync(TimeSpan.FromHours(2));

        var clock = await _server.SetClockOffsetAsync(TimeSpan.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(clock.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(clock.Now, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
