using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Observability;

/// <summary>
/// /metrics checks the connection's own address even when the connection comes from a trusted proxy network: a host
/// in that network could otherwise name an allowed address in X-Forwarded-For and read the metrics.
/// </summary>
public sealed class MetricsBehindTrustedProxyTests(StoreKind store) : ServerTest(store)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8",
        ["ForwardedHeaders:TrustedNetworks:0"] = "127.0.0.0/8",
    };

    [Test]
    public async Task Forwarded_headers_from_a_trusted_network_do_not_open_the_endpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "10.1.2.3");
        using var response = await Server.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
