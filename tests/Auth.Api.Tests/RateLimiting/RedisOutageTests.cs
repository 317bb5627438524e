using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.RateLimiting;

/// <summary>Redis unreachable, fail-open (the default): the service serves without limits and says Redis is down.</summary>
public sealed class RedisFailOpenTests(StoreKind store) : ServerTest(store)
{
    private readonly string _redis = TestRedis.Unreachable();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:Redis"] = _redis,
    };

    [Test]
    public async Task Requests_are_served_without_limits_and_health_reports_redis_down()
    {
        using var burst = new Burst();
        for (var i = 0; i < 150; i++)
        {
            await burst.SendAsync(Server.Client, "/jwks.json");
        }

        using var token = await OAuth.RequestTokenAsync(TestSeed.ServiceA);
        using var health = await Server.Client.GetAsync("/health");
        using var ready = await Server.Client.GetAsync("/health/ready");
        var body = await OAuthClient.ReadJsonAsync(health);
        Assert.Multiple(() =>
        {
            Assert.That(burst.Statuses, Is.All.EqualTo(HttpStatusCode.OK), "fail-open: no limit, no error");
            Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "Redis is not required when failing open");
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("healthy"));
            Assert.That(body.GetProperty("checks").GetProperty("database").GetString(), Is.EqualTo("healthy"));
            Assert.That(body.GetProperty("checks").GetProperty("redis").GetString(), Is.EqualTo("unhealthy"));
        });
    }
}

/// <summary>Redis unreachable, fail-closed: requests are refused with 503 and the node is not ready, but alive.</summary>
public sealed class RedisFailClosedTests(StoreKind store) : ServerTest(store)
{
    private readonly string _redis = TestRedis.Unreachable();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:Redis"] = _redis,
        ["RateLimiting:RedisFailureMode"] = "Closed",
    };

    [Test]
    public async Task Requests_are_refused_with_503_and_the_spec_body()
    {
        using var jwks = await Server.Client.GetAsync("/jwks.json");
        using var token = await OAuth.RequestTokenAsync(TestSeed.ServiceA);
        foreach (var response in new[] { jwks, token })
        {
            var body = await OAuthClient.ReadJsonAsync(response);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));
                Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("temporarily_unavailable"));
                Assert.That(body.GetProperty("error_description").GetString(), Is.Not.Empty);
            });
        }
    }

    [Test]
    public async Task The_node_is_not_ready_but_alive_and_health_says_why()
    {
        using var ready = await Server.Client.GetAsync("/health/ready");
        using var live = await Server.Client.GetAsync("/health/live");
        using var health = await Server.Client.GetAsync("/health");
        var body = await OAuthClient.ReadJsonAsync(health);
        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("unhealthy"));
            Assert.That(body.GetProperty("checks").GetProperty("database").GetString(), Is.EqualTo("healthy"));
            Assert.That(body.GetProperty("checks").GetProperty("redis").GetString(), Is.EqualTo("unhealthy"));
        });
    }
}

/// <summary>A Redis that comes up after the node: fail-closed refusals stop and the node becomes ready, without a restart.</summary>
public sealed class RedisRecoveryTests(StoreKind store) : ServerTest(store)
{
    private readonly string _redis = TestRedis.Unreachable();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:Redis"] = _redis,
        ["RateLimiting:RedisFailureMode"] = "Closed",
    };

    [Test]
    public async Task Once_redis_answers_requests_pass_and_the_node_is_ready_again()
    {
        using (var refused = await Server.Client.GetAsync("/jwks.json"))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        using var redis = TestRedis.StartServer(int.Parse(_redis.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        var (status, ready) = await Eventually.ReadAsync(
            async () => (await StatusOfAsync("/jwks.json"), await StatusOfAsync("/health/ready")),
            statuses => statuses == (HttpStatusCode.OK, HttpStatusCode.OK),
            TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "requests pass again within 30 s of Redis answering");
            Assert.That(ready, Is.EqualTo(HttpStatusCode.OK), "the node is ready again");
        });
    }

    private async Task<HttpStatusCode> StatusOfAsync(string path)
    {
        using var response = await Server.Client.GetAsync(path);
        return response.StatusCode;
    }
}
