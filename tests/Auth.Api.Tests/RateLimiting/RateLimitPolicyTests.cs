using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.RateLimiting;

/// <summary>
/// An endpoint override and the per-client bucket on the token endpoint each limit what they name and nothing else;
/// the per-IP limit is set high so it never interferes. Run with the buckets in process and in Redis.
/// </summary>
public abstract class RateLimitPolicyTests(StoreKind store) : ServerTest(store)
{
    protected static Dictionary<string, string?> PolicySettings => new()
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:BurstLimit"] = "1000",
        ["RateLimiting:Endpoints:0:Name"] = "jwks",
        ["RateLimiting:Endpoints:0:PathPrefix"] = "/jwks.json",
        ["RateLimiting:Endpoints:0:BurstLimit"] = "5",
        ["RateLimiting:Endpoints:0:TokensPerSecond"] = "0.01",
        ["RateLimiting:TokenEndpointPerClient:BurstLimit"] = "3",
        ["RateLimiting:TokenEndpointPerClient:TokensPerSecond"] = "0.01",
    };

    [SetUp]
    public Task WaitForTheBucketStore() => TestRedis.WaitUntilConnectedAsync(Server.Client);

    [Test]
    public async Task An_endpoint_override_limits_its_path_and_nothing_else()
    {
        using var jwks = new Burst();
        for (var i = 0; i < 8; i++)
        {
            await jwks.SendAsync(Server.Client, "/jwks.json");
        }

        using var discovery = new Burst();
        for (var i = 0; i < 20; i++)
        {
            await discovery.SendAsync(Server.Client, "/.well-known/openid-configuration");
        }

        Assert.Multiple(() =>
        {
            Assert.That(jwks.Statuses.Take(5), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(jwks.Statuses.Skip(5), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(jwks.FirstRefusal!.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThan(60), "the override's own refill rate");
            Assert.That(discovery.Statuses, Is.All.EqualTo(HttpStatusCode.OK), "other paths draw from the per-IP bucket");
        });
    }

    [Test]
    public async Task The_token_endpoint_limits_each_client_on_its_own()
    {
        var serviceA = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await OAuth.RequestTokenAsync(TestSeed.ServiceA);
            serviceA.Add(response.StatusCode);
        }

        // The same client naming itself in the form rather than the Authorization header.
        using var inForm = await TokenInFormAsync(TestSeed.ServiceA);

        // Another client from the same address, in the form: OpenIddict still reads the form the limiter read.
        var serviceB = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await TokenInFormAsync(TestSeed.ServiceB);
            serviceB.Add(response.StatusCode);
        }

        using var discovery = await Server.Client.GetAsync("/.well-known/openid-configuration");
        Assert.Multiple(() =>
        {
            Assert.That(serviceA, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(inForm.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(serviceB, Is.All.EqualTo(HttpStatusCode.OK), "client B is not limited by client A's bucket");
            Assert.That(discovery.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    private Task<HttpResponseMessage> TokenInFormAsync(TestClient client) =>
        OAuth.PostFormAsync("/oauth/token", OAuthClient.Form(
            ("grant_type", "client_credentials"), ("client_id", client.Id), ("client_secret", client.Secret)));
}

public sealed class InProcessRateLimitPolicyTests(StoreKind store) : RateLimitPolicyTests(store)
{
    protected override IDictionary<string, string?> Settings => PolicySettings;
}

public sealed class RedisRateLimitPolicyTests(StoreKind store) : RateLimitPolicyTests(store)
{
    private readonly string _keyPrefix = TestRedis.NewKeyPrefix();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = PolicySettings;
            foreach (var (key, value) in TestRedis.Settings(_keyPrefix))
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}
