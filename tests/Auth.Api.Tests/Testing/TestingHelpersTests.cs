using System.Net;
using System.Text.Json;
using Auth.Api.Tests.Hosting;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Testing;

/// <summary>
/// Ephemeral mode's reset and clock, its defaults (no rate limit, loopback callers only), and instances that share
/// nothing. Each test starts its own in-process server: these change state the others would see.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class TestingHelpersTests
{
    static TestingHelpersTests() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    [Test]
    public async Task Reset_removes_users_tokens_runtime_clients_and_audit_and_brings_back_the_seed_with_the_same_keys()
    {
        await using var server = await EphemeralInstance.StartAsync();
        var admin = await server.ClientTokenAsync(EphemeralSeed.Admin, EphemeralSeed.AdminSecret, "admin.users.write admin.clients.write");
        using var created = await server.SendJsonAsync(HttpMethod.Post, "/admin/v1/users", """{"user_name":"carol","password":"carol-password-0123"}""", admin);
        using var client = await server.SendJsonAsync(HttpMethod.Post, "/admin/v1/clients",
            """{"client_id":"runtime-client","client_secret":"runtime-client-secret-0123","confidential":true,"grant_types":["client_credentials"]}""", admin);
        var carolToken = (await server.MintOkAsync("carol", "openid")).GetProperty("access_token").GetString()!;
        var aliceToken = (await server.MintOkAsync(EphemeralSeed.Alice, "openid")).GetProperty("access_token").GetString()!;
        var kidsBefore = await Jwt.PublishedKidsAsync(server.Client);
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(client.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        });

        using var reset = await server.SendJsonAsync(HttpMethod.Post, "/testing/reset", null);
        int auditRows;
        using (var scope = server.Services.CreateScope())
        {
            auditRows = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEntries.CountAsync();
        }

        using var carolAfter = await server.MintAsync("carol", "openid");
        var aliceAfter = await server.MintOkAsync(EphemeralSeed.Alice, "openid");
        using var runtimeClientAfter = await server.PostFormAsync("/oauth/token", new() { ["grant_type"] = "client_credentials" }, "runtime-client", "runtime-client-secret-0123");
        Assert.Multiple(async () =>
        {
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(carolAfter.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a user created at run time is gone");
            Assert.That(aliceAfter.GetProperty("access_token").GetString(), Is.Not.Empty, "the seeded user is back");
            Assert.That(runtimeClientAfter.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a client created at run time is gone");
            Assert.That(await server.IsActiveAsync(carolToken), Is.False);
            Assert.That(await server.IsActiveAsync(aliceToken), Is.False, "tokens from before the reset are gone with their rows");
            Assert.That(auditRows, Is.Zero);
            Assert.That(await Jwt.PublishedKidsAsync(server.Client), Is.EqualTo(kidsBefore), "signing keys stay");
        });
    }

    [Test]
    public async Task The_clock_expires_a_token_without_waiting_and_is_refused_out_of_range()
    {
        await using var server = await EphemeralInstance.StartAsync();
        var token = (await server.MintOkAsync(EphemeralSeed.Alice, "openid orders.read")).GetProperty("access_token").GetString()!;
        var activeBefore = await server.IsActiveAsync(token);

        using var advanced = await server.SendJsonAsync(HttpMethod.Post, "/testing/clock", """{"advance_seconds": 600}""");
        var report = JsonDocument.Parse(await advanced.Content.ReadAsStringAsync()).RootElement;
        var activeAfter = await server.IsActiveAsync(token);
        using var userInfo = await server.SendJsonAsync(HttpMethod.Get, "/oauth/userinfo", null, token);
        using var read = await server.SendJsonAsync(HttpMethod.Get, "/testing/clock", null);
        using var both = await server.SendJsonAsync(HttpMethod.Post, "/testing/clock", """{"advance_seconds": 1, "offset_seconds": 1}""");
        using var neither = await server.SendJsonAsync(HttpMethod.Post, "/testing/clock", "{}");
        using var tooFar = await server.SendJsonAsync(HttpMethod.Post, "/testing/clock", """{"offset_seconds": 1e12}""");
        using var back = await server.SendJsonAsync(HttpMethod.Post, "/testing/clock", """{"offset_seconds": 0}""");
        var fresh = (await server.MintOkAsync(EphemeralSeed.Alice, "openid orders.read")).GetProperty("access_token").GetString()!;

        Assert.Multiple(async () =>
        {
            Assert.That(activeBefore, Is.True);
            Assert.That(advanced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(report.GetProperty("offset_seconds").GetDouble(), Is.EqualTo(600));
            Assert.That(DateTimeOffset.Parse(report.GetProperty("now").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(DateTimeOffset.UtcNow.AddSeconds(600)).Within(TimeSpan.FromSeconds(30)));
            Assert.That(activeAfter, Is.False, "the 300-second token has expired on the moved clock");
            Assert.That(userInfo.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("offset_seconds").GetDouble(), Is.EqualTo(600));
            Assert.That(both.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(neither.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tooFar.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await server.IsActiveAsync(fresh), Is.True);
        });
    }

    [Test]
    public async Task Rate_limiting_is_off_unless_configured()
    {
        await using var server = await EphemeralInstance.StartAsync();
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            using var response = await server.Client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
            refused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        await using var limited = await EphemeralInstance.StartAsync("--RateLimiting:Enabled=true", "--RateLimiting:BurstLimit=5", "--RateLimiting:TokensPerSecond=1");
        var refusedWhenConfigured = 0;
        for (var i = 0; i < 20; i++)
        {
            using var response = await limited.PostFormAsync("/oauth/token", new() { ["grant_type"] = "client_credentials" }, EphemeralSeed.Service, EphemeralSeed.ServiceSecret);
            refusedWhenConfigured += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.Zero);
            Assert.That(refusedWhenConfigured, Is.GreaterThan(0), "configured, the limit applies as anywhere");
        });
    }

    [Test]
    public async Task The_helpers_answer_loopback_callers_only()
    {
        // Behind a trusted proxy the caller is the address it forwards: a remote one is refused, whatever the route.
        await using var server = await EphemeralInstance.StartAsync("--ForwardedHeaders:TrustedProxies:0=127.0.0.1");
        async Task<(HttpStatusCode Status, string Body)> FromAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var response = await server.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var reset = await FromAsync(HttpMethod.Post, "/testing/reset");
        var clock = await FromAsync(HttpMethod.Post, "/testing/clock", new StringContent("""{"offset_seconds": 60}""", System.Text.Encoding.UTF8, "application/json"));
        // The token endpoint's own way: 400 with error access_denied (RFC 6749 §5.2 has no 403).
        var tokens = await FromAsync(HttpMethod.Post, "/testing/tokens", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:auth:grant-type:testing",
            ["client_id"] = EphemeralSeed.WebApp,
            ["client_secret"] = EphemeralSeed.WebAppSecret,
            ["username"] = EphemeralSeed.Alice,
            ["scope"] = "openid",
        }));
        using var clockAfter = await server.SendJsonAsync(HttpMethod.Get, "/testing/clock", null);

        Assert.Multiple(async () =>
        {
            Assert.That(reset.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(clock.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(clock.Body, Does.Contain("access_denied"));
            Assert.That(tokens.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(tokens.Body, Does.Contain("access_denied").And.Contain("loopback"));
            Assert.That(JsonDocument.Parse(await clockAfter.Content.ReadAsStringAsync()).RootElement.GetProperty("offset_seconds").GetDouble(), Is.Zero);
        });
    }

    [Test]
    public async Task Two_instances_in_one_process_share_nothing()
    {
        await using var first = await EphemeralInstance.StartAsync();
        await using var second = await EphemeralInstance.StartAsync();
        var admin = await first.ClientTokenAsync(EphemeralSeed.Admin, EphemeralSeed.AdminSecret, "admin.users.write");
        using var created = await first.SendJsonAsync(HttpMethod.Post, "/admin/v1/users", """{"user_name":"dave","password":"dave-password-0123"}""", admin);
        using var inFirst = await first.MintAsync("dave", "openid");
        using var inSecond = await second.MintAsync("dave", "openid");
        using var moved = await first.SendJsonAsync(HttpMethod.Post, "/testing/clock", """{"offset_seconds": 120}""");
        using var secondClock = await second.SendJsonAsync(HttpMethod.Get, "/testing/clock", null);

        Assert.Multiple(async () =>
        {
            Assert.That(first.Issuer, Is.Not.EqualTo(second.Issuer));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(inFirst.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(inSecond.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await Jwt.PublishedKidsAsync(first.Client), Is.Not.EqualTo(await Jwt.PublishedKidsAsync(second.Client)), "keys of their own");
            Assert.That(JsonDocument.Parse(await secondClock.Content.ReadAsStringAsync()).RootElement.GetProperty("offset_seconds").GetDouble(), Is.Zero);
        });
    }
}
