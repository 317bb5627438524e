using System.Net;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.Options;

namespace Auth.Api.Tests.RateLimiting;

/// <summary>
/// An IPv6 host can use any address of its /64, so the per-address bucket is per /64. The clients are named by a
/// trusted proxy's X-Forwarded-For, since the tests themselves all talk from 127.0.0.1.
/// </summary>
public sealed class Ipv6RateLimitingTests(StoreKind store) : ServerTest(store)
{
    private const int Burst = 20;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:BurstLimit"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:TokensPerSecond"] = "0.01",
        ["ForwardedHeaders:TrustedNetworks:0"] = "127.0.0.0/8",
    };

    [Test]
    public async Task Four_addresses_of_one_slash_64_share_one_bucket()
    {
        var addresses = new[] { "2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:a1b2:c3d4:e5f6:789", "2001:db8:1:2:ffff:ffff:ffff:fffe" };

        var statuses = await SendAsync(Enumerable.Range(0, 40).Select(i => addresses[i % addresses.Length]));

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(Burst), Is.All.EqualTo(HttpStatusCode.OK), "one burst for the network");
            Assert.That(statuses.Count(s => s == HttpStatusCode.OK), Is.LessThanOrEqualTo(Burst + 1), "not one burst per address");
            Assert.That(statuses.Skip(Burst), Does.Contain(HttpStatusCode.TooManyRequests));
        });
    }

    [Test]
    public async Task Another_slash_64_has_a_bucket_of_its_own()
    {
        var spent = await SendAsync(Enumerable.Repeat("2001:db8:5:1::1", Burst + 5));
        Assert.That(spent, Does.Contain(HttpStatusCode.TooManyRequests), "the first network's bucket is spent");

        var neighbour = await SendAsync(Enumerable.Range(1, 10).Select(i => $"2001:db8:5:2::{i}"));

        Assert.That(neighbour, Is.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void A_prefix_length_outside_32_to_128_is_refused_at_start_up()
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["RateLimiting:IPv6PrefixLength"] = "16" });
        });

        Assert.That(failure!.Message, Does.Contain("IPv6PrefixLength"));
    }

    private async Task<List<HttpStatusCode>> SendAsync(IEnumerable<string> clients)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var client in clients)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/jwks.json");
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await Server.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
