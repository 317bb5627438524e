using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.RateLimiting;

/// <summary>With a Redis configured, the per-IP limit behaves as in process, and its bucket lives in Redis.</summary>
public sealed class RedisRateLimitingTests(StoreKind store) : ServerTest(store)
{
    private readonly string _keyPrefix = TestRedis.NewKeyPrefix();

    protected override IDictionary<string, string?> Settings => TestRedis.Settings(_keyPrefix);

    [SetUp]
    public Task WaitForRedis() => TestRedis.WaitUntilConnectedAsync(Server.Client);

    [Test, Order(1)]
    public async Task A_burst_of_200_gets_429s_once_120_plus_the_refill_are_spent_and_the_bucket_is_in_redis()
    {
        using var burst = new Burst();
        for (var i = 0; i < 200; i++)
        {
            await burst.SendAsync(Server.Client, "/jwks.json");
        }

        Assert.Multiple(() =>
        {
            Assert.That(burst.Statuses.Take(120), Is.All.EqualTo(HttpStatusCode.OK), "the burst of 120 is allowed");
            Assert.That(burst.Allowed, Is.LessThanOrEqualTo(burst.MostAllowed(120)));
            Assert.That(burst.Statuses.Skip(120), Does.Contain(HttpStatusCode.TooManyRequests));
            Assert.That(burst.Statuses, Is.All.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.TooManyRequests));
        });

        var refusal = burst.FirstRefusal!;
        var body = await OAuthClient.ReadJsonAsync(refusal);
        Assert.Multiple(async () =>
        {
            Assert.That(refusal.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));
            Assert.That(refusal.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(body.GetProperty("error_description").GetString(), Is.EqualTo("Too many requests."));
            Assert.That(await TestRedis.KeysAsync(_keyPrefix), Is.EquivalentTo(new[] { _keyPrefix + "ip:127.0.0.1" }));
        });
    }

    [Test, Order(2)]
    public async Task Health_reports_redis_healthy_and_is_never_limited()
    {
        for (var i = 0; i < 130; i++)
        {
            using var response = await Server.Client.GetAsync("/health");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var health = await Server.Client.GetAsync("/health");
        var body = await OAuthClient.ReadJsonAsync(health);
        Assert.That(body.GetProperty("checks").GetProperty("redis").GetString(), Is.EqualTo("healthy"));
    }
}

/// <summary>Two server processes sharing one Redis enforce one limit between them, as nodes behind a load balancer.</summary>
public sealed class RedisAcrossNodesRateLimitingTests(StoreKind store) : ServerTest(store)
{
    private readonly string _keyPrefix = TestRedis.NewKeyPrefix();

    protected override IDictionary<string, string?> Settings => TestRedis.Settings(_keyPrefix);

    [Test]
    public async Task Two_nodes_sharing_one_redis_allow_one_burst_of_120_between_them_not_two()
    {
        await using var second = await AuthProcess.StartBesideAsync(Server, Settings);
        await TestRedis.WaitUntilConnectedAsync(Server.Client);
        await TestRedis.WaitUntilConnectedAsync(second.Client);
        using var first = new Burst();
        using var other = new Burst();
        for (var i = 0; i < 100; i++)
        {
            await first.SendAsync(Server.Client, "/jwks.json");
            await other.SendAsync(second.Client, "/jwks.json");
        }

        var allowed = first.Allowed + other.Allowed;
        Assert.Multiple(() =>
        {
            Assert.That(allowed, Is.GreaterThanOrEqualTo(120), "the burst is allowed");
            Assert.That(allowed, Is.LessThanOrEqualTo(first.MostAllowed(120)), "one limit for both nodes, not 240");
            Assert.That(first.Statuses, Does.Contain(HttpStatusCode.TooManyRequests), "the test server refuses too");
            Assert.That(other.Statuses, Does.Contain(HttpStatusCode.TooManyRequests), "the second node refuses too");
        });
    }
}
