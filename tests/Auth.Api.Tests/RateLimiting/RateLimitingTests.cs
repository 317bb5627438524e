using System.Diagnostics;
using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.RateLimiting;

/// <summary>The documented limit per client IP: a burst of 120, refilled at one a second; 429 with Retry-After beyond it.</summary>
public sealed class RateLimitingTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:Enabled"] = "true" };

    [Test, Order(1)]
    public async Task A_burst_of_200_gets_429s_once_120_plus_the_refill_are_spent_whatever_x_forwarded_for_says()
    {
        var started = Stopwatch.GetTimestamp();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? firstRefusal = null;
        for (var i = 0; i < 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/jwks.json");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i % 250}");
            var response = await Server.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && firstRefusal is null)
            {
                firstRefusal = response;
            }
            else
            {
                response.Dispose();
            }
        }

        var elapsedSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var allowed = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(120), Is.All.EqualTo(HttpStatusCode.OK), "the burst of 120 is allowed");
            Assert.That(allowed, Is.LessThanOrEqualTo(120 + (int)Math.Ceiling(elapsedSeconds) + 1), $"refill in {elapsedSeconds:0.0} s");
            Assert.That(statuses.Skip(120), Does.Contain(HttpStatusCode.TooManyRequests));
        });

        Assert.That(firstRefusal, Is.Not.Null);
        var body = await OAuthClient.ReadJsonAsync(firstRefusal!);
        Assert.Multiple(() =>
        {
            Assert.That(firstRefusal!.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));
            Assert.That(body.GetProperty("error").GetString(), Is.Not.Empty);
            Assert.That(body.GetProperty("error_description").GetString(), Is.EqualTo("Too many requests."));
        });
        firstRefusal!.Dispose();
    }

    [Test, Order(2)]
    public async Task Refusals_are_counted_by_policy_and_audited_once_a_minute_per_address()
    {
        // The bucket is spent by the first test; metrics are not limited, so they can be read meanwhile.
        using var scrape = await Server.Client.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        var refused = Observability.PrometheusText.Sum(text, "auth_rate_limit_rejections_total", ("policy", "ip"), ("reason", "limited"));

        using var scope = Server.Services.CreateScope();
        await Server.Services.GetRequiredService<AuditWriter>().FlushAsync(CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var audited = db.AuditEntries.Where(e => e.EventType == "rate_limit.rejected").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(scrape.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refused, Is.GreaterThanOrEqualTo(200 - 120 - 20), "every refusal of the burst is counted");
            Assert.That(audited, Has.Count.EqualTo(1), "one audit record for the whole burst");
            Assert.That(audited.Select(e => (e.Detail, e.Outcome, e.IpAddress)), Is.All.EqualTo(("ip", "rejected", "127.0.0.1")));
        });
    }

    [Test, Order(3)]
    public async Task Health_is_never_limited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 150; i++)
        {
            using var response = await Server.Client.GetAsync("/health");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
    }
}

/// <summary>
/// Behind a trusted proxy, X-Forwarded-For names the client, so each client has its own bucket. The proxy is named
/// under the older key, RateLimiting:TrustedProxies, which is still read as ForwardedHeaders:TrustedProxies.
/// </summary>
public sealed class TrustedProxyRateLimitingTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:TrustedProxies:0"] = "127.0.0.1",
    };

    [Test]
    public async Task Clients_behind_a_trusted_proxy_are_limited_each_on_their_own()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/jwks.json");
            request.Headers.Add("X-Forwarded-For", i < 100 ? "198.51.100.1" : "198.51.100.2");
            using var response = await Server.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK), "100 requests each: within each client's burst");
    }
}
